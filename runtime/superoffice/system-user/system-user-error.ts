import { SoapkitError } from "../../errors.js";

/** Why the system-user flow failed; one reason per check, so callers can tell them apart. */
export type SystemUserFailure =
  | "key"
  | "exchange"
  | "rejected"
  | "malformed"
  | "algorithm"
  | "key-not-found"
  | "signature"
  | "issuer"
  | "audience"
  | "expired"
  | "not-yet-valid"
  | "claims";

/** The system-user login failed (`reason` says at which step). Never carries a key, token or ticket. */
export class SystemUserError extends SoapkitError {
  readonly reason: SystemUserFailure;
  constructor(reason: SystemUserFailure, message: string, options?: { cause?: unknown }) {
    super("ERR_SYSTEM_USER", `system user login: ${message}`, options);
    this.reason = reason;
  }
}

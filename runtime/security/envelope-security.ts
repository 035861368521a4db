/**
 * The message-security step the SOAP transports run (no imports: the transports depend on this
 * shape only, never on an implementation; `wsSecurity()` in ./ws-security.ts is one).
 */
import type { SoapVersion } from "../metadata.js";
import type { SecretSet } from "../secrets/secret-set.js";

/** What a security step puts on every request, so the transports can check a port's WS-Policy. */
export interface SecurityCapabilities {
  readonly usernameToken?: "text" | "digest";
  readonly timestamp?: boolean;
  readonly signature?: boolean;
}

export interface EnvelopeSecurity {
  /** What it adds (undefined: unknown, trusted to meet the policy). */
  readonly capabilities?: SecurityCapabilities;
  /** Return the envelope to send; add any credential it uses to `secrets`. */
  secure(envelope: string, version: SoapVersion, secrets: SecretSet): string;
  /** Check a response envelope before it is decoded; throw a `SecurityError` to reject it. */
  verify?(envelope: string): void;
}

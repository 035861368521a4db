import { SoapkitError } from "../errors.js";

/** Message security failed: a response signature that does not verify or does not cover the Body. */
export class SecurityError extends SoapkitError {
  constructor(message: string) {
    super("ERR_SOAP_SECURITY", `ws-security: ${message}`);
  }
}

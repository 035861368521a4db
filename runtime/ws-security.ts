/**
 * `@soapkit/runtime/ws-security`: WS-Security for the SOAP transports (Node only).
 * `soapHttpTransport({ security: wsSecurity({ usernameToken, timestamp, sign, verify }) })`.
 */
export { wsSecurity, type UsernameTokenOptions, type WsSecurityOptions } from "./security/ws-security.js";
export type { SignatureOptions, VerifyOptions } from "./security/signature.js";
export { signEnvelope, verifyEnvelope } from "./security/signature.js";
export { SecurityError } from "./security/security-error.js";
export type { EnvelopeSecurity } from "./security/envelope-security.js";

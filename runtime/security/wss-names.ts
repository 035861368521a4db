/** Namespaces, URIs and ids of OASIS WS-Security 1.0 (shared by the header builder and the signer). */
import { randomBytes } from "node:crypto";

export const WSSE_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
export const WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
export const TOKEN_PROFILE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
export const BASE64_ENCODING =
  "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";
export const X509_TOKEN = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";

/** A fresh `wsu:Id` value (unique per message: random, never reused). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(12).toString("hex")}`;
}

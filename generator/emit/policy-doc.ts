/** A port's WS-Policy requirements in words, for the generated client's JSDoc. */
import type { PortPolicy } from "@soapkit/runtime";

export function describePolicy(p: PortPolicy | undefined): string | undefined {
  if (p === undefined) return undefined;
  const needs: string[] = [];
  if (p.https === true) needs.push(p.clientCertificate === true ? "HTTPS with a client certificate" : "HTTPS");
  if (p.httpAuth !== undefined) needs.push(`HTTP ${p.httpAuth} authentication`);
  if (p.addressing === true) needs.push("WS-Addressing headers (sent automatically)");
  if (p.mtom === true) needs.push("MTOM-encoded requests (sent automatically)");
  if (p.usernameToken !== undefined)
    needs.push(`a WS-Security UsernameToken (${p.usernameToken === "digest" ? "PasswordDigest" : "PasswordText"})`);
  if (p.x509 === true) needs.push("an X.509 signature");
  if (p.timestamp === true) needs.push("a wsu:Timestamp");
  if (p.unsupported !== undefined) needs.push(`${p.unsupported.join("; ")} (not implemented by soapkit)`);
  return needs.length === 0
    ? undefined
    : `The binding's WS-Policy requires ${words(needs)}; SOAP transports check this before sending and throw a \`PolicyError\` naming what to configure.`;
}

/** `a`, `a and b`, `a, b and c`. */
function words(list: readonly string[]): string {
  return list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list.at(-1)!}`;
}

/** v4 `policy`: what a port's WS-Policy requires (format.ts), validated into `PortPolicy`. */
import type { PortPolicy } from "../metadata.js";
import { array, metadataError, object, oneOf, string } from "./check.js";

const FLAGS = ["addressing", "timestamp", "x509", "https", "clientCertificate", "mtom"] as const;

export function expandPolicy(v: unknown, version: number): PortPolicy {
  if (version < 4)
    throw metadataError("policy", `needs metadata format version 4 (this literal declares v: ${version})`);
  const o = object(v, "policy", [...FLAGS, "usernameToken", "httpAuth", "unsupported"]);
  const policy: { -readonly [K in keyof PortPolicy]: PortPolicy[K] } = {};
  for (const flag of FLAGS) {
    if (o[flag] === undefined) continue;
    if (o[flag] !== true) throw metadataError(`policy.${flag}`, "must be true when present");
    policy[flag] = true;
  }
  if (o["usernameToken"] !== undefined)
    policy.usernameToken = oneOf(o["usernameToken"], "policy.usernameToken", ["text", "digest"]);
  if (o["httpAuth"] !== undefined)
    policy.httpAuth = oneOf(o["httpAuth"], "policy.httpAuth", ["basic", "digest", "ntlm", "negotiate"]);
  if (o["unsupported"] !== undefined)
    policy.unsupported = array(o["unsupported"], "policy.unsupported").map((u, i) =>
      string(u, `policy.unsupported[${i}]`),
    );
  return policy;
}

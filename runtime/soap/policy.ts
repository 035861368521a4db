/**
 * Policy-driven defaults of the SOAP transports: the port's WS-Policy, as the generator read it
 * from the WSDL (`ServiceMetadata.policy`), against what the transport was given. Before any
 * byte is sent, a missing credential or an unmet requirement is a `PolicyError` that says what
 * to configure; WS-Addressing is switched on when the binding requires it and the caller did
 * not say otherwise. `policy: "ignore"` sends whatever was configured, unchecked.
 */
import type { OperationMeta, PortPolicy, ServiceMetadata } from "../metadata.js";
import { SoapkitError } from "../errors.js";
import { safeUrl } from "../redact.js";
import type { EnvelopeSecurity, SecurityCapabilities } from "../security/envelope-security.js";
import type { AddressingOptions } from "./addressing.js";
import type { HttpOptions } from "./http-options.js";
import type { MtomOptions } from "./mtom-writer.js";

/** Message-level options shared by the SOAP transports. */
export interface SoapMessageOptions {
  /**
   * Message security run on every envelope (and response check), e.g. `wsSecurity({...})` from
   * `@soapkit/runtime/ws-security`.
   */
  security?: EnvelopeSecurity;
  /**
   * WS-Addressing headers (`wsa:Action`, `MessageID`, `ReplyTo`, `To`) on every request: `true` or
   * options. Default: on when the binding's policy requires addressing, else off; `false` turns it off.
   */
  addressing?: boolean | AddressingOptions;
  /**
   * `"enforce"` (default): check the port's WS-Policy before sending and fail fast with a
   * `PolicyError` naming what is missing. `"ignore"`: send as configured.
   */
  policy?: "enforce" | "ignore";
  /**
   * Send requests as MTOM/XOP (`multipart/related; type="application/xop+xml"`): `xs:base64Binary`
   * values (at or above `threshold` bytes, default every non-empty one) go as binary parts.
   * `mtomFile(path)` / `mtomStream(open)` values are read while sent (not held in memory).
   * Default: on when the binding's policy requires MTOM (`wsoma:OptimizedMimeSerialization`), else off.
   */
  mtom?: boolean | MtomOptions;
}

/** What the connection layer of a transport provides, when it can tell (undefined: unknown, not checked). */
export interface ConnectionFacts {
  readonly clientCertificate?: boolean;
  readonly httpAuth?: "basic" | "ntlm" | undefined;
}

/** What the `http` connection options of a Node transport provide. */
export function connectionFacts(http: HttpOptions | undefined): ConnectionFacts {
  return {
    clientCertificate: http?.tls?.cert !== undefined || http?.tls?.pfx !== undefined,
    httpAuth: http?.auth?.kind,
  };
}

/** The port's WS-Policy asks for something the client was not given (nothing was sent). */
export class PolicyError extends SoapkitError {
  readonly operation: string;
  /** The requirement, e.g. `usernameToken`, `https`, `unsupported`. */
  readonly requirement: keyof PortPolicy;
  constructor(operation: string, requirement: keyof PortPolicy, message: string) {
    super("ERR_SOAP_POLICY", `${operation}: ${message}`);
    this.operation = operation;
    this.requirement = requirement;
  }
}

/** The addressing settings to use for one call (undefined: no WS-Addressing headers). */
export interface EffectiveAddressing {
  readonly options: AddressingOptions;
  readonly endpoint: string;
}

/** Check the policy (unless ignored) and return the call's addressing settings. */
export function applyPolicy(
  meta: ServiceMetadata,
  op: OperationMeta,
  message: SoapMessageOptions,
  endpoint: string,
  connection: ConnectionFacts = {},
): EffectiveAddressing | undefined {
  const policy = message.policy === "ignore" ? undefined : meta.policy;
  if (policy !== undefined) {
    const problem = firstProblem(policy, message.security, endpoint, connection);
    if (problem !== undefined)
      throw new PolicyError(op.name, problem[0], `the WS-Policy of binding "${meta.binding}" ${problem[1]}`);
  }
  const option = message.addressing ?? (policy?.addressing === true ? true : undefined);
  return addressingOf(option, endpoint);
}

type Problem = [keyof PortPolicy, string];
const IGNORE = 'or pass `policy: "ignore"` to the transport to send anyway';

function firstProblem(
  p: PortPolicy,
  security: EnvelopeSecurity | undefined,
  endpoint: string,
  connection: ConnectionFacts,
): Problem | undefined {
  if (p.unsupported !== undefined && p.unsupported.length > 0)
    return ["unsupported", `requires ${p.unsupported.join("; ")}, which soapkit does not implement; ${IGNORE}`];
  if (p.https === true && new URL(endpoint).protocol !== "https:")
    return ["https", `requires HTTPS (sp:HttpsToken), but the endpoint is ${safeUrl(endpoint)}; ${IGNORE}`];
  if (p.clientCertificate === true && connection.clientCertificate === false)
    return ["clientCertificate", "requires a TLS client certificate: pass `http: { tls: { cert, key } }` (or `pfx`)"];
  const auth = httpAuthProblem(p, connection);
  if (auth !== undefined) return auth;
  return securityProblem(p, security === undefined ? {} : security.capabilities);
}

function httpAuthProblem(p: PortPolicy, connection: ConnectionFacts): Problem | undefined {
  if (p.httpAuth === undefined || !("httpAuth" in connection)) return undefined;
  const given = connection.httpAuth;
  const ok = given === p.httpAuth || (p.httpAuth === "negotiate" && given === "ntlm"); // SPNEGO falls back to NTLM
  if (ok) return undefined;
  const how = p.httpAuth === "basic" ? '"basic", ... } }`' : '"ntlm", ... } }` to `soapHttpTransport`';
  return ["httpAuth", `requires HTTP ${p.httpAuth} authentication: pass \`http: { auth: { kind: ${how}`];
}

/** A custom security step without declared capabilities is trusted to satisfy the policy. */
function securityProblem(p: PortPolicy, has: SecurityCapabilities | undefined): Problem | undefined {
  if (has === undefined) return undefined;
  const ws = "(from `@soapkit/runtime/ws-security`) to the transport";
  if (p.usernameToken !== undefined && has.usernameToken !== p.usernameToken) {
    const type = p.usernameToken === "digest" ? "PasswordDigest" : "PasswordText";
    return [
      "usernameToken",
      `requires a WS-Security UsernameToken (${type}): pass \`security: wsSecurity({ usernameToken: { username, password, passwordType: "${p.usernameToken}" } })\` ${ws}`,
    ];
  }
  if (p.x509 === true && has.signature !== true)
    return ["x509", `requires an X.509 signature: pass \`security: wsSecurity({ sign: { key, certificate } })\` ${ws}`];
  if (p.timestamp === true && has.timestamp !== true)
    return ["timestamp", `requires a wsu:Timestamp: pass \`security: wsSecurity({ timestamp: true, ... })\` ${ws}`];
  return undefined;
}

/** The addressing settings for one endpoint (undefined: no WS-Addressing). */
function addressingOf(
  option: boolean | AddressingOptions | undefined,
  endpoint: string,
): EffectiveAddressing | undefined {
  if (option === undefined || option === false) return undefined;
  const url = new URL(endpoint);
  url.username = "";
  url.password = ""; // wsa:To names the service, never the credentials in its URL
  return { options: option === true ? {} : option, endpoint: url.href };
}

/**
 * One policy alternative → what it requires of a client (`PortPolicy`). Known assertions of
 * WS-SecurityPolicy (1.1 of 2005/07 as WCF writes it, 1.2/1.3 of OASIS), WS-Addressing metadata,
 * MTOM (`wsoma:OptimizedMimeSerialization`) and WCF's HTTP/encoding policies are read; requirements soapkit cannot meet are listed as
 * `unsupported`; assertions from vocabularies soapkit does not know are returned for a note.
 */
import type { PortPolicy } from "@soapkit/runtime";
import { WSAW_NS, WSP_NS } from "../../parse/policy-reader.js";
import type { RawPolicyNode } from "../../parse/raw-wsdl.js";
import type { Alternative } from "./policy-alternatives.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
/** An unmet requirement and the assertion that states it. */
export interface Unsupported {
  readonly what: string;
  readonly at: RawPolicyNode["location"];
}
export type Requirements = Mutable<Omit<PortPolicy, "unsupported">> & { unsupported: Unsupported[] };

const SP_NS = new Set([
  "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy",
  "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200512",
  "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702",
]);
const WSAM_NS = "http://www.w3.org/2007/05/addressing/metadata";
const WSOMA_NS = "http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization";
const MS_HTTP_NS = "http://schemas.microsoft.com/ws/06/2004/policy/http";
const HTTP_AUTH: Readonly<Record<string, NonNullable<PortPolicy["httpAuth"]>>> = {
  BasicAuthentication: "basic",
  DigestAuthentication: "digest",
  NtlmAuthentication: "ntlm",
  NegotiateAuthentication: "negotiate",
};
/** Vocabularies whose assertions soapkit cannot honour at all, by namespace. */
const UNSUPPORTED_NS: Readonly<Record<string, string>> = {
  "http://schemas.microsoft.com/ws/06/2004/mspolicy/netbinary1": "WCF binary message encoding",
  "http://schemas.xmlsoap.org/ws/2005/02/rm/policy": "WS-ReliableMessaging",
  "http://docs.oasis-open.org/ws-rx/wsrmp/200702": "WS-ReliableMessaging",
};
/** Security assertions that only describe how the rest is done (algorithms, layout, WSS/Trust options). */
const SP_INFORMATIONAL = new Set([
  "AlgorithmSuite",
  "Layout",
  "Wss10",
  "Wss11",
  "Trust10",
  "Trust13",
  "SignedParts",
  "SignedElements",
]);
const SP_BINDINGS = new Set(["TransportBinding", "AsymmetricBinding", "SymmetricBinding"]);
const SP_ENCRYPTION = new Set(["EncryptedParts", "EncryptedElements", "ContentEncryptedElements"]);

export function emptyRequirements(): Requirements {
  return { unsupported: [] };
}

/** What one alternative requires; `unknown` collects assertions of vocabularies soapkit does not know. */
export function requirementsOf(alternative: Alternative, unknown: RawPolicyNode[]): Requirements {
  const r = emptyRequirements();
  for (const a of alternative) assertion(a, r, unknown);
  return r;
}

function assertion(a: RawPolicyNode, r: Requirements, unknown: RawPolicyNode[]): void {
  const auth = a.ns === MS_HTTP_NS ? HTTP_AUTH[a.local] : undefined;
  if (a.ns === WSAM_NS && a.local === "Addressing") r.addressing = true;
  else if (WSAW_NS.has(a.ns) && a.local === "UsingAddressing") r.addressing = true;
  else if (a.ns === WSOMA_NS && a.local === "OptimizedMimeSerialization") r.mtom = true;
  else if (auth !== undefined) r.httpAuth = auth;
  else if (UNSUPPORTED_NS[a.ns] !== undefined)
    r.unsupported.push({ what: `${UNSUPPORTED_NS[a.ns]} (${a.local})`, at: a.location });
  else if (SP_NS.has(a.ns)) securityAssertion(a, r);
  else if (!WSP_NS.has(a.ns)) unknown.push(a);
}

function securityAssertion(a: RawPolicyNode, r: Requirements): void {
  if (SP_INFORMATIONAL.has(a.local)) return;
  if (SP_BINDINGS.has(a.local)) return securityBinding(a, r);
  if (SP_ENCRYPTION.has(a.local)) {
    if (a.children.length > 0) r.unsupported.push({ what: `message encryption (sp:${a.local})`, at: a.location });
    return;
  }
  if (a.local.endsWith("SupportingTokens")) {
    if (a.local.includes("Encrypted"))
      r.unsupported.push({ what: `encrypted supporting tokens (sp:${a.local})`, at: a.location });
    for (const token of nestedAssertions(a)) supportingToken(token, r);
    return;
  }
  r.unsupported.push({ what: `sp:${a.local}`, at: a.location });
}

function securityBinding(a: RawPolicyNode, r: Requirements): void {
  if (a.local === "SymmetricBinding") {
    r.unsupported.push({
      what: "sp:SymmetricBinding (message security with derived or secure-conversation keys)",
      at: a.location,
    });
    return;
  }
  if (hasDescendant(a, "IncludeTimestamp")) r.timestamp = true;
  if (a.local === "AsymmetricBinding") {
    r.x509 = true;
    for (const t of descendants(a, (n) => n.local.endsWith("Token") && SP_NS.has(n.ns) && !isTokenWrapper(n.local)))
      if (t.local !== "X509Token")
        r.unsupported.push({ what: `sp:${t.local} as a message signature token`, at: t.location });
    return;
  }
  const https = descendants(a, (n) => SP_NS.has(n.ns) && n.local === "HttpsToken")[0];
  if (https === undefined) return;
  r.https = true;
  if (hasDescendant(https, "RequireClientCertificate") || https.attributes["RequireClientCertificate"] === "true")
    r.clientCertificate = true;
}

function supportingToken(t: RawPolicyNode, r: Requirements): void {
  if (t.local === "UsernameToken") r.usernameToken = hasDescendant(t, "HashPassword") ? "digest" : "text";
  else if (t.local === "X509Token") r.x509 = true;
  else if (t.local !== "AlgorithmSuite" && t.local !== "SignedParts")
    r.unsupported.push({ what: `sp:${t.local}`, at: t.location });
}

/** `sp:InitiatorToken`, `sp:RecipientToken`, `sp:TransportToken`...: wrappers around the real token. */
function isTokenWrapper(local: string): boolean {
  return /^(Initiator|Recipient|Transport|Protection|Signature|Encryption)(Signature|Encryption)?Token$/.test(local);
}

/** The assertions of an assertion's nested `wsp:Policy` (its parameters). */
function nestedAssertions(a: RawPolicyNode): RawPolicyNode[] {
  return a.children.flatMap((c) => (WSP_NS.has(c.ns) ? nestedAssertions(c) : [c]));
}

function descendants(n: RawPolicyNode, keep: (n: RawPolicyNode) => boolean): RawPolicyNode[] {
  return n.children.flatMap((c) => [...(keep(c) ? [c] : []), ...descendants(c, keep)]);
}

function hasDescendant(n: RawPolicyNode, local: string): boolean {
  return descendants(n, (c) => SP_NS.has(c.ns) && c.local === local).length > 0;
}

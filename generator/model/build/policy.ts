/**
 * The WS-Policy of a port's binding → what a client must send (`PortPolicy`, carried in the
 * metadata and checked by the SOAP transports). Policies on the binding, its operations and
 * their messages all count for the port. Of a policy's alternatives soapkit keeps what every
 * alternative it can satisfy requires; when it can satisfy none, their unsupported requirements
 * are listed (calls then fail fast). Nothing is dropped in silence: unsupported requirements are
 * warnings and assertions of unknown vocabularies are notes, both located.
 */
import type { PortPolicy } from "@soapkit/runtime";
import type { RawBinding, RawPolicyAttachment, RawPolicyNode } from "../../parse/raw-wsdl.js";
import type { Note } from "../types.js";
import { alternatives, referenced, type Alternative, type PolicyScope } from "./policy-alternatives.js";
import { emptyRequirements, requirementsOf, type Requirements } from "./policy-requirements.js";

export function portPolicy(binding: RawBinding, scope: PolicyScope, notes: Note[]): PortPolicy | undefined {
  const merged = emptyRequirements();
  const unknown: RawPolicyNode[] = [];
  for (const attachment of binding.policies) {
    const alts = attachmentAlternatives(attachment, scope);
    if (alts === undefined) {
      if (attachment.kind === "reference")
        merged.unsupported.push({ what: `the unresolved policy "${attachment.uri}"`, at: attachment.location });
      continue;
    }
    const r = reduce(alts, unknown);
    for (const u of r.unsupported) {
      notes.push({
        kind: "wsdl-policy-unsupported",
        severity: "warning",
        message: `the WS-Policy of ${attachment.scope} requires ${u.what}, which soapkit does not implement; calls on port(s) of binding "${binding.name}" fail with a PolicyError unless the transport is given \`policy: "ignore"\``,
        location: u.at,
      });
    }
    Object.assign(merged, { ...r, unsupported: [...merged.unsupported, ...r.unsupported] });
  }
  noteUnknown(unknown, binding, notes);
  return toPolicy(merged);
}

function attachmentAlternatives(a: RawPolicyAttachment, scope: PolicyScope): Alternative[] | undefined {
  if (a.kind === "inline") return alternatives(a.policy, scope);
  if (a.kind === "reference") return referenced(a.uri, a.location, scope);
  const node: RawPolicyNode = {
    ns: "http://www.w3.org/2006/05/addressing/wsdl",
    local: "UsingAddressing",
    optional: !a.required,
    attributes: {},
    location: a.location,
    children: [],
  };
  return a.required ? [[node]] : undefined;
}

/** What every satisfiable alternative requires (or, when none is, what blocks them all). */
function reduce(alts: readonly Alternative[], unknown: RawPolicyNode[]): Requirements {
  const reqs = alts.map((a) => requirementsOf(a, unknown));
  const usable = reqs.filter((r) => r.unsupported.length === 0);
  const pool = usable.length > 0 ? usable : reqs;
  const out = emptyRequirements();
  const first = pool[0];
  if (first === undefined) return out;
  for (const key of [
    "addressing",
    "usernameToken",
    "timestamp",
    "x509",
    "https",
    "clientCertificate",
    "httpAuth",
    "mtom",
  ] as const) {
    const values = new Set(pool.map((r) => r[key]));
    if (values.size === 1 && first[key] !== undefined) Object.assign(out, { [key]: first[key] });
    else if (key === "usernameToken" && !values.has(undefined)) out.usernameToken = "text"; // text is enough for one
  }
  if (usable.length === 0) out.unsupported = reqs.flatMap((r) => r.unsupported);
  return out;
}

function noteUnknown(unknown: readonly RawPolicyNode[], binding: RawBinding, notes: Note[]): void {
  const seen = new Set<string>();
  for (const a of unknown) {
    const key = `{${a.ns}}${a.local}`;
    if (seen.has(key)) continue;
    seen.add(key);
    notes.push({
      kind: "wsdl-policy-unknown",
      message: `policy assertion ${key} of binding "${binding.name}" is not a vocabulary soapkit knows; it is not enforced`,
      location: a.location,
    });
  }
}

function toPolicy(r: Requirements): PortPolicy | undefined {
  const { unsupported, ...rest } = r;
  const what = [...new Set(unsupported.map((u) => u.what))];
  const policy: PortPolicy = { ...rest, ...(what.length > 0 ? { unsupported: what } : {}) };
  return Object.keys(policy).length > 0 ? policy : undefined;
}

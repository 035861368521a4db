/**
 * WS-Policy stage units: normal form (model/build/policy-alternatives.ts) and what one
 * alternative requires (policy-requirements.ts), on small inline policies.
 */
import { describe, expect, it } from "vitest";
import { parseXml } from "../../../generator/parse/xml.js";
import { policyId, readPolicyNode } from "../../../generator/parse/policy-reader.js";
import { alternatives, type PolicyScope } from "../../../generator/model/build/policy-alternatives.js";
import { requirementsOf } from "../../../generator/model/build/policy-requirements.js";
import type { RawPolicyNode } from "../../../generator/parse/raw-wsdl.js";
import type { Note } from "../../../generator/model/types.js";

const NS = `xmlns:wsp="http://www.w3.org/ns/ws-policy" xmlns:sp="http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"`;

function policies(xml: string): { root: RawPolicyNode[]; scope: PolicyScope; notes: Note[] } {
  const doc = parseXml(`<r ${NS}>${xml}</r>`, "inline.xml");
  const byId = new Map(doc.children.map((c) => [policyId(c) ?? "", readPolicyNode(c)]));
  const notes: Note[] = [];
  return { root: doc.children.map(readPolicyNode), scope: { byId: (id) => byId.get(id), notes }, notes };
}

const names = (alts: readonly (readonly RawPolicyNode[])[]): string[][] => alts.map((a) => a.map((n) => n.local));

describe("policy normal form", () => {
  it("crosses All with ExactlyOne, expands Optional, and follows references", () => {
    const { root, scope } = policies(
      `<wsp:Policy wsu:Id="main"><wsam:Addressing wsp:Optional="true"/><wsp:ExactlyOne><sp:A/><sp:B/></wsp:ExactlyOne>` +
        `<wsp:PolicyReference URI="#other"/></wsp:Policy><wsp:Policy wsu:Id="other"><sp:C/></wsp:Policy>`,
    );
    expect(names(alternatives(root[0]!, scope))).toEqual([
      ["A", "C"],
      ["B", "C"],
      ["Addressing", "A", "C"],
      ["Addressing", "B", "C"],
    ]);
  });

  it("a reference cycle or a missing target is a located warning, not a hang or a silent pass", () => {
    const { root, scope, notes } = policies(
      `<wsp:Policy wsu:Id="a"><wsp:PolicyReference URI="#a"/></wsp:Policy><wsp:Policy wsu:Id="b"><wsp:PolicyReference URI="#zz"/></wsp:Policy>`,
    );
    expect(names(alternatives(root[0]!, scope))).toEqual([[]]); // self-reference (reported below)
    alternatives(root[1]!, scope);
    expect(notes.map((n) => [n.kind, n.severity, n.location.line, n.message.slice(0, 41)])).toEqual([
      ["wsdl-policy-unresolved", "warning", 1, 'wsp:PolicyReference "#a" refers to itself'],
      ["wsdl-policy-unresolved", "warning", 1, 'wsp:PolicyReference "#zz" names no wsp:Po'],
    ]);
  });
});

describe("requirements of one alternative", () => {
  it("reads tokens inside supporting tokens and transport bindings; lists what cannot be met", () => {
    const { root, scope } = policies(
      `<wsp:Policy><sp:TransportBinding><wsp:Policy><sp:TransportToken><wsp:Policy><sp:HttpsToken><wsp:Policy><sp:RequireClientCertificate/></wsp:Policy></sp:HttpsToken></wsp:Policy></sp:TransportToken><sp:IncludeTimestamp/></wsp:Policy></sp:TransportBinding>` +
        `<sp:SignedSupportingTokens><wsp:Policy><sp:UsernameToken><wsp:Policy><sp:HashPassword/></wsp:Policy></sp:UsernameToken><sp:KerberosToken/></wsp:Policy></sp:SignedSupportingTokens><other:X xmlns:other="urn:o"/></wsp:Policy>`,
    );
    const unknown: RawPolicyNode[] = [];
    const [alt] = alternatives(root[0]!, scope);
    const r = requirementsOf(alt!, unknown);
    expect({ ...r, unsupported: r.unsupported.map((u) => u.what) }).toEqual({
      https: true,
      clientCertificate: true,
      timestamp: true,
      usernameToken: "digest",
      unsupported: ["sp:KerberosToken"],
    });
    expect(unknown.map((u) => `${u.ns} ${u.local}`)).toEqual(["urn:o X"]);
  });
});

/**
 * WS-Policy in a WSDL (WS-PolicyAttachment): `wsp:Policy` elements at definitions level, and the
 * policies a binding attaches to itself, its operations and their messages (inline `wsp:Policy`,
 * `wsp:PolicyReference URI="#id"`, and the `wsaw:UsingAddressing` binding extension). The trees
 * are kept as read; model/build/policy.ts normalises them and decides what they require.
 */
import type { SourceLocation } from "../model/types.js";
import type { RawPolicyAttachment, RawPolicyNode } from "./raw-wsdl.js";
import { attributeValue, nodeLocation, type XmlNode } from "./xml.js";

/** WS-Policy 1.2 (W3C submission, WCF) and WS-Policy 1.5 (W3C recommendation). */
export const WSP_NS: ReadonlySet<string> = new Set([
  "http://schemas.xmlsoap.org/ws/2004/09/policy",
  "http://www.w3.org/ns/ws-policy",
]);
const WSU_NS = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/** WS-Addressing WSDL binding: `wsaw:UsingAddressing` (2006/05; 2006/02 is its last call draft). */
export const WSAW_NS: ReadonlySet<string> = new Set([
  "http://www.w3.org/2006/05/addressing/wsdl",
  "http://www.w3.org/2006/02/addressing/wsdl",
]);

export function isPolicyElement(node: XmlNode): boolean {
  return WSP_NS.has(node.ns) && node.local === "Policy";
}

/** A policy tree: every element with its namespace, name, `Optional` flag and location. */
export function readPolicyNode(node: XmlNode): RawPolicyNode {
  const optional = node.attributes.find((a) => a.local === "Optional" && (a.ns === "" || WSP_NS.has(a.ns)));
  return {
    ns: node.ns,
    local: node.local,
    optional: optional?.value.trim() === "true" || optional?.value.trim() === "1",
    attributes: Object.fromEntries(node.attributes.filter((a) => a.ns === "").map((a) => [a.local, a.value.trim()])),
    ...(WSP_NS.has(node.ns) && node.local === "PolicyReference"
      ? { uri: attributeValue(node, "URI")?.trim() ?? "" }
      : {}),
    location: nodeLocation(node),
    children: node.children.map(readPolicyNode),
  };
}

/** The id a `wsp:PolicyReference URI="#id"` names: `wsu:Id`, `xml:id` or (WS-Policy 1.2) `Name`. */
export function policyId(node: XmlNode): string | undefined {
  const id =
    node.attributes.find((a) => a.local === "Id" && a.ns === WSU_NS) ??
    node.attributes.find((a) => a.local === "id" && a.prefix === "xml") ??
    node.attributes.find((a) => a.local === "Name" && a.ns === "");
  return id?.value.trim();
}

/**
 * The policies attached directly under a binding, binding operation or binding message
 * element (`scope` names it in diagnostics and notes).
 */
export function readAttachments(node: XmlNode, scope: string): RawPolicyAttachment[] {
  const out: RawPolicyAttachment[] = [];
  for (const c of node.children) {
    const at: SourceLocation = nodeLocation(c);
    if (isPolicyElement(c)) out.push({ kind: "inline", policy: readPolicyNode(c), scope, location: at });
    else if (WSP_NS.has(c.ns) && c.local === "PolicyReference") {
      out.push({ kind: "reference", uri: attributeValue(c, "URI")?.trim() ?? "", scope, location: at });
    } else if (WSAW_NS.has(c.ns) && c.local === "UsingAddressing") {
      const required = c.attributes.find((a) => a.local === "required" && a.ns.endsWith("/wsdl/"));
      out.push({ kind: "using-addressing", required: required?.value.trim() === "true", scope, location: at });
    }
  }
  return out;
}

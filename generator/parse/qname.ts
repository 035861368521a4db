/**
 * Resolution of QName-valued attributes (`type="q1:ArrayOfint"`, `message="tns:Foo"`) against
 * the namespaces in scope at the element that carries them.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { QName, SourceLocation } from "../model/types.js";
import { attributeLocation, findAttribute, type XmlNode } from "./xml.js";

/**
 * A QName reference as written in the source. `qname` is undefined when the prefix is not
 * declared; the error is reported only if the reference is actually used (see `unknownPrefix`).
 */
export interface QNameRef {
  /** The attribute value as written (trimmed), e.g. `q1:ArrayOfint`. */
  readonly text: string;
  readonly prefix: string;
  readonly local: string;
  readonly qname: QName | undefined;
  /** Location of the attribute holding the reference. */
  readonly location: SourceLocation;
}

/**
 * Resolve `prefix:local` against `node`'s in-scope namespaces. Unprefixed values use the
 * default namespace (or no namespace when none is declared).
 */
export function resolveQName(value: string, node: XmlNode, location: SourceLocation): QNameRef {
  const text = value.trim();
  const colon = text.indexOf(":");
  const prefix = colon === -1 ? "" : text.slice(0, colon);
  const local = colon === -1 ? text : text.slice(colon + 1);
  const ns = node.namespaces[prefix];
  const qname = ns !== undefined ? { ns, local } : prefix === "" ? { ns: "", local } : undefined;
  return { text, prefix, local, qname, location };
}

/** Read a QName-valued attribute of `node`; undefined when the attribute is absent. */
export function qnameAttribute(node: XmlNode, attrLocal: string): QNameRef | undefined {
  const a = findAttribute(node, attrLocal);
  if (a === undefined) return undefined;
  return resolveQName(a.value, node, attributeLocation(node, attrLocal));
}

/** The `xml-unknown-prefix` diagnostic for a reference whose prefix is not declared. */
export function unknownPrefix(ref: QNameRef): Diagnostic {
  return {
    kind: "xml-unknown-prefix",
    message: `namespace prefix "${ref.prefix}" in "${ref.text}" is not declared`,
    location: ref.location,
  };
}

/** `{ns}local (prefix:local)` for messages: both forms help the user find the reference. */
export function describeRef(ref: QNameRef): string {
  return ref.qname ? `"${ref.text}" ({${ref.qname.ns}}${ref.qname.local})` : `"${ref.text}"`;
}

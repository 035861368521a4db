/**
 * Positioned, namespace-aware XML element tree (shapes in xml-tree.ts) and queries over it.
 * Documents are read by a fast scanner (xml-scan.ts); whatever it is not sure of (malformed
 * XML, DOCTYPE, unusual constructs) is read by saxes (xml-saxes.ts), whose checks give the
 * diagnostics. Security: any DOCTYPE is rejected (`xml-doctype`) before an entity could be
 * expanded; nesting is bounded by MAX_DEPTH.
 */
import { GeneratorError } from "../diagnostics/diagnostic.js";
import type { SourceLocation } from "../model/types.js";
import { parseWithSaxes } from "./xml-saxes.js";
import { scanXml } from "./xml-scan.js";
import type { XmlAttribute, XmlNode } from "./xml-tree.js";

export { XML_NS, type XmlAttribute, type XmlNode } from "./xml-tree.js";

/**
 * Parse a document into an element tree. Throws `GeneratorError` with one of
 * `xml-empty`, `xml-doctype`, `xml-malformed`, `xml-unknown-prefix`, `xml-too-deep`.
 */
export function parseXml(input: string, file: string): XmlNode {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.trim() === "") {
    throw new GeneratorError({
      kind: "xml-empty",
      message: "the document is empty",
      location: { file, line: 1, column: 1 },
    });
  }
  return scanXml(text, file) ?? parseWithSaxes(text, file);
}

/** Source location of an element's start tag. */
export function nodeLocation(node: XmlNode): SourceLocation {
  return { file: node.file, line: node.line, column: node.column };
}

/** Find an attribute by local name (and namespace, "" = unqualified). */
export function findAttribute(node: XmlNode, local: string, ns = ""): XmlAttribute | undefined {
  for (const a of node.attributes) if (a.local === local && a.ns === ns) return a;
  return undefined;
}

/** Value of an attribute, or undefined. */
export function attributeValue(node: XmlNode, local: string, ns = ""): string | undefined {
  return findAttribute(node, local, ns)?.value;
}

/** Location of an attribute (falls back to the element's location). */
export function attributeLocation(node: XmlNode, local: string, ns = ""): SourceLocation {
  const a = findAttribute(node, local, ns);
  return a ? { file: node.file, line: a.line, column: a.column } : nodeLocation(node);
}

/** Element children with the given namespace and local name. */
export function childrenNamed(node: XmlNode, ns: string, local: string): XmlNode[] {
  return node.children.filter((c) => c.ns === ns && c.local === local);
}

/** First element child with the given namespace and local name. */
export function firstChild(node: XmlNode, ns: string, local: string): XmlNode | undefined {
  for (const c of node.children) if (c.ns === ns && c.local === local) return c;
  return undefined;
}

/** All character data of the element and its descendants, in document order. */
export function deepText(node: XmlNode): string {
  if (node.children.length === 0) return node.text;
  let out = node.lead;
  for (const c of node.children) out += deepText(c) + c.tail;
  return out;
}

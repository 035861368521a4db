/**
 * Minimal, secure XML → element tree parser on top of saxes (namespace-aware).
 *
 * - No DTD processing at all: any DOCTYPE is rejected before saxes sees it, so entity
 *   expansion ("billion laughs") and external entities can never happen.
 * - Depth and node-count limits bound memory use on hostile input.
 * - Hot path: one element object per element, attribute maps only for elements that have
 *   attributes, namespace scopes only for elements that declare namespaces.
 * - Fast path (fast-tree.ts): documents in a plain subset of XML (no comments, CDATA, PIs,
 *   CR, control characters or non-ASCII names) are read by a hand-written scanner that builds
 *   the same tree several times faster; anything else, errors included, goes through saxes.
 */

import { SaxesParser, type SaxesTagNS } from "saxes";
import { XmlLimitError, XmlParseError } from "../errors.js";
import { EMPTY_ATTRS, ROOT_SCOPE, TreeElement, type XmlElement, type XmlNamespaceScope } from "./element.js";
import { fastParseXml } from "./fast-tree.js";

export type { XmlElement, XmlNamespaceScope } from "./element.js";

/** Limits applied while parsing. */
export interface ParseXmlOptions {
  /** Maximum element nesting depth (default 256). */
  maxDepth?: number;
  /**
   * Maximum number of elements (default 200,000, about 0.1 s of parsing): bounds the work one
   * document can cause. Exceeding it throws `XmlLimitError` as soon as the limit is passed.
   */
  maxNodes?: number;
}

/** Default element-count limit of `parseXml`. */
export const DEFAULT_MAX_NODES = 200_000;

/** Parse an XML document into an element tree; throws `XmlParseError` with line/column. */
export function parseXml(xml: string, options?: ParseXmlOptions): XmlElement {
  rejectDoctype(xml);
  const maxDepth = options?.maxDepth ?? 256;
  const maxNodes = options?.maxNodes ?? DEFAULT_MAX_NODES;
  return fastParseXml(xml, maxDepth, maxNodes) ?? saxesParseXml(xml, maxDepth, maxNodes);
}

/** The general path: saxes checks every rule of XML 1.0 and namespaces and reports errors with their position. */
export function saxesParseXml(xml: string, maxDepth: number, maxNodes: number): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: TreeElement[] = [];
  let current: TreeElement | undefined;
  let root: TreeElement | undefined;
  let nodes = 0;

  const fail = (message: string): never => {
    throw new XmlParseError(message, parser.line, parser.column);
  };

  parser.on("error", (err: Error) => {
    // saxes prefixes messages with "line:column: "; we report position separately.
    fail(err.message.replace(/^\d+:\d+: /, ""));
  });
  parser.on("doctype", () => {
    // Unreachable in practice (rejectDoctype runs first); kept as a second line of defence.
    fail("DOCTYPE is not allowed");
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (++nodes > maxNodes) throw new XmlLimitError("elements", maxNodes, parser.line, parser.column);
    if (stack.length >= maxDepth) throw new XmlLimitError("depth", maxDepth, parser.line, parser.column);
    let attrs = EMPTY_ATTRS;
    let scope = current !== undefined ? current.scope : ROOT_SCOPE;
    let declares = false;
    const attributes = tag.attributes;
    for (const name in attributes) {
      const a = attributes[name]!;
      if (a.prefix === "xmlns" || name === "xmlns") {
        declares = true;
        continue;
      }
      if (attrs === EMPTY_ATTRS) attrs = new Map();
      (attrs as Map<string, string>).set(a.uri === "" ? a.local : `{${a.uri}}${a.local}`, a.value);
    }
    if (declares) scope = { parent: scope, decls: tag.ns };
    const el = new TreeElement(tag.uri, tag.local, attrs, parser.line, parser.column, scope);
    if (current !== undefined) current.add(el);
    else root = el;
    stack.push(el);
    current = el;
  });
  parser.on("closetag", () => {
    stack.pop();
    current = stack.length > 0 ? stack[stack.length - 1] : undefined;
  });
  const onText = (text: string): void => {
    if (current !== undefined) current.text += text;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);

  parser.write(xml).close();
  if (root === undefined) fail("document has no root element");
  return root!;
}

/**
 * Reject a DOCTYPE in the prolog before parsing starts, so that no part of a DTD
 * (internal subset, entity declarations, external identifiers) is ever processed.
 */
function rejectDoctype(xml: string): void {
  let i = 0;
  const n = xml.length;
  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  for (;;) {
    while (i < n) {
      const c = xml.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
    if (xml.startsWith("<?", i)) {
      const end = xml.indexOf("?>", i + 2);
      if (end < 0) return; // saxes reports the unterminated PI
      i = end + 2;
    } else if (xml.startsWith("<!--", i)) {
      const end = xml.indexOf("-->", i + 4);
      if (end < 0) return;
      i = end + 3;
    } else if (xml.startsWith("<!DOCTYPE", i) || xml.startsWith("<!doctype", i)) {
      let line = 1;
      let lineStart = 0;
      for (let k = 0; k < i; k++) {
        if (xml.charCodeAt(k) === 0x0a) {
          line++;
          lineStart = k + 1;
        }
      }
      throw new XmlParseError(
        "DOCTYPE is not allowed: DTDs, entity declarations and external entities are rejected",
        line,
        i - lineStart + 1,
      );
    } else {
      return;
    }
  }
}

/** Resolve a namespace prefix (`""` = default namespace) in an element's scope. */
export function lookupNamespace(el: XmlElement, prefix: string): string | undefined {
  for (let s: XmlNamespaceScope | null = el.scope; s !== null; s = s.parent) {
    const uri = s.decls[prefix];
    if (uri !== undefined) return uri;
  }
  return undefined;
}

/**
 * Resolve a QName-valued text (e.g. an `xsi:type` value or a fault code) in an element's scope.
 * An unprefixed name takes the default namespace, as `xsi:type` requires.
 * Returns `undefined` when the prefix is not bound.
 */
export function resolveQName(el: XmlElement, qname: string): { ns: string; local: string } | undefined {
  const text = qname.trim();
  const colon = text.indexOf(":");
  if (colon < 0) return { ns: lookupNamespace(el, "") ?? "", local: text };
  const ns = lookupNamespace(el, text.slice(0, colon));
  if (ns === undefined) return undefined;
  return { ns, local: text.slice(colon + 1) };
}

/** First child element with the given namespace and local name. */
export function findChild(el: XmlElement, ns: string, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local && c.ns === ns) return c;
  return undefined;
}

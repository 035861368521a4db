/**
 * Raw XML values (`xs:any` strings, `xs:anyType` `RawXml`): serialising a parsed element so
 * it stands on its own, and checking a caller's string before it is written verbatim.
 *
 * Serialising keeps the prefixes in scope in the source and puts on the fragment root the
 * namespace declarations its names (and `xsi:type` values) need; declarations made inside
 * the fragment are kept where they were. The tree keeps text apart from children, so text
 * is written before the child elements (interleaving is not kept; whitespace-only text
 * between children is dropped). Serialising the result again gives the same string.
 *
 * Checking is an injection boundary: the string must parse (no DOCTYPE, bounded size) as
 * exactly one element (or, for content, a sequence of elements and text) that closes where
 * it started, with every prefix declared inside it.
 */
import { SerializationError, SoapkitError } from "../errors.js";
import { lookupNamespace, parseXml, type XmlElement, type XmlNamespaceScope } from "./parse.js";
import { XmlWriter } from "./write.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type";
const WRAP = "soapkit-raw-content-check";
const UNQUALIFIED = " unqualified";

/** Whole element `el` as standalone XML. */
export function serializeRawElement(el: XmlElement): string {
  const w = new XmlWriter();
  writeEl(w, el, rootDecls(el, [el]));
  return w.toString();
}

/** The content of `el` (text, then the child elements, each standalone). */
export function serializeRawContent(el: XmlElement): string {
  const w = new XmlWriter();
  if (el.children.length === 0 || el.text.trim() !== "") w.text(el.text);
  for (const c of el.children) writeEl(w, c, rootDecls(c, [c]));
  return w.toString();
}

/** Check that `xml` is one well-formed, namespace-complete element; returns it parsed. */
export function checkRawElement(xml: unknown, path: string): XmlElement {
  if (typeof xml !== "string")
    throw new SerializationError(path, `expected a raw XML element string, got ${xml === null ? "null" : typeof xml}`);
  const s = xml.trim();
  if (!/^<[^?!/\s<>]/.test(s) || !s.endsWith(">"))
    throw new SerializationError(path, "raw XML must be exactly one element (start with '<name', end with '>')");
  try {
    return parseXml(s, { maxNodes: 100_000 });
  } catch (e) {
    throw rawError(e, path);
  }
}

/** Check raw element content (elements and text) for an `xs:anyType` value. */
export function checkRawContent(xml: unknown, path: string): void {
  if (typeof xml !== "string") throw new SerializationError(path, `expected $xml to be a string, got ${typeof xml}`);
  let root: XmlElement;
  try {
    if (xml.includes("<!DOCTYPE") || xml.includes("<!doctype") || xml.includes("<?xml"))
      throw new SerializationError(path, "raw XML content cannot hold a DOCTYPE or an XML declaration");
    root = parseXml(`<${WRAP}>${xml}</${WRAP}>`, { maxNodes: 100_000 });
  } catch (e) {
    throw rawError(e, path);
  }
  if (root.local !== WRAP || root.ns !== "")
    throw new SerializationError(path, "raw XML content is not well-formed element content");
}

function rawError(e: unknown, path: string): SoapkitError {
  if (e instanceof SerializationError) return e;
  const why = e instanceof Error ? e.message : String(e);
  return new SerializationError(path, `raw XML is not one well-formed element: ${why}`);
}

/** Effective bindings in scope at `el` (nearest wins). */
function bindings(scope: XmlNamespaceScope): Map<string, string> {
  const chain: XmlNamespaceScope[] = [];
  for (let s: XmlNamespaceScope | null = scope; s !== null; s = s.parent) chain.push(s);
  const out = new Map<string, string>();
  for (let i = chain.length - 1; i >= 0; i--) for (const [p, u] of Object.entries(chain[i]!.decls)) out.set(p, u);
  out.delete("xml");
  return out;
}

/** Prefix (`""` = default) in scope at `el` bound to `ns`, not shadowed. */
function prefixFor(el: XmlElement, ns: string, attribute: boolean): string | undefined {
  for (let s: XmlNamespaceScope | null = el.scope; s !== null; s = s.parent) {
    for (const [p, u] of Object.entries(s.decls)) {
      if (u !== ns || (attribute && p === "")) continue;
      if (lookupNamespace(el, p) === ns) return p;
    }
  }
  return undefined;
}

/** Declarations the root must carry: every in-scope prefix the subtree's names use. */
function rootDecls(root: XmlElement, stack: XmlElement[]): [string, string][] {
  const used = new Set<string>();
  while (stack.length > 0) {
    const el = stack.pop()!;
    // An unqualified element needs the default namespace undeclared, never a declared one.
    used.add(el.ns === "" ? UNQUALIFIED : (prefixFor(el, el.ns, false) ?? ""));
    for (const [k, v] of el.attrs) {
      if (k.charCodeAt(0) === 123) {
        const p = prefixFor(el, k.slice(1, k.indexOf("}")), true);
        if (p !== undefined) used.add(p);
      }
      if (k === XSI_TYPE) used.add(v.includes(":") ? v.trim().slice(0, v.trim().indexOf(":")) : "");
    }
    stack.push(...el.children);
  }
  const inScope = bindings(root.scope);
  const decls: [string, string][] = [];
  for (const [p, u] of inScope) if (used.has(p) || (p === "" && u === "" && used.has(UNQUALIFIED))) decls.push([p, u]);
  return decls.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function writeEl(w: XmlWriter, el: XmlElement, decls: readonly [string, string][]): void {
  const p = el.ns === "" ? "" : (prefixFor(el, el.ns, false) ?? "");
  const qname = p === "" ? el.local : `${p}:${el.local}`;
  w.open(qname);
  for (const [prefix, uri] of decls) w.attr(prefix === "" ? "xmlns" : `xmlns:${prefix}`, uri);
  let n = 0;
  for (const [key, value] of el.attrs) {
    if (key.charCodeAt(0) !== 123) {
      w.attr(key, value);
      continue;
    }
    const close = key.indexOf("}");
    const uri = key.slice(1, close);
    const local = key.slice(close + 1);
    if (uri === XML_NS) {
      w.attr(`xml:${local}`, value);
      continue;
    }
    let ap = prefixFor(el, uri, true);
    if (ap === undefined) {
      ap = `n${n++}`;
      w.attr(`xmlns:${ap}`, uri);
    }
    w.attr(`${ap}:${local}`, value);
  }
  if (el.children.length === 0 || el.text.trim() !== "") w.text(el.text);
  for (const c of el.children) writeEl(w, c, c.scope !== el.scope ? ownDecls(c.scope) : []);
  w.close(qname);
}

function ownDecls(scope: XmlNamespaceScope): [string, string][] {
  return Object.entries(scope.decls).filter(([p]) => p !== "xml");
}

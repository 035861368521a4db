/**
 * The element tree both XML readers build (the fast scanner, xml-scan.ts, and the saxes
 * fallback, xml-saxes.ts): node shapes, limits and offset → line/column mapping.
 */
import type { SourceLocation } from "../model/types.js";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";
export const XMLNS_NS = "http://www.w3.org/2000/xmlns/";

/** An attribute with its own (1-based) position. Namespace declarations are not attributes here. */
export interface XmlAttribute {
  /** As written, e.g. `wsaw:Action`. */
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
  /** Namespace URI ("" for unprefixed attributes). */
  readonly ns: string;
  readonly value: string;
  readonly line: number;
  readonly column: number;
}

/** Prefix → namespace URI in scope at an element ("" = default namespace). */
export type NamespaceScope = Readonly<Record<string, string>>;

export interface XmlNode {
  /** Document path/URL as given to the loader. */
  readonly file: string;
  readonly ns: string;
  readonly local: string;
  readonly prefix: string;
  readonly attributes: readonly XmlAttribute[];
  /** In-scope namespaces (declarations on this element and all ancestors). */
  readonly namespaces: NamespaceScope;
  /** Element children in document order. */
  readonly children: readonly XmlNode[];
  /** Direct character data (text and CDATA) concatenated, untrimmed. */
  readonly text: string;
  /** Direct character data before the first child element (for mixed content). */
  readonly lead: string;
  /** Character data of the parent that follows this element's end tag (for mixed content). */
  readonly tail: string;
  /** 1-based line of the start tag's `<`. */
  readonly line: number;
  /** 1-based column of the start tag's `<`. */
  readonly column: number;
}

export interface MutableNode {
  file: string;
  ns: string;
  local: string;
  prefix: string;
  attributes: XmlAttribute[];
  namespaces: NamespaceScope;
  children: MutableNode[];
  text: string;
  lead: string;
  tail: string;
  line: number;
  column: number;
}

/** A new element added to `parent` (or the root when there is none); both readers build nodes here, so their shapes are one. */
export function addElement(
  parent: MutableNode | undefined,
  fields: Pick<MutableNode, "file" | "ns" | "local" | "prefix" | "attributes" | "namespaces" | "line" | "column">,
): MutableNode {
  const node: MutableNode = {
    file: fields.file,
    ns: fields.ns,
    local: fields.local,
    prefix: fields.prefix,
    attributes: fields.attributes,
    namespaces: fields.namespaces,
    children: [],
    text: "",
    lead: "",
    tail: "",
    line: fields.line,
    column: fields.column,
  };
  parent?.children.push(node);
  return node;
}

/** Maximum element nesting depth of an input document. */
export const MAX_DEPTH = 256;

export const ROOT_SCOPE: NamespaceScope = Object.freeze({ xml: XML_NS });

/** Appends character data to the innermost open element (its text, and lead or last child's tail). */
export function appendText(top: MutableNode, t: string): void {
  top.text += t;
  const last = top.children[top.children.length - 1];
  if (last) last.tail += t;
  else top.lead += t;
}

/** Offsets of line starts, for offset → line/column mapping. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf("\n");
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf("\n", i + 1);
  }
  return starts;
}

/** 1-based line and column (in UTF-16 units; only `\n` starts a line) of `offset`. */
export function locationAt(file: string, starts: readonly number[], offset: number): SourceLocation {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/**
 * Positioned, namespace-aware XML element tree built with saxes.
 *
 * Security: any DOCTYPE is rejected (`xml-doctype`) before an entity could be expanded, so
 * XXE and "billion laughs" inputs fail fast. saxes itself never expands custom entities.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
import { assertInternal, GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLocation } from "../model/types.js";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

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

interface MutableNode {
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

/** Maximum element nesting depth of an input document. */
export const MAX_DEPTH = 256;

const ROOT_SCOPE: NamespaceScope = Object.freeze({ xml: XML_NS });

/** Offsets of line starts, for offset → line/column mapping. */
function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf("\n");
  while (i !== -1) {
    starts.push(i + 1);
    i = text.indexOf("\n", i + 1);
  }
  return starts;
}

function locationAt(file: string, starts: readonly number[], offset: number): SourceLocation {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file, line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

function isSpace(c: string | undefined): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

/** Internal abort signal: carries the diagnostic out of saxes' call stack. */
class XmlAbort extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.message);
  }
}

type PendingAttribute = { readonly attr: { readonly name: string; readonly prefix: string }; readonly offset: number };

/** Per-document tree-building state, driven by the parser's events. */
class TreeState {
  readonly stack: MutableNode[] = [];
  root: MutableNode | undefined;
  tagStart = 0;
  /** Attributes of the tag being read, with their start offsets (saxes reports them before the tag). */
  pending: PendingAttribute[] = [];
  private starts: number[] | undefined;

  constructor(
    readonly text: string,
    readonly file: string,
    readonly parser: SaxesParser<{ xmlns: true; position: true }>,
  ) {}

  at(offset: number): SourceLocation {
    this.starts ??= lineStarts(this.text);
    return locationAt(this.file, this.starts, offset);
  }
}

/**
 * saxes stores event handlers as own properties of the parser (`parser.on`). With more than
 * ~6 of them V8 turns the parser object into a slow dictionary-mode object and parsing gets
 * 3-5x slower (measured on the 320 KB EMail WSDL: ~9 ms vs ~50 ms). So the handlers are
 * registered once on a subclass prototype. saxes calls some handlers without `this`, hence
 * the per-call state lives in `active`, set by `parseXml` for the duration of one synchronous
 * parse (and restored afterwards, so it is not shared state between calls).
 */
class TreeParser extends SaxesParser<{ xmlns: true; position: true }> {}

let active: TreeState | undefined;

function current(): TreeState {
  assertInternal(active !== undefined, "XML handler called outside parseXml");
  return active;
}

function abort(d: Diagnostic): never {
  throw new XmlAbort(d);
}

const proto = TreeParser.prototype;
proto.on("error", (err: Error) => {
  const st = current();
  const parser = st.parser;
  const message = err.message.replace(/^\d+:\d+: /, "");
  const unbound = /^unbound namespace prefix: "(.*)"\.$/.exec(message);
  if (unbound) {
    const prefix = unbound[1] ?? "";
    const hit = st.pending.find((p) => p.attr.prefix === prefix);
    abort({
      kind: "xml-unknown-prefix",
      message: `namespace prefix "${prefix}" is not declared`,
      location: st.at(hit ? hit.offset : st.tagStart),
    });
  }
  abort({
    kind: "xml-malformed",
    message: `malformed XML: ${message.replace(/\.$/, "")}`,
    location: { file: st.file, line: parser.line, column: Math.max(1, parser.column) },
  });
});
proto.on("doctype", () => {
  const st = current();
  const offset = st.text.lastIndexOf("<!DOCTYPE", st.parser.position);
  abort({ kind: "xml-doctype", message: "DOCTYPE declarations are not allowed", location: st.at(Math.max(0, offset)) });
});
proto.on("opentagstart", () => {
  // Position is just after `<name`; the tag name cannot contain `<`.
  const st = current();
  st.tagStart = st.text.lastIndexOf("<", st.parser.position - 1);
  st.pending = [];
});
proto.on("attribute", (attr) => {
  // Position is just after the closing quote; the value cannot contain that quote char.
  const st = current();
  const text = st.text;
  let i = st.parser.position - 1;
  const quote = text[i] ?? '"';
  i = text.lastIndexOf(quote, i - 1) - 1;
  while (isSpace(text[i])) i--;
  i--; // '='
  while (isSpace(text[i])) i--;
  st.pending.push({ attr, offset: i - attr.name.length + 1 });
});
proto.on("opentag", (tag: SaxesTagNS) => {
  const st = current();
  // Later stages walk the tree recursively: bound the depth so hostile nesting is a
  // diagnostic, not a stack overflow.
  if (st.stack.length >= MAX_DEPTH) {
    abort({
      kind: "xml-too-deep",
      message: `elements are nested more than ${MAX_DEPTH} levels deep`,
      location: st.at(st.tagStart),
    });
  }
  const parent = st.stack[st.stack.length - 1];
  const parentScope = parent ? parent.namespaces : ROOT_SCOPE;
  let declared = false;
  for (const _ in tag.ns) {
    declared = true;
    break;
  }
  const namespaces = declared ? Object.freeze({ ...parentScope, ...tag.ns }) : parentScope;
  const attributes: XmlAttribute[] = [];
  for (const p of st.pending) {
    const a = tag.attributes[p.attr.name];
    if (a === undefined || a.prefix === "xmlns" || a.name === "xmlns") continue;
    const pos = st.at(p.offset);
    attributes.push({
      name: a.name,
      prefix: a.prefix,
      local: a.local,
      ns: a.uri,
      value: a.value,
      line: pos.line,
      column: pos.column,
    });
  }
  st.pending = [];
  const pos = st.at(st.tagStart);
  const node: MutableNode = {
    file: st.file,
    ns: tag.uri,
    local: tag.local,
    prefix: tag.prefix,
    attributes,
    namespaces,
    children: [],
    text: "",
    lead: "",
    tail: "",
    line: pos.line,
    column: pos.column,
  };
  if (parent) parent.children.push(node);
  else st.root = node;
  st.stack.push(node);
});
proto.on("closetag", () => {
  current().stack.pop();
});
function onText(t: string): void {
  const stack = current().stack;
  const top = stack[stack.length - 1];
  if (!top) return;
  top.text += t;
  const last = top.children[top.children.length - 1];
  if (last) last.tail += t;
  else top.lead += t;
}
proto.on("text", onText);
proto.on("cdata", onText);

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
  const state = new TreeState(text, file, new TreeParser({ xmlns: true, position: true }));
  const previous = active;
  active = state;
  try {
    state.parser.write(text).close();
  } catch (e) {
    if (e instanceof XmlAbort) throw new GeneratorError(e.diagnostic);
    throw e;
  } finally {
    active = previous;
  }
  if (!state.root) {
    throw new GeneratorError({
      kind: "xml-malformed",
      message: "malformed XML: no root element",
      location: { file, line: 1, column: 1 },
    });
  }
  return state.root;
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

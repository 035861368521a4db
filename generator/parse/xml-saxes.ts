/**
 * The reference XML reader: a positioned, namespace-aware element tree built with saxes. The
 * generator uses it when the fast scanner (xml-scan.ts) is unsure of a document, so malformed
 * input gets saxes' checks and these diagnostics.
 *
 * Security: any DOCTYPE is rejected (`xml-doctype`) before an entity could be expanded, so
 * XXE and "billion laughs" inputs fail fast. saxes itself never expands custom entities.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";
import { assertInternal, GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLocation } from "../model/types.js";
import {
  addElement,
  appendText,
  lineStarts,
  locationAt,
  MAX_DEPTH,
  ROOT_SCOPE,
  type MutableNode,
  type XmlAttribute,
  type XmlNode,
} from "./xml-tree.js";

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
  const node = addElement(parent, {
    file: st.file,
    ns: tag.uri,
    local: tag.local,
    prefix: tag.prefix,
    attributes,
    namespaces,
    line: pos.line,
    column: pos.column,
  });
  if (!parent) st.root = node;
  st.stack.push(node);
});
proto.on("closetag", () => {
  current().stack.pop();
});
function onText(t: string): void {
  const stack = current().stack;
  const top = stack[stack.length - 1];
  if (top) appendText(top, t);
}
proto.on("text", onText);
proto.on("cdata", onText);

/**
 * Parse a document (BOM removed, not blank) into an element tree with saxes. Throws
 * `GeneratorError` with one of `xml-doctype`, `xml-malformed`, `xml-unknown-prefix`, `xml-too-deep`.
 */
export function parseWithSaxes(text: string, file: string): XmlNode {
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

/**
 * Fast reader of well-formed XML into the element tree of xml-tree.ts: indexOf and char codes
 * over the whole text, no per-character events. It accepts a strict subset of XML 1.0 — ASCII
 * names, predefined and numeric character references, comments, CDATA, processing
 * instructions, an XML declaration at the very start — and gives up (undefined) on anything
 * else: malformed input, any DOCTYPE, undeclared prefixes, nesting deeper than MAX_DEPTH. The
 * caller then reads the document with saxes (xml-saxes.ts), whose checks give the diagnostics.
 * It builds exactly the tree saxes builds (test/unit/parse/xml-scan.test.ts compares them).
 */
import {
  addElement,
  appendText,
  MAX_DEPTH,
  ROOT_SCOPE,
  XML_NS,
  XMLNS_NS,
  type MutableNode,
  type NamespaceScope,
  type XmlAttribute,
  type XmlNode,
} from "./xml-tree.js";

/** Thrown inside the scanner when it is not sure; never escapes `scanXml`. */
class Unsure {}
const UNSURE = new Unsure();

/** Any character outside XML 1.0's Char production (incl. lone surrogates). */
const INVALID_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ONLY_SPACE = /^[ \t\r\n]*$/;
/** The usual character data between tags: a line end and spaces. */
const INDENTATION = /\r?\n */y;
const INDENTS: string[] = [];

/** `\n` and `spaces` spaces, one shared string per width (most text between tags is this). */
function indentation(spaces: number): string {
  return (INDENTS[spaces] ??= `\n${" ".repeat(spaces)}`);
}

interface Name {
  readonly name: string;
  readonly prefix: string;
  readonly local: string;
}

/**
 * Names and short attribute values repeat throughout a document: one string per distinct
 * text, so that the tree holds no copies (less to keep, less for the collector to move).
 */
class Interned {
  private readonly names = new Map<string, Name>();
  private readonly values = new Map<string, string>();

  name(name: string): Name {
    let n = this.names.get(name);
    if (n === undefined) {
      const colon = name.indexOf(":");
      n = {
        name,
        prefix: colon === -1 ? "" : name.slice(0, colon),
        local: colon === -1 ? name : name.slice(colon + 1),
      };
      this.names.set(name, n);
    }
    return n;
  }

  value(value: string): string {
    if (value.length > 40) return value;
    const v = this.values.get(value);
    if (v !== undefined) return v;
    this.values.set(value, value);
    return value;
  }
}
const XML_DECLARATION =
  /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.0\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(?:yes|no)\3)?[ \t\r\n]*\?>/y;
/** Elements with more attributes than this go to saxes (keeps the duplicate check cheap). */
const MAX_ATTRIBUTES = 64;

const GT = 62;
const SLASH = 47;
const BANG = 33;
const QUESTION = 63;

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** End of an ASCII name without colon starting at `i`. */
function ncnameEnd(t: string, i: number): number {
  if (!isNameStart(t.charCodeAt(i))) throw UNSURE;
  let j = i + 1;
  while (isNameChar(t.charCodeAt(j))) j++;
  return j;
}

function isXmlChar(c: number): boolean {
  return (
    (c >= 0x20 && c <= 0xd7ff) ||
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}

/** The text of a predefined or numeric character reference (`name` between `&` and `;`). */
function reference(name: string): string {
  switch (name) {
    case "amp":
      return "&";
    case "lt":
      return "<";
    case "gt":
      return ">";
    case "quot":
      return '"';
    case "apos":
      return "'";
  }
  let code = NaN;
  if (/^#x[0-9a-fA-F]{1,6}$/.test(name)) code = parseInt(name.slice(2), 16);
  else if (/^#[0-9]{1,7}$/.test(name)) code = parseInt(name.slice(1), 10);
  if (!isXmlChar(code)) throw UNSURE;
  return String.fromCodePoint(code);
}

function decodeReferences(raw: string): string {
  let out = "";
  let from = 0;
  for (let amp = raw.indexOf("&"); amp !== -1; amp = raw.indexOf("&", from)) {
    const semi = raw.indexOf(";", amp + 1);
    if (semi === -1 || semi - amp > 9) throw UNSURE;
    out += raw.slice(from, amp) + reference(raw.slice(amp + 1, semi));
    from = semi + 1;
  }
  return out + raw.slice(from);
}

/** Character data: line ends normalised to `\n`, then references decoded. */
function charData(raw: string): string {
  const lines = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  return lines.includes("&") ? decodeReferences(lines) : lines;
}

/** Attribute value normalisation: each line end and tab becomes a space, then references decoded. */
function attributeValue(raw: string): string {
  if (raw.includes("<")) throw UNSURE;
  const spaced = /[\t\n\r]/.test(raw) ? raw.replace(/\r\n?|[\t\n]/g, " ") : raw;
  return spaced.includes("&") ? decodeReferences(spaced) : spaced;
}

/**
 * A start tag: an ASCII name, optionally prefixed (1); attributes, each after white space,
 * with a quoted value (2); `/` when self-closing (3). Linear: the parts around each
 * repetition start with disjoint characters. Regular expressions run as native code from
 * the first document on, where a hand-written character loop would still be interpreted.
 */
const START_TAG =
  /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:[ \t\r\n]+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?[ \t\r\n]*=[ \t\r\n]*(?:"[^"]*"|'[^']*'))*)[ \t\r\n]*(\/?)>/y;
/** One attribute of START_TAG's group 2: name (1), value in double (2) or single (3) quotes. */
const ATTRIBUTE = /([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/g;

function isDeclaration(name: string): boolean {
  return name === "xmlns" || name.startsWith("xmlns:");
}

/**
 * The element's scope: the parent's object when the start tag's attribute `list` declares
 * nothing, else a frozen merge with the declarations (values trimmed, as saxes does).
 */
function scopeOf(parent: NamespaceScope, list: string): NamespaceScope {
  if (!list.includes("xmlns")) return parent;
  let declared: Record<string, string> | undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(list); m !== null; m = ATTRIBUTE.exec(list)) {
    const name = m[1]!;
    if (!isDeclaration(name)) continue;
    const prefix = name.length === 5 ? "" : name.slice(6);
    const uri = attributeValue(m[2] ?? m[3]!).trim();
    if (prefix === "xml" || prefix === "xmlns" || uri === XML_NS || uri === XMLNS_NS) throw UNSURE;
    if (prefix !== "" && uri === "") throw UNSURE;
    declared ??= Object.create(null) as Record<string, string>;
    if (prefix in declared) throw UNSURE;
    declared[prefix] = uri;
  }
  return declared === undefined ? parent : Object.freeze({ ...parent, ...declared });
}

/** Namespace URI bound to a non-empty prefix. */
function bound(scope: NamespaceScope, prefix: string): string {
  const uri: unknown = scope[prefix];
  if (prefix === "xmlns" || typeof uri !== "string" || uri === "") throw UNSURE;
  return uri;
}

/** Duplicate names (as written, or the same namespace and local name) go to saxes. */
function assertUnique(attributes: readonly XmlAttribute[]): void {
  for (let i = 1; i < attributes.length; i++) {
    const a = attributes[i]!;
    for (let j = 0; j < i; j++) {
      const b = attributes[j]!;
      if (a.name === b.name || (a.prefix !== "" && b.prefix !== "" && a.ns === b.ns && a.local === b.local))
        throw UNSURE;
    }
  }
}

class Scanner {
  readonly stack: MutableNode[] = [];
  /** Raw names of the open elements, for matching end tags. */
  readonly names: string[] = [];
  root: MutableNode | undefined;
  i = 0;
  private readonly interned = new Interned();
  private line = 1;
  private lineStart = 0;
  private nextNewline: number;

  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    this.nextNewline = text.indexOf("\n");
  }

  run(): MutableNode {
    const t = this.text;
    if (t.startsWith("<?xml") && isSpace(t.charCodeAt(5))) {
      XML_DECLARATION.lastIndex = 0;
      if (!XML_DECLARATION.test(t)) throw UNSURE;
      this.i = XML_DECLARATION.lastIndex;
    }
    while (this.i < t.length) {
      const lt = t.indexOf("<", this.i);
      if (lt !== this.i) this.chars(lt === -1 ? t.length : lt);
      if (lt === -1) break;
      this.markup();
    }
    if (this.root === undefined || this.stack.length > 0) throw UNSURE;
    return this.root;
  }

  /** 1-based line of `offset` (offsets are asked in increasing order); column is offset - lineStart + 1. */
  private lineOf(offset: number): number {
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf("\n", this.lineStart);
    }
    return this.line;
  }

  private chars(end: number): void {
    INDENTATION.lastIndex = this.i;
    const indent = INDENTATION.test(this.text) && INDENTATION.lastIndex === end;
    const raw = indent
      ? indentation(end - this.i - (this.text.charCodeAt(this.i) === 13 ? 2 : 1))
      : this.text.slice(this.i, end);
    this.i = end;
    const top = this.stack[this.stack.length - 1];
    if (top === undefined) {
      if (!indent && !ONLY_SPACE.test(raw)) throw UNSURE;
    } else if (indent) {
      appendText(top, raw);
    } else {
      if (raw.includes("]]>")) throw UNSURE;
      appendText(top, charData(raw));
    }
  }

  private markup(): void {
    const t = this.text;
    const c = t.charCodeAt(this.i + 1);
    if (c === SLASH) this.endTag();
    else if (c === QUESTION) this.processingInstruction();
    else if (c !== BANG) this.startTag();
    else if (t.startsWith("<!--", this.i)) this.comment();
    else if (this.stack.length > 0 && t.startsWith("<![CDATA[", this.i)) this.cdata();
    else throw UNSURE;
  }

  private comment(): void {
    const start = this.i + 4;
    const end = this.text.indexOf("-->", start);
    if (end === -1 || this.text.indexOf("--", start) < end) throw UNSURE;
    this.i = end + 3;
  }

  private cdata(): void {
    const start = this.i + 9;
    const end = this.text.indexOf("]]>", start);
    if (end === -1) throw UNSURE;
    const raw = this.text.slice(start, end);
    appendText(this.stack[this.stack.length - 1]!, raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw);
    this.i = end + 3;
  }

  private processingInstruction(): void {
    const t = this.text;
    const start = this.i + 2;
    const end = ncnameEnd(t, start);
    const c = t.charCodeAt(end);
    if (end - start === 3 && t.slice(start, end).toLowerCase() === "xml") throw UNSURE;
    if (c !== QUESTION && !isSpace(c)) throw UNSURE;
    const close = t.indexOf("?>", end);
    if (close === -1) throw UNSURE;
    this.i = close + 2;
  }

  private endTag(): void {
    const t = this.text;
    const open = this.names.pop();
    const start = this.i + 2;
    if (open === undefined || !t.startsWith(open, start)) throw UNSURE;
    let gt = start + open.length;
    while (isSpace(t.charCodeAt(gt))) gt++;
    if (t.charCodeAt(gt) !== GT) throw UNSURE;
    this.stack.pop();
    this.i = gt + 1;
  }

  private startTag(): void {
    const t = this.text;
    const lt = this.i;
    START_TAG.lastIndex = lt;
    const m = START_TAG.exec(t);
    if (m === null) throw UNSURE;
    if (this.stack.length >= MAX_DEPTH || (this.root !== undefined && this.stack.length === 0)) throw UNSURE;
    const name = this.interned.name(m[1]!);
    const node = this.open(lt, name, m[2]!);
    this.i = START_TAG.lastIndex;
    if (m[3] === "") {
      this.stack.push(node);
      this.names.push(name.name);
    }
  }

  /** The element `<name list>` at `lt`, added to its parent. */
  private open(lt: number, name: Name, list: string): MutableNode {
    const parent = this.stack[this.stack.length - 1];
    const namespaces = scopeOf(parent ? parent.namespaces : ROOT_SCOPE, list);
    const prefix = name.prefix;
    const ns = prefix === "" ? (namespaces[""] ?? "") : bound(namespaces, prefix);
    const line = this.lineOf(lt);
    const column = lt - this.lineStart + 1;
    const attributes = list === "" ? [] : this.attributes(list, lt + 1 + name.name.length, namespaces);
    const node = addElement(parent, {
      file: this.file,
      ns,
      local: name.local,
      prefix,
      attributes,
      namespaces,
      line,
      column,
    });
    if (!parent) this.root = node;
    return node;
  }

  /** The attributes (declarations left out) of START_TAG's group 2, `list`, at offset `at`. */
  private attributes(list: string, at: number, namespaces: NamespaceScope): XmlAttribute[] {
    const attributes: XmlAttribute[] = [];
    ATTRIBUTE.lastIndex = 0;
    for (let m = ATTRIBUTE.exec(list); m !== null; m = ATTRIBUTE.exec(list)) {
      if (isDeclaration(m[1]!)) continue; // read by scopeOf
      const { name, prefix, local } = this.interned.name(m[1]!);
      const value = this.interned.value(attributeValue(m[2] ?? m[3]!));
      if (attributes.length === MAX_ATTRIBUTES) throw UNSURE;
      const offset = at + m.index;
      attributes.push({
        name,
        prefix,
        local,
        ns: prefix === "" ? "" : bound(namespaces, prefix),
        value,
        line: this.lineOf(offset),
        column: offset - this.lineStart + 1,
      });
    }
    assertUnique(attributes);
    return attributes;
  }
}

/**
 * The element tree of a document (BOM removed), or undefined when the scanner is not sure
 * the document is well-formed XML it reads exactly as saxes does.
 */
export function scanXml(text: string, file: string): XmlNode | undefined {
  if (INVALID_CHAR.test(text)) return undefined;
  try {
    return new Scanner(text, file).run();
  } catch (e) {
    if (e === UNSURE) return undefined;
    throw e;
  }
}

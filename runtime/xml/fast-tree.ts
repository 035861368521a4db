/**
 * The fast path of `parseXml` (parse.ts): a hand-written scanner for the plain XML that SOAP
 * stacks send, building exactly the tree the saxes path builds (same names, attributes, text,
 * scopes, line and column), several times faster.
 *
 * It accepts only a strict subset and answers `undefined` for anything else, so that saxes
 * decides (and reports errors) whenever the document is unusual or wrong: comments, CDATA,
 * processing instructions, DOCTYPE, CR characters (line-end normalisation), control and
 * non-character code points, surrogates (astral characters), non-ASCII or malformed names,
 * `xml`/`xmlns` prefixes on elements, reserved namespace bindings, duplicate attributes,
 * unbound prefixes, unknown entities, `]]>` in text, text outside the root, and documents
 * over the depth or element limits. The subset is checked for well-formedness as strictly
 * as saxes checks it: what this scanner accepts, saxes accepts too (test/runtime/fast-xml.test.ts).
 */
import { ROOT_SCOPE, EMPTY_ATTRS, TreeElement, XML_NS, type XmlElement, type XmlNamespaceScope } from "./element.js";

const XMLNS_NS = "http://www.w3.org/2000/xmlns/";
/** Characters outside the subset: C0 controls but tab and LF, CR, DEL and C1 controls, surrogates, U+FFFE/U+FFFF. */
const OUTSIDE = /[^\t\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]/;
/** An XML declaration of version 1.0 (optional encoding and standalone), at the very start. */
const XML_DECL =
  /^<\?xml[ \t\n]+version[ \t\n]*=[ \t\n]*(?:"1\.0"|'1\.0')(?:[ \t\n]+encoding[ \t\n]*=[ \t\n]*(?:"[A-Za-z][\w.-]*"|'[A-Za-z][\w.-]*'))?(?:[ \t\n]+standalone[ \t\n]*=[ \t\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\n]*\?>/;
const ONLY_SPACE = /^[ \t\n]*$/;
const SPACE_CHARS = /[\t\n]/g;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

/** Build the tree of `xml`, or `undefined` when the document is outside the subset (or not well-formed). */
export function fastParseXml(xml: string, maxDepth: number, maxNodes: number): XmlElement | undefined {
  if (OUTSIDE.test(xml)) return undefined;
  return new Scanner(xml, maxDepth, maxNodes).document();
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09;
/**
 * A start tag in the subset: an ASCII NCName, optionally prefixed (1); attributes, each after
 * white space, with a quoted value without `<` (2); `/` when self-closing (3). Linear: the parts
 * next to each repetition start with disjoint characters.
 */
const START_TAG =
  /<([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:[ \t\n]+[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?[ \t\n]*=[ \t\n]*(?:"[^"<]*"|'[^'<]*'))*)[ \t\n]*(\/?)>/y;
/** One attribute of START_TAG's group 2: name (1), value in double (2) or single (3) quotes. */
const ATTRIBUTE = /([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)[ \t\n]*=[ \t\n]*(?:"([^"<]*)"|'([^'<]*)')/g;
const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

class Scanner {
  readonly #s: string;
  readonly #maxDepth: number;
  readonly #maxNodes: number;
  #i = 0;
  #nodes = 0;
  /** Line bookkeeping: the line of `#lineStart`, and the next LF not yet counted. */
  #line = 1;
  #lineStart = 0;
  #nextLf: number;
  /** Open elements and their qualified names (for end tags). */
  readonly #stack: TreeElement[] = [];
  readonly #names: string[] = [];
  /** Name, value, ... of the start tag being read (one array for the whole document). */
  readonly #attrs: string[] = [];

  constructor(s: string, maxDepth: number, maxNodes: number) {
    this.#s = s;
    this.#maxDepth = maxDepth;
    this.#maxNodes = maxNodes;
    this.#nextLf = s.indexOf("\n");
  }

  document(): XmlElement | undefined {
    const s = this.#s;
    const decl = s.startsWith("<?xml") ? XML_DECL.exec(s) : null;
    if (s.startsWith("<?xml") && decl === null) return undefined;
    let i = decl === null ? 0 : decl[0].length;
    while (i < s.length && isSpace(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== LT) return undefined;
    this.#i = i;
    const root = this.#content();
    if (root === undefined) return undefined;
    return ONLY_SPACE.test(s.slice(this.#i)) ? root : undefined;
  }

  /** From the root's start tag to its end tag; `#i` ends after it. */
  #content(): TreeElement | undefined {
    const s = this.#s;
    const stack = this.#stack;
    let root: TreeElement | undefined;
    while (this.#i < s.length) {
      const i = this.#i;
      if (s.charCodeAt(i) !== LT) {
        const end = s.indexOf("<", i);
        if (end < 0) return undefined;
        if (!this.#text(s.slice(i, end))) return undefined;
        this.#i = end;
        continue;
      }
      const next = s.charCodeAt(i + 1);
      if (next === SLASH) {
        if (!this.#endTag()) return undefined;
        if (stack.length === 0) return root;
        continue;
      }
      if (!isNameStart(next)) return undefined; // comment, CDATA, PI, or not XML
      const el = this.#startTag();
      if (el === undefined) return undefined;
      root ??= el;
      if (stack.length === 0) return root; // a self-closed root
    }
    return undefined;
  }

  #text(raw: string): boolean {
    const current = this.#stack[this.#stack.length - 1];
    if (current === undefined) return false; // text outside the root (whitespace included: keep it simple)
    if (raw.includes("]]>")) return false;
    const text = raw.includes("&") ? decodeReferences(raw) : raw;
    if (text === undefined) return false;
    current.text += text;
    return true;
  }

  #skipSpace(): boolean {
    const s = this.#s;
    const start = this.#i;
    let i = start;
    for (let c = s.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x09; c = s.charCodeAt(++i));
    this.#i = i;
    return i > start;
  }

  #endTag(): boolean {
    const s = this.#s;
    const open = this.#names[this.#names.length - 1];
    const at = this.#i + 2;
    // The open element's name, then no further name character: compared in place, no slice.
    if (open === undefined || !s.startsWith(open, at)) return false;
    const after = s.charCodeAt(at + open.length);
    if (isNameChar(after) || after === 0x3a) return false;
    this.#i = at + open.length;
    this.#skipSpace();
    if (this.#s.charCodeAt(this.#i) !== GT) return false;
    this.#i++;
    this.#stack.pop();
    this.#names.pop();
    return true;
  }

  /**
   * A start tag at `#i` (`<` then a name start): the element, added to its parent and opened unless
   * self-closed. The tag is matched by one sticky regular expression (native matching: fast before
   * the JIT has warmed up this code, where a character loop is slow); anything it does not match
   * falls back to saxes.
   */
  #startTag(): TreeElement | undefined {
    if (++this.#nodes > this.#maxNodes || this.#stack.length >= this.#maxDepth) return undefined;
    START_TAG.lastIndex = this.#i;
    const m = START_TAG.exec(this.#s);
    if (m === null) return undefined;
    const qname = m[1]!;
    const attrs = this.#attrs;
    attrs.length = 0;
    if (m[2] !== "" && !readAttributes(m[2]!, attrs)) return undefined;
    this.#i = START_TAG.lastIndex;
    const el = this.#element(qname, qname.indexOf(":"), attrs);
    if (el === undefined) return undefined;
    const parent = this.#stack[this.#stack.length - 1];
    if (parent !== undefined) parent.add(el);
    if (m[3] === "") {
      this.#stack.push(el);
      this.#names.push(qname);
    }
    return el;
  }

  /** The element of a complete start tag (`#i` just after its `>`): namespaces resolved, position as saxes counts it. */
  #element(qname: string, colon: number, attrs: readonly string[]): TreeElement | undefined {
    const parent = this.#stack[this.#stack.length - 1];
    const scope = declare(attrs, parent !== undefined ? parent.scope : ROOT_SCOPE);
    if (scope === null) return undefined;
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    if (prefix === "xml" || prefix === "xmlns") return undefined;
    const ns = resolve(scope, prefix);
    if (ns === undefined || (prefix !== "" && ns === "")) return undefined;
    const map = attributeMap(attrs, scope);
    if (map === undefined) return undefined;
    this.#countLines(this.#i);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    return new TreeElement(ns, local, map, this.#line, this.#i - this.#lineStart, scope);
  }

  /** Advance the line count over every LF before `to`. */
  #countLines(to: number): void {
    while (this.#nextLf !== -1 && this.#nextLf < to) {
      this.#line++;
      this.#lineStart = this.#nextLf + 1;
      this.#nextLf = this.#s.indexOf("\n", this.#lineStart);
    }
  }
}

/**
 * The attributes of a start tag (`text`: the part START_TAG matched, so well formed) pushed as
 * name, value: references decoded, tab and LF normalised to spaces.
 */
function readAttributes(text: string, attrs: string[]): boolean {
  ATTRIBUTE.lastIndex = 0;
  for (let m = ATTRIBUTE.exec(text); m !== null; m = ATTRIBUTE.exec(text)) {
    let raw = m[2] ?? m[3]!;
    if (raw.includes("\n") || raw.includes("\t")) raw = raw.replace(SPACE_CHARS, " ");
    const value = raw.includes("&") ? decodeReferences(raw) : raw;
    if (value === undefined) return false;
    attrs.push(m[1]!, value);
  }
  return true;
}

/**
 * The scope of an element declaring the namespaces among `attrs` (name, value, ...) inside
 * `parent`: `parent` itself when there are none, `null` when one is refused (an empty prefix
 * binding, a reserved prefix or URI, a duplicate). A single declaration reuses a shared scope.
 */
function declare(attrs: readonly string[], parent: XmlNamespaceScope): XmlNamespaceScope | null {
  let decls: Record<string, string> | undefined;
  let first: string | undefined;
  let firstUri = "";
  for (let k = 0; k < attrs.length; k += 2) {
    const name = attrs[k]!;
    if (!name.startsWith("xmlns")) continue;
    let prefix: string;
    if (name === "xmlns") prefix = "";
    else if (name.charCodeAt(5) === 0x3a) prefix = name.slice(6);
    else continue;
    const uri = attrs[k + 1]!.trim();
    if (prefix === "xml" || prefix === "xmlns" || uri === XML_NS || uri === XMLNS_NS) return null;
    if (prefix !== "" && uri === "") return null;
    if (first === undefined) {
      first = prefix;
      firstUri = uri;
      continue;
    }
    if (decls === undefined) {
      decls = Object.create(null) as Record<string, string>;
      decls[first] = firstUri;
    }
    if (decls[prefix] !== undefined) return null;
    decls[prefix] = uri;
  }
  if (first === undefined) return parent;
  return decls !== undefined ? { parent, decls } : sharedScope(parent, first, firstUri);
}

/**
 * Scopes of one declaration under the root scope or a shared scope, shared between documents
 * (bounded: a service uses a few). A scope made per document never gets shared children.
 */
const shared = new WeakMap<XmlNamespaceScope, Map<string, Map<string, XmlNamespaceScope>>>();
const sharable = new WeakSet<XmlNamespaceScope>([ROOT_SCOPE]);
const MAX_SHARED = 1024;
let sharedCount = 0;

function sharedScope(parent: XmlNamespaceScope, prefix: string, uri: string): XmlNamespaceScope {
  let byPrefix = shared.get(parent);
  let byUri = byPrefix?.get(prefix);
  const known = byUri?.get(uri);
  if (known !== undefined) return known;
  const decls = Object.create(null) as Record<string, string>;
  if (sharedCount >= MAX_SHARED || !sharable.has(parent)) {
    decls[prefix] = uri;
    return { parent, decls };
  }
  // Kept across documents: copies, never slices that would keep this document alive.
  const p = detach(prefix);
  const u = detach(uri);
  decls[p] = u;
  const scope = Object.freeze({ parent, decls: Object.freeze(decls) });
  sharedCount++;
  sharable.add(scope);
  if (byPrefix === undefined) shared.set(parent, (byPrefix = new Map()));
  if (byUri === undefined) byPrefix.set(p, (byUri = new Map()));
  byUri.set(u, scope);
  return scope;
}

/** A flat copy of `s`: a slice of the document may share (and keep alive) the whole document's memory. */
function detach(s: string): string {
  return s.length < 2 ? s : Array.from(s).join("");
}

/** The namespace of a prefix in scope (`""` for an undeclared default namespace). */
function resolve(scope: XmlNamespaceScope, prefix: string): string | undefined {
  for (let s: XmlNamespaceScope | null = scope; s !== null; s = s.parent) {
    const uri = s.decls[prefix];
    if (uri !== undefined) return uri;
  }
  return prefix === "" ? "" : undefined;
}

/** The attributes but namespace declarations, keyed as the saxes path keys them; `undefined` on a duplicate or unbound prefix. */
function attributeMap(attrs: readonly string[], scope: XmlNamespaceScope): ReadonlyMap<string, string> | undefined {
  let map: Map<string, string> | undefined;
  for (let k = 0; k < attrs.length; k += 2) {
    const name = attrs[k]!;
    const colon = name.indexOf(":");
    if (name === "xmlns" || (colon === 5 && name.startsWith("xmlns"))) continue;
    let key = name;
    if (colon >= 0) {
      const uri = resolve(scope, name.slice(0, colon));
      if (uri === undefined || uri === "") return undefined;
      key = `{${uri}}${name.slice(colon + 1)}`;
    }
    map ??= new Map();
    if (map.has(key)) return undefined;
    map.set(key, attrs[k + 1]!);
  }
  // Duplicate namespace declarations are refused by `declarations`.
  return map ?? EMPTY_ATTRS;
}

const PREDEFINED: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Text with the five predefined entities and character references replaced; `undefined` for anything else. */
function decodeReferences(raw: string): string | undefined {
  let out = "";
  let last = 0;
  for (let amp = raw.indexOf("&"); amp !== -1; amp = raw.indexOf("&", last)) {
    const semi = raw.indexOf(";", amp + 1);
    if (semi < 0) return undefined;
    const ref = raw.slice(amp + 1, semi);
    const ch = Object.hasOwn(PREDEFINED, ref) ? PREDEFINED[ref] : characterReference(ref);
    if (ch === undefined) return undefined;
    out += raw.slice(last, amp) + ch;
    last = semi + 1;
  }
  return out + raw.slice(last);
}

/** `#NN` or `#xHH` naming an allowed XML character, as a string. */
function characterReference(ref: string): string | undefined {
  const m = /^#(?:([0-9]{1,7})|x([0-9A-Fa-f]{1,6}))$/.exec(ref);
  if (m === null) return undefined;
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  const allowed =
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return allowed ? String.fromCodePoint(code) : undefined;
}

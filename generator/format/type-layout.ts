/**
 * Lays out the type expressions soapkit writes (names, generics, string literals, unions,
 * intersections, arrays, parentheses, object types) exactly as prettier (pinned options,
 * format/prettier.ts) prints them, so that prettier need not run over the generated files.
 * Only the shapes soapkit produces are covered; anything else throws `Unsure`, and the file
 * is then formatted by prettier (test/golden/prettier-layout.test.ts proves the layouts).
 */
import { Unsure, WIDTH, pad, quoteString } from "./layout-rules.js";

type Node =
  | { readonly k: "union" | "inter"; readonly items: readonly Node[] }
  | { readonly k: "array" | "paren" | "readonly"; readonly inner: Node }
  | { readonly k: "obj"; readonly members: readonly Member[] }
  | { readonly k: "ref"; readonly name: string; readonly args?: readonly Node[] }
  | { readonly k: "str"; readonly text: string };

type ListNode = Extract<Node, { readonly items: readonly Node[] }>;

interface Member {
  readonly key: string;
  readonly optional: boolean;
  readonly type: Node;
}

const TOKEN =
  /\s*(?:("(?:[^"\\\n]|\\.)*")|([\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*(?:\.[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*)*)|(\[\]|[|&()<>{},;:?]))/uy;

function tokenize(text: string): string[] {
  const out: string[] = [];
  // Up to the last non-space character (`trimEnd` and `\s` agree on what a space is).
  const end = text.trimEnd().length;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < end) {
    const m = TOKEN.exec(text);
    if (m === null) throw new Unsure();
    out.push(m[1] ?? m[2] ?? m[3]!);
  }
  return out;
}

class Parser {
  #i = 0;
  constructor(private readonly tokens: readonly string[]) {}

  parseAll(): Node {
    const n = this.type();
    if (this.#i !== this.tokens.length) throw new Unsure();
    return n;
  }

  private peek(): string | undefined {
    return this.tokens[this.#i];
  }

  private take(expected?: string): string {
    const t = this.tokens[this.#i++];
    if (t === undefined || (expected !== undefined && t !== expected)) throw new Unsure();
    return t;
  }

  private type(): Node {
    if (this.peek() === "|") throw new Unsure(); // a leading `|` is prettier's own layout, not ours
    const items = [this.intersection()];
    while (this.peek() === "|") items.push((this.take(), this.intersection()));
    return items.length === 1 ? items[0]! : { k: "union", items };
  }

  private intersection(): Node {
    const items = [this.postfix()];
    while (this.peek() === "&") items.push((this.take(), this.postfix()));
    return items.length === 1 ? items[0]! : { k: "inter", items };
  }

  private postfix(): Node {
    let n = this.primary();
    while (this.peek() === "[]") n = (this.take(), { k: "array", inner: n });
    return n;
  }

  private primary(): Node {
    const t = this.take();
    if (t === "(") {
      const inner = this.type();
      this.take(")");
      return { k: "paren", inner };
    }
    if (t === "{") return this.object();
    if (t.startsWith('"')) return { k: "str", text: quoteString(t) };
    if (!/^[\p{ID_Start}$_]/u.test(t)) throw new Unsure();
    if (t === "readonly") return { k: "readonly", inner: this.postfix() };
    if (t === "keyof" || t === "typeof" || t === "infer") throw new Unsure();
    if (this.peek() !== "<") return { k: "ref", name: t };
    this.take("<");
    const args = [this.type()];
    while (this.peek() === ",") args.push((this.take(), this.type()));
    this.take(">");
    return { k: "ref", name: t, args };
  }

  private object(): Node {
    const members: Member[] = [];
    while (this.peek() !== "}") {
      const key = this.take();
      if (!/^[\p{ID_Start}$_]/u.test(key) && !key.startsWith('"')) throw new Unsure();
      if (key.startsWith('"') && !/^"[^"\\]*"$/.test(key)) throw new Unsure();
      const optional = this.peek() === "?";
      if (optional) this.take();
      this.take(":");
      members.push({ key, optional, type: this.type() });
      const sep = this.peek();
      if (sep === ";" || sep === ",") this.take();
      else if (sep !== "}") throw new Unsure();
    }
    this.take("}");
    return { k: "obj", members };
  }
}

/** Parse a type expression soapkit wrote; throws `Unsure` for anything outside the subset. */
export function parseType(text: string): Node {
  let n = new Parser(tokenize(text)).parseAll();
  while (n.k === "paren") n = n.inner; // prettier drops parentheses around a whole type
  return n;
}

function memberHead(m: Member): string {
  return `${m.key}${m.optional ? "?" : ""}:`;
}

/** The one-line form prettier gives a type. */
function flat(n: Node): string {
  switch (n.k) {
    case "union":
      return n.items.map(flat).join(" | ");
    case "inter":
      return n.items.map(flat).join(" & ");
    case "array":
      return `${flat(n.inner)}[]`;
    case "paren":
      return `(${flat(n.inner)})`;
    case "readonly":
      return `readonly ${flat(n.inner)}`;
    case "obj":
      return n.members.length === 0
        ? "{}"
        : `{ ${n.members.map((m) => `${memberHead(m)} ${flat(m.type)}`).join("; ")} }`;
    case "ref":
      return n.args === undefined ? n.name : `${n.name}<${n.args.map(flat).join(", ")}>`;
    case "str":
      return n.text;
  }
}

/** An object type broken over lines: members at `indent + 2`, the brace at `indent`. */
function brokenObject(n: Extract<Node, { k: "obj" }>, indent: number): string {
  const lines = n.members.map((m) => {
    const type = afterColon(m.type, indent + 2, memberHead(m).length);
    return `${pad(indent + 2)}${memberHead(m)}${type.startsWith("\n") ? "" : " "}${type};`;
  });
  return `{\n${lines.join("\n")}\n${pad(indent)}}`;
}

/**
 * A type printed at column `col` of a line indented by `indent`, followed by `trail`
 * characters on that line. Unions are broken by the caller (`afterColon`, `afterEquals`).
 */
function inline(n: Node, col: number, indent: number, trail: number): string {
  const f = flat(n);
  if (col + f.length + trail <= WIDTH) return f;
  if (n.k === "obj") return brokenObject(n, indent);
  const body = n.k === "paren" ? n.inner : n;
  if (body.k === "inter") {
    // `A & {` with the object broken in place (prettier's intersection of names and one object)
    const last = body.items[body.items.length - 1]!;
    if (last.k !== "obj" || body.items.slice(0, -1).some((i) => i.k === "obj")) throw new Unsure();
    const head = `${n.k === "paren" ? "(" : ""}${body.items.slice(0, -1).map(flat).join(" & ")} & {`;
    if (col + head.length > WIDTH) throw new Unsure();
    return `${head.slice(0, -1)}${brokenObject(last, indent)}${n.k === "paren" ? ")" : ""}`;
  }
  throw new Unsure();
}

/** Each member of a broken union on its own line, `| ` at column `line`. */
function brokenUnion(n: ListNode, line: number, trail: number): string {
  if (n.items.some((i) => i.k === "obj")) throw new Unsure(); // prettier may hug a lone object
  return n.items
    .map((item, i) => `\n${pad(line)}| ${inline(item, line + 2, line + 2, i === n.items.length - 1 ? trail : 0)}`)
    .join("");
}

/** A union that does not fit after its `:` or `=`: on the next line at `line`, flat when it fits there. */
function nextLineUnion(n: ListNode, line: number): string {
  const f = flat(n);
  return line + f.length + 1 <= WIDTH ? `\n${pad(line)}${f}` : brokenUnion(n, line, 1);
}

/** A lone ASCII name, maybe with `[]`s (not a keyword `parseType` refuses alone). */
const SIMPLE = /^(?!(?:readonly|keyof|typeof|infer)(?:\[\])*$)[A-Za-z_$][\w$]*(?:\[\])*$/;

/**
 * The most common type, a lone name, laid out without parsing: as written at column `col`
 * (followed by one character) when it fits, else `Unsure` (as `inline` decides); undefined
 * for any other type.
 */
function simpleType(type: string, col: number): string | undefined {
  if (!SIMPLE.test(type)) return undefined;
  if (col + type.length + 1 > WIDTH) throw new Unsure();
  return type;
}

/**
 * The text after `key: ` (or `key?: `) of a property at `indent` (head = the key text with its
 * colon): the type or, for a union that does not fit, a line break and one member per line.
 * The result is relative to column 0.
 */
export function afterColon(type: Node | string, indent: number, head: number): string {
  const col = indent + head + 1;
  const simple = typeof type === "string" ? simpleType(type, col) : undefined;
  if (simple !== undefined) return simple;
  const n = typeof type === "string" ? parseType(type) : type;
  if (n.k === "union" && col + flat(n).length + 1 > WIDTH) return nextLineUnion(n, indent + 2);
  return inline(n, col, indent, 1);
}

/** The text after `export type Name = ` of a top-level alias (`head` = `export type Name =`). */
export function afterEquals(type: string, head: number): string {
  const simple = simpleType(type, head + 1);
  if (simple !== undefined) return simple;
  const n = parseType(type);
  if (n.k === "union" && head + 1 + flat(n).length + 1 > WIDTH) return nextLineUnion(n, 2);
  return inline(n, head + 1, 0, 1);
}

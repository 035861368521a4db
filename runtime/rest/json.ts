/**
 * Lossless JSON text ↔ tree, for the REST transport.
 *
 * `JSON.parse` turns every number literal into a double: `9007199254740993` (an `xs:long`)
 * silently becomes `9007199254740992`, and `1.50` (an `xs:decimal`) becomes `1.5`. The REST
 * codec needs the literal as written, so this parser keeps each number as a `JsonNumber`
 * holding its source text, and keeps object members in document order (a WCF dictionary
 * arrives as a JSON object whose keys may look like integers, which a plain JS object would
 * reorder). The metadata-driven codec (json-codec.ts) then converts each literal to the
 * scalar the schema declares.
 *
 * The writer side is `jsonString` (strings) plus the codec emitting number literals itself;
 * `stringifyJson` serialises plain values that may hold `bigint`s and `JsonNumber`s.
 */

/** A JSON number literal, kept exactly as written (`9007199254740993`, `1.50`, `-0`, `1e3`). */
export class JsonNumber {
  constructor(readonly raw: string) {}
  /** The literal as a JS number (may lose precision: that is the caller's choice). */
  valueOf(): number {
    return Number(this.raw);
  }
  toString(): string {
    return this.raw;
  }
}

/** A JSON object: members in document order (duplicates kept; lookups return the last one, like `JSON.parse`). */
export class JsonObject {
  readonly entries: (readonly [string, JsonValue])[] = [];
  #index: Map<string, number> | undefined;
  #folded: Map<string, number> | undefined;

  /** Member by exact name (the last one when duplicated). */
  get(name: string): JsonValue | undefined {
    if (this.#index === undefined) {
      this.#index = new Map();
      this.entries.forEach(([k], i) => this.#index!.set(k, i));
    }
    const i = this.#index.get(name);
    return i === undefined ? undefined : this.entries[i]![1];
  }

  /** Member by name, exact match first, then ASCII case-insensitive (ASP.NET binds JSON that way). */
  lookup(name: string): JsonValue | undefined {
    const exact = this.get(name);
    if (exact !== undefined) return exact;
    if (this.#folded === undefined) {
      this.#folded = new Map();
      this.entries.forEach(([k], i) => this.#folded!.set(k.toLowerCase(), i));
    }
    const i = this.#folded.get(name.toLowerCase());
    return i === undefined ? undefined : this.entries[i]![1];
  }

  get size(): number {
    return this.entries.length;
  }
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | JsonObject;

/** Malformed JSON text. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line}, column ${column})`);
    this.name = "JsonSyntaxError";
  }
}

/** Options of `parseJson`. */
export interface ParseJsonOptions {
  /** Maximum nesting of arrays/objects (default 512): hostile input must not exhaust the stack. */
  readonly maxDepth?: number;
}

/** Source offsets of parsed arrays and objects (for error positions). */
const offsets = new WeakMap<object, number>();

/** Offset in the source text of a parsed array or object, when known. */
export function offsetOf(node: JsonValue | undefined): number | undefined {
  return node !== null && typeof node === "object" ? offsets.get(node) : undefined;
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Parse JSON text (RFC 8259; a leading BOM is ignored) into a lossless tree. Throws `JsonSyntaxError`. */
export function parseJson(text: string, options?: ParseJsonOptions): JsonValue {
  const maxDepth = options?.maxDepth ?? 512;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (message: string, at = pos): never => {
    const { line, column } = lineColumn(text, at);
    throw new JsonSyntaxError(message, at, line, column);
  };
  const skipWs = (): void => {
    while (pos < text.length && WS.has(text.charCodeAt(pos))) pos++;
  };
  const describeAt = (): string => (pos >= text.length ? "end of input" : JSON.stringify(text[pos]));

  const parseString = (): string => {
    // at the opening quote
    const start = ++pos;
    let out = "";
    let chunk = start;
    for (;;) {
      if (pos >= text.length) fail("unterminated string", start - 1);
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(chunk, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail("control character in string");
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(chunk, pos);
      const e = text[pos + 1];
      switch (e) {
        case '"':
          out += '"';
          break;
        case "\\":
          out += "\\";
          break;
        case "/":
          out += "/";
          break;
        case "b":
          out += "\b";
          break;
        case "f":
          out += "\f";
          break;
        case "n":
          out += "\n";
          break;
        case "r":
          out += "\r";
          break;
        case "t":
          out += "\t";
          break;
        case "u": {
          const hex = text.slice(pos + 2, pos + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail("invalid \\u escape");
          out += String.fromCharCode(parseInt(hex, 16));
          pos += 4;
          break;
        }
        default:
          fail("invalid escape");
      }
      pos += 2;
      chunk = pos;
    }
  };

  const parseValue = (depth: number): JsonValue => {
    skipWs();
    if (pos >= text.length) return fail("unexpected end of input");
    const c = text.charCodeAt(pos);
    switch (c) {
      case 0x7b /* { */: {
        if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth}`);
        const obj = new JsonObject();
        offsets.set(obj, pos);
        pos++;
        skipWs();
        if (text.charCodeAt(pos) === 0x7d) {
          pos++;
          return obj;
        }
        for (;;) {
          skipWs();
          if (text.charCodeAt(pos) !== 0x22) fail(`expected a property name, got ${describeAt()}`);
          const key = parseString();
          skipWs();
          if (text.charCodeAt(pos) !== 0x3a) fail(`expected ":", got ${describeAt()}`);
          pos++;
          obj.entries.push([key, parseValue(depth + 1)]);
          skipWs();
          const d = text.charCodeAt(pos);
          if (d === 0x2c) {
            pos++;
            continue;
          }
          if (d === 0x7d) {
            pos++;
            return obj;
          }
          fail(`expected "," or "}", got ${describeAt()}`);
        }
      }
      case 0x5b /* [ */: {
        if (depth >= maxDepth) fail(`nesting deeper than ${maxDepth}`);
        const arr: JsonValue[] = [];
        offsets.set(arr, pos);
        pos++;
        skipWs();
        if (text.charCodeAt(pos) === 0x5d) {
          pos++;
          return arr;
        }
        for (;;) {
          arr.push(parseValue(depth + 1));
          skipWs();
          const d = text.charCodeAt(pos);
          if (d === 0x2c) {
            pos++;
            continue;
          }
          if (d === 0x5d) {
            pos++;
            return arr;
          }
          fail(`expected "," or "]", got ${describeAt()}`);
        }
      }
      case 0x22:
        return parseString();
      case 0x74:
        if (text.startsWith("true", pos)) {
          pos += 4;
          return true;
        }
        break;
      case 0x66:
        if (text.startsWith("false", pos)) {
          pos += 5;
          return false;
        }
        break;
      case 0x6e:
        if (text.startsWith("null", pos)) {
          pos += 4;
          return null;
        }
        break;
      default: {
        NUMBER_RE.lastIndex = pos;
        const m = NUMBER_RE.exec(text);
        if (m !== null) {
          pos += m[0].length;
          return new JsonNumber(m[0]);
        }
      }
    }
    return fail(`unexpected ${describeAt()}`);
  };

  const value = parseValue(0);
  skipWs();
  if (pos < text.length) fail(`unexpected ${describeAt()} after the JSON value`);
  return value;
}

/** A JSON string literal (`JSON.stringify` escapes lone surrogates, so the output is always valid UTF-8). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

/**
 * Convert a parsed tree to plain JS values (numbers become `number`, objects plain objects;
 * a `__proto__` member stays an own property). For untyped content such as error bodies.
 */
export function toPlain(value: JsonValue): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof JsonNumber) return Number(value.raw);
  if (Array.isArray(value)) return value.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of value.entries) {
    Object.defineProperty(out, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Serialise plain values (objects, arrays, strings, booleans, null, finite numbers) plus
 * `bigint` (written as a bare integer literal), `JsonNumber` (its literal) and parsed
 * `JsonObject`s. `undefined` members are skipped. Compact output, or indented with `indent`.
 */
export function stringifyJson(value: unknown, indent = 0): string {
  const nl = indent > 0 ? "\n" : "";
  const sep = indent > 0 ? ": " : ":";
  const write = (v: unknown, pad: string, depth: number): string | undefined => {
    if (depth > 512) throw new TypeError("stringifyJson: value nested too deeply");
    if (v === null) return "null";
    switch (typeof v) {
      case "string":
        return jsonString(v);
      case "boolean":
        return v ? "true" : "false";
      case "number":
        return Number.isFinite(v) ? String(v) : "null";
      case "bigint":
        return v.toString();
      case "undefined":
      case "function":
      case "symbol":
        return undefined;
    }
    if (v instanceof JsonNumber) return v.raw;
    const inner = pad + " ".repeat(indent);
    if (Array.isArray(v)) {
      if (v.length === 0) return "[]";
      const items = v.map((x) => write(x, inner, depth + 1) ?? "null");
      return `[${nl}${items.map((x) => inner + x).join(`,${nl}`)}${nl}${pad}]`;
    }
    if (ArrayBuffer.isView(v)) return jsonString(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64"));
    const pairs = v instanceof JsonObject ? v.entries : Object.entries(v as Record<string, unknown>);
    const members: string[] = [];
    for (const [k, x] of pairs) {
      const t = write(x, inner, depth + 1);
      if (t !== undefined) members.push(`${inner}${jsonString(k)}${sep}${t}`);
    }
    if (members.length === 0) return "{}";
    return `{${nl}${members.join(`,${nl}`)}${nl}${pad}}`;
  };
  return write(value, "", 0) ?? "null";
}

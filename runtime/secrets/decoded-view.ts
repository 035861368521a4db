/**
 * A view of a text with its escapes decoded (XML character references and entities, comments
 * and CDATA brackets, URL percent-encoding, JSON string escapes), each decoded UTF-16 unit
 * mapped back to the span of the original text it came from. Secret masking matches secrets
 * in this view and masks the original spans, so `&#55;T:…`, `7T%3A…`, `7T\u003a…` and a
 * secret split by a comment are found like the plain value. No Node-only APIs.
 */
export interface DecodedView {
  readonly text: string;
  /** Start (inclusive) in the original text of each unit of `text`. */
  readonly starts: readonly number[];
  /** End (exclusive) in the original text of each unit of `text`. */
  readonly ends: readonly number[];
}

interface Escape {
  readonly text: string;
  readonly end: number;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const JSON_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** Decode every escape of `src` once. */
export function decodeEscapes(src: string): DecodedView {
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < src.length) {
    const esc = readEscape(src, i);
    const unit = esc ?? { text: src[i]!, end: i + 1 };
    for (let k = 0; k < unit.text.length; k++) {
      starts.push(i);
      ends.push(unit.end);
    }
    text += unit.text;
    i = unit.end;
  }
  return { text, starts, ends };
}

/** Decode twice (an escape inside an escape: `&amp;#55;`, JSON inside XML), spans composed. */
export function decodeEscapesTwice(src: string): DecodedView {
  const once = decodeEscapes(src);
  const twice = decodeEscapes(once.text);
  return {
    text: twice.text,
    starts: twice.starts.map((s) => once.starts[s]!),
    ends: twice.ends.map((e) => once.ends[e - 1]!),
  };
}

function readEscape(src: string, i: number): Escape | undefined {
  switch (src[i]) {
    case "&":
      return charReference(src, i);
    case "%":
      return percentRun(src, i);
    case "\\":
      return jsonEscape(src, i);
    case "<":
      return markup(src, i);
    case "]":
      return src.startsWith("]]>", i) ? { text: "", end: i + 3 } : undefined;
    default:
      return undefined;
  }
}

const CHAR_REF = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/y;

function charReference(src: string, i: number): Escape | undefined {
  CHAR_REF.lastIndex = i;
  const m = CHAR_REF.exec(src);
  if (m === null) return undefined;
  const end = i + m[0].length;
  if (m[3] !== undefined) return { text: ENTITIES[m[3]]!, end };
  const code = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2]!, 16);
  return code <= 0x10ffff ? { text: String.fromCodePoint(code), end } : undefined;
}

const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/y;

function percentRun(src: string, i: number): Escape | undefined {
  PERCENT_RUN.lastIndex = i;
  const m = PERCENT_RUN.exec(src);
  if (m === null) return undefined;
  const end = i + m[0].length;
  try {
    return { text: decodeURIComponent(m[0]), end };
  } catch {
    // not UTF-8: one byte per escape (masking only needs the ASCII part to line up)
    return { text: String.fromCharCode(Number.parseInt(m[0].slice(1, 3), 16)), end: i + 3 };
  }
}

const UNICODE_ESCAPE = /\\u([0-9a-fA-F]{4})/y;

function jsonEscape(src: string, i: number): Escape | undefined {
  UNICODE_ESCAPE.lastIndex = i;
  const m = UNICODE_ESCAPE.exec(src);
  if (m !== null) return { text: String.fromCharCode(Number.parseInt(m[1]!, 16)), end: i + 6 };
  const next = src[i + 1];
  const text = next !== undefined ? JSON_ESCAPES[next] : undefined;
  return text !== undefined ? { text, end: i + 2 } : undefined;
}

function markup(src: string, i: number): Escape | undefined {
  if (src.startsWith("<![CDATA[", i)) return { text: "", end: i + 9 };
  if (!src.startsWith("<!--", i)) return undefined;
  const close = src.indexOf("-->", i + 4);
  return { text: "", end: close === -1 ? src.length : close + 3 };
}

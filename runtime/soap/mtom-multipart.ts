/**
 * An incremental `multipart/related` reader (RFC 2046 framing): bytes arrive in chunks of any
 * size, a delimiter may be split across chunks, and each part's body leaves as views of the
 * chunks it came in (never the whole part). Memory is one chunk plus a delimiter's length.
 * Framing errors are `MultipartError`s; the caller maps them to its own errors.
 */

export class MultipartError extends Error {}

/** One event of the reader: a part's headers (lower-case names), a piece of its body, its end. */
export type MultipartEvent =
  | { readonly kind: "headers"; readonly headers: Readonly<Record<string, string>> }
  | { readonly kind: "data"; readonly bytes: Uint8Array }
  | { readonly kind: "end" };

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = new Uint8Array([13, 10]);
const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
const AFTER_DELIMITER = 0;
const HEADERS = 1;
const BODY = 2;
const PREAMBLE = 3;
const DONE = 4;

export function isMultipartRelated(contentType: string | undefined): boolean {
  return /^\s*multipart\/related\s*(;|$)/i.test(contentType ?? "");
}

/** A Content-ID without its `<>`. */
export const contentId = (id: string | undefined): string => (id ?? "").trim().replace(/^<|>$/g, "");

export class MultipartReader {
  readonly #delimiter: Uint8Array;
  #state = PREAMBLE;
  /** Unread bytes kept from the previous chunk (a possible delimiter start, an incomplete header block). */
  #carry: Uint8Array = EMPTY;
  #parts = 0;
  /** Nothing read yet: the first delimiter may open the body without a CRLF before it. */
  #atStart = true;

  constructor(boundary: string) {
    if (!/^[\x20-\x7e]{1,200}$/.test(boundary)) throw new MultipartError("the multipart boundary is not valid");
    this.#delimiter = new TextEncoder().encode(`\r\n--${boundary}`);
  }

  /** The events `chunk` completes; data views are valid until the next `push`. */
  push(chunk: Uint8Array): MultipartEvent[] {
    const buf = this.#carry.length === 0 ? chunk : concat(this.#carry, chunk);
    this.#carry = EMPTY;
    const events: MultipartEvent[] = [];
    let at = 0;
    while (at < buf.length && this.#state !== DONE) {
      const next = this.#step(buf, at, events);
      if (next < 0) {
        this.#carry = buf.slice(at);
        break;
      }
      at = next;
    }
    return events;
  }

  /** The body ended: anything but a complete closing delimiter is a truncated message. */
  end(): void {
    if (this.#state !== DONE)
      throw new MultipartError(
        this.#parts === 0 ? "no multipart delimiter found" : "the multipart body ends before its closing delimiter",
      );
  }

  /** One step from `at`; returns where the next begins, or -1 when more bytes are needed. */
  #step(buf: Uint8Array, at: number, events: MultipartEvent[]): number {
    const d = this.#delimiter;
    switch (this.#state) {
      case PREAMBLE: {
        if (this.#atStart) {
          if (buf.length < d.length - 2) return -1;
          this.#atStart = false;
          if (startsWith(buf, d.subarray(2))) {
            this.#state = AFTER_DELIMITER;
            return d.length - 2;
          }
        }
        const i = indexOf(buf, d, at);
        if (i >= 0) {
          this.#state = AFTER_DELIMITER;
          return i + d.length;
        }
        this.#carry = buf.slice(Math.max(at, buf.length - (d.length - 1)));
        return buf.length;
      }
      case AFTER_DELIMITER: {
        if (buf.length - at < 2) return -1;
        if (buf[at] === 45 && buf[at + 1] === 45) {
          this.#state = DONE;
          return buf.length;
        }
        const eol = indexOf(buf, CRLF, at);
        if (eol < 0) return buf.length - at > 1000 ? fail("no line end after a multipart delimiter") : -1;
        if (!/^[ \t]*$/.test(latin1(buf.subarray(at, eol)))) throw new MultipartError("junk after a delimiter");
        this.#state = HEADERS;
        this.#parts++;
        return eol + 2;
      }
      case HEADERS: {
        const empty = buf[at] === 13 && buf[at + 1] === 10;
        const end = empty ? at : indexOf(buf, CRLFCRLF, at);
        if (end < 0) return buf.length - at > MAX_HEADER_BYTES ? fail("a part's headers are too long") : -1;
        events.push({ kind: "headers", headers: parseHeaders(latin1(buf.subarray(at, end))) });
        this.#state = BODY;
        return end + (empty ? 2 : 4);
      }
      case BODY: {
        const i = indexOf(buf, d, at);
        if (i >= 0) {
          if (i > at) events.push({ kind: "data", bytes: buf.subarray(at, i) });
          events.push({ kind: "end" });
          this.#state = AFTER_DELIMITER;
          return i + d.length;
        }
        // Keep what could be the start of a split delimiter; the rest is body.
        const safe = Math.max(at, buf.length - (d.length - 1));
        if (safe > at) events.push({ kind: "data", bytes: buf.subarray(at, safe) });
        this.#carry = buf.slice(safe);
        return buf.length;
      }
      default:
        return buf.length;
    }
  }
}

const EMPTY = new Uint8Array(0);

function fail(message: string): never {
  throw new MultipartError(message);
}

function startsWith(buf: Uint8Array, prefix: Uint8Array): boolean {
  for (let i = 0; i < prefix.length; i++) if (buf[i] !== prefix[i]) return false;
  return true;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  let last: string | undefined;
  for (const line of block.split("\r\n")) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers[last] += ` ${line.trim()}`; // folded continuation line
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim().toLowerCase();
    headers[last] = line.slice(colon + 1).trim();
  }
  return headers;
}

const LATIN1 = new TextDecoder("latin1");

/** Bytes as latin1 text (MIME headers, base64 parts): one decoder, as a non-streaming decode keeps no state. */
export function latin1(bytes: Uint8Array): string {
  return LATIN1.decode(bytes);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** First index of `needle` in `hay` at or after `from`, or -1. */
export function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

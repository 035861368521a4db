/**
 * Incremental, strict base64 decoding (RFC 4648 alphabet; XML whitespace allowed anywhere, as
 * `xs:base64Binary` permits): text arrives in pieces of any length, bytes leave in whole
 * 3-byte groups. Anything else — a foreign character, data after padding, a trailing partial
 * group — is reported, never skipped (Node's own decoder would silently drop it).
 */

import { BASE64_LAST_GROUP_RE } from "../codec/lexical.js";

const WHITESPACE = /[\t\n\r ]+/g;
const FOREIGN = /[^A-Za-z0-9+/=]/;

export class Base64Error extends Error {}

export class Base64StreamDecoder {
  #carry = "";
  #padded = false;
  #bytes = 0;
  /** Reused output: decoding allocates nothing per piece once it is large enough. */
  #scratch = Buffer.alloc(0);

  /** Bytes decoded so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /**
   * Decode the next piece of text; returns the bytes of the complete groups it finishes. The
   * returned view is valid until the next `push` (copy it to keep it).
   */
  push(text: string): Buffer {
    const clean = text.replace(WHITESPACE, "");
    if (clean === "") return EMPTY;
    if (FOREIGN.test(clean)) throw new Base64Error(`character ${describe(clean.match(FOREIGN)![0])} is not base64`);
    if (this.#padded) throw new Base64Error("data after the padding '='");
    const all = this.#carry + clean;
    const whole = all.length - (all.length % 4);
    const head = all.slice(0, whole);
    this.#carry = all.slice(whole);
    const pad = head.indexOf("=");
    if (pad >= 0) {
      if (pad < head.length - 4 || this.#carry !== "") throw new Base64Error("padding '=' before the end of the data");
      if (!BASE64_LAST_GROUP_RE.test(head.slice(-4)))
        throw new Base64Error(`the last group ${head.slice(-4)} is not canonical base64 padding`);
      this.#padded = true;
    }
    if (this.#scratch.length < (head.length / 4) * 3) this.#scratch = Buffer.allocUnsafe((head.length / 4) * 3);
    const n = this.#scratch.write(head, 0, "base64");
    this.#bytes += n;
    return this.#scratch.subarray(0, n);
  }

  /** The content ended: a partial group left over means the base64 was cut. */
  end(): void {
    if (this.#carry !== "")
      throw new Base64Error(`the data ends inside a 4-character group (${this.#carry.length} left over)`);
  }
}

const EMPTY = Buffer.alloc(0);

function describe(c: string): string {
  const code = c.codePointAt(0)!;
  return code >= 0x21 && code < 0x7f ? `'${c}'` : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The secret values of one call and the one function that masks them. A run of text is
 * masked (`***`) when it is a secret, or a piece of one that starts where the secret starts
 * or ends where it ends (a prefix or suffix of 6+ characters: an echo cut by the server, by
 * a snippet, or by a decoder that quotes the first 40 characters of a bad value), or a piece
 * from its middle of `MIN_MIDDLE_LENGTH`+ characters (a suffix echo quoted cut). Runs are
 * searched in the text as it is and with its escapes decoded (decoded-view.ts: character
 * references, entities, comments, percent-encoding, JSON escapes), and base64 forms of every
 * secret are secrets too. Shorter pieces from the middle of a secret are not masked: that
 * keeps words such as "Password" readable when a password contains "password". No Node-only APIs.
 */
import { base64Forms } from "./base64-forms.js";
import { decodeEscapesTwice } from "./decoded-view.js";

/** Secrets, and prefixes/suffixes of secrets, shorter than this are not masked. */
export const MIN_SECRET_LENGTH = 6;
/** Pieces from the middle of a secret (touching neither end) are masked from this length on. */
export const MIN_MIDDLE_LENGTH = 12;
export const MASK = "***";

type Mark = (start: number, end: number) => void;
const NO_MARK: Mark = () => undefined;
const NO_VALUES: readonly string[] = [];
/** Texts up to this length are remembered by a base set, up to this many. */
const MEMO_TEXT = 256;
const MEMO_SIZE = 512;

/** Texts are scanned in windows of this many characters... */
const WINDOW = 64 * 1024;
/** ...overlapping by this much, more than the longest escaped form of a secret. */
const OVERLAP = 8 * 1024;
/** A text without these has no escape to decode. */
const MAY_ESCAPE = /[&%\\]|<!--|<!\[CDATA\[|\]\]>/;

export class SecretSet {
  readonly #values: string[] = [];
  /** Every `MIN_SECRET_LENGTH`-gram of every value → where it occurs (value index, offset); made on the first value. */
  #grams: Map<string, [number, number][]> | undefined;
  /** `charCode(0) * 65536 + charCode(1)` of every gram: a cheap test before slicing. */
  #heads: Set<number> | undefined;
  /** Secrets shared with other sets (a client's, indexed once), masked here too; never changed through this set. */
  readonly #base: SecretSet | undefined;

  /** `base`: a set whose secrets this one includes without indexing them again (it should not change afterwards). */
  /**
   * Short texts found clean (nothing to mask) by a set that other sets extend (a client's): the
   * same response header values come back on every call. Texts holding a secret are never kept.
   */
  #clean: Set<string> | undefined;

  constructor(values: Iterable<string> = NO_VALUES, base?: SecretSet) {
    this.#base = base;
    if (base !== undefined && base.#base === undefined) base.#clean ??= new Set();
    for (const v of values) this.add(v);
  }

  /** True when nothing is masked. */
  get empty(): boolean {
    return this.#values.length === 0 && (this.#base === undefined || this.#base.empty);
  }

  /** True when `value` is one of the secrets (as added, or one of its base64 forms). */
  has(value: string): boolean {
    return this.#values.includes(value) || (this.#base !== undefined && this.#base.has(value));
  }

  /** Add a secret value (ignored when shorter than `MIN_SECRET_LENGTH`). */
  add(value: string): void {
    if (typeof value !== "string" || value.length < MIN_SECRET_LENGTH || this.has(value)) return;
    this.#clean?.clear();
    this.#index(value);
    for (const form of base64Forms(value)) if (!this.has(form)) this.#index(form);
  }

  /** `text` with every secret, and every secret prefix/suffix of 6+ characters, plain or escaped, replaced by `***`. */
  mask(text: string): string {
    if (this.empty || typeof text !== "string" || text.length < MIN_SECRET_LENGTH) return text;
    // Nothing of its own: masks exactly as its base does.
    if (this.#values.length === 0 && this.#base !== undefined) return this.#base.mask(text);
    const clean = this.#clean;
    if (clean === undefined || text.length > MEMO_TEXT) return this.#mask(text);
    if (clean.has(text)) return text;
    const masked = this.#mask(text);
    if (masked === text) {
      if (clean.size >= MEMO_SIZE) clean.clear();
      clean.add(text);
    }
    return masked;
  }

  #mask(text: string): string {
    // Most texts hold no secret and nothing to decode: one scan, nothing allocated.
    if (!MAY_ESCAPE.test(text) && !this.#cover(text, NO_MARK)) return text;
    const covered = new Uint8Array(text.length);
    let hit = false;
    // Overlapping windows bound the memory of the decoded view on large bodies (hook events).
    for (let start = 0; start < text.length; start += WINDOW) {
      hit = this.#coverWindow(text.slice(start, start + WINDOW + OVERLAP), start, covered) || hit;
      if (start + WINDOW + OVERLAP >= text.length) break;
    }
    return hit ? replaceCovered(text, covered) : text;
  }

  #coverWindow(text: string, offset: number, covered: Uint8Array): boolean {
    let hit = this.#cover(text, (start, end) => covered.fill(1, offset + start, offset + end));
    if (!MAY_ESCAPE.test(text)) return hit;
    const view = decodeEscapesTwice(text);
    if (view.text !== text) {
      hit =
        this.#cover(view.text, (start, end) =>
          covered.fill(1, offset + view.starts[start]!, offset + view.ends[end - 1]!),
        ) || hit;
    }
    return hit;
  }

  #index(value: string): void {
    const at = this.#values.push(value) - 1;
    this.#grams ??= new Map();
    this.#heads ??= new Set();
    for (let i = 0; i + MIN_SECRET_LENGTH <= value.length; i++) {
      const gram = value.slice(i, i + MIN_SECRET_LENGTH);
      this.#heads!.add(value.charCodeAt(i) * 65536 + value.charCodeAt(i + 1));
      const list = this.#grams.get(gram);
      if (list === undefined) this.#grams.set(gram, [[at, i]]);
      else list.push([at, i]);
    }
  }

  /** Mark every anchored secret run in `text` (this set's and its base's); true when there was one. */
  #cover(text: string, mark: Mark): boolean {
    let hit = this.#base !== undefined && !this.#base.empty && this.#base.#cover(text, mark);
    const heads = this.#heads;
    const grams = this.#grams;
    if (heads === undefined || grams === undefined) return hit;
    for (let i = 0; i + MIN_SECRET_LENGTH <= text.length; i++) {
      if (!heads.has(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1))) continue;
      const places = grams.get(text.slice(i, i + MIN_SECRET_LENGTH));
      if (places === undefined) continue;
      for (const [v, offset] of places) hit = this.#markRun(text, i, this.#values[v]!, offset, mark) || hit;
    }
    return hit;
  }

  /** Extend the gram match at `text[i]` = `value[offset]` both ways; mark it when it touches an end of the value or is long. */
  #markRun(text: string, i: number, value: string, offset: number, mark: Mark): boolean {
    let back = 0;
    while (offset - back > 0 && i - back > 0 && text[i - back - 1] === value[offset - back - 1]) back++;
    let fwd = MIN_SECRET_LENGTH;
    while (offset + fwd < value.length && i + fwd < text.length && text[i + fwd] === value[offset + fwd]) fwd++;
    const anchored = offset - back === 0 || offset + fwd === value.length;
    if (!anchored && back + fwd < MIN_MIDDLE_LENGTH) return false;
    mark(i - back, i + fwd);
    return true;
  }
}

function replaceCovered(text: string, covered: Uint8Array): string {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = covered.indexOf(1, i);
    if (end === -1) end = text.length;
    parts.push(text.slice(i, end));
    if (end === text.length) break;
    i = covered.indexOf(0, end);
    parts.push(MASK);
    if (i === -1) break;
  }
  return parts.join("");
}

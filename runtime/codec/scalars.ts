/**
 * XSD built-in scalars: classification, TS value → lexical text, lexical text → TS value.
 *
 * The mapping (documented in the runtime README section of DESIGN) is:
 * strings → string; boolean → boolean; 8–32-bit integers, float, double → number;
 * 64-bit/unbounded integers → `mapping.long`; decimal → `mapping.decimal`;
 * dateTime/date/time → `mapping.dateTime`; duration → string;
 * base64Binary/hexBinary → Uint8Array in, Buffer out; anyType → text.
 */

import type { ScalarName, TypeMapping } from "../metadata.js";
import { activeXopCollector, MtomSource } from "./xop-hook.js";
import {
  DATETIME_RE,
  DATE_RE,
  TIME_RE,
  checkDateLexical,
  checkDuration,
  decodeBase64Strict,
  parseIntegerInRange,
} from "./lexical.js";

/** Scalar categories (numeric for a fast switch). */
export const CAT_STRING = 0;
export const CAT_BOOLEAN = 1;
export const CAT_INT = 2;
export const CAT_FLOAT = 3;
export const CAT_LONG = 4;
export const CAT_DECIMAL = 5;
export const CAT_DATETIME = 6;
export const CAT_DATE = 7;
export const CAT_TIME = 8;
export const CAT_BASE64 = 9;
export const CAT_HEX = 10;
export const CAT_ANY = 11;
export const CAT_DURATION = 12;

/** A compiled built-in scalar. */
export interface ScalarPlan {
  readonly kind: "scalar";
  /** `xs:<name>`. */
  readonly id: string;
  readonly name: ScalarName;
  readonly cat: number;
  /** Inclusive range for CAT_INT (numbers) and CAT_LONG (bigints); absent = unbounded. */
  readonly min?: number | bigint;
  readonly max?: number | bigint;
}

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;
const U64_MAX = 2n ** 64n - 1n;

const SCALARS: Readonly<Record<ScalarName, Omit<ScalarPlan, "kind" | "id" | "name">>> = {
  string: { cat: CAT_STRING },
  normalizedString: { cat: CAT_STRING },
  token: { cat: CAT_STRING },
  anyURI: { cat: CAT_STRING },
  QName: { cat: CAT_STRING },
  ID: { cat: CAT_STRING },
  IDREF: { cat: CAT_STRING },
  language: { cat: CAT_STRING },
  Name: { cat: CAT_STRING },
  NCName: { cat: CAT_STRING },
  duration: { cat: CAT_DURATION },
  boolean: { cat: CAT_BOOLEAN },
  byte: { cat: CAT_INT, min: -128, max: 127 },
  short: { cat: CAT_INT, min: -32768, max: 32767 },
  int: { cat: CAT_INT, min: -2147483648, max: 2147483647 },
  unsignedByte: { cat: CAT_INT, min: 0, max: 255 },
  unsignedShort: { cat: CAT_INT, min: 0, max: 65535 },
  unsignedInt: { cat: CAT_INT, min: 0, max: 4294967295 },
  float: { cat: CAT_FLOAT },
  double: { cat: CAT_FLOAT },
  long: { cat: CAT_LONG, min: I64_MIN, max: I64_MAX },
  unsignedLong: { cat: CAT_LONG, min: 0n, max: U64_MAX },
  integer: { cat: CAT_LONG },
  nonNegativeInteger: { cat: CAT_LONG, min: 0n },
  positiveInteger: { cat: CAT_LONG, min: 1n },
  nonPositiveInteger: { cat: CAT_LONG, max: 0n },
  negativeInteger: { cat: CAT_LONG, max: -1n },
  decimal: { cat: CAT_DECIMAL },
  dateTime: { cat: CAT_DATETIME },
  date: { cat: CAT_DATE },
  time: { cat: CAT_TIME },
  base64Binary: { cat: CAT_BASE64 },
  hexBinary: { cat: CAT_HEX },
  anyType: { cat: CAT_ANY },
};

const PLANS = new Map<string, ScalarPlan>(
  Object.entries(SCALARS).map(([name, p]) => [
    `xs:${name}`,
    Object.freeze({ kind: "scalar" as const, id: `xs:${name}`, name: name as ScalarName, ...p }),
  ]),
);

/** The plan of an `xs:` reference, or `undefined` for an unknown built-in. */
export function scalarPlan(ref: string): ScalarPlan | undefined {
  return PLANS.get(ref);
}

/** Why a value was rejected (the caller adds path and line information). */
export class ScalarError extends Error {}

const INTEGER_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const FLOAT_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const HAS_TZ_RE = /(?:Z|[+-]\d\d:\d\d)$/;

/** TS value → lexical form. Throws `ScalarError` with a message describing the problem. */
export function scalarToText(p: ScalarPlan, value: unknown, mapping: TypeMapping): string {
  switch (p.cat) {
    case CAT_STRING:
      if (typeof value === "string") return value;
      throw expected(p, "a string", value);
    case CAT_DURATION: {
      if (typeof value !== "string") throw expected(p, "a string", value);
      const reason = checkDuration(value);
      if (reason !== undefined) throw new ScalarError(reason);
      return value;
    }
    case CAT_BOOLEAN:
      if (value === true) return "true";
      if (value === false) return "false";
      throw expected(p, "a boolean", value);
    case CAT_INT:
      if (typeof value === "number") {
        if (!Number.isInteger(value)) throw new ScalarError(`${p.id} value ${value} is not an integer`);
        if (value < (p.min as number) || value > (p.max as number)) {
          throw new ScalarError(`${p.id} value ${value} is out of range [${p.min}, ${p.max}]`);
        }
        return Object.is(value, -0) ? "0" : String(value);
      }
      throw expected(p, "a number", value);
    case CAT_FLOAT:
      if (typeof value === "number") return floatToText(value);
      throw expected(p, "a number", value);
    case CAT_LONG:
      return longToText(p, value, mapping);
    case CAT_DECIMAL:
      return decimalToText(p, value);
    case CAT_DATETIME:
    case CAT_DATE:
    case CAT_TIME:
      return dateToText(p, value);
    case CAT_BASE64:
    case CAT_HEX: {
      if (p.cat === CAT_BASE64) {
        const placeholder = activeXopCollector()?.take(value);
        if (placeholder !== undefined) return placeholder;
      }
      if (value instanceof MtomSource)
        throw new ScalarError(`${p.id}: a streamed attachment needs the transport's mtom option`);
      let bytes: Buffer;
      if (value instanceof Uint8Array) bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      else if (value instanceof ArrayBuffer) bytes = Buffer.from(value);
      else throw expected(p, "a Uint8Array or Buffer", value);
      return p.cat === CAT_BASE64 ? bytes.toString("base64") : bytes.toString("hex").toUpperCase();
    }
    default: // CAT_ANY
      if (typeof value === "string") return value;
      if (typeof value === "boolean" || typeof value === "bigint") return String(value);
      if (typeof value === "number") return floatToText(value);
      throw expected(p, "a string, number or boolean", value);
  }
}

function floatToText(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "INF";
  if (value === -Infinity) return "-INF";
  if (Object.is(value, -0)) return "-0";
  return String(value); // "1e+21" is valid xs:double lexical form
}

function longToText(p: ScalarPlan, value: unknown, mapping: TypeMapping): string {
  let big: bigint;
  if (typeof value === "bigint") big = value;
  else if (typeof value === "string") {
    const t = value.trim();
    if (!INTEGER_RE.test(t)) throw new ScalarError(`${p.id} value "${truncate(value)}" is not an integer`);
    big = BigInt(t);
  } else if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new ScalarError(`${p.id} value ${value} is not an integer`);
    // A number beyond 2^53 has already lost precision; accept it only when the caller chose
    // the lossy "number" mapping.
    if (!Number.isSafeInteger(value) && mapping.long !== "number") {
      throw new ScalarError(`${p.id} value ${value} is not a safe integer; pass a bigint or a string`);
    }
    big = BigInt(value);
  } else throw expected(p, "a bigint, an integer string or a safe integer", value);
  if ((p.min !== undefined && big < (p.min as bigint)) || (p.max !== undefined && big > (p.max as bigint))) {
    throw new ScalarError(`${p.id} value ${big} is out of range`);
  }
  return big.toString();
}

function decimalToText(p: ScalarPlan, value: unknown): string {
  if (typeof value === "string") {
    const t = value.trim();
    if (!DECIMAL_RE.test(t)) throw new ScalarError(`${p.id} value "${truncate(value)}" is not a decimal`);
    return t; // kept exactly: no float round trip
  }
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ScalarError(`${p.id} value ${value} is not finite`);
    return numberToDecimal(value);
  }
  throw expected(p, "a decimal string or a number", value);
}

/** Plain decimal notation for a finite number (no exponent, which xs:decimal forbids). */
function numberToDecimal(n: number): string {
  const s = String(n);
  if (!s.includes("e")) return s;
  if (Math.abs(n) >= 1) return BigInt(n).toString(); // |n| >= 1e21 is always an integer
  const m = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(s);
  if (m === null) return n.toFixed(20);
  return `${m[1]}0.${"0".repeat(Number(m[4]) - 1)}${m[2]}${m[3] ?? ""}`;
}

function dateToText(p: ScalarPlan, value: unknown): string {
  if (typeof value === "string") {
    const reason = checkDateLexical(dateRe(p), value, p.name);
    if (reason !== undefined) throw new ScalarError(reason);
    return value; // lexical form kept exactly (an offset-less value stays offset-less)
  }
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw new ScalarError(`${p.id} value is an invalid Date`);
    const iso = value.toISOString();
    if (p.cat === CAT_DATETIME) return iso;
    if (p.cat === CAT_DATE) return iso.slice(0, iso.indexOf("T"));
    return iso.slice(iso.indexOf("T") + 1);
  }
  throw expected(p, "a string or a Date", value);
}

/** Lexical form → TS value. Throws `ScalarError` when the text is not in the type's lexical space or range. */
export function textToScalar(p: ScalarPlan, text: string, mapping: TypeMapping): unknown {
  switch (p.cat) {
    case CAT_STRING:
    case CAT_ANY:
      return text;
    case CAT_BOOLEAN: {
      const t = text.trim();
      if (t === "true" || t === "1") return true;
      if (t === "false" || t === "0") return false;
      throw new ScalarError(`not a valid ${p.id} (expected true, false, 1 or 0)`);
    }
    case CAT_INT:
      return textToInt(p, text.trim());
    case CAT_FLOAT:
      return textToFloat(p, text.trim());
    case CAT_LONG:
      return textToLong(p, text.trim(), mapping);
    case CAT_DECIMAL:
      return textToDecimal(p, text.trim(), mapping);
    case CAT_DATETIME:
    case CAT_DATE:
    case CAT_TIME: {
      const t = text.trim();
      const reason = checkDateLexical(dateRe(p), t, p.name);
      if (reason !== undefined) throw new ScalarError(reason);
      return mapping.dateTime === "Date" ? lexicalToDate(p, t) : t; // string: exactly as on the wire
    }
    case CAT_DURATION: {
      const t = text.trim();
      const reason = checkDuration(t);
      if (reason !== undefined) throw new ScalarError(reason);
      return t;
    }
    case CAT_BASE64: {
      const r = decodeBase64Strict(text);
      if (typeof r === "string") throw new ScalarError(r);
      return r;
    }
    default: {
      // CAT_HEX
      const t = text.trim();
      if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) throw new ScalarError(`not a valid ${p.id}`);
      return Buffer.from(t, "hex");
    }
  }
}

const SHORT_INT_RE = /^[+-]?\d{1,15}$/;

function textToInt(p: ScalarPlan, t: string): number {
  if (SHORT_INT_RE.test(t)) {
    // Fast path: up to 15 digits is exact as a double.
    const n = Number(t);
    if (n < (p.min as number) || n > (p.max as number))
      throw new ScalarError(`${p.id} value out of range [${p.min}, ${p.max}]`);
    return n === 0 ? 0 : n; // no -0
  }
  const v = parseIntegerInRange(t, p.id, BigInt(p.min as number), BigInt(p.max as number));
  if (typeof v === "string") throw new ScalarError(v);
  return Number(v);
}

function textToFloat(p: ScalarPlan, t: string): number {
  if (t === "INF" || t === "+INF") return Infinity;
  if (t === "-INF") return -Infinity;
  if (t === "NaN") return NaN;
  if (!FLOAT_RE.test(t)) throw new ScalarError(`not a valid ${p.id} lexical form`);
  return Number(t);
}

function textToLong(p: ScalarPlan, t: string, mapping: TypeMapping): bigint | string | number {
  const v = parseIntegerInRange(t, p.id, p.min as bigint | undefined, p.max as bigint | undefined);
  if (typeof v === "string") throw new ScalarError(v);
  if (mapping.long === "string") return t;
  if (mapping.long === "bigint") return v;
  // The "number" mapping: a value a double cannot hold exactly is an error, never a rounded number.
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new ScalarError(
      `${p.id} value beyond ±2^53 cannot be represented as a number (use the long: "bigint" or "string" mapping)`,
    );
  }
  return Number(v);
}

function textToDecimal(p: ScalarPlan, t: string, mapping: TypeMapping): string | number {
  if (!DECIMAL_RE.test(t)) throw new ScalarError(`not a valid ${p.id} lexical form`);
  if (mapping.decimal !== "number") return t;
  const n = Number(t);
  if (!Number.isFinite(n)) throw new ScalarError(`${p.id} value is too large for a number`);
  return n;
}

function dateRe(p: ScalarPlan): RegExp {
  return p.cat === CAT_DATETIME ? DATETIME_RE : p.cat === CAT_DATE ? DATE_RE : TIME_RE;
}

/**
 * Lexical date/time → Date. A value without an offset is read as UTC (not local time as
 * `new Date()` would), so the result does not depend on the machine's time zone.
 */
function lexicalToDate(p: ScalarPlan, t: string): Date {
  let iso = p.cat === CAT_TIME ? `1970-01-01T${t}` : p.cat === CAT_DATE ? dateWithTime(t) : t;
  if (!HAS_TZ_RE.test(iso)) iso += "Z";
  const d = new Date(expandYear(iso));
  if (Number.isNaN(d.getTime())) throw new ScalarError(`"${truncate(t)}" is outside the range of a JS Date`);
  return d;
}

function dateWithTime(t: string): string {
  const m = /^(-?\d+-\d\d-\d\d)(.*)$/.exec(t);
  return m === null ? t : `${m[1]}T00:00:00${m[2]}`;
}

/** Years outside 0000–9999 need the ECMAScript expanded-year form (`+010000`, `-000001`). */
function expandYear(iso: string): string {
  const m = /^(-?)(\d+)(-.*)$/.exec(iso);
  if (m === null || (m[1] === "" && m[2]!.length === 4)) return iso;
  return `${m[1] === "-" ? "-" : "+"}${m[2]!.padStart(6, "0")}${m[3]}`;
}

function expected(p: ScalarPlan, what: string, value: unknown): ScalarError {
  return new ScalarError(`${p.id} expects ${what}, got ${describe(value)}`);
}

/** Short description of a value for error messages (never the full value: it may be a secret). */
export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Date) return "a Date";
  if (value instanceof Uint8Array) return "a Uint8Array";
  return typeof value;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

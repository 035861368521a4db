/**
 * How strictly a response is decoded.
 *
 * The default is strict: a decoded value always has its declared TypeScript type, or the call
 * fails with a `ProtocolError` naming the property path. Two kinds of forward-compatible
 * leniency can be switched on explicitly, per client or per call:
 *
 * - `unknownEnumValues: "accept"` passes a value outside the enumeration through as a string.
 *   The declared enum type is then too narrow: read the result as `Lenient<T>`, which widens
 *   every string-literal union in `T` to `E | (string & {})`.
 * - `unknownElements: "ignore"` skips elements the schema does not declare and reads a value
 *   whose `xsi:type` names an unknown type as the declared type. The value still has its
 *   declared type (the extra data is dropped), so no type changes.
 *
 * Everything else is never relaxed: `xsi:nil` on a non-nillable element, a missing required
 * element, an element repeated beyond `maxOccurs`, and scalars outside their XSD lexical space
 * or value range are always errors.
 */

import { SoapkitError } from "../errors.js";

/** Decoding options (SOAP client option `decode`, also accepted per call). */
export interface DecodeOptions {
  /** A value outside an enumeration: `"reject"` (default) fails, `"accept"` passes it through. */
  readonly unknownEnumValues?: "reject" | "accept";
  /** An element (or `xsi:type`) the schema does not declare: `"reject"` (default) fails, `"ignore"` skips it. */
  readonly unknownElements?: "reject" | "ignore";
}

/**
 * The decoding options under which a value always has its generated type: every choice but
 * `unknownEnumValues: "accept"` (unknown elements are dropped, so `"ignore"` keeps the type).
 * Generated clients take these; lenient enums go through `call()` with `LenientCallOptions`,
 * whose result is typed `Lenient<T>`.
 */
export interface TypedDecodeOptions {
  readonly unknownEnumValues?: "reject";
  readonly unknownElements?: "reject" | "ignore";
}

/** `DecodeOptions` with every choice made. */
export interface ResolvedDecodeOptions {
  readonly acceptUnknownEnums: boolean;
  readonly ignoreUnknownElements: boolean;
}

/** The defaults: strict. */
export const STRICT_DECODING: ResolvedDecodeOptions = Object.freeze({
  acceptUnknownEnums: false,
  ignoreUnknownElements: false,
});

/** Resolve options; a per-call value overrides the client's, key by key. Unknown values are a config error. */
export function resolveDecodeOptions(...layers: readonly (DecodeOptions | undefined)[]): ResolvedDecodeOptions {
  let enums: DecodeOptions["unknownEnumValues"];
  let elements: DecodeOptions["unknownElements"];
  for (const o of layers) {
    if (o === undefined) continue;
    enums = o.unknownEnumValues ?? enums;
    elements = o.unknownElements ?? elements;
  }
  check("unknownEnumValues", enums, ["reject", "accept"]);
  check("unknownElements", elements, ["reject", "ignore"]);
  if (enums === undefined && elements === undefined) return STRICT_DECODING;
  return { acceptUnknownEnums: enums === "accept", ignoreUnknownElements: elements === "ignore" };
}

function check(name: string, v: unknown, allowed: readonly string[]): void {
  if (v !== undefined && !allowed.includes(v as string)) {
    throw new SoapkitError("ERR_SOAP_CONFIG", `decode.${name} must be one of: ${allowed.join(", ")}`);
  }
}

/**
 * The type of a value decoded with `unknownEnumValues: "accept"`: every string-literal union
 * (an enum) widens to `E | (string & {})`, so code that switches over the enum must handle
 * the unknown case. Plain `string`s, numbers, bigints, Dates and buffers are unchanged.
 */
export type Lenient<T> = T extends string
  ? string extends T
    ? T
    : T | (string & {})
  : T extends Date | Uint8Array | bigint | number | boolean | null | undefined
    ? T
    : T extends readonly (infer I)[]
      ? Lenient<I>[]
      : T extends object
        ? { [K in keyof T]: Lenient<T[K]> }
        : T;

/**
 * TypeScript type expressions for IR type uses. The mapping of XSD built-ins to TypeScript
 * mirrors exactly what the runtime codec produces and accepts (runtime/codec).
 */
import type { ScalarName, TypeMapping } from "@soapkit/runtime";
import type { ComplexType, Field, TypeUse } from "../model/types.js";
import type { EmitContext } from "./context.js";
import { variantOf } from "./variants.js";

const NUMBER_SCALARS = new Set([
  "byte",
  "short",
  "int",
  "unsignedByte",
  "unsignedShort",
  "unsignedInt",
  "float",
  "double",
]);
const LONG_SCALARS = new Set([
  "long",
  "unsignedLong",
  "integer",
  "nonNegativeInteger",
  "positiveInteger",
  "nonPositiveInteger",
  "negativeInteger",
]);
const DATE_SCALARS = new Set(["dateTime", "date", "time"]);
const BINARY_SCALARS = new Set(["base64Binary", "hexBinary"]);
const KNOWN_STRINGS = new Set([
  "string",
  "normalizedString",
  "token",
  "anyURI",
  "QName",
  "ID",
  "IDREF",
  "language",
  "Name",
  "NCName",
  "duration",
]);

/**
 * Normalise an XSD built-in to a scalar the runtime codec knows. Built-ins without special
 * handling (gYear, NMTOKEN, anySimpleType, ...) travel as their lexical string.
 */
export function runtimeScalar(name: string): ScalarName {
  if (NUMBER_SCALARS.has(name) || LONG_SCALARS.has(name) || DATE_SCALARS.has(name) || BINARY_SCALARS.has(name))
    return name as ScalarName;
  if (KNOWN_STRINGS.has(name) || name === "boolean" || name === "decimal" || name === "anyType")
    return name as ScalarName;
  return "string";
}

/** TypeScript type of an XSD built-in under the given mapping. */
export function builtinTs(name: string, mapping: TypeMapping): string {
  const s = runtimeScalar(name);
  if (s === "boolean") return "boolean";
  if (NUMBER_SCALARS.has(s)) return "number";
  if (LONG_SCALARS.has(s)) return mapping.long;
  if (s === "decimal") return mapping.decimal;
  if (DATE_SCALARS.has(s)) return mapping.dateTime === "Date" ? "Date" : "string";
  if (BINARY_SCALARS.has(s)) return "Uint8Array";
  if (s === "anyType") return "unknown";
  return "string";
}

/** Short note for scalars whose TypeScript representation needs explaining (JSDoc). */
export function builtinNote(name: string, mapping: TypeMapping): string | undefined {
  const s = runtimeScalar(name);
  if (LONG_SCALARS.has(s))
    return `\`xs:${name}\` as \`${mapping.long}\`${mapping.long === "number" ? " (values beyond 2^53 lose precision)" : " (lossless)"}.`;
  if (s === "decimal")
    return `\`xs:decimal\` as \`${mapping.decimal}\`${mapping.decimal === "string" ? " (exact lexical value)" : ""}.`;
  if (DATE_SCALARS.has(s))
    return mapping.dateTime === "Date"
      ? `\`xs:${name}\` as a \`Date\`.`
      : `\`xs:${name}\` lexical value, kept exactly as sent (an offset-less value stays offset-less).`;
  if (BINARY_SCALARS.has(s)) return `\`xs:${name}\` bytes (decoded values are Node \`Buffer\`s).`;
  if (s === "duration") return "`xs:duration` lexical value (ISO 8601, e.g. `P1DT2H`).";
  if (s === "anyType")
    return "`xs:anyType`: a string (text content), a `RawXml` `{ $xml }` (element content) or a typed value with `$type`.";
  return undefined;
}

/** TypeScript type of a type use (without array/null decoration). */
export function typeUseTs(ctx: EmitContext, use: TypeUse): string {
  return use.kind === "builtin" ? builtinTs(use.name, ctx.options.mapping) : ctx.typeName(use.id);
}

/** Full property type for a field: arrays for repeated elements, `| null` for nillable. */
export function fieldTs(ctx: EmitContext, f: Pick<Field, "type" | "maxOccurs" | "nillable">): string {
  const base = variantOf(ctx, f.type) ?? typeUseTs(ctx, f.type);
  if (f.maxOccurs !== 1) return f.nillable ? `(${base} | null)[]` : `${base}[]`;
  return f.nillable ? `${base} | null` : base;
}

/** Property name of an `xs:simpleContent` text value (the attributes are its peers). */
export const TEXT_PROPERTY = "$value";
/** Property name of the attributes an `xs:anyAttribute` admits (keys `{ns}local`, or `local` without a namespace). */
export const ANY_ATTRIBUTES_PROPERTY = "$anyAttributes";

/**
 * True when the complex type carries more than its own plain elements: a base type (inherited
 * members), attributes, a text value, `anyAttribute`, groups, mixed text. Such a body wrapper is
 * never unwrapped nor empty (runtime/metadata/expand-ops.ts `childNames` agrees).
 */
export function hasXmlExtras(t: ComplexType): boolean {
  return (
    t.base !== undefined ||
    (t.attributes?.length ?? 0) > 0 ||
    t.text !== undefined ||
    t.anyAttribute === true ||
    t.particles !== undefined ||
    t.mixed === true
  );
}

/** Text for a JSDoc block (ts-morph \`docs\`): see emit/escape.ts. */
export { docText as jsDocText } from "./escape.js";

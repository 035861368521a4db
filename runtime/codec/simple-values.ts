/**
 * Simple values (scalar, enum, `xs:list`) ↔ their lexical text, shared by element content,
 * attributes and `xs:simpleContent` values. Encoding throws `SerializationError`, decoding
 * `DeserializationError`, both with the property path.
 */
import type { TypeMapping } from "../metadata.js";
import { DeserializationError, SerializationError } from "../errors.js";
import type { EnumPlan, ListPlan, TypePlan } from "./plan.js";
import { ScalarError, describe, scalarToText, textToScalar, type ScalarPlan } from "./scalars.js";

export type SimplePlan = ScalarPlan | EnumPlan | ListPlan;

export function isSimple(t: TypePlan): t is SimplePlan {
  return t.kind === "scalar" || t.kind === "enum" || t.kind === "list";
}

export function invalidEnum(id: string, values: readonly string[], v: unknown): string {
  const shown = values.length > 40 ? `${values.slice(0, 40).join(", ")}, …` : values.join(", ");
  const got = typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : describe(v);
  return `invalid value ${got} for ${id}; expected one of: ${shown}`;
}

function itemText(t: ScalarPlan | EnumPlan, v: unknown, mapping: TypeMapping, path: string): string {
  if (t.kind === "enum") {
    if (typeof v !== "string" || !t.values.has(v))
      throw new SerializationError(path, invalidEnum(t.id, t.meta.values, v));
    return v;
  }
  try {
    return scalarToText(t, v, mapping);
  } catch (e) {
    if (e instanceof ScalarError) throw new SerializationError(path, e.message);
    throw e;
  }
}

/** TS value → lexical text (not yet escaped). */
export function simpleToText(t: SimplePlan, v: unknown, mapping: TypeMapping, path: string): string {
  if (t.kind !== "list") return itemText(t, v, mapping, path);
  if (!Array.isArray(v)) throw new SerializationError(path, `expected an array (${t.id}), got ${describe(v)}`);
  let text = "";
  for (let i = 0; i < v.length; i++) {
    const token = itemText(t.item, v[i], mapping, `${path}[${i}]`);
    // List items are whitespace-separated on the wire, so an item cannot contain any.
    if (token === "" || /\s/.test(token)) {
      throw new SerializationError(`${path}[${i}]`, "list items must be non-empty and contain no whitespace");
    }
    text = i === 0 ? token : `${text} ${token}`;
  }
  return text;
}

/** Where decoded text came from, for error messages. */
export interface TextSource {
  readonly line: number;
  readonly column: number;
}

function itemValue(
  t: ScalarPlan | EnumPlan,
  text: string,
  mapping: TypeMapping,
  acceptUnknownEnums: boolean,
  path: string,
  at: TextSource,
): unknown {
  if (t.kind === "enum") {
    const v = text.trim();
    if (t.values.has(v) || acceptUnknownEnums) return v;
    throw new DeserializationError(
      path,
      `value is not one of the ${t.values.size} values of ${t.id} (decode.unknownEnumValues: "accept" passes it through)`,
      at.line,
      at.column,
    );
  }
  try {
    return textToScalar(t, text, mapping);
  } catch (e) {
    if (e instanceof ScalarError) throw new DeserializationError(path, e.message, at.line, at.column);
    throw e;
  }
}

/** Lexical text → TS value, with the lexical and range checks of the type. */
export function textToSimple(
  t: SimplePlan,
  text: string,
  mapping: TypeMapping,
  acceptUnknownEnums: boolean,
  path: string,
  at: TextSource,
): unknown {
  if (t.kind !== "list") return itemValue(t, text, mapping, acceptUnknownEnums, path, at);
  const out: unknown[] = [];
  for (const tok of text.split(/[ \t\r\n]+/)) {
    if (tok !== "") out.push(itemValue(t.item, tok, mapping, acceptUnknownEnums, `${path}[${out.length}]`, at));
  }
  return out;
}

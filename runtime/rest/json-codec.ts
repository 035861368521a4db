/**
 * Metadata-driven JSON codec for the SuperOffice REST WebAPI: the same `ServiceMetadata` and
 * the same typed values as the SOAP codec, in the JSON form the WebAPI uses.
 *
 * JSON representation (evidence: the WebAPI reference pages `v1EMailAgent_*.md`):
 *
 * | schema | JSON | evidence |
 * | --- | --- | --- |
 * | complex type | object keyed by the element names (most-derived fields first, like the samples) | `"From": { "ContactId": 151, … "TableRight": {}, "FieldProperties": {…} }` |
 * | request wrapper | object keyed by the SOAP wrapper's parameter names | `{ "Id": 199, "IncludeAttachments": true }`, `{ "SyncUserAccount": null }` |
 * | response | the unwrapped result (`output.unwrap`), or the wrapper when it has several children | GetEMail answers the entity, HasNewMail `false`, GetEMailEnvelopes an array |
 * | enum | its name as a string | `"Priority": "High"` |
 * | flags (`xs:list`) | ONE string, names joined with `", "` (.NET `[Flags]` `ToString()`); decoding also accepts `,`/space separators and a JSON array | `"Flags": "Answered"`, `"Mask": "Delete"` typed `string` (not array) |
 * | dictionary (`IsDictionary`) | JSON object `{ key: value }` ↔ array of `{ Key, Value }` | `"FieldProperties": { "fieldName": { "FieldRight": … } }` |
 * | `ArrayOfX`, repeated | JSON array | `"DuplicatePersonIds": [302, 751]` |
 * | dateTime/date/time | the lexical string, kept exactly as sent (offset or not) | `"Sent": "1998-11-14T18:28:49.0609673+01:00"` |
 * | base64Binary | base64 string (Newtonsoft `byte[]`) | `"Stream": "…"` is a string |
 * | int/short/double | JSON number; float NaN/±Infinity as the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (Newtonsoft default) | `"Size": 753` |
 * | long (`xs:long` …) | bare JSON integer literal, read and written WITHOUT going through a double | |
 * | decimal | bare JSON number literal, kept exactly (`1.50` stays `"1.50"` with `mapping.decimal: "string"`) | |
 * | WCF `char` | one-character string (.NET `char`) ↔ UTF-16 code unit number | |
 * | `null` | `null` for nillable elements; a `null` for a non-nillable element (the WebAPI nulls fields left out by `$select`) reads as absent | |
 *
 * `$type` (the subtype of a hierarchy value) has no counterpart in the WebAPI's JSON (no
 * discriminator appears in any sample), so it is never written. When reading a value whose
 * declared type has subtypes, an explicit `"$type"` member naming a subtype (type id, XSD
 * name, or .NET full name) is honoured; otherwise the subtype is inferred as the smallest one
 * whose fields cover every member present; otherwise the declared type is used.
 *
 * Reading checks scalars exactly like the SOAP decoder (shared code: ranges, base64, dates) and
 * rejects enum values outside the enumeration unless `DecodeOptions.unknownEnumValues` is
 * `"accept"` (then unknown names, and numbers from a server without string-enum conversion,
 * pass through). It stays lenient about structure: unknown members are ignored, member names
 * match case-insensitively as ASP.NET does, and `null` for a non-nillable member reads as
 * absent (`$select` nulls the members it leaves out). Writing is strict
 * like the SOAP encoder (unknown properties, missing required values and wrong types raise a
 * `SerializationError` with the property path).
 */

import type { BodyMeta, ComplexTypeMeta, ServiceMetadata, TypeMeta, TypeRef } from "../metadata.js";
import { DeserializationError, SerializationError } from "../errors.js";
import { planFor, type ArrayPlan, type ComplexPlan, type FieldPlan, type Plan, type TypePlan } from "../codec/plan.js";
import { concreteComplex, pathOf } from "../codec/shared.js";
import {
  CAT_BASE64,
  CAT_BOOLEAN,
  CAT_DECIMAL,
  CAT_FLOAT,
  CAT_INT,
  CAT_LONG,
  CAT_STRING,
  CAT_ANY,
  ScalarError,
  describe,
  scalarToText,
  textToScalar,
  type ScalarPlan,
} from "../codec/scalars.js";
import { JsonNumber, JsonObject, jsonString, lineColumn, offsetOf, type JsonValue } from "./json.js";
import {
  STRICT_DECODING,
  resolveDecodeOptions,
  type DecodeOptions,
  type ResolvedDecodeOptions,
} from "../codec/decode-options.js";
import { metadataMismatch } from "../codec/metadata-mismatch.js";
import { encContent, readContent } from "./json-content.js";

/** Separator used when writing flags (`"Seen, Answered"`, as .NET prints a `[Flags]` enum). */
export const FLAGS_SEPARATOR = ", ";

// ------------------------------------------------------------------------------------ encode

/** Encode a request wrapper as the REST request body (`{"SyncUserAccount":{…}}`). */
export function encodeJsonBody(meta: ServiceMetadata, body: BodyMeta, value: object | undefined): string {
  const plan = planFor(meta);
  return encComplex(plan, plan.complex(body.type), value ?? {}, "");
}

/**
 * Encode an operation's REST response body from its output wrapper: the unwrapped child
 * (`output.unwrap`) or the whole wrapper. `undefined` means "no content" (void operation, or
 * the unwrapped child is absent).
 */
export function encodeJsonResult(meta: ServiceMetadata, output: BodyMeta | null, wrapper: unknown): string | undefined {
  if (output === null || output.empty || wrapper === undefined || wrapper === null) return undefined;
  const plan = planFor(meta);
  const type = plan.complex(output.type);
  if (output.unwrap === null) return encComplex(plan, type, wrapper, "");
  if (typeof wrapper !== "object" || Array.isArray(wrapper)) {
    throw new SerializationError("", `expected the output wrapper object (${type.id}), got ${describe(wrapper)}`);
  }
  const f = type.byName.get(output.unwrap);
  if (f === undefined) throw metadataMismatch(`${type.id} has no field ${output.unwrap}`);
  const v = (wrapper as Record<string, unknown>)[f.name];
  if (v === undefined) return undefined;
  return encField(plan, f, v, "");
}

/** Encode one value of a type (scalar `xs:*` or type id) as JSON text. */
export function encodeJsonValue(meta: ServiceMetadata, type: TypeRef, value: unknown): string {
  const plan = planFor(meta);
  if (value === null) return "null";
  return encValue(plan, pseudoField(plan, type), value, "", "", -1);
}

function pseudoField(plan: Plan, type: TypeRef): FieldPlan {
  return plan.field({ name: "", ns: "", type, min: 0, max: 1, nillable: true });
}

export function encField(plan: Plan, f: FieldPlan, v: unknown, parent: string): string | undefined {
  if (v === undefined) {
    if (f.min < 1) return undefined;
    if (f.nillable && !f.repeated) return "null";
    throw new SerializationError(pathOf(parent, f.name, -1), "required property is missing");
  }
  if (f.repeated) {
    if (!Array.isArray(v))
      throw new SerializationError(pathOf(parent, f.name, -1), `expected an array, got ${describe(v)}`);
    if (v.length < f.min) {
      throw new SerializationError(pathOf(parent, f.name, -1), `at least ${f.min} item(s) required, got ${v.length}`);
    }
    if (f.max > 0 && v.length > f.max) {
      throw new SerializationError(pathOf(parent, f.name, -1), `at most ${f.max} item(s) allowed, got ${v.length}`);
    }
    const items: string[] = [];
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === null && f.nillable) items.push("null");
      else if (item === null || item === undefined) {
        throw new SerializationError(pathOf(parent, f.name, i), `${String(item)} is not allowed here`);
      } else items.push(encValue(plan, f, item, parent, f.name, i));
    }
    return `[${items.join(",")}]`;
  }
  if (v === null) {
    if (f.nillable) return "null";
    throw new SerializationError(pathOf(parent, f.name, -1), "null is not allowed (element is not nillable)");
  }
  return encValue(plan, f, v, parent, f.name, -1);
}

function encValue(plan: Plan, f: FieldPlan, v: unknown, parent: string, name: string, index: number): string {
  const t = plan.typeOf(f);
  const path = pathOf(parent, name, index);
  switch (t.kind) {
    case "scalar":
      if (
        t.id === "xs:anyType" &&
        typeof v === "object" &&
        v !== null &&
        !(v instanceof Date) &&
        !ArrayBuffer.isView(v)
      )
        return encAnyObject(plan, v, path);
      try {
        return encScalar(plan, t, f.typeId, v);
      } catch (e) {
        if (e instanceof ScalarError) throw new SerializationError(path, e.message);
        throw e;
      }
    case "enum":
      if (typeof v !== "string" || !t.values.has(v))
        throw new SerializationError(path, invalidEnum(t.id, t.meta.values, v));
      return jsonString(v);
    case "list": {
      if (!Array.isArray(v)) throw new SerializationError(path, `expected an array (${t.id}), got ${describe(v)}`);
      const tokens: string[] = [];
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        let token: string;
        if (t.item.kind === "enum") {
          if (typeof item !== "string" || !t.item.values.has(item)) {
            throw new SerializationError(`${path}[${i}]`, invalidEnum(t.item.id, t.item.meta.values, item));
          }
          token = item;
        } else {
          try {
            token = scalarToText(t.item, item, plan.mapping);
          } catch (e) {
            if (e instanceof ScalarError) throw new SerializationError(`${path}[${i}]`, e.message);
            throw e;
          }
        }
        if (token === "" || /[\s,]/.test(token)) {
          throw new SerializationError(
            `${path}[${i}]`,
            "list items must be non-empty and contain no whitespace or comma",
          );
        }
        tokens.push(token);
      }
      return jsonString(tokens.join(FLAGS_SEPARATOR));
    }
    case "array":
      return t.meta.dictionary !== undefined ? encDictionary(plan, t, v, path) : encArray(plan, t, v, path);
    case "complex":
      return encComplex(plan, t, v, path);
  }
}

/** An object `xs:anyType` value: `{ $type, … }` of a complex type is that object; raw XML has no JSON form. */
function encAnyObject(plan: Plan, v: object, path: string): string {
  const id = (v as Record<string, unknown>).$type;
  if (typeof id === "string" && plan.meta.types[id]?.kind === "complex")
    return encComplex(plan, plan.complex(id), v, path);
  if (Object.hasOwn(v, "$xml"))
    throw new SerializationError(
      path,
      "raw XML content ({ $xml }) of an xs:anyType element has no JSON form (REST); send it over SOAP",
    );
  throw new SerializationError(
    path,
    `expected an xs:anyType value (string, number, boolean or { $type, … }), got ${describe(v)}`,
  );
}

function encArray(plan: Plan, t: ArrayPlan, v: unknown, path: string): string {
  if (!Array.isArray(v)) throw new SerializationError(path, `expected an array (${t.id}), got ${describe(v)}`);
  const { min, max } = t.item;
  if (v.length < min) throw new SerializationError(path, `at least ${min} item(s) required, got ${v.length}`);
  if (max > 0 && v.length > max) throw new SerializationError(path, `at most ${max} item(s) allowed, got ${v.length}`);
  const items: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    if (x === null && t.item.nillable) items.push("null");
    else if (x === null || x === undefined)
      throw new SerializationError(`${path}[${i}]`, `${String(x)} is not allowed here`);
    else items.push(encValue(plan, t.item, x, path, "", i));
  }
  return `[${items.join(",")}]`;
}

function encDictionary(plan: Plan, t: ArrayPlan, v: unknown, path: string): string {
  if (!Array.isArray(v))
    throw new SerializationError(path, `expected an array of { Key, Value } (${t.id}), got ${describe(v)}`);
  const { keyField, valueField } = dictionaryFields(plan, t);
  const seen = new Set<string>();
  const members: string[] = [];
  for (let i = 0; i < v.length; i++) {
    const x: unknown = v[i];
    const at = `${path}[${i}]`;
    if (typeof x !== "object" || x === null || Array.isArray(x)) {
      throw new SerializationError(at, `expected a { ${keyField.name}, ${valueField.name} } entry, got ${describe(x)}`);
    }
    const entry = x as Record<string, unknown>;
    for (const k in entry) {
      if (k !== keyField.name && k !== valueField.name && k !== "$type") {
        throw new SerializationError(
          pathOf(at, k, -1),
          `unknown property for a dictionary entry; expected ${keyField.name}, ${valueField.name}`,
        );
      }
    }
    const key = entry[keyField.name];
    if (key === undefined || key === null) {
      throw new SerializationError(
        pathOf(at, keyField.name, -1),
        "a dictionary key is required (JSON object member names cannot be null)",
      );
    }
    const kt = plan.typeOf(keyField);
    let keyText: string;
    if (kt.kind === "enum") {
      if (typeof key !== "string" || !kt.values.has(key))
        throw new SerializationError(pathOf(at, keyField.name, -1), invalidEnum(kt.id, kt.meta.values, key));
      keyText = key;
    } else if (kt.kind === "scalar") {
      try {
        keyText = scalarToText(kt, key, plan.mapping);
      } catch (e) {
        if (e instanceof ScalarError) throw new SerializationError(pathOf(at, keyField.name, -1), e.message);
        throw e;
      }
    } else {
      throw new SerializationError(
        pathOf(at, keyField.name, -1),
        `dictionary keys of type ${kt.id} cannot be JSON member names`,
      );
    }
    if (seen.has(keyText))
      throw new SerializationError(
        pathOf(at, keyField.name, -1),
        "duplicate dictionary key (a JSON object holds each key once)",
      );
    seen.add(keyText);
    const value = encField(plan, valueField, entry[valueField.name], at) ?? "null";
    members.push(`${jsonString(keyText)}:${value}`);
  }
  return `{${members.join(",")}}`;
}

function encComplex(plan: Plan, declared: ComplexPlan, v: unknown, path: string): string {
  const { obj, actual } = concreteComplex(plan, declared, v, path);
  if (obj.$anyAttributes !== undefined) {
    throw new SerializationError(
      pathOf(path, "$anyAttributes", -1),
      "attributes admitted by xs:anyAttribute have no JSON form (REST); send them over SOAP",
    );
  }
  const members: string[] = [];
  if (actual.content !== undefined) {
    encContent(plan, actual.content, obj, path, members);
    for (const f of actual.jsonExtras) {
      const text = encField(plan, f, obj[f.name], path);
      if (text !== undefined) members.push(`${jsonString(f.name)}:${text}`);
    }
    return `{${members.join(",")}}`;
  }
  for (const f of jsonMembers(plan, actual)) {
    const fv = f.unsafeName && !Object.hasOwn(obj, f.name) ? undefined : obj[f.name];
    const text = encField(plan, f, fv, path);
    if (text !== undefined) members.push(`${jsonString(f.name)}:${text}`);
  }
  return `{${members.join(",")}}`;
}

function encScalar(plan: Plan, p: ScalarPlan, typeId: TypeRef, v: unknown): string {
  if (isWcfChar(plan, typeId)) {
    const code = scalarToText(p, v, plan.mapping); // range-checked integer
    return jsonString(String.fromCharCode(Number(code)));
  }
  switch (p.cat) {
    case CAT_BOOLEAN:
    case CAT_INT:
    case CAT_LONG:
      return scalarToText(p, v, plan.mapping); // "true"/"false" or an integer literal
    case CAT_FLOAT:
      if (typeof v === "number" && !Number.isFinite(v))
        return Number.isNaN(v) ? '"NaN"' : v > 0 ? '"Infinity"' : '"-Infinity"';
      return scalarToText(p, v, plan.mapping);
    case CAT_DECIMAL:
      return decimalLiteral(scalarToText(p, v, plan.mapping));
    default:
      return jsonString(scalarToText(p, v, plan.mapping));
  }
}

/** An `xs:decimal` lexical value (`+1.50`, `.5`, `007`, `1.`) as a JSON number literal, digits kept. */
function decimalLiteral(text: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (m === null) throw new ScalarError(`decimal value "${text}" cannot be written as JSON`);
  const int = (m[2] ?? "").replace(/^0+(?=\d)/, "") || "0";
  const frac = m[3] ?? "";
  return `${m[1] === "-" ? "-" : ""}${int}${frac !== "" ? `.${frac}` : ""}`;
}

function invalidEnum(id: string, values: readonly string[], v: unknown): string {
  const shown = values.length > 40 ? `${values.slice(0, 40).join(", ")}, …` : values.join(", ");
  const got = typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : describe(v);
  return `invalid value ${got} for ${id}; expected one of: ${shown}`;
}

// ------------------------------------------------------------------------------------ decode

export interface DecCtx {
  readonly plan: Plan;
  /** Source text, for line/column in errors (optional). */
  readonly text: string | undefined;
  readonly opts: ResolvedDecodeOptions;
}

function decCtx(
  meta: ServiceMetadata,
  text: string | undefined,
  options: DecodeOptions | ResolvedDecodeOptions | undefined,
): DecCtx {
  const opts =
    options === undefined ? STRICT_DECODING : "acceptUnknownEnums" in options ? options : resolveDecodeOptions(options);
  return { plan: planFor(meta), text, opts };
}

/** Decode a REST request body (`{"SyncUserAccount":{…}}`) into the typed input wrapper. */
export function decodeJsonBody(
  meta: ServiceMetadata,
  body: BodyMeta,
  json: JsonValue | undefined,
  text?: string,
  options?: DecodeOptions | ResolvedDecodeOptions,
): Record<string, unknown> {
  const ctx = decCtx(meta, text, options);
  if (json === undefined || json === null) return {};
  const type = ctx.plan.complex(body.type);
  if (!(json instanceof JsonObject))
    throw fail(ctx, "", `expected a JSON object (${type.id}), got ${jsonKind(json)}`, json);
  return readComplex(ctx, type, json, "");
}

/**
 * Decode a REST response body into the operation's result, unwrapped like the SOAP client
 * does (`output.unwrap`): GetEMail's JSON is the entity itself, HasNewMail's a boolean.
 * `undefined` (no body) gives `undefined`.
 */
export function decodeJsonResult(
  meta: ServiceMetadata,
  output: BodyMeta | null,
  json: JsonValue | undefined,
  text?: string,
  options?: DecodeOptions | ResolvedDecodeOptions,
): unknown {
  if (output === null || output.empty || json === undefined) return undefined;
  const ctx = decCtx(meta, text, options);
  const type = ctx.plan.complex(output.type);
  if (output.unwrap === null) {
    if (json === null) return undefined;
    if (!(json instanceof JsonObject))
      throw fail(ctx, "", `expected a JSON object (${type.id}), got ${jsonKind(json)}`, json);
    return readComplex(ctx, type, json, "");
  }
  const f = type.byName.get(output.unwrap);
  if (f === undefined) throw metadataMismatch(`${type.id} has no field ${output.unwrap}`);
  if (json === null) return null; // SOAP: a nil Response element is null as well
  return readField(ctx, f, json, "", undefined);
}

/** Decode one JSON value as a value of `type` (`null` stays `null`). */
export function decodeJsonValue(
  meta: ServiceMetadata,
  type: TypeRef,
  json: JsonValue,
  text?: string,
  options?: DecodeOptions | ResolvedDecodeOptions,
): unknown {
  if (json === null) return null;
  const ctx = decCtx(meta, text, options);
  const f = pseudoField(ctx.plan, type);
  return readValue(ctx, f, json, "", undefined);
}

/** True when the operation's (unwrapped) result is `xs:base64Binary`: a binary response body may stand for it. */
export function isBinaryResult(meta: ServiceMetadata, output: BodyMeta | null): boolean {
  if (output === null || output.empty || output.unwrap === null) return false;
  const plan = planFor(meta);
  const f = plan.complex(output.type).byName.get(output.unwrap);
  if (f === undefined || f.repeated) return false;
  const t = plan.typeOf(f);
  return t.kind === "scalar" && t.cat === CAT_BASE64;
}

function unknownEnum(id: string, size: number): string {
  return `value is not one of the ${size} values of ${id} (decode.unknownEnumValues: "accept" passes it through)`;
}

function jsonKind(v: JsonValue): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (v instanceof JsonObject) return "an object";
  if (v instanceof JsonNumber) return "a number";
  return `a ${typeof v}`;
}

function fail(
  ctx: DecCtx,
  path: string,
  message: string,
  node: JsonValue | undefined,
  holder?: JsonValue,
): DeserializationError {
  const offset = offsetOf(node) ?? offsetOf(holder);
  const { line, column } =
    ctx.text !== undefined && offset !== undefined ? lineColumn(ctx.text, offset) : { line: 0, column: 0 };
  return new DeserializationError(path, message, line, column);
}

function setProp(obj: Record<string, unknown>, name: string, v: unknown): void {
  if (name === "__proto__")
    Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[name] = v;
}

/** A field's value; `undefined` = leave the property out. */
export function readField(
  ctx: DecCtx,
  f: FieldPlan,
  node: JsonValue | undefined,
  parent: string,
  holder: JsonValue | undefined,
): unknown {
  if (node === undefined) return undefined;
  // null for a non-nillable element: the WebAPI nulls out fields not in `$select`; read as absent.
  if (node === null) return f.nillable ? null : undefined;
  const path = pathOf(parent, f.name, -1);
  if (f.repeated) {
    if (!Array.isArray(node)) throw fail(ctx, path, `expected a JSON array, got ${jsonKind(node)}`, node, holder);
    return node.map((x, i) => (x === null ? null : readValue(ctx, f, x, pathOf(parent, f.name, i), node)));
  }
  return readValue(ctx, f, node, path, holder);
}

function readValue(ctx: DecCtx, f: FieldPlan, node: JsonValue, path: string, holder: JsonValue | undefined): unknown {
  const t: TypePlan = ctx.plan.typeOf(f);
  switch (t.kind) {
    case "scalar":
      try {
        return readScalar(ctx, t, f.typeId, node);
      } catch (e) {
        if (e instanceof ScalarError) throw fail(ctx, path, e.message, node, holder);
        throw e;
      }
    case "enum": {
      // A server without a string-enum converter sends the number: treated like an unknown name.
      const name = typeof node === "string" ? node.trim() : node instanceof JsonNumber ? node.raw : undefined;
      if (name === undefined) throw fail(ctx, path, `expected a string (${t.id}), got ${jsonKind(node)}`, node, holder);
      if (t.values.has(name) || ctx.opts.acceptUnknownEnums) return name;
      throw fail(ctx, path, unknownEnum(t.id, t.values.size), node, holder);
    }
    case "list": {
      let tokens: string[];
      if (typeof node === "string") tokens = node.split(/[\s,]+/).filter((s) => s !== "");
      else if (Array.isArray(node) && node.every((x) => typeof x === "string"))
        tokens = (node as string[]).map((s) => s.trim()).filter((s) => s !== "");
      else if (node instanceof JsonNumber) tokens = [node.raw];
      else throw fail(ctx, path, `expected a string of names (${t.id}), got ${jsonKind(node)}`, node, holder);
      const item = t.item;
      if (item.kind === "enum") {
        // .NET prints an empty [Flags] value without a zero-named member as "0".
        if (tokens.length === 1 && tokens[0] === "0" && !item.values.has("0")) return [];
        const i = ctx.opts.acceptUnknownEnums ? -1 : tokens.findIndex((tok) => !item.values.has(tok));
        if (i >= 0) throw fail(ctx, `${path}[${i}]`, unknownEnum(item.id, item.values.size), node, holder);
        return tokens;
      }
      return tokens.map((tok, i) => {
        try {
          return textToScalar(item, tok, ctx.plan.mapping);
        } catch (e) {
          if (e instanceof ScalarError) throw fail(ctx, `${path}[${i}]`, e.message, node, holder);
          throw e;
        }
      });
    }
    case "array":
      if (t.meta.dictionary !== undefined) return readDictionary(ctx, t, node, path, holder);
      if (!Array.isArray(node))
        throw fail(ctx, path, `expected a JSON array (${t.id}), got ${jsonKind(node)}`, node, holder);
      return node.map((x, i) => (x === null ? null : readValue(ctx, t.item, x, `${path}[${i}]`, node)));
    case "complex":
      if (!(node instanceof JsonObject))
        throw fail(ctx, path, `expected a JSON object (${t.id}), got ${jsonKind(node)}`, node, holder);
      return readComplex(ctx, t, node, path);
  }
}

function readDictionary(
  ctx: DecCtx,
  t: ArrayPlan,
  node: JsonValue,
  path: string,
  holder: JsonValue | undefined,
): unknown[] {
  const { keyField, valueField } = dictionaryFields(ctx.plan, t);
  const itemType = ctx.plan.typeOf(t.item);
  // Also accept the array-of-entries form (`[{ "Key": …, "Value": … }]`).
  if (Array.isArray(node)) {
    return node.map((x, i) => (x === null ? null : readValue(ctx, t.item, x, `${path}[${i}]`, node)));
  }
  if (!(node instanceof JsonObject))
    throw fail(ctx, path, `expected a JSON object (${t.id}), got ${jsonKind(node)}`, node, holder);
  const kt = ctx.plan.typeOf(keyField);
  return node.entries.map(([k, v], i) => {
    const at = `${path}[${i}]`;
    const entry: Record<string, unknown> = {};
    if (itemType.kind === "complex" && itemType.hasSubtypes) entry.$type = itemType.id;
    let key: unknown = k;
    if (kt.kind === "scalar") {
      try {
        key = textToScalar(kt, k, ctx.plan.mapping);
      } catch (e) {
        if (e instanceof ScalarError) throw fail(ctx, pathOf(at, keyField.name, -1), e.message, node, holder);
        throw e;
      }
    }
    setProp(entry, keyField.name, key);
    const value = readField(ctx, valueField, v, at, node);
    if (value !== undefined) setProp(entry, valueField.name, value);
    return entry;
  });
}

function readComplex(ctx: DecCtx, declared: ComplexPlan, obj: JsonObject, path: string): Record<string, unknown> {
  const actual = declared.hasSubtypes ? subtypeOf(ctx.plan, declared, obj) : declared;
  const out: Record<string, unknown> = {};
  if (actual !== declared || declared.hasSubtypes) out.$type = actual.id;
  if (actual.content !== undefined) readContent(ctx, actual.content, obj, path, out);
  const members = actual.content !== undefined ? actual.jsonExtras : jsonMembers(ctx.plan, actual);
  for (const f of members) {
    const v = readField(ctx, f, obj.lookup(f.name), path, obj);
    if (v !== undefined) setProp(out, f.name, v);
  }
  return out;
}

/** The actual type of a hierarchy value: explicit `"$type"` member, else inferred from the members present. */
function subtypeOf(plan: Plan, declared: ComplexPlan, obj: JsonObject): ComplexPlan {
  const d = obj.get("$type");
  if (typeof d === "string") {
    // type id, XSD local name, or a .NET full name "Namespace.Type, Assembly"
    const name = (d.split(",")[0] ?? "").trim().split(".").pop() ?? "";
    for (const id of [d, name]) {
      if (declared.subtypes.has(id)) return plan.complex(id);
    }
    for (const id of declared.subtypes) {
      const c = plan.complex(id);
      if (c.meta.local === name) return c;
    }
    return declared;
  }
  const names: string[] = [];
  for (const [k] of obj.entries) if (k !== "$type") names.push(k.toLowerCase());
  const covers = (c: ComplexPlan): boolean => {
    const own = fieldNamesLower(c);
    return names.every((n) => own.has(n));
  };
  if (covers(declared)) return declared;
  let best: ComplexPlan | undefined;
  for (const id of declared.subtypes) {
    const c = plan.complex(id);
    if (c.abstract || !covers(c)) continue;
    if (best === undefined || c.fields.length < best.fields.length) best = c;
  }
  return best ?? declared;
}

const lowerNames = new WeakMap<ComplexPlan, ReadonlySet<string>>();
function fieldNamesLower(c: ComplexPlan): ReadonlySet<string> {
  let s = lowerNames.get(c);
  if (s === undefined) {
    s = new Set(c.fields.map((f) => f.name.toLowerCase()));
    lowerNames.set(c, s);
  }
  return s;
}

function readScalar(ctx: DecCtx, p: ScalarPlan, typeId: TypeRef, node: JsonValue): unknown {
  const mapping = ctx.plan.mapping;
  if (isWcfChar(ctx.plan, typeId)) {
    if (typeof node === "string") {
      if (node.length !== 1)
        throw new ScalarError(`expected a one-character string (char), got ${node.length} characters`);
      return node.charCodeAt(0);
    }
    if (node instanceof JsonNumber) return textToScalar(p, node.raw, mapping);
    throw new ScalarError(`expected a one-character string (char), got ${jsonKind(node)}`);
  }
  switch (p.cat) {
    case CAT_STRING:
    case CAT_ANY:
      if (typeof node === "string") return node;
      if (node instanceof JsonNumber) return node.raw;
      if (typeof node === "boolean") return String(node);
      throw new ScalarError(`expected a string (${p.id}), got ${jsonKind(node)}`);
    case CAT_BOOLEAN:
      if (typeof node === "boolean") return node;
      if (typeof node === "string") return textToScalar(p, node, mapping);
      throw new ScalarError(`expected a boolean (${p.id}), got ${jsonKind(node)}`);
    case CAT_INT:
    case CAT_LONG:
    case CAT_DECIMAL:
      // The literal text goes straight to the scalar parser: no double in between.
      if (node instanceof JsonNumber) return textToScalar(p, node.raw, mapping);
      if (typeof node === "string") return textToScalar(p, node, mapping);
      throw new ScalarError(`expected a number (${p.id}), got ${jsonKind(node)}`);
    case CAT_FLOAT:
      if (node instanceof JsonNumber) return Number(node.raw);
      if (typeof node === "string") {
        const s = node.trim();
        if (s === "Infinity" || s === "+Infinity") return Infinity;
        if (s === "-Infinity") return -Infinity;
        return textToScalar(p, s, mapping);
      }
      throw new ScalarError(`expected a number (${p.id}), got ${jsonKind(node)}`);
    default:
      // dateTime/date/time (lexical, kept as sent), base64Binary, hexBinary
      if (typeof node === "string") return textToScalar(p, node, mapping);
      throw new ScalarError(`expected a string (${p.id}), got ${jsonKind(node)}`);
  }
}

// ------------------------------------------------------------------------------------ shared

function dictionaryFields(plan: Plan, t: ArrayPlan): { keyField: FieldPlan; valueField: FieldPlan } {
  const item = plan.typeOf(t.item);
  const dict = t.meta.dictionary!;
  const keyField = item.kind === "complex" ? item.byName.get(dict.key) : undefined;
  const valueField = item.kind === "complex" ? item.byName.get(dict.value) : undefined;
  if (keyField === undefined || valueField === undefined) {
    throw metadataMismatch(`dictionary ${t.id} item has no ${dict.key}/${dict.value} fields`);
  }
  return { keyField, valueField };
}

/** JSON members of a complex value: its fields, then its attributes and `$value` as peer members. */
function jsonMembers(plan: Plan, c: ComplexPlan): readonly FieldPlan[] {
  const order = jsonOrder(plan, c);
  return c.jsonExtras.length === 0 ? order : [...order, ...c.jsonExtras];
}

/** Fields in the order the WebAPI writes them: the most-derived type's own fields first, base fields last. */
const orders = new WeakMap<ComplexPlan, readonly FieldPlan[]>();
function jsonOrder(plan: Plan, c: ComplexPlan): readonly FieldPlan[] {
  let order = orders.get(c);
  if (order === undefined) {
    const groups: FieldPlan[][] = [];
    let end = c.fields.length;
    let meta: ComplexTypeMeta | undefined = c.meta;
    for (let guard = 0; meta !== undefined && end > 0 && guard < 64; guard++) {
      const n = meta.fields.length;
      groups.push(c.fields.slice(Math.max(0, end - n), end));
      end -= n;
      const base: TypeRef | undefined = meta.base;
      const b: TypeMeta | undefined = base !== undefined ? plan.meta.types[base] : undefined;
      meta = b?.kind === "complex" ? b : undefined;
    }
    if (end > 0) groups.push(c.fields.slice(0, end));
    order = groups.flat();
    orders.set(c, order);
  }
  return order;
}

/** Is this type reference (through aliases) the WCF `char` primitive? */
const charCache = new WeakMap<Plan, Map<TypeRef, boolean>>();
function isWcfChar(plan: Plan, ref: TypeRef): boolean {
  if (ref.startsWith("xs:")) return false;
  let cache = charCache.get(plan);
  if (cache === undefined) {
    cache = new Map();
    charCache.set(plan, cache);
  }
  let r = cache.get(ref);
  if (r === undefined) {
    r = false;
    let t = plan.meta.types[ref];
    for (let guard = 0; t !== undefined && t.kind === "alias" && guard < 32; guard++) {
      if (t.wcf === "char") {
        r = true;
        break;
      }
      t = plan.meta.types[t.base];
    }
    cache.set(ref, r);
  }
  return r;
}

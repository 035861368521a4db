/**
 * Hand-written values (exception info, an output wrapper sent with `Succeeded=false`) fitted to
 * the port's types: only the fields a complex type declares (inherited ones and `$type`
 * included) are kept, through nested types and arrays, so one value fits every version of a
 * SuperOffice WSDL. Scalars pass as they are.
 */

import type { ServiceMetadata, TypeRef } from "@soapkit/runtime";
import { allFields } from "../meta-walk.js";

export function keepDeclared(meta: ServiceMetadata, ref: TypeRef, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  const t = meta.types[ref];
  if (t === undefined) return value;
  if (t.kind === "alias") return keepDeclared(meta, t.base, value);
  if (t.kind === "array") return Array.isArray(value) ? value.map((v) => keepDeclared(meta, t.item.type, v)) : value;
  if (t.kind !== "complex" || typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array)
    return value;
  const obj = value as Record<string, unknown>;
  const declared = obj["$type"];
  const actual = typeof declared === "string" && meta.types[declared]?.kind === "complex" ? declared : ref;
  const out: Record<string, unknown> = {};
  if (typeof declared === "string") out["$type"] = declared;
  for (const f of allFields(meta, actual)) {
    const v = obj[f.name];
    if (v === undefined) continue;
    out[f.name] = Array.isArray(v) ? v.map((x) => keepDeclared(meta, f.type, x)) : keepDeclared(meta, f.type, v);
  }
  return out;
}

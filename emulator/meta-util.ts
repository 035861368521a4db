/**
 * Fitting plain values to a metadata type for the emulator's handlers (the EMail agent store);
 * the generic walks (type lookup, inherited fields) are the mock's (meta-walk.ts).
 */

import type { ServiceMetadata, TypeRef } from "../runtime/metadata.js";
import { CAT_LONG, scalarPlan } from "../runtime/codec/scalars.js";
import { allFields, complexType, contentParticles, groupNames, isScalarRef } from "../generator/mock/meta-walk.js";

/**
 * Fit a plain value to a metadata type: keep only the properties a complex type declares
 * (inherited fields and `$type` included, `undefined` dropped), walk arrays, and convert
 * scalars to the service's `TypeMapping` (dateTime string ↔ Date, long number/string ↔
 * bigint, decimal number ↔ string). Lets hand-written values (exception info, the EMail
 * agent's store) be sent through any generated metadata, whatever its mapping.
 */
export function fitToType(meta: ServiceMetadata, ref: TypeRef, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (isScalarRef(ref)) return fitScalar(meta, ref, value);
  const t = meta.types[ref];
  if (t === undefined) return value;
  switch (t.kind) {
    case "alias":
      return fitToType(meta, t.base, value);
    case "enum":
      return value;
    case "list":
      return Array.isArray(value) ? value.map((v) => fitToType(meta, t.item, v)) : value;
    case "array":
      return Array.isArray(value) ? value.map((v) => fitToType(meta, t.item.type, v)) : value;
    case "complex": {
      if (typeof value !== "object" || Array.isArray(value) || value instanceof Uint8Array) return value;
      const obj = value as Record<string, unknown>;
      let actual = ref;
      const declared = obj["$type"];
      if (typeof declared === "string" && meta.types[declared]?.kind === "complex") actual = declared;
      const out: Record<string, unknown> = {};
      if (typeof declared === "string") out["$type"] = declared;
      for (const f of allFields(meta, actual)) {
        const v = obj[f.name];
        if (v === undefined) continue;
        out[f.name] =
          f.max !== 1 && Array.isArray(v) ? v.map((x) => fitToType(meta, f.type, x)) : fitToType(meta, f.type, v);
      }
      // Group items, raw XML and mixed text pass through as they are.
      const content = contentParticles(meta, actual);
      const extra = content !== undefined ? groupNames(content) : [];
      if (complexType(meta, actual).mixed === true) extra.push("$value");
      for (const n of extra) if (obj[n] !== undefined) out[n] = obj[n];
      return out;
    }
  }
}

function fitScalar(meta: ServiceMetadata, ref: TypeRef, value: unknown): unknown {
  const name = ref.slice(3);
  // The runtime's scalar table says which built-ins are the long family (one list, not two).
  if (
    scalarPlan(ref)?.cat === CAT_LONG &&
    (typeof value === "number" || typeof value === "bigint" || typeof value === "string")
  ) {
    const big = typeof value === "bigint" ? value : BigInt(value);
    switch (meta.mapping.long) {
      case "bigint":
        return big;
      case "string":
        return big.toString();
      case "number":
        return Number(big);
    }
  }
  if (name === "decimal" && (typeof value === "number" || typeof value === "string")) {
    return meta.mapping.decimal === "number" ? Number(value) : String(value);
  }
  if (name === "dateTime" || name === "date") {
    if (meta.mapping.dateTime === "Date" && typeof value === "string") {
      return new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) || name === "date" ? value : `${value}Z`);
    }
    if (meta.mapping.dateTime === "string" && value instanceof Date) {
      return name === "date" ? value.toISOString().slice(0, 10) : value.toISOString();
    }
  }
  return value;
}

/**
 * Pieces shared by the XML codec (codec/encode.ts, codec/decode.ts) and the REST JSON codec
 * (rest/json-codec.ts), so both transports apply the same rules.
 */
import { SerializationError } from "../errors.js";
import type { ComplexPlan, Plan } from "./plan.js";
import { describe } from "./scalars.js";

/** Property path used in error messages: `Parent.Name`, `Parent.Name[2]`. */
export function pathOf(parent: string, name: string, index: number): string {
  const p = name === "" ? parent : parent === "" ? name : `${parent}.${name}`;
  return index < 0 ? p : `${p}[${index}]`;
}

/**
 * The concrete type a complex value is sent as: the declared type, or the subtype its
 * `$type` names. Rejects non-objects, a `$type` outside the declared type's hierarchy,
 * abstract types and unknown properties (with the property path).
 */
export function concreteComplex(
  plan: Plan,
  declared: ComplexPlan,
  v: unknown,
  path: string,
): { readonly obj: Record<string, unknown>; readonly actual: ComplexPlan } {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Date || ArrayBuffer.isView(v)) {
    throw new SerializationError(path, `expected an object (${declared.id}), got ${describe(v)}`);
  }
  const obj = v as Record<string, unknown>;
  let actual = declared;
  const $type = obj.$type;
  if ($type !== undefined && $type !== declared.id) {
    if (typeof $type !== "string" || !declared.subtypes.has($type)) {
      const allowed = [declared.id, ...declared.subtypes].join(", ");
      throw new SerializationError(pathOf(path, "$type", -1), `${JSON.stringify($type)} is not one of: ${allowed}`);
    }
    actual = plan.complex($type);
  }
  if (actual.abstract) {
    throw new SerializationError(
      path,
      `type ${actual.id} is abstract; set $type to one of: ${[...actual.subtypes].join(", ") || "(no subtypes)"}`,
    );
  }
  for (const key in obj) {
    if (actual.byName.has(key) || actual.extraKeys.has(key)) continue;
    if (key === "$type" && (actual.hierarchy || $type === undefined || $type === declared.id)) continue;
    throw new SerializationError(
      pathOf(path, key, -1),
      `unknown property for type ${actual.id}; expected one of: ${[...actual.byName.keys(), ...actual.extraKeys].join(", ") || "(none)"}`,
    );
  }
  return { obj, actual };
}

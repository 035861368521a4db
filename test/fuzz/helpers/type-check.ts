/**
 * An independent oracle for the fuzz test: does a decoded value have the TypeScript type the
 * generator declares for it? Walks the value against the metadata (not the runtime's codec):
 * scalar kinds per mapping, integer ranges, enum members, required fields present, `null`
 * only where nillable, no unknown properties. Returns the first violation or `undefined`.
 */
import type { FieldMeta, ServiceMetadata, TypeMeta, TypeRef } from "../../../runtime/metadata.js";

const INT_RANGES: Record<string, [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
  unsignedByte: [0, 255],
  unsignedShort: [0, 65535],
  unsignedInt: [0, 4294967295],
};
const LONG_RANGES: Record<string, [bigint | undefined, bigint | undefined]> = {
  long: [-(2n ** 63n), 2n ** 63n - 1n],
  unsignedLong: [0n, 2n ** 64n - 1n],
  integer: [undefined, undefined],
  nonNegativeInteger: [0n, undefined],
  positiveInteger: [1n, undefined],
  nonPositiveInteger: [undefined, 0n],
  negativeInteger: [undefined, -1n],
};
const DATE_SHAPES: Record<string, RegExp> = {
  dateTime: /^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/,
  date: /^-?\d{4,}-\d\d-\d\d(Z|[+-]\d\d:\d\d)?$/,
  time: /^\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$/,
};

export function checkField(meta: ServiceMetadata, f: FieldMeta, v: unknown, path: string): string | undefined {
  if (v === undefined) return f.min === 0 ? undefined : `${path}: required, got undefined`;
  if (f.max !== 1) {
    if (!Array.isArray(v)) return `${path}: expected an array`;
    if (v.length < f.min || (f.max > 0 && v.length > f.max))
      return `${path}: ${v.length} items outside [${f.min}, ${f.max}]`;
    for (let i = 0; i < v.length; i++) {
      const r =
        v[i] === null
          ? f.nillable
            ? undefined
            : `${path}[${i}]: null, not nillable`
          : checkType(meta, f.type, v[i], `${path}[${i}]`);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (v === null) return f.nillable ? undefined : `${path}: null, not nillable`;
  return checkType(meta, f.type, v, path);
}

export function checkType(meta: ServiceMetadata, ref: TypeRef, v: unknown, path: string): string | undefined {
  if (ref.startsWith("xs:")) return checkScalar(meta, ref.slice(3), v, path);
  const t: TypeMeta | undefined = meta.types[ref];
  if (t === undefined) return `${path}: unknown type ${ref}`;
  switch (t.kind) {
    case "alias":
      return checkType(meta, t.base, v, path);
    case "enum":
      return typeof v === "string" && t.values.includes(v) ? undefined : `${path}: not a member of ${ref}`;
    case "list":
      if (!Array.isArray(v)) return `${path}: expected an array (${ref})`;
      for (let i = 0; i < v.length; i++) {
        const r = checkType(meta, t.item, v[i], `${path}[${i}]`);
        if (r !== undefined) return r;
      }
      return undefined;
    case "array":
      return checkField(meta, { ...t.item, min: 0, max: -1 }, v, path);
    case "complex":
      return checkComplex(meta, ref, v, path);
  }
}

function fieldsOf(meta: ServiceMetadata, ref: TypeRef): FieldMeta[] {
  const t = meta.types[ref];
  if (t === undefined || t.kind !== "complex") return [];
  return [...(t.base !== undefined ? fieldsOf(meta, t.base) : []), ...t.fields];
}

function checkComplex(meta: ServiceMetadata, ref: TypeRef, v: unknown, path: string): string | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return `${path}: expected an object (${ref})`;
  const obj = v as Record<string, unknown>;
  const declared = meta.types[ref] as Extract<TypeMeta, { kind: "complex" }>;
  let actual = ref;
  if (obj.$type !== undefined) {
    if (obj.$type !== ref && !(declared.subtypes ?? []).includes(obj.$type as string))
      return `${path}.$type: ${String(obj.$type)} outside ${ref}`;
    actual = obj.$type as string;
  }
  const fields = fieldsOf(meta, actual);
  for (const key of Object.keys(obj)) {
    if (key !== "$type" && !fields.some((f) => f.name === key)) return `${path}.${key}: unknown property`;
  }
  for (const f of fields) {
    const r = checkField(meta, f, Object.hasOwn(obj, f.name) ? obj[f.name] : undefined, `${path}.${f.name}`);
    if (r !== undefined) return r;
  }
  return undefined;
}

function checkScalar(meta: ServiceMetadata, name: string, v: unknown, path: string): string | undefined {
  const bad = `${path}: ${typeof v} is not xs:${name}`;
  const range = INT_RANGES[name];
  if (range !== undefined)
    return typeof v === "number" && Number.isInteger(v) && v >= range[0] && v <= range[1] ? undefined : bad;
  const lr = LONG_RANGES[name];
  if (lr !== undefined) return checkLong(meta, lr, v) ? undefined : bad;
  switch (name) {
    case "boolean":
      return typeof v === "boolean" ? undefined : bad;
    case "float":
    case "double":
      return typeof v === "number" ? undefined : bad;
    case "decimal":
      return meta.mapping.decimal === "number"
        ? typeof v === "number" && Number.isFinite(v)
          ? undefined
          : bad
        : typeof v === "string" && /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)
          ? undefined
          : bad;
    case "dateTime":
    case "date":
    case "time":
      if (meta.mapping.dateTime === "Date") return v instanceof Date && !Number.isNaN(v.getTime()) ? undefined : bad;
      return typeof v === "string" && DATE_SHAPES[name]!.test(v) ? undefined : bad;
    case "base64Binary":
    case "hexBinary":
      return v instanceof Uint8Array ? undefined : bad;
    default: // strings, duration, anyType
      return typeof v === "string" ? undefined : bad;
  }
}

function checkLong(meta: ServiceMetadata, [min, max]: [bigint | undefined, bigint | undefined], v: unknown): boolean {
  let big: bigint;
  if (meta.mapping.long === "bigint") {
    if (typeof v !== "bigint") return false;
    big = v;
  } else if (meta.mapping.long === "string") {
    if (typeof v !== "string" || !/^[+-]?\d+$/.test(v)) return false;
    big = BigInt(v);
  } else {
    if (typeof v !== "number" || !Number.isSafeInteger(v)) return false;
    big = BigInt(v);
  }
  return (min === undefined || big >= min) && (max === undefined || big <= max);
}

/**
 * Variants of a fully populated sample value (generator/mock/sample-values.ts), reshaped by the
 * metadata so the schema sweep also sees the edges of every content model:
 * - `full`: the sample as built (every optional element and attribute set, arrays of 2–3);
 * - `none` / `one` / `many`: every repeated element and `ArrayOfX` wrapper with 0, 1 or 4 items,
 *   clamped to its minOccurs/maxOccurs (items repeat the sample's);
 * - `nil`: every nillable single element `null` (`xsi:nil="true"`);
 * - `minimal`: every optional element and optional attribute left out.
 * Elements that belong to a choice branch (metadata v3 `particles`) keep their sample value: a
 * branch decides on its own whether they are required.
 */
import { allFields } from "../../generator/mock/meta-walk.js";
import type {
  ComplexTypeMeta,
  FieldMeta,
  ParticleMeta,
  ServiceMetadata,
  TypeMeta,
  TypeRef,
} from "../../runtime/metadata.js";

export const SHAPES = ["full", "none", "one", "many", "nil", "minimal"] as const;
export type Shape = (typeof SHAPES)[number];

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);
}

/** The type and its bases, base first. */
function chain(meta: ServiceMetadata, ref: TypeRef): ComplexTypeMeta[] {
  const out: ComplexTypeMeta[] = [];
  for (let cur: TypeRef | undefined = ref; cur !== undefined && out.length < 64;) {
    const t: TypeMeta | undefined = meta.types[cur];
    if (t?.kind !== "complex") break;
    out.unshift(t);
    cur = t.base;
  }
  return out;
}

function branchElements(particles: readonly ParticleMeta[], into: Set<string>): void {
  for (const p of particles) {
    if (p.kind === "element") into.add(p.field.name);
    else if (p.kind === "choice") for (const b of p.branches) branchElements(b, into);
  }
}

/** Names of the element properties that sit in a choice branch of `ref` or its bases. */
function choiceFields(meta: ServiceMetadata, ref: TypeRef): Set<string> {
  const out = new Set<string>();
  for (const t of chain(meta, ref))
    for (const p of t.particles ?? []) if (p.kind === "choice") branchElements(p.branches.flat(), out);
  return out;
}

function itemCount(shape: Shape, min: number, max: number, current: number): number {
  const want = shape === "none" ? 0 : shape === "one" ? 1 : shape === "many" ? 4 : current;
  const upper = max < 0 ? want : Math.min(max, want);
  return Math.max(min, upper);
}

function resize(items: readonly unknown[], n: number): unknown[] {
  if (items.length === 0) return [];
  return Array.from({ length: n }, (_x, i) => items[i % items.length]);
}

/** `value` of type `ref` reshaped to `shape` (a new value; the input is not changed). */
export function reshape(meta: ServiceMetadata, ref: TypeRef, value: unknown, shape: Shape): unknown {
  if (shape === "full" || value === null || value === undefined || ref.startsWith("xs:")) return value;
  const t = meta.types[ref];
  if (t === undefined) return value;
  if (t.kind === "array" && Array.isArray(value)) {
    const items = resize(value, itemCount(shape, t.item.min, t.item.max, value.length));
    return items.map((x) => reshape(meta, t.item.type, x, shape));
  }
  if (t.kind !== "complex" || !isObj(value)) return value;
  const actual = typeof value["$type"] === "string" && meta.types[value["$type"]] ? value["$type"] : ref;
  const out: Obj = { ...value };
  const inChoice = choiceFields(meta, actual);
  for (const f of allFields(meta, actual)) {
    if (!(f.name in out) || inChoice.has(f.name)) continue;
    out[f.name] = reshapeField(meta, f, out[f.name], shape);
    if (out[f.name] === undefined) delete out[f.name];
  }
  if (shape === "minimal") {
    for (const c of chain(meta, actual)) for (const a of c.attributes ?? []) if (!a.required) delete out[a.name];
  }
  return out;
}

function reshapeField(meta: ServiceMetadata, f: FieldMeta, v: unknown, shape: Shape): unknown {
  if (shape === "minimal" && f.min === 0) return undefined;
  if (f.max !== 1 && Array.isArray(v)) {
    const items = resize(v, itemCount(shape, f.min, f.max, v.length));
    return items.map((x) => reshape(meta, f.type, x, shape));
  }
  if (shape === "nil" && f.nillable && f.max === 1) return null;
  return reshape(meta, f.type, v, shape);
}

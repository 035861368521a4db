/** Expansion of the `types` table: fields, the five type kinds, derived subtype lists. */
import type { ArrayTypeMeta, AttributeMeta, ComplexTypeMeta, FieldMeta, ParticleMeta, TypeMeta } from "../metadata.js";
import { array, integer, kindOf, metadataError, object, oneOf, string } from "./check.js";
import {
  expandAnyAttribute,
  expandAttribute,
  isAnyAttribute,
  isAttributeEntry,
  requireV2,
} from "./expand-attributes.js";
import { parseFlags, type Occurrence } from "./flags.js";
import { expandContent, propertyNames, requireV3 } from "./expand-particles.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The namespace table, shared by every reader. */
export interface NsTable {
  readonly ns: readonly string[];
  /** The format version the literal declares (checked by the loader). */
  readonly version: number;
}

/** Namespace at table index `v` (`-1` = no namespace). */
export function nsAt(ctx: NsTable, v: unknown, path: string): string {
  const i = integer(v, path);
  if (i === -1) return "";
  const uri = ctx.ns[i];
  if (uri === undefined)
    throw metadataError(path, `namespace index ${i} is outside the table (${ctx.ns.length} entries)`);
  return uri;
}

export function defaultNs(ctx: NsTable): string {
  return ctx.ns[0] ?? "";
}

const OCCURRENCES = new Map<string, Occurrence>();

function occurrence(flags: unknown, at: () => string): Occurrence {
  if (flags === undefined) flags = "";
  const hit = typeof flags === "string" ? OCCURRENCES.get(flags) : undefined;
  if (hit !== undefined) return hit;
  const occ = parseFlags(string(flags, `${at()}[2]`), `${at()}[2]`);
  OCCURRENCES.set(flags as string, occ);
  return occ;
}

/** `[name, type, flags?, ns?]` → `FieldMeta`. Paths are built only for messages (`at`). */
export function expandField(ctx: NsTable, v: unknown, ownerNs: string, at: () => string): FieldMeta {
  if (!Array.isArray(v) || v.length < 2 || v.length > 4) {
    throw metadataError(
      at(),
      `expected a field [name, type, flags?, ns?], found ${Array.isArray(v) ? `${v.length} items` : kindOf(v)}`,
    );
  }
  const name: unknown = v[0];
  const type: unknown = v[1];
  const ns: unknown = v[3];
  if (name === "|" || name === "*" || name === "(")
    throw metadataError(at(), `a '${name}' entry is malformed (expected a group or wildcard of format version 3)`);
  const occ = occurrence(v[2], at);
  return {
    name: typeof name === "string" ? name : string(name, `${at()}[0]`),
    ns: ns === undefined ? ownerNs : nsAt(ctx, ns, `${at()}[3]`),
    type: typeof type === "string" ? type : string(type, `${at()}[1]`),
    min: occ.min,
    max: occ.max,
    nillable: occ.nillable,
  };
}

const KINDS = ["f", "item", "enum", "list", "alias"] as const;
type KindKey = (typeof KINDS)[number];
const KEYS: Readonly<Record<KindKey, readonly string[]>> = {
  f: ["f", "base", "abstract", "text", "mixed", "ns", "local"],
  item: ["item", "dict", "enc", "ns", "local"],
  enum: ["enum", "base", "ns", "local"],
  list: ["list", "ns", "local"],
  alias: ["alias", "wcf", "ns", "local"],
};
const ALL_KEYS = [...new Set(Object.values(KEYS).flat())];

function kindKey(raw: Readonly<Record<string, unknown>>, path: string): KindKey {
  const found = KINDS.filter((k) => raw[k] !== undefined);
  if (found.length !== 1) {
    throw metadataError(
      path,
      `a type needs exactly one kind key (${KINDS.join(", ")}), found ${found.join(", ") || "none"}`,
    );
  }
  return found[0]!;
}

/** One entry of `types` → `TypeMeta` (subtypes are added by `deriveSubtypes`). */
export function expandType(ctx: NsTable, id: string, v: unknown, path: string): TypeMeta {
  const raw = object(v, path, ALL_KEYS);
  const kind = kindKey(raw, path);
  object(raw, path, KEYS[kind]);
  const ns = raw["ns"] === undefined ? defaultNs(ctx) : nsAt(ctx, raw["ns"], `${path}.ns`);
  const q = { ns, local: raw["local"] === undefined ? id : string(raw["local"], `${path}.local`) };
  switch (kind) {
    case "f":
      return complexType(ctx, raw, q, path);
    case "item":
      return arrayType(ctx, raw, q, path);
    case "enum": {
      const values = array(raw["enum"], `${path}.enum`).map((x, i) => string(x, `${path}.enum[${i}]`));
      return {
        kind: "enum",
        ...q,
        base: raw["base"] === undefined ? "xs:string" : string(raw["base"], `${path}.base`),
        values,
      };
    }
    case "list":
      return { kind: "list", ...q, item: string(raw["list"], `${path}.list`) };
    case "alias": {
      const base = { kind: "alias" as const, ...q, base: string(raw["alias"], `${path}.alias`) };
      return raw["wcf"] === undefined
        ? base
        : { ...base, wcf: oneOf(raw["wcf"], `${path}.wcf`, ["guid", "char", "duration"]) };
    }
  }
}

type QName = { ns: string; local: string };

function complexType(ctx: NsTable, raw: Readonly<Record<string, unknown>>, q: QName, path: string): TypeMeta {
  const content: unknown[] = [];
  const contentIndex: number[] = [];
  const attributes: AttributeMeta[] = [];
  let anyAttributes = false;
  array(raw["f"], `${path}.f`).forEach((e, i) => {
    const at = (): string => `${path}.f[${i}]`;
    if (!isAttributeEntry(e)) {
      content.push(e);
      contentIndex.push(i);
      return;
    }
    requireV2(ctx, "an attribute entry", at);
    const entry = e as readonly unknown[];
    if (isAnyAttribute(entry)) {
      expandAnyAttribute(entry, at);
      anyAttributes = true;
    } else attributes.push(expandAttribute(ctx, entry, at));
  });
  const reader = { ctx, ownerNs: q.ns, field: (v: unknown, at: () => string) => expandField(ctx, v, q.ns, at) };
  const c = expandContent(reader, content, (i) => `${path}.f[${contentIndex[i]!}]`, false);
  const m: Mutable<ComplexTypeMeta> = { kind: "complex", ...q, fields: c.rich ? uniqueFields(c.fields) : c.fields };
  if (c.rich) {
    checkGroupNames(c.particles, `${path}.f`);
    m.particles = c.particles;
  }
  if (attributes.length > 0) m.attributes = attributes;
  if (anyAttributes) m.anyAttributes = true;
  if (raw["text"] !== undefined) {
    requireV2(ctx, "'text' (simple content)", () => `${path}.text`);
    m.text = { type: string(raw["text"], `${path}.text`) };
  }
  if (raw["mixed"] !== undefined) {
    requireV3(ctx, "'mixed'", () => `${path}.mixed`);
    if (raw["mixed"] !== 1) throw metadataError(`${path}.mixed`, "expected 1 (omit it otherwise)");
    if (m.text !== undefined)
      throw metadataError(`${path}.mixed`, "a type with simple content ('text') cannot be mixed");
    m.mixed = true;
  }
  if (raw["base"] !== undefined) m.base = string(raw["base"], `${path}.base`);
  if (raw["abstract"] !== undefined) {
    if (raw["abstract"] !== true) throw metadataError(`${path}.abstract`, "expected true (omit it otherwise)");
    m.abstract = true;
  }
  return m;
}

/** The same element in two choice branches is one peer property. */
function uniqueFields(fields: readonly FieldMeta[]): FieldMeta[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.name) && seen.add(f.name) !== undefined);
}

/** A group array or wildcard property must not share its name with another property. */
function checkGroupNames(particles: readonly ParticleMeta[], path: string): void {
  const names = propertyNames(particles);
  const groups = new Set<string>();
  collectGroupNames(particles, groups);
  for (const g of groups) {
    if (names.filter((n) => n === g).length > 1)
      throw metadataError(path, `property '${g}' of a group or wildcard is defined twice`);
  }
}

function collectGroupNames(particles: readonly ParticleMeta[], out: Set<string>): void {
  for (const p of particles) {
    if (p.kind === "any" || p.kind === "sequence") out.add(p.name);
    else if (p.kind === "choice") {
      if (p.name !== undefined) out.add(p.name);
      else for (const b of p.branches) collectGroupNames(b, out);
    }
  }
}

function arrayType(ctx: NsTable, raw: Readonly<Record<string, unknown>>, q: QName, path: string): TypeMeta {
  const item = expandField(ctx, raw["item"], q.ns, () => `${path}.item`);
  const a: Mutable<ArrayTypeMeta> = { kind: "array", ...q, item };
  if (raw["dict"] !== undefined) {
    const kv = array(raw["dict"], `${path}.dict`);
    if (kv.length !== 2) throw metadataError(`${path}.dict`, "expected [key, value]");
    a.dictionary = { key: string(kv[0], `${path}.dict[0]`), value: string(kv[1], `${path}.dict[1]`) };
  }
  if (raw["enc"] !== undefined) {
    requireV3(ctx, "'enc' (a SOAP-encoded array)", () => `${path}.enc`);
    if (raw["enc"] !== 1) throw metadataError(`${path}.enc`, "expected 1 (omit it otherwise)");
    a.encoded = true;
  }
  return a;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Give every complex type with derived types its sorted, transitive `subtypes` list. */
export function deriveSubtypes(types: Readonly<Record<string, TypeMeta>>): void {
  const direct = new Map<string, string[]>();
  for (const [id, t] of Object.entries(types)) {
    if (t.kind !== "complex" || t.base === undefined) continue;
    const list = direct.get(t.base);
    if (list === undefined) direct.set(t.base, [id]);
    else list.push(id);
  }
  for (const [id, t] of Object.entries(types)) {
    if (t.kind !== "complex" || !direct.has(id)) continue;
    const acc = new Set<string>();
    const stack = [...direct.get(id)!];
    for (let d = stack.pop(); d !== undefined; d = stack.pop()) {
      if (acc.has(d)) continue;
      acc.add(d);
      stack.push(...(direct.get(d) ?? []));
    }
    (t as Mutable<ComplexTypeMeta>).subtypes = [...acc].sort(cmp);
  }
}

/** Every type reference in expanded metadata names a known scalar or an entry of `types`. */
import type { HeaderMeta, ParticleMeta, ScalarName, ServiceMetadata, TypeMeta, TypeRef } from "../metadata.js";
import { metadataError } from "./check.js";

const SCALARS: Readonly<Record<ScalarName, true>> = {
  string: true,
  normalizedString: true,
  token: true,
  anyURI: true,
  QName: true,
  ID: true,
  IDREF: true,
  language: true,
  Name: true,
  NCName: true,
  boolean: true,
  byte: true,
  short: true,
  int: true,
  unsignedByte: true,
  unsignedShort: true,
  unsignedInt: true,
  float: true,
  double: true,
  long: true,
  unsignedLong: true,
  integer: true,
  nonNegativeInteger: true,
  positiveInteger: true,
  nonPositiveInteger: true,
  negativeInteger: true,
  decimal: true,
  dateTime: true,
  date: true,
  time: true,
  duration: true,
  base64Binary: true,
  hexBinary: true,
  anyType: true,
};

/** `at` builds the path only for the message. */
function check(meta: ServiceMetadata, ref: TypeRef, at: () => string): void {
  if (ref.startsWith("xs:") ? Object.hasOwn(SCALARS, ref.slice(3)) : Object.hasOwn(meta.types, ref)) return;
  throw metadataError(at(), `unknown type '${ref}'`);
}

/** Attribute and text types must be simple (a scalar, enum, list or alias). */
function checkSimple(meta: ServiceMetadata, ref: TypeRef, at: () => string): void {
  check(meta, ref, at);
  const kind = meta.types[ref]?.kind;
  if (kind === "complex" || kind === "array")
    throw metadataError(at(), `type '${ref}' is ${kind}, expected a simple type`);
}

function checkType(meta: ServiceMetadata, id: string, t: TypeMeta): void {
  const path = `types.${id}`;
  switch (t.kind) {
    case "complex":
      for (let i = 0; i < t.fields.length; i++) check(meta, t.fields[i]!.type, () => `${path}.f[${i}]`);
      for (const a of t.attributes ?? []) checkSimple(meta, a.type, () => `${path} attribute ${a.name}`);
      if (t.text !== undefined) checkSimple(meta, t.text.type, () => `${path}.text`);
      if (t.particles !== undefined) checkParticles(meta, t.particles, path);
      if (t.base !== undefined && meta.types[t.base]?.kind !== "complex") {
        throw metadataError(`${path}.base`, `base '${t.base}' is not a complex type`);
      }
      return;
    case "array":
      return check(meta, t.item.type, () => `${path}.item`);
    case "list":
      return check(meta, t.item, () => `${path}.list`);
    case "enum":
    case "alias":
      return check(meta, t.base, () => `${path}.${t.kind === "enum" ? "base" : "alias"}`);
  }
}

/** Elements inside groups (peers are in `fields` and checked there already; checking twice is cheap). */
function checkParticles(meta: ServiceMetadata, particles: readonly ParticleMeta[], path: string): void {
  for (const p of particles) {
    if (p.kind === "element") check(meta, p.field.type, () => `${path} element ${p.field.name}`);
    else if (p.kind === "sequence") checkParticles(meta, p.particles, path);
    else if (p.kind === "choice") for (const b of p.branches) checkParticles(meta, b, path);
  }
}

export function checkReferences(meta: ServiceMetadata): void {
  for (const [id, t] of Object.entries(meta.types)) checkType(meta, id, t);
  for (const [key, op] of Object.entries(meta.operations)) {
    (op.faults ?? []).forEach((f, i) => check(meta, f.type, () => `ops.${key}.faults[${i}]`));
  }
  (meta.elements ?? []).forEach((e, i) => check(meta, e.type, () => `el[${i}]`));
  const seen = new Set<readonly HeaderMeta[]>(); // header lists are shared between operations
  for (const op of Object.values(meta.operations)) {
    for (const list of [op.inputHeaders, op.outputHeaders]) {
      if (seen.has(list)) continue;
      seen.add(list);
      for (const h of list) check(meta, h.type, () => `ops.${op.name} header ${h.name}`);
    }
  }
}

/**
 * Walks over `ServiceMetadata` shared by the mock's sample values and validation: type lookup,
 * inherited fields, content models, operation lookup.
 */

import type {
  ComplexTypeMeta,
  FieldMeta,
  OperationMeta,
  ParticleMeta,
  ServiceMetadata,
  TypeMeta,
  TypeRef,
} from "@soapkit/runtime";

export function isScalarRef(ref: TypeRef): boolean {
  return ref.startsWith("xs:");
}

export function lookupType(meta: ServiceMetadata, ref: TypeRef): TypeMeta {
  const t = meta.types[ref];
  if (t === undefined) throw new Error(`mock: unknown type id ${JSON.stringify(ref)} in ${meta.service}`);
  return t;
}

export function complexType(meta: ServiceMetadata, ref: TypeRef): ComplexTypeMeta {
  const t = lookupType(meta, ref);
  if (t.kind !== "complex") throw new Error(`mock: type ${ref} is ${t.kind}, expected complex`);
  return t;
}

/** All fields of a complex type in wire order: base chain first, then own fields. */
export function allFields(meta: ServiceMetadata, ref: TypeRef): readonly FieldMeta[] {
  const chain: ComplexTypeMeta[] = [];
  let cur: TypeRef | undefined = ref;
  const seen = new Set<TypeRef>();
  while (cur !== undefined) {
    if (seen.has(cur)) throw new Error(`mock: inheritance cycle at ${cur}`);
    seen.add(cur);
    const t = complexType(meta, cur);
    chain.unshift(t);
    cur = t.base;
  }
  return chain.flatMap((t) => t.fields);
}

/**
 * The content model of a complex type with its bases (base first), when one of them has
 * metadata v3 particles (choices, repeated groups, wildcards); plain fields become element
 * particles. `undefined` for plain sequences.
 */
export function contentParticles(meta: ServiceMetadata, ref: TypeRef): readonly ParticleMeta[] | undefined {
  const chain: ComplexTypeMeta[] = [];
  for (let cur: TypeRef | undefined = ref; cur !== undefined && chain.length < 64; cur = chain[0]!.base)
    chain.unshift(complexType(meta, cur));
  if (!chain.some((t) => t.particles !== undefined)) return undefined;
  return chain.flatMap((t) => t.particles ?? t.fields.map((field): ParticleMeta => ({ kind: "element", field })));
}

/** Property names a content model adds besides the peer fields: group arrays and wildcards. */
export function groupNames(particles: readonly ParticleMeta[], out: string[] = []): string[] {
  for (const p of particles) {
    if (p.kind === "any" || p.kind === "sequence") out.push(p.name);
    else if (p.kind === "choice") {
      if (p.name !== undefined) out.push(p.name);
      else for (const b of p.branches) groupNames(b, out);
    }
  }
  return out;
}

/**
 * An operation by its key, or else by its WSDL name (metadata v3 keys overloads apart with
 * `op`; the first operation of that name is taken).
 */
export function getOperation(meta: ServiceMetadata, name: string): OperationMeta {
  const op = Object.hasOwn(meta.operations, name)
    ? meta.operations[name]
    : Object.values(meta.operations).find((o) => o.name === name);
  if (op === undefined) throw new Error(`mock: ${meta.service} has no operation ${JSON.stringify(name)}`);
  return op;
}

/**
 * Metadata format v3 entries of a content model (runtime/metadata/format.ts): `["|", branches,
 * flags?, name?]` for a choice, `["(", entries, flags, name]` for a repeated sequence and
 * `["*", name, flags?, namespace?, process?]` for a wildcard; elements as in v1.
 */
import type { CompactField, FieldMeta, ParticleMeta, TypeMeta } from "@soapkit/runtime";

type Flags = (min: number, max: number, nillable: boolean) => string;

/** Drop trailing `undefined` items of a tuple. */
function trim<T extends readonly unknown[]>(t: T): T {
  let n = t.length;
  while (n > 0 && t[n - 1] === undefined) n--;
  return t.slice(0, n) as unknown as T;
}

/** The wildcard's namespace constraint as XSD writes it (`##any` when unconstrained). */
function namespaceText(p: Extract<ParticleMeta, { kind: "any" }>): string {
  if (p.exclude !== undefined) return "##other";
  if (p.allow === undefined) return "##any";
  return p.allow.map((u) => (u === "" ? "##local" : u)).join(" ");
}

/** The compact entries of a particle list, in content order. */
export function compactParticles(
  list: readonly ParticleMeta[],
  field: (f: FieldMeta) => CompactField,
  flags: Flags,
): CompactField[] {
  return list.map((p): CompactField => {
    switch (p.kind) {
      case "element":
        return field(p.field);
      case "choice": {
        const f = flags(p.min, p.max, false);
        const branches = p.branches.map((b) => compactParticles(b, field, flags));
        return trim(["|", branches, f === "" && p.name === undefined ? undefined : f, p.name] as const) as CompactField;
      }
      case "sequence":
        return ["(", compactParticles(p.particles, field, flags), flags(p.min, p.max, false), p.name];
      case "any": {
        const f = flags(p.min, p.max, false);
        const ns = namespaceText(p);
        const process = p.process === "strict" ? undefined : p.process;
        const nsOut = ns === "##any" && process === undefined ? undefined : ns;
        return trim([
          "*",
          p.name,
          f === "" && nsOut === undefined ? undefined : f,
          nsOut,
          process,
        ] as const) as CompactField;
      }
    }
  });
}

/** Whether a type needs format version 3 (content-model particles, mixed content). */
export function needsV3(t: TypeMeta): boolean {
  return t.kind === "complex" && (t.particles !== undefined || t.mixed === true);
}

/**
 * IR particles → the runtime's `ParticleMeta` (metadata format v3) and back to the compact
 * `f` entries (`["|", …]`, `["(", …]`, `["*", …]`; runtime/metadata/format.ts).
 */
import type { AnyMeta, FieldMeta, ParticleMeta } from "@soapkit/runtime";
import type { AnyParticle, Field, Particle } from "../model/types.js";

/** The namespace constraint of a wildcard as allow/exclude lists (`tns`: the owning type's namespace). */
export function anyNamespaces(namespace: string, tns: string): Pick<AnyMeta, "allow" | "exclude"> {
  const tokens = namespace.split(/\s+/).filter((t) => t !== "");
  if (tokens.length === 0 || tokens.includes("##any")) return {};
  if (tokens.includes("##other")) return { exclude: [tns, ""] };
  const allow = tokens.map((t) => (t === "##local" ? "" : t === "##targetNamespace" ? tns : t));
  return { allow: [...new Set(allow)] };
}

function anyMeta(p: AnyParticle, tns: string): AnyMeta {
  return {
    kind: "any",
    name: p.name,
    min: p.minOccurs,
    max: p.maxOccurs,
    ...anyNamespaces(p.namespace, tns),
    process: p.process,
  };
}

/** `ParticleMeta`s of a content model (`field` converts element fields, `tns` is the owner's namespace). */
export function particleMetas(list: readonly Particle[], field: (f: Field) => FieldMeta, tns: string): ParticleMeta[] {
  return list.map((p): ParticleMeta => {
    switch (p.kind) {
      case "element":
        return { kind: "element", field: field(p.field) };
      case "choice":
        return {
          kind: "choice",
          min: p.minOccurs,
          max: p.maxOccurs,
          ...(p.name === undefined ? {} : { name: p.name }),
          branches: p.branches.map((b) => particleMetas(b, field, tns)),
        };
      case "sequence":
        return {
          kind: "sequence",
          min: p.minOccurs,
          max: p.maxOccurs,
          name: p.name,
          particles: particleMetas(p.particles, field, tns),
        };
      case "any":
        return anyMeta(p, tns);
    }
  });
}

/** Every element field of a particle tree (for namespace collection). */
export function particleFields(list: readonly ParticleMeta[]): FieldMeta[] {
  return list.flatMap((p) =>
    p.kind === "element"
      ? [p.field]
      : p.kind === "choice"
        ? p.branches.flatMap(particleFields)
        : p.kind === "sequence"
          ? particleFields(p.particles)
          : [],
  );
}

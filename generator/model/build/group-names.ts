/**
 * Property names of group particles: `$choice` (repeated choices), `$sequence` (repeated
 * sequences) and `$any` (wildcards), numbered from 2 in document order, unique in the type
 * together with its bases (a derived type's value carries the base's properties too).
 */
import type { Particle, TypeDef, TypeId } from "../types.js";

const PREFIX = { choice: "$choice", sequence: "$sequence", any: "$any" } as const;

function used(list: readonly Particle[], out: Set<string>): void {
  for (const p of list) {
    if (p.kind === "element") continue;
    if (p.kind === "any" || p.kind === "sequence" || p.name !== undefined) out.add(p.name!);
    if (p.kind === "choice") p.branches.forEach((b) => used(b, out));
    if (p.kind === "sequence") used(p.particles, out);
  }
}

function rename(list: readonly Particle[], taken: Set<string>): Particle[] {
  const next = (kind: keyof typeof PREFIX): string => {
    let n = 1;
    let name: string = PREFIX[kind];
    while (taken.has(name)) name = `${PREFIX[kind]}${++n}`;
    taken.add(name);
    return name;
  };
  return list.map((p): Particle => {
    switch (p.kind) {
      case "element":
        return p;
      case "any":
        return { ...p, name: next("any") };
      case "sequence": {
        const name = next("sequence");
        return { ...p, name, particles: rename(p.particles, taken) };
      }
      case "choice": {
        const name = p.maxOccurs !== 1 ? next("choice") : undefined;
        const branches = p.branches.map((b) => rename(b, taken));
        const { name: _old, ...rest } = p;
        return name === undefined ? { ...rest, branches } : { ...rest, name, branches };
      }
    }
  });
}

/** Name the group particles of every complex type (bases first). */
export function nameGroups(types: Map<TypeId, TypeDef>): void {
  const names = new Map<TypeId, Set<string>>();
  const visit = (id: TypeId, stack: Set<TypeId>): Set<string> => {
    const known = names.get(id);
    if (known !== undefined) return known;
    const t = types.get(id);
    const taken = new Set<string>();
    if (t?.kind !== "complex" || stack.has(id)) return taken;
    stack.add(id);
    if (t.base !== undefined) for (const n of visit(t.base, stack)) taken.add(n);
    if (t.particles !== undefined) {
      const particles = rename(t.particles, taken);
      types.set(id, { ...t, particles });
      used(particles, taken);
    }
    names.set(id, taken);
    return taken;
  };
  for (const id of [...types.keys()]) visit(id, new Set());
}

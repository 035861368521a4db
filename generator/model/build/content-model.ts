/**
 * Raw content model (model groups, group refs, wildcards, substitution groups) → IR particles
 * of one complex type. Groups are normalised so that TypeScript shapes follow directly:
 * - a sequence or `xs:all` occurring once is flattened into its parent;
 * - an optional sequence occurring once is flattened with optional members when that is
 *   equivalent (every member optional, or a single member), else it is an "all or nothing"
 *   choice with one branch and `minOccurs` 0;
 * - a choice occurring once directly inside a choice contributes its branches;
 * - a group ref is inlined with the reference's occurrence;
 * - an element ref whose global element heads a substitution group is a choice of the head
 *   (unless abstract) and every member, transitively.
 * Group property names are assigned later (see group-names.ts).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { QNameRef } from "../../parse/qname.js";
import type { RawElement, RawModelGroup, RawParticle, RawUnsupported } from "../../parse/raw-xsd.js";
import { qnameKey, type ChoiceParticle, type Field, type Particle } from "../types.js";
import { lookup, type SymbolTables } from "./symbols.js";
import { substitutionMembers } from "./substitution-groups.js";

/** What the builder needs from the type resolver, bound to the owning type. */
export interface ContentHost {
  readonly tables: SymbolTables;
  readonly diagnostics: Diagnostic[];
  /** A local element or element ref → field (undefined after a diagnostic). */
  field(el: RawElement): Field | undefined;
  /** A global element (substitution group member) → field occurring once. */
  globalField(ref: QNameRef, head: Field): Field | undefined;
  unsupported(u: RawUnsupported): void;
}

const ONCE = (p: { minOccurs: number; maxOccurs: number }): boolean => p.minOccurs === 1 && p.maxOccurs === 1;

export function minOf(p: Particle): number {
  return p.kind === "element" ? p.field.minOccurs : p.minOccurs;
}

function optional(p: Particle): Particle {
  return p.kind === "element" ? { ...p, field: { ...p.field, minOccurs: 0 } } : { ...p, minOccurs: 0 };
}

export class ContentModelBuilder {
  constructor(private readonly host: ContentHost) {}

  /** Particles of a content model's particle list. */
  particles(list: readonly RawParticle[], groups: readonly string[] = []): Particle[] {
    return mergeConsecutive(list.flatMap((r) => this.particle(r, groups)));
  }

  private particle(r: RawParticle, groups: readonly string[]): Particle[] {
    switch (r.kind) {
      case "unsupported":
        this.host.unsupported(r);
        return [];
      case "element":
        return r.maxOccurs === 0 ? [] : this.element(r);
      case "any":
        if (r.maxOccurs === 0) return [];
        return [
          {
            kind: "any",
            name: "",
            minOccurs: r.minOccurs,
            maxOccurs: r.maxOccurs,
            namespace: r.namespace,
            process: r.process,
            source: r.location,
          },
        ];
      case "groupRef":
        return this.groupRef(r.ref, r.minOccurs, r.maxOccurs, r.location, groups);
      default:
        return this.group(r, groups);
    }
  }

  private groupRef(
    ref: QNameRef | undefined,
    minOccurs: number,
    maxOccurs: number,
    at: RawModelGroup["location"],
    groups: readonly string[],
  ): Particle[] {
    const d = this.host.diagnostics;
    if (ref === undefined) {
      d.push({ kind: "xsd-invalid", message: "xs:group inside a content model has no ref attribute", location: at });
      return [];
    }
    const def = lookup(this.host.tables, this.host.tables.groups, ref, "xs:group", "group", "xsd-unresolved-type", d);
    if (def === undefined || def.kind !== "group") return [];
    const key = qnameKey(ref.qname!);
    if (groups.includes(key)) {
      d.push({
        kind: "xsd-invalid",
        message: `xs:group ${key} contains itself (${[...groups.slice(groups.indexOf(key)), key].join(" → ")})`,
        location: at,
      });
      return [];
    }
    const model = def.particles[0];
    if (model === undefined || model.kind === "element" || model.kind === "unsupported") return [];
    if (model.kind !== "sequence" && model.kind !== "choice" && model.kind !== "all") return [];
    return this.group({ ...model, minOccurs, maxOccurs }, [...groups, key]);
  }

  private group(g: RawModelGroup, groups: readonly string[]): Particle[] {
    if (g.maxOccurs === 0) return [];
    if (g.kind === "choice") return this.choice(g, groups);
    const inner = this.particles(g.particles, groups);
    if (g.maxOccurs !== 1) {
      return [
        {
          kind: "sequence",
          minOccurs: g.minOccurs,
          maxOccurs: g.maxOccurs,
          name: "",
          particles: inner,
          source: g.location,
        },
      ];
    }
    if (g.minOccurs !== 0 || inner.every((p) => minOf(p) === 0)) return inner;
    if (inner.length === 1) return [optional(inner[0]!)];
    return [{ kind: "choice", minOccurs: 0, maxOccurs: 1, branches: [inner], source: g.location }];
  }

  private choice(g: RawModelGroup, groups: readonly string[]): Particle[] {
    const branches: Particle[][] = [];
    for (const r of g.particles) {
      const ps = this.particle(r, groups);
      const only = ps.length === 1 ? ps[0] : undefined;
      if (only?.kind === "choice" && ONCE(only)) branches.push(...only.branches.map((b) => [...b]));
      else branches.push(ps);
    }
    if (branches.length === 0) return [];
    if (branches.length === 1 && ONCE(g)) return branches[0]!;
    const only = branches.length === 1 && g.maxOccurs === 1 ? branches[0]! : undefined;
    if (only !== undefined && (only.length === 1 || only.every((p) => minOf(p) === 0))) return only.map(optional);
    const c: ChoiceParticle = {
      kind: "choice",
      minOccurs: g.minOccurs,
      maxOccurs: g.maxOccurs,
      branches,
      source: g.location,
    };
    return [c];
  }

  /** An element particle, or the choice of its substitution group. */
  private element(r: RawElement): Particle[] {
    const f = this.host.field(r);
    if (f === undefined) return [];
    const head = r.ref?.qname !== undefined ? this.host.tables.elements.get(qnameKey(r.ref.qname)) : undefined;
    const members = head === undefined ? [] : substitutionMembers(this.host.tables, f.qname);
    if (members.length === 0 && head?.abstract !== true) return [{ kind: "element", field: f }];
    const once = { ...f, minOccurs: 1, maxOccurs: 1 };
    const branches: Particle[][] = head!.abstract ? [] : [[{ kind: "element", field: once }]];
    for (const m of members) {
      const mf = this.host.globalField(m, once);
      if (mf !== undefined) branches.push([{ kind: "element", field: mf }]);
    }
    if (branches.length === 0) {
      this.host.diagnostics.push({
        kind: "xsd-invalid",
        message: `element ${qnameKey(f.qname)} is abstract and no element can substitute for it`,
        location: r.location,
      });
      return [];
    }
    if (branches.length === 1 && r.maxOccurs === 1) {
      const only = branches[0]![0] as { kind: "element"; field: Field };
      return [{ kind: "element", field: { ...only.field, minOccurs: r.minOccurs } }];
    }
    return [
      {
        kind: "choice",
        minOccurs: r.minOccurs,
        maxOccurs: r.maxOccurs,
        branches,
        substitutionHead: f.qname,
        source: r.location,
      },
    ];
  }
}

function sameShape(a: Field, b: Field): boolean {
  return a.qname.ns === b.qname.ns && a.nillable === b.nillable && JSON.stringify(a.type) === JSON.stringify(b.type);
}

const sum = (a: number, b: number): number => (a === -1 || b === -1 ? -1 : a + b);

/** Consecutive repeats of one element merge into one field (`a, a` → `a` with min 2, max 2). */
function mergeConsecutive(list: readonly Particle[]): Particle[] {
  const out: Particle[] = [];
  for (const p of list) {
    const last = out.at(-1);
    if (p.kind === "element" && last?.kind === "element" && last.field.qname.local === p.field.qname.local) {
      if (sameShape(last.field, p.field)) {
        const f = last.field;
        out[out.length - 1] = {
          kind: "element",
          field: {
            ...f,
            minOccurs: f.minOccurs + p.field.minOccurs,
            maxOccurs: sum(f.maxOccurs, p.field.maxOccurs),
          },
        };
        continue;
      }
    }
    out.push(p);
  }
  return out;
}

/** True when the list needs particles in the IR (anything but plain elements). */
export function needsParticles(list: readonly Particle[]): boolean {
  return list.some((p) => p.kind !== "element");
}

/**
 * Element fields reachable without a group array (single choices recursively, their branch
 * elements optional); reports property names that clash within one object scope.
 */
export function flatFields(list: readonly Particle[], owner: string, diagnostics: Diagnostic[]): Field[] {
  const out: Field[] = [];
  const seen = new Map<string, { field: Field; path: string }>();
  const visit = (ps: readonly Particle[], path: string, inBranch: boolean): void => {
    for (const p of ps) {
      if (p.kind === "element") add(p.field, path, inBranch);
      else if (p.kind === "choice" && p.maxOccurs === 1) {
        p.branches.forEach((b, i) => visit(b, `${path}/${p.source.line}:${p.source.column}#${i}`, true));
      } else if (p.kind === "choice") p.branches.forEach((b) => checkScope(b, owner, diagnostics));
      else if (p.kind === "sequence") checkScope(p.particles, owner, diagnostics);
    }
  };
  const add = (f: Field, path: string, inBranch: boolean): void => {
    const key = f.qname.local;
    const prev = seen.get(key);
    if (prev === undefined) {
      seen.set(key, { field: f, path });
      out.push(inBranch ? { ...f, minOccurs: 0 } : f);
      return;
    }
    if (exclusive(prev.path, path) && sameShape(prev.field, f)) return;
    diagnostics.push({
      kind: "xsd-unsupported",
      message: `element "${key}" appears again in ${owner} after other elements or with another type; only consecutive repeats of the same element (or the same element in different branches of one choice) are supported`,
      location: f.source,
    });
  };
  visit(list, "", false);
  return out;
}

function checkScope(list: readonly Particle[], owner: string, diagnostics: Diagnostic[]): void {
  flatFields(list, owner, diagnostics);
}

/** Two branch paths that part in different branches of one choice. */
function exclusive(a: string, b: string): boolean {
  const pa = a.split("/");
  const pb = b.split("/");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] === pb[i]) continue;
    const [ca] = pa[i]!.split("#");
    const [cb] = pb[i]!.split("#");
    return ca === cb;
  }
  return false;
}

/**
 * Compiled content models (metadata format v3 `particles`): how the element stream of a type
 * with choices, repeated groups or wildcards maps to properties. Built once per complex type
 * (plan.ts) and read by content-encode.ts / content-decode.ts.
 *
 * A `ContentPlan` is a particle list whose properties live on one object: the owner's value,
 * or one item of a repeated group. Elements of single choices are peers on that object.
 */
import type { AnyMeta, ParticleMeta } from "../metadata.js";
import type { FieldPlan } from "./plan.js";

export interface ChoicePlan {
  readonly kind: "choice";
  readonly min: number;
  /** Branch particle lists (their properties are peers of the owner's). */
  readonly branches: readonly (readonly ParticlePlan[])[];
  /** Property names of each branch, recursively (for presence checks). */
  readonly branchNames: readonly (readonly string[])[];
  /** Per branch: it may be empty (every particle optional). */
  readonly emptiable: readonly boolean[];
}

export interface GroupPlan {
  readonly kind: "group";
  /** Array property. */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly isChoice: boolean;
  /** Content of one item (for a choice: one required single choice of the branches). */
  readonly item: ContentPlan;
  /** Element key `{ns}local` → its position in an item (choice: per branch). */
  readonly positions: ReadonlyMap<string, Position>;
  /** Positions of wildcards in an item. */
  readonly wildcards: readonly (Position & { readonly any: AnyPlan })[];
}

export interface Position {
  /** Branch index (a repeated choice), else 0. */
  readonly branch: number;
  /** Index of the top-level particle of the item (or branch) holding the element. */
  readonly pos: number;
  /** That particle may take several elements (a repeated element, group or wildcard). */
  readonly multi: boolean;
}

export interface AnyPlan {
  readonly kind: "any";
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly meta: AnyMeta;
  readonly repeated: boolean;
}

export type ParticlePlan = { readonly kind: "element"; readonly field: FieldPlan } | ChoicePlan | GroupPlan | AnyPlan;

/** Where an element of the stream goes. */
export type Route =
  { readonly kind: "field"; readonly field: FieldPlan } | { readonly kind: "group"; readonly group: GroupPlan };

export interface ContentPlan {
  /** The particles it was compiled from (a derived type's content starts with them). */
  readonly source: readonly ParticleMeta[];
  readonly particles: readonly ParticlePlan[];
  /** `{ns}local` → field or group, for every element reachable on this object. */
  readonly index: ReadonlyMap<string, Route>;
  /** Wildcards on this object (direct or in single choices), then groups holding wildcards. */
  readonly wildcards: readonly (AnyPlan | GroupPlan)[];
  /** Every property this object may have (peers, group arrays, wildcards). */
  readonly names: ReadonlySet<string>;
  /** Peer fields (for error messages). */
  readonly fields: readonly FieldPlan[];
}

/** Does wildcard `a` admit an element of namespace `ns`? */
export function admits(a: AnyMeta, ns: string): boolean {
  if (a.allow !== undefined) return a.allow.includes(ns);
  return a.exclude === undefined || !a.exclude.includes(ns);
}

export function keyOf(ns: string, local: string): string {
  return `{${ns}}${local}`;
}

/** Compile a particle list; `field` compiles an element's FieldMeta. */
export function compileContent(
  particles: readonly ParticleMeta[],
  field: (p: Extract<ParticleMeta, { kind: "element" }>) => FieldPlan,
): ContentPlan {
  return { ...contentOf(particles.map((p) => particle(p, field))), source: particles };
}

function particle(p: ParticleMeta, field: (p: Extract<ParticleMeta, { kind: "element" }>) => FieldPlan): ParticlePlan {
  switch (p.kind) {
    case "element":
      return { kind: "element", field: field(p) };
    case "any":
      return { kind: "any", name: p.name, min: p.min, max: p.max, meta: p, repeated: p.max !== 1 };
    case "sequence":
      return group(p.name, p.min, p.max, false, [p.particles.map((q) => particle(q, field))]);
    case "choice": {
      const branches = p.branches.map((b) => b.map((q) => particle(q, field)));
      if (p.name !== undefined) return group(p.name, p.min, p.max, true, branches);
      return choice(p.min, branches);
    }
  }
}

function choice(min: number, branches: readonly (readonly ParticlePlan[])[]): ChoicePlan {
  return {
    kind: "choice",
    min,
    branches,
    branchNames: branches.map((b) => [...contentOf(b).names]),
    emptiable: branches.map((b) => b.every(optional)),
  };
}

function optional(p: ParticlePlan): boolean {
  switch (p.kind) {
    case "element":
      return p.field.min === 0;
    case "choice":
      return p.min === 0 || p.emptiable.some((e) => e);
    default:
      return p.min === 0;
  }
}

function multi(p: ParticlePlan): boolean {
  if (p.kind === "element") return p.field.repeated;
  if (p.kind === "any") return p.repeated;
  return p.kind === "group";
}

function group(
  name: string,
  min: number,
  max: number,
  isChoice: boolean,
  lists: readonly (readonly ParticlePlan[])[],
): GroupPlan {
  const positions = new Map<string, Position>();
  const wildcards: (Position & { any: AnyPlan })[] = [];
  lists.forEach((list, branch) => {
    list.forEach((p, pos) => {
      const at: Position = { branch, pos, multi: multi(p) };
      const sub = contentOf([p]);
      for (const k of sub.index.keys()) if (!positions.has(k)) positions.set(k, at);
      for (const w of sub.wildcards) {
        if (w.kind === "any") wildcards.push({ ...at, any: w });
        else for (const x of w.wildcards) wildcards.push({ ...at, any: x.any });
      }
    });
  });
  const item = isChoice ? contentOf([choice(1, lists)]) : contentOf(lists[0]!);
  return { kind: "group", name, min, max, isChoice, item, positions, wildcards };
}

function contentOf(particles: readonly ParticlePlan[]): ContentPlan {
  return { ...innerContent(particles), source: [] };
}

function innerContent(particles: readonly ParticlePlan[]): Omit<ContentPlan, "source"> {
  const index = new Map<string, Route>();
  const anys: AnyPlan[] = [];
  const groups: GroupPlan[] = [];
  const names = new Set<string>();
  const fields: FieldPlan[] = [];
  const walk = (list: readonly ParticlePlan[]): void => {
    for (const p of list) {
      if (p.kind === "element") {
        const k = keyOf(p.field.ns, p.field.local);
        if (!index.has(k)) index.set(k, { kind: "field", field: p.field });
        if (!names.has(p.field.name)) fields.push(p.field);
        names.add(p.field.name);
      } else if (p.kind === "any") {
        anys.push(p);
        names.add(p.name);
      } else if (p.kind === "group") {
        names.add(p.name);
        for (const k of p.positions.keys()) if (!index.has(k)) index.set(k, { kind: "group", group: p });
        if (p.wildcards.length > 0) groups.push(p);
      } else for (const b of p.branches) walk(b);
    }
  };
  walk(particles);
  return { particles, index, wildcards: [...anys, ...groups], names, fields };
}

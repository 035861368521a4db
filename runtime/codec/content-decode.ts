/**
 * Decoding of content models (metadata format v3), in document order:
 * - elements of single choices come back as peers; strict decoding rejects elements of two
 *   branches and a missing required choice, and checks the chosen branch's required elements;
 * - a repeated group collects its elements into items: a new item starts when an element
 *   cannot continue the current one (another branch of a choice, or a position not after the
 *   last one read in a sequence; a repeated particle may continue at its own position);
 * - an element matching no declared element and admitted by a wildcard's namespace
 *   constraint is kept as a raw XML string (the whole element, standalone), whatever the
 *   wildcard's `processContents`; other undeclared elements are unknown elements as always.
 */
import { DeserializationError } from "../errors.js";
import type { XmlElement } from "../xml/parse.js";
import { serializeRawElement } from "../xml/raw.js";
import {
  admits,
  keyOf,
  type AnyPlan,
  type ContentPlan,
  type GroupPlan,
  type ParticlePlan,
  type Position,
} from "./content-plan.js";
import { pathOf } from "./shared.js";
import { checkCount, nameOf, readField, unknownElement, type DecodeCtx } from "./decode.js";

interface GroupState {
  readonly items: XmlElement[][];
  branch: number;
  last: number;
}

function own(obj: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

function setProp(obj: Record<string, unknown>, name: string, v: unknown): void {
  if (name === "__proto__")
    Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[name] = v;
}

/** Read `children` into `obj` following `content`, then check occurrence. `el` locates errors. */
export function readContent(
  ctx: DecodeCtx,
  content: ContentPlan,
  children: readonly XmlElement[],
  obj: Record<string, unknown>,
  path: string,
  el: XmlElement,
): void {
  let groups: Map<GroupPlan, GroupState> | undefined;
  const feed = (g: GroupPlan, at: Position, c: XmlElement): void => {
    groups ??= new Map();
    let s = groups.get(g);
    if (s === undefined) groups.set(g, (s = { items: [], branch: -1, last: -1 }));
    const fresh = at.branch !== s.branch || at.pos < s.last || (at.pos === s.last && !at.multi);
    if (fresh) s.items.push([c]);
    else s.items[s.items.length - 1]!.push(c);
    s.branch = at.branch;
    s.last = at.pos;
  };
  for (const c of children) {
    const key = keyOf(c.ns, c.local);
    const r = content.index.get(key);
    if (r !== undefined) {
      if (r.kind === "field") readField(ctx, obj, r.field, c, path);
      else feed(r.group, r.group.positions.get(key)!, c);
      continue;
    }
    if (!wildcard(content, c, obj, path, feed)) unknownElement(ctx, c, path, content.fields);
  }
  if (groups !== undefined) {
    for (const [g, s] of groups) {
      const items = s.items.map((list, i) => {
        const item: Record<string, unknown> = {};
        readContent(ctx, g.item, list, item, pathOf(path, g.name, i), list[0]!);
        return item;
      });
      setProp(obj, g.name, items);
    }
  }
  checkParticles(ctx, content.particles, obj, path, el);
}

function wildcard(
  content: ContentPlan,
  c: XmlElement,
  obj: Record<string, unknown>,
  path: string,
  feed: (g: GroupPlan, at: Position, c: XmlElement) => void,
): boolean {
  for (const w of content.wildcards) {
    if (w.kind === "any") {
      if (!admits(w.meta, c.ns)) continue;
      addRaw(w, c, obj, path);
      return true;
    }
    const at = w.wildcards.find((x) => admits(x.any.meta, c.ns));
    if (at !== undefined) {
      feed(w, at, c);
      return true;
    }
  }
  return false;
}

function addRaw(a: AnyPlan, c: XmlElement, obj: Record<string, unknown>, path: string): void {
  const raw = serializeRawElement(c);
  const prev = own(obj, a.name);
  if (!a.repeated) {
    if (prev !== undefined)
      throw new DeserializationError(
        pathOf(path, a.name, -1),
        `a second element for a wildcard that occurs once (${nameOf(c)})`,
        c.line,
        c.column,
      );
    setProp(obj, a.name, raw);
    return;
  }
  const arr = (prev as string[] | undefined) ?? [];
  if (prev === undefined) setProp(obj, a.name, arr);
  if (a.max > 0 && arr.length >= a.max)
    throw new DeserializationError(
      pathOf(path, a.name, arr.length),
      `more than ${a.max} elements for a wildcard (maxOccurs ${a.max})`,
      c.line,
      c.column,
    );
  arr.push(raw);
}

function present(obj: Record<string, unknown>, names: readonly string[]): boolean {
  return names.some((n) => own(obj, n) !== undefined);
}

function countOf(v: unknown): number {
  return v === undefined ? 0 : Array.isArray(v) ? v.length : 1;
}

function checkParticles(
  ctx: DecodeCtx,
  particles: readonly ParticlePlan[],
  obj: Record<string, unknown>,
  path: string,
  el: XmlElement,
): void {
  for (const p of particles) {
    switch (p.kind) {
      case "element": {
        const f = p.field;
        const v = own(obj, f.name);
        if (f.repeated) checkCount(f, countOf(v), pathOf(path, f.name, -1), el);
        else if (v === undefined && f.min > 0)
          throw new DeserializationError(
            pathOf(path, f.name, -1),
            `required element ${nameOf(f)} is missing`,
            el.line,
            el.column,
          );
        break;
      }
      case "choice": {
        const chosen: number[] = [];
        p.branchNames.forEach((names, b) => present(obj, names) && chosen.push(b));
        const strict = !ctx.opts.ignoreUnknownElements;
        if (chosen.length > 1 && strict) {
          const sets = chosen.map((b) => p.branchNames[b]!.filter((n) => own(obj, n) !== undefined).join(", "));
          throw new DeserializationError(
            path,
            `elements of ${chosen.length} branches of a choice (${sets.join(" and ")}); a choice takes one`,
            el.line,
            el.column,
          );
        }
        if (chosen.length === 0 && p.min > 0 && !p.emptiable.some((e) => e) && strict) {
          const options = p.branchNames.map((n) => n.join(" + ")).join(" | ");
          throw new DeserializationError(path, `a required choice is missing (one of: ${options})`, el.line, el.column);
        }
        if (chosen.length === 1) checkParticles(ctx, p.branches[chosen[0]!]!, obj, path, el);
        break;
      }
      case "group":
      case "any": {
        const n = countOf(own(obj, p.name));
        const at = pathOf(path, p.name, -1);
        if (n < p.min)
          throw new DeserializationError(at, `at least ${p.min} item(s) required, got ${n}`, el.line, el.column);
        if (p.max > 0 && n > p.max)
          throw new DeserializationError(at, `at most ${p.max} item(s) allowed, got ${n}`, el.line, el.column);
        break;
      }
    }
  }
}

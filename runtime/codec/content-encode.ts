/**
 * Encoding of content models (metadata format v3): single choices write the one branch whose
 * properties are set, repeated groups write their items inline in order (no wrapper element),
 * wildcards write checked raw XML strings verbatim. Walks the compiled `ContentPlan`.
 */
import { SerializationError } from "../errors.js";
import type { XmlWriter } from "../xml/write.js";
import { checkRawElement } from "../xml/raw.js";
import {
  admits,
  type AnyPlan,
  type ChoicePlan,
  type ContentPlan,
  type GroupPlan,
  type ParticlePlan,
} from "./content-plan.js";
import { pathOf } from "./shared.js";
import { describe } from "./scalars.js";
import { writeField, type EncodeCtx } from "./encode.js";

function get(obj: Record<string, unknown>, name: string): unknown {
  return name === "__proto__" && !Object.hasOwn(obj, name) ? undefined : obj[name];
}

/** Write the particles of `content` from the properties of `obj`. */
export function writeContent(
  ctx: EncodeCtx,
  w: XmlWriter,
  content: ContentPlan,
  obj: Record<string, unknown>,
  path: string,
): void {
  for (const p of content.particles) writeParticle(ctx, w, p, obj, path);
}

function writeParticle(
  ctx: EncodeCtx,
  w: XmlWriter,
  p: ParticlePlan,
  obj: Record<string, unknown>,
  path: string,
): void {
  switch (p.kind) {
    case "element":
      return writeField(ctx, w, p.field, get(obj, p.field.name), path);
    case "choice": {
      const b = chosenBranch(p, obj, path);
      if (b >= 0) for (const q of p.branches[b]!) writeParticle(ctx, w, q, obj, path);
      return;
    }
    case "group":
      return writeGroup(ctx, w, p, get(obj, p.name), path);
    case "any":
      return writeAny(w, p, get(obj, p.name), path);
  }
}

/** Index of the branch whose properties are set (`-1`: none, allowed). */
export function chosenBranch(p: ChoicePlan, obj: Record<string, unknown>, path: string): number {
  let found = -1;
  for (let b = 0; b < p.branchNames.length; b++) {
    const names = p.branchNames[b]!;
    if (!names.some((n) => get(obj, n) !== undefined)) continue;
    if (found >= 0) {
      const one = p.branchNames[found]!.filter((n) => get(obj, n) !== undefined);
      const two = names.filter((n) => get(obj, n) !== undefined);
      throw new SerializationError(
        pathOf(path, two[0]!, -1),
        `properties of two choice branches are set (${one.join(", ")} and ${two.join(", ")}); a choice takes one`,
      );
    }
    found = b;
  }
  if (found < 0 && p.min > 0 && !p.emptiable.some((e) => e)) {
    const options = p.branchNames.map((n) => n.join(" + ") || "(empty)").join(" | ");
    throw new SerializationError(
      path === "" ? options : path,
      `a required choice has no branch set; set one of: ${options}`,
    );
  }
  return found;
}

function countError(path: string, v: readonly unknown[], min: number, max: number): void {
  if (v.length < min) throw new SerializationError(path, `at least ${min} item(s) required, got ${v.length}`);
  if (max > 0 && v.length > max) throw new SerializationError(path, `at most ${max} item(s) allowed, got ${v.length}`);
}

function writeGroup(ctx: EncodeCtx, w: XmlWriter, g: GroupPlan, v: unknown, parent: string): void {
  const path = pathOf(parent, g.name, -1);
  if (v === undefined) {
    if (g.min > 0) throw new SerializationError(path, `required (at least ${g.min} item(s))`);
    return;
  }
  if (!Array.isArray(v)) throw new SerializationError(path, `expected an array of items, got ${describe(v)}`);
  countError(path, v, g.min, g.max);
  for (let i = 0; i < v.length; i++) {
    const item: unknown = v[i];
    const at = pathOf(parent, g.name, i);
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw new SerializationError(at, `expected an item object, got ${describe(item)}`);
    const o = item as Record<string, unknown>;
    for (const k in o) {
      if (!g.item.names.has(k))
        throw new SerializationError(
          pathOf(at, k, -1),
          `unknown property for an item of ${g.name}; expected one of: ${[...g.item.names].join(", ")}`,
        );
    }
    writeContent(ctx, w, g.item, o, at);
  }
}

function writeAny(w: XmlWriter, a: AnyPlan, v: unknown, parent: string): void {
  const path = pathOf(parent, a.name, -1);
  if (v === undefined) {
    if (a.min > 0) throw new SerializationError(path, "required raw XML element(s) are missing");
    return;
  }
  if (!a.repeated) return writeRaw(w, a, v, path);
  if (!Array.isArray(v)) throw new SerializationError(path, `expected an array of raw XML strings, got ${describe(v)}`);
  countError(path, v, a.min, a.max);
  for (let i = 0; i < v.length; i++) writeRaw(w, a, v[i], pathOf(parent, a.name, i));
}

function writeRaw(w: XmlWriter, a: AnyPlan, v: unknown, path: string): void {
  const el = checkRawElement(v, path);
  if (!admits(a.meta, el.ns)) {
    const ns = el.ns === "" ? "no namespace" : `namespace ${el.ns}`;
    throw new SerializationError(
      path,
      `raw XML element in ${ns} is not allowed by the wildcard's namespace constraint`,
    );
  }
  w.raw(v as string);
}

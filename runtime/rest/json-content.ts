/**
 * JSON form of content models (metadata format v3) for the REST codec:
 * - single-choice branches are peer members, like the XML value; writing checks that one
 *   branch is set (the XML encoder's rule);
 * - a repeated choice or sequence (`$choice`, `$sequence`, …) is a JSON array of item objects;
 * - a wildcard (`$any`) is the raw XML string (an array of them when it repeats), checked to
 *   be one well-formed element when written;
 * - mixed text is the `$value` member (handled with the other extras by json-codec.ts).
 */
import { DeserializationError, SerializationError } from "../errors.js";
import type { ContentPlan, GroupPlan, ParticlePlan } from "../codec/content-plan.js";
import { chosenBranch } from "../codec/content-encode.js";
import type { Plan } from "../codec/plan.js";
import { pathOf } from "../codec/shared.js";
import { describe } from "../codec/scalars.js";
import { checkRawElement } from "../xml/raw.js";
import { jsonString, JsonObject, type JsonValue } from "./json.js";
import { encField, readField, type DecCtx } from "./json-codec.js";

function get(obj: Record<string, unknown>, name: string): unknown {
  return Object.hasOwn(obj, name) ? obj[name] : undefined;
}

/** JSON members (`"name":value`) of the particles of `content`, in content order. */
export function encContent(
  plan: Plan,
  content: ContentPlan,
  obj: Record<string, unknown>,
  path: string,
  out: string[],
): void {
  for (const p of content.particles) encParticle(plan, p, obj, path, out);
}

function encParticle(plan: Plan, p: ParticlePlan, obj: Record<string, unknown>, path: string, out: string[]): void {
  switch (p.kind) {
    case "element": {
      const text = encField(plan, p.field, get(obj, p.field.name), path);
      if (text !== undefined) out.push(`${jsonString(p.field.name)}:${text}`);
      return;
    }
    case "choice": {
      const b = chosenBranch(p, obj, path);
      if (b >= 0) for (const q of p.branches[b]!) encParticle(plan, q, obj, path, out);
      return;
    }
    case "group": {
      const v = get(obj, p.name);
      if (v !== undefined) out.push(`${jsonString(p.name)}:${encGroup(plan, p, v, path)}`);
      else if (p.min > 0) throw new SerializationError(pathOf(path, p.name, -1), "required property is missing");
      return;
    }
    case "any": {
      const v = get(obj, p.name);
      const at = pathOf(path, p.name, -1);
      if (v === undefined) {
        if (p.min > 0) throw new SerializationError(at, "required raw XML element(s) are missing");
        return;
      }
      if (!p.repeated) {
        checkRawElement(v, at);
        out.push(`${jsonString(p.name)}:${jsonString(v as string)}`);
        return;
      }
      if (!Array.isArray(v))
        throw new SerializationError(at, `expected an array of raw XML strings, got ${describe(v)}`);
      v.forEach((x, i) => checkRawElement(x, pathOf(path, p.name, i)));
      out.push(`${jsonString(p.name)}:[${v.map((x) => jsonString(x as string)).join(",")}]`);
      return;
    }
  }
}

function encGroup(plan: Plan, g: GroupPlan, v: unknown, parent: string): string {
  const path = pathOf(parent, g.name, -1);
  if (!Array.isArray(v)) throw new SerializationError(path, `expected an array of items, got ${describe(v)}`);
  if (v.length < g.min) throw new SerializationError(path, `at least ${g.min} item(s) required, got ${v.length}`);
  if (g.max > 0 && v.length > g.max)
    throw new SerializationError(path, `at most ${g.max} item(s) allowed, got ${v.length}`);
  const items = v.map((item: unknown, i) => {
    const at = pathOf(parent, g.name, i);
    if (typeof item !== "object" || item === null || Array.isArray(item))
      throw new SerializationError(at, `expected an item object, got ${describe(item)}`);
    const o = item as Record<string, unknown>;
    for (const k in o) {
      if (!g.item.names.has(k))
        throw new SerializationError(pathOf(at, k, -1), `unknown property for an item of ${g.name}`);
    }
    const members: string[] = [];
    encContent(plan, g.item, o, at, members);
    return `{${members.join(",")}}`;
  });
  return `[${items.join(",")}]`;
}

/** Read the particles of `content` from a JSON object into `out` (lenient about structure, like the rest of the JSON reader). */
export function readContent(
  ctx: DecCtx,
  content: ContentPlan,
  node: JsonObject,
  path: string,
  out: Record<string, unknown>,
): void {
  for (const p of content.particles) readParticle(ctx, p, node, path, out);
}

function readParticle(
  ctx: DecCtx,
  p: ParticlePlan,
  node: JsonObject,
  path: string,
  out: Record<string, unknown>,
): void {
  switch (p.kind) {
    case "element": {
      const v = readField(ctx, p.field, node.lookup(p.field.name), path, node);
      if (v !== undefined) out[p.field.name] = v;
      return;
    }
    case "choice":
      for (const b of p.branches) for (const q of b) readParticle(ctx, q, node, path, out);
      return;
    case "group": {
      const v = node.lookup(p.name);
      if (v === undefined || v === null) return;
      if (!Array.isArray(v)) throw jsonError(pathOf(path, p.name, -1), "expected a JSON array of items");
      out[p.name] = v.map((item, i) => {
        if (!(item instanceof JsonObject)) throw jsonError(pathOf(path, p.name, i), "expected a JSON object (an item)");
        const o: Record<string, unknown> = {};
        readContent(ctx, p.item, item, pathOf(path, p.name, i), o);
        return o;
      });
      return;
    }
    case "any": {
      const v = node.lookup(p.name);
      if (v === undefined || v === null) return;
      out[p.name] = p.repeated ? rawList(v, pathOf(path, p.name, -1)) : rawString(v, pathOf(path, p.name, -1));
      return;
    }
  }
}

function rawString(v: JsonValue, path: string): string {
  if (typeof v !== "string") throw jsonError(path, "expected a raw XML string");
  return v;
}

function rawList(v: JsonValue, path: string): string[] {
  if (!Array.isArray(v)) throw jsonError(path, "expected a JSON array of raw XML strings");
  return v.map((x, i) => rawString(x, `${path}[${i}]`));
}

function jsonError(path: string, message: string): DeserializationError {
  return new DeserializationError(path, message, 0, 0);
}

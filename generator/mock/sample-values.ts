/**
 * Deterministic, fully populated sample values built from `ServiceMetadata`.
 *
 * The emulator's default handler answers every operation with `sampleOutput(...)`, so the
 * values are chosen to stress a client's codec:
 * - every optional field is set (recursion is bounded: a complex type may appear at most
 *   `maxRecursion` times on one path, e.g. `SoExceptionInfo.InnerException` one level deep),
 * - arrays carry 2–3 items (`ArrayOfint`/`ArrayOfstring` 3, dictionaries exactly 2 entries),
 * - inside repeated items (array items after the first) every third nillable single-valued
 *   field is `null` (a repeated nillable field is an array of nullable items, never `null`),
 *   so the first occurrence of every type is fully present and nils still occur,
 * - enums pick a non-first value, flags lists two distinct tokens,
 * - `xs:list` items of string types are single tokens (`AuxiliaryCommands123`, no spaces),
 * - `xs:long` values lie beyond 2^53 (`9007199254740993n` and up, some negative),
 * - `xs:dateTime` alternates `2021-11-30T13:22:10` (no offset), `...Z` and `...+01:00`,
 * - base64 bytes include 0x00 and 0xff,
 * - every fourth string (starting with the first) carries `<`, `&`, `]]>`, quotes and a
 *   non-BMP character.
 *
 * - content models (metadata v3): a choice takes one branch (`variant` rotates which), a
 *   repeated choice or sequence gets 2 items (of different branches), a wildcard one foreign
 *   element (`<x:Ext xmlns:x="urn:example:ext">v</x:Ext>`, or one in a namespace it admits),
 *   `mixed` text a `$value`; `xs:anyType` is a string.
 *
 * Numbers are derived from a hash of the field path (`GetEMailResponse.Response.To[1].Address`)
 * plus an optional seed, so the same call always yields the same value.
 */

import type {
  AnyMeta,
  ComplexTypeMeta,
  FieldMeta,
  ParticleMeta,
  ScalarName,
  ServiceMetadata,
  TypeMeta,
  TypeRef,
} from "@soapkit/runtime";
import { allFields, contentParticles, getOperation, isScalarRef, lookupType } from "./meta-walk.js";

export interface SampleOptions {
  /** Mixed into every path hash (different seeds → different numbers/strings). Default `""`. */
  readonly seed?: string | number;
  /** How many times one complex type may occur on a single path (default 2). */
  readonly maxRecursion?: number;
  /** Maximum nesting depth of complex values; optional fields below it are left out (default 12). */
  readonly maxDepth?: number;
  /** Emit `null` for some nillable fields inside repeated items (default true). */
  readonly nils?: boolean;
  /** Root of the field path used for hashing (default: the type ref). */
  readonly path?: string;
  /**
   * Which choice branch is picked: branch `variant % n` of a choice with `n` branches (items
   * of a repeated choice start there and rotate). Run variants 0…n-1 to cover every branch.
   * Default 0.
   */
  readonly variant?: number;
}

/** The foreign element a wildcard gets when it admits its namespace. */
export const SAMPLE_ANY = '<x:Ext xmlns:x="urn:example:ext">v</x:Ext>';

/** Text appended to some strings: XML specials, CDATA terminator, quotes, a non-BMP char. */
export const TRICKY_SUFFIX = ` <tag> & "dq" 'sq' ]]> \u{1F600}`;
/** The datetime lexical forms used (rotating). */
export const SAMPLE_DATETIMES = [
  "2021-11-30T13:22:10",
  "2021-11-30T13:22:10Z",
  "2021-11-30T13:22:10.1234567+01:00",
] as const;
/** First `xs:long` sample: 2^53 + 1, not representable as a JS number. */
export const BIG_LONG = 9007199254740993n;

interface Ctx {
  readonly meta: ServiceMetadata;
  readonly seed: string;
  readonly maxRecursion: number;
  readonly maxDepth: number;
  readonly nils: boolean;
  readonly variant: number;
  readonly stack: TypeRef[];
  strings: number;
  nillables: number;
  dates: number;
  polymorphic: number;
  /** > 0 while building an array item other than the first. */
  repeat: number;
}

/** Build a sample value of a type (scalar `xs:*` or a type id). */
export function sampleValue(meta: ServiceMetadata, typeRef: TypeRef, options?: SampleOptions): unknown {
  const ctx = makeCtx(meta, options);
  return valueOf(ctx, typeRef, options?.path ?? typeRef, 0, leafName(typeRef));
}

/** Sample request wrapper for an operation (`{}` for an empty request). */
export function sampleInput(
  meta: ServiceMetadata,
  operationName: string,
  options?: SampleOptions,
): Record<string, unknown> {
  const op = getOperation(meta, operationName);
  if (op.input.empty) return {};
  const ctx = makeCtx(meta, options);
  return wrapperValue(ctx, op.input.type, options?.path ?? op.input.element);
}

/**
 * Sample response wrapper for an operation (e.g. `{ Response: {...} }`), or `undefined` for a
 * void (empty) response or a one-way operation.
 */
export function sampleOutput(
  meta: ServiceMetadata,
  operationName: string,
  options?: SampleOptions,
): Record<string, unknown> | undefined {
  const op = getOperation(meta, operationName);
  if (op.output === null || op.output.empty) return undefined;
  const ctx = makeCtx(meta, options);
  return wrapperValue(ctx, op.output.type, options?.path ?? op.output.element);
}

function makeCtx(meta: ServiceMetadata, options: SampleOptions | undefined): Ctx {
  return {
    meta,
    seed: String(options?.seed ?? ""),
    maxRecursion: options?.maxRecursion ?? 2,
    maxDepth: options?.maxDepth ?? 12,
    nils: options?.nils ?? true,
    variant: Math.max(0, Math.trunc(options?.variant ?? 0)),
    stack: [],
    strings: 0,
    nillables: 0,
    dates: 0,
    polymorphic: 0,
    repeat: 0,
  };
}

/** Wrapper children are always present and never nil (they are the operation's parameters). */
function wrapperValue(ctx: Ctx, wrapperType: TypeRef, path: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  ctx.stack.push(wrapperType);
  xmlExtras(ctx, wrapperType, path, 1, false, out);
  const content = contentParticles(ctx.meta, wrapperType);
  if (content !== undefined) contentValue(ctx, content, path, 1, false, out);
  else {
    for (const f of allFields(ctx.meta, wrapperType)) {
      const v = fieldValue(ctx, f, `${path}.${f.name}`, 1, { forcePresent: true });
      if (v !== undefined) out[f.name] = v;
    }
  }
  ctx.stack.pop();
  return out;
}

// ---------------------------------------------------------------------------------------------

/** FNV-1a 32-bit. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function leafName(path: string): string {
  const m = /([A-Za-z_][\w]*)(?:\[\d+\])*$/.exec(path);
  return m?.[1] ?? "value";
}

function h(ctx: Ctx, path: string): number {
  return hash(`${ctx.seed}|${path}`);
}

function countOnStack(ctx: Ctx, ref: TypeRef): number {
  let n = 0;
  for (const r of ctx.stack) if (r === ref) n++;
  return n;
}

/** Whether building a value of `ref` here would exceed the recursion/depth bounds. */
function tooDeep(ctx: Ctx, ref: TypeRef, depth: number): boolean {
  if (isScalarRef(ref)) return false;
  const t = ctx.meta.types[ref];
  if (t === undefined) return false;
  if (t.kind !== "complex" && t.kind !== "array") return false;
  if (depth >= ctx.maxDepth) return true;
  // Arrays count as their item type for recursion purposes.
  const key = t.kind === "array" ? t.item.type : ref;
  if (isScalarRef(key)) return false;
  return countOnStack(ctx, key) >= ctx.maxRecursion;
}

function fieldValue(ctx: Ctx, f: FieldMeta, path: string, depth: number, opts?: { forcePresent?: boolean }): unknown {
  const repeated = f.max !== 1;
  if (tooDeep(ctx, f.type, depth)) {
    if (f.min === 0 && opts?.forcePresent !== true) return undefined;
    if (f.nillable && !repeated) return null;
    if (repeated) {
      const least = opts?.forcePresent === true && hasFiniteValue(ctx.meta, f.type) ? Math.max(1, f.min) : f.min;
      return minimalItems(ctx, f.type, least, path, depth);
    }
    // Required, non-nillable recursive field: build the smallest value we can.
    return minimalValue(ctx, f.type, path, depth);
  }
  // A repeated nillable field is an array of nullable items: the array itself is never null.
  if (ctx.nils && f.nillable && !repeated && ctx.repeat > 0 && opts?.forcePresent !== true) {
    ctx.nillables++;
    if (ctx.nillables % 3 === 0) return null;
  }
  if (repeated) {
    const n = f.max > 0 ? Math.min(f.max, Math.max(f.min, 2)) : Math.max(f.min, 2);
    const items: unknown[] = [];
    for (let i = 0; i < n; i++) {
      if (i > 0) ctx.repeat++;
      items.push(valueOf(ctx, f.type, `${path}[${i}]`, depth, f.name));
      if (i > 0) ctx.repeat--;
    }
    return items;
  }
  return valueOf(ctx, f.type, path, depth, f.name);
}

function valueOf(ctx: Ctx, ref: TypeRef, path: string, depth: number, leaf: string): unknown {
  if (isScalarRef(ref)) return scalarValue(ctx, ref.slice(3) as ScalarName, path, leaf);
  const t = lookupType(ctx.meta, ref);
  return typedValue(ctx, ref, t, path, depth, leaf);
}

function typedValue(ctx: Ctx, ref: TypeRef, t: TypeMeta, path: string, depth: number, leaf: string): unknown {
  switch (t.kind) {
    case "enum":
      return pickEnum(t.values, h(ctx, path));
    case "list": {
      if (!isScalarRef(t.item)) {
        const it = lookupType(ctx.meta, t.item);
        if (it.kind === "enum") return pickTwo(it.values, h(ctx, path));
      }
      return [0, 1].map((i) => listItemValue(ctx, t.item, `${path}[${i}]`, depth, leaf));
    }
    case "alias":
      return aliasValue(ctx, t.base, t.wcf, path, depth, leaf);
    case "array":
      return arrayValue(ctx, ref, t, path, depth);
    case "complex":
      return complexValue(ctx, ref, path, depth);
  }
}

/** Scalars whose samples contain spaces (`leaf 123`, the tricky suffix). */
const SPACED = new Set<ScalarName>(["string", "anyType", "normalizedString", "token"]);

/**
 * One `xs:list` item: list items are whitespace-separated on the wire, so a string-like item
 * (directly or through aliases) gets a single token instead of the usual spaced sample.
 */
function listItemValue(ctx: Ctx, item: TypeRef, path: string, depth: number, leaf: string): unknown {
  let cur = item;
  for (let i = 0; i < 16 && !isScalarRef(cur); i++) {
    const t = lookupType(ctx.meta, cur);
    if (t.kind !== "alias" || t.wcf !== undefined) break;
    cur = t.base;
  }
  if (isScalarRef(cur) && SPACED.has(cur.slice(3) as ScalarName)) {
    return `${leaf.replace(/[^\w.-]/g, "_")}${h(ctx, path) % 1000}`;
  }
  return valueOf(ctx, item, path, depth, leaf);
}

function aliasValue(
  ctx: Ctx,
  base: TypeRef,
  wcf: "guid" | "char" | "duration" | undefined,
  path: string,
  depth: number,
  leaf: string,
): unknown {
  const n = h(ctx, path);
  if (wcf === "guid") return guidFrom(n);
  if (wcf === "char") return 65 + (n % 26);
  if (wcf === "duration") return "P1DT2H3M4.5S";
  return valueOf(ctx, base, path, depth, leaf);
}

function arrayValue(
  ctx: Ctx,
  ref: TypeRef,
  t: Extract<TypeMeta, { kind: "array" }>,
  path: string,
  depth: number,
): unknown[] {
  const n = h(ctx, path);
  const itemScalar = isScalarRef(t.item.type);
  const wanted = t.dictionary !== undefined ? 2 : itemScalar ? 3 : 2 + (n % 2);
  const count = t.item.max > 0 ? Math.min(t.item.max, Math.max(t.item.min, wanted)) : Math.max(t.item.min, wanted);
  const out: unknown[] = [];
  ctx.stack.push(ref);
  for (let i = 0; i < count; i++) {
    const itemPath = `${path}[${i}]`;
    if (i > 0) ctx.repeat++;
    try {
      if (t.dictionary !== undefined) {
        out.push(dictionaryEntry(ctx, t.item.type, t.dictionary, itemPath, depth + 1, i));
      } else if (tooDeep(ctx, t.item.type, depth + 1)) {
        // Cannot nest further: leave the array short rather than recurse forever.
        break;
      } else {
        out.push(valueOf(ctx, t.item.type, itemPath, depth + 1, t.item.name));
      }
    } finally {
      if (i > 0) ctx.repeat--;
    }
  }
  ctx.stack.pop();
  // Cut short by the recursion bound: still at least minOccurs items (EWS `NonEmptyArrayOf…`), and
  // never empty when one finite item exists.
  const least = Math.max(t.item.min, t.item.max !== 0 && hasFiniteValue(ctx.meta, t.item.type) ? 1 : 0);
  for (let i = out.length; i < least; i++) out.push(minimalValue(ctx, t.item.type, `${path}[${i}]`, depth + 1));
  return out;
}

function dictionaryEntry(
  ctx: Ctx,
  itemType: TypeRef,
  dict: { readonly key: string; readonly value: string },
  path: string,
  depth: number,
  index: number,
): Record<string, unknown> {
  const entry: Record<string, unknown> = {};
  const fields = isScalarRef(itemType) ? [] : allFields(ctx.meta, itemType);
  ctx.stack.push(itemType);
  for (const f of fields) {
    if (f.name === dict.key) {
      entry[f.name] =
        f.type === "xs:string"
          ? `${leafName(path.replace(/\[\d+\]$/, ""))}Key${index + 1}`
          : valueOf(ctx, f.type, `${path}.${f.name}`, depth, f.name);
    } else if (f.name === dict.value) {
      // Dictionary values are always present (a nil value is legal but the key must map to something useful).
      const v = tooDeep(ctx, f.type, depth)
        ? f.nillable
          ? null
          : minimalValue(ctx, f.type, path, depth)
        : valueOf(ctx, f.type, `${path}.${f.name}`, depth, f.name);
      entry[f.name] = v;
    } else {
      const v = fieldValue(ctx, f, `${path}.${f.name}`, depth);
      if (v !== undefined) entry[f.name] = v;
    }
  }
  ctx.stack.pop();
  return entry;
}

function complexValue(ctx: Ctx, ref: TypeRef, path: string, depth: number): Record<string, unknown> {
  const t = lookupType(ctx.meta, ref);
  if (t.kind !== "complex") throw new Error(`emulator: ${ref} is not complex`);
  let actual = ref;
  const subtypes = t.subtypes ?? [];
  if (subtypes.length > 0) {
    const concrete = subtypes.filter((s) => {
      const st = ctx.meta.types[s];
      return st !== undefined && st.kind === "complex" && st.abstract !== true;
    });
    const usePolymorphic = t.abstract === true || ctx.polymorphic++ % 2 === 1;
    if (usePolymorphic && concrete.length > 0) actual = concrete[h(ctx, path) % concrete.length]!;
  }
  const out: Record<string, unknown> = {};
  // Same rule as the runtime decoder, so decoded values deep-equal sample values.
  if (actual !== ref || subtypes.length > 0) out["$type"] = actual;
  ctx.stack.push(actual);
  if (actual !== ref) ctx.stack.push(ref);
  xmlExtras(ctx, actual, path, depth + 1, false, out);
  const content = contentParticles(ctx.meta, actual);
  if (content !== undefined) contentValue(ctx, content, path, depth + 1, false, out);
  else {
    for (const f of allFields(ctx.meta, actual)) {
      const v = fieldValue(ctx, f, `${path}.${f.name}`, depth + 1);
      if (v !== undefined) out[f.name] = v;
    }
  }
  if (actual !== ref) ctx.stack.pop();
  ctx.stack.pop();
  return out;
}

/** The type and its bases, base first. */
function complexChain(meta: ServiceMetadata, ref: TypeRef): ComplexTypeMeta[] {
  const chain: ComplexTypeMeta[] = [];
  for (let cur: TypeRef | undefined = ref; cur !== undefined && chain.length < 64;) {
    const t = lookupType(meta, cur);
    if (t.kind !== "complex") break;
    chain.unshift(t);
    cur = t.base;
  }
  return chain;
}

/**
 * Attribute values (every attribute, or only required ones when `minimal`) and the
 * `xs:simpleContent` `$value`. A fixed attribute of a string type gets its fixed value; other
 * fixed attributes are left out (the encoder writes a required one itself).
 */
function xmlExtras(
  ctx: Ctx,
  ref: TypeRef,
  path: string,
  depth: number,
  minimal: boolean,
  out: Record<string, unknown>,
): void {
  for (const t of complexChain(ctx.meta, ref)) {
    for (const a of t.attributes ?? []) {
      if (minimal && !a.required) continue;
      if (a.fixed !== undefined) {
        const v = fixedValue(ctx, a.type, a.fixed);
        if (v !== undefined) out[a.name] = v;
        continue;
      }
      out[a.name] = valueOf(ctx, a.type, `${path}@${a.name}`, depth, a.name);
    }
    if (t.text !== undefined) out["$value"] = valueOf(ctx, t.text.type, `${path}.$value`, depth, leafName(path));
    if (t.mixed === true && !minimal) out["$value"] = `${leafName(path)} text`;
  }
}

/** Scalars whose value is the lexical form itself. */
const TEXTUAL = new Set<ScalarName>(["string", "normalizedString", "token", "anyURI", "language", "Name", "NCName"]);

/**
 * A fixed attribute's value as the decoder returns it (enum or string-like: the fixed text;
 * boolean, int: parsed), or `undefined` to leave it to the encoder (which writes it itself).
 */
function fixedValue(ctx: Ctx, ref: TypeRef, fixed: string): unknown {
  let cur = ref;
  for (let i = 0; i < 16 && !isScalarRef(cur); i++) {
    const t = ctx.meta.types[cur];
    if (t?.kind === "enum") return t.values.includes(fixed.trim()) ? fixed.trim() : undefined;
    if (t?.kind !== "alias" || t.wcf !== undefined) return undefined;
    cur = t.base;
  }
  if (!isScalarRef(cur)) return undefined;
  const name = cur.slice(3) as ScalarName;
  if (TEXTUAL.has(name)) return fixed;
  if (name === "boolean") return fixed.trim() === "true" || fixed.trim() === "1";
  if (["int", "short", "byte", "unsignedShort", "unsignedByte"].includes(name)) return Number(fixed.trim());
  return undefined;
}

/**
 * Properties of a content model (metadata v3) into `out`: elements as fields, one branch of a
 * single choice, 2 items for a repeated group (at least `min`), wildcards a foreign element.
 * `minimal`: required parts only.
 */
function contentValue(
  ctx: Ctx,
  particles: readonly ParticleMeta[],
  path: string,
  depth: number,
  minimal: boolean,
  out: Record<string, unknown>,
): void {
  for (const p of particles) {
    switch (p.kind) {
      case "element": {
        const f = p.field;
        if (minimal && f.min === 0) break;
        const v = minimal
          ? f.max !== 1
            ? minimalItems(ctx, f.type, f.min, `${path}.${f.name}`, depth)
            : f.nillable
              ? null
              : minimalValue(ctx, f.type, `${path}.${f.name}`, depth)
          : fieldValue(ctx, f, `${path}.${f.name}`, depth);
        if (v !== undefined) out[f.name] = v;
        break;
      }
      case "choice":
        if (p.name === undefined) {
          if (!minimal || p.min > 0) {
            const branch = minimal ? finiteBranch(ctx, p.branches, 0) : pickBranch(ctx, p.branches, 0);
            contentValue(ctx, branch, path, depth, minimal, out);
          }
        } else out[p.name] = groupItems(ctx, p.branches, true, p.min, p.max, `${path}.${p.name}`, depth, minimal);
        break;
      case "sequence":
        out[p.name] = groupItems(ctx, [p.particles], false, p.min, p.max, `${path}.${p.name}`, depth, minimal);
        break;
      case "any": {
        if (minimal && p.min === 0) break;
        const n = Math.max(p.min, minimal ? 0 : 1);
        const items = Array.from({ length: n }, () => sampleAny(p));
        out[p.name] = p.max === 1 ? items[0] : items;
        break;
      }
    }
  }
}

function pickBranch(ctx: Ctx, branches: readonly (readonly ParticleMeta[])[], offset: number): readonly ParticleMeta[] {
  return branches[(ctx.variant + offset) % branches.length] ?? [];
}

function groupItems(
  ctx: Ctx,
  lists: readonly (readonly ParticleMeta[])[],
  isChoice: boolean,
  min: number,
  max: number,
  path: string,
  depth: number,
  minimal: boolean,
): Record<string, unknown>[] {
  let n = minimal ? min : Math.max(min, 2);
  if (max > 0) n = Math.min(n, max);
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    const item: Record<string, unknown> = {};
    if (i > 0) ctx.repeat++;
    const branch = !isChoice ? lists[0]! : minimal ? finiteBranch(ctx, lists, i) : pickBranch(ctx, lists, i);
    contentValue(ctx, branch, `${path}[${i}]`, depth, minimal, item);
    if (i > 0) ctx.repeat--;
    items.push(item);
  }
  return items;
}

/** One well-formed element the wildcard admits. */
function sampleAny(a: AnyMeta): string {
  const ok = (ns: string): boolean => (a.allow !== undefined ? a.allow.includes(ns) : !(a.exclude ?? []).includes(ns));
  if (ok("urn:example:ext")) return SAMPLE_ANY;
  const ns = a.allow?.[0] ?? "urn:example:ext2";
  if (ns === "") return "<SampleExtension>v</SampleExtension>";
  const uri = ns.replace(/[&<"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&quot;"));
  return `<x:SampleExtension xmlns:x="${uri}">v</x:SampleExtension>`;
}

/** `min` smallest legal items of `ref` (a required repeated element or array wrapper). */
function minimalItems(ctx: Ctx, ref: TypeRef, min: number, path: string, depth: number): unknown[] {
  return Array.from({ length: min }, (_x, i) => minimalValue(ctx, ref, `${path}[${i}]`, depth + 1));
}

/**
 * Among the branches in `pickBranch` order, the first whose smallest value is shallowest: a
 * required recursive choice (EWS `AndType` → `SearchExpression` → `And`) must end somewhere, and
 * a strictly smaller height at every step guarantees it does.
 */
function finiteBranch(
  ctx: Ctx,
  branches: readonly (readonly ParticleMeta[])[],
  offset: number,
): readonly ParticleMeta[] {
  const heights = minimalHeights(ctx.meta);
  let best = pickBranch(ctx, branches, offset);
  let bestHeight = particlesHeight(ctx.meta, best, heights);
  for (let i = 1; i < branches.length; i++) {
    const b = pickBranch(ctx, branches, offset + i);
    const bh = particlesHeight(ctx.meta, b, heights);
    if (bh < bestHeight) [best, bestHeight] = [b, bh];
  }
  return best;
}

const HEIGHTS = new WeakMap<ServiceMetadata, Map<TypeRef, number>>();

/**
 * Nesting depth of every complex/array type's smallest value (`Infinity`: none is finite), as
 * the least fixed point of `typeHeight` over all types.
 */
function minimalHeights(meta: ServiceMetadata): Map<TypeRef, number> {
  const cached = HEIGHTS.get(meta);
  if (cached !== undefined) return cached;
  const heights = new Map<TypeRef, number>();
  for (const [id, t] of Object.entries(meta.types))
    if (t.kind === "complex" || t.kind === "array") heights.set(id, Infinity);
  for (let changed = true; changed;) {
    changed = false;
    for (const [id, old] of heights) {
      const hNew = typeHeight(meta, id, heights);
      if (hNew < old) {
        heights.set(id, hNew);
        changed = true;
      }
    }
  }
  HEIGHTS.set(meta, heights);
  return heights;
}

/** Whether `ref` has a finite smallest value (a recursive type may require itself forever). */
function hasFiniteValue(meta: ServiceMetadata, ref: TypeRef): boolean {
  return refHeight(ref, minimalHeights(meta)) < Infinity;
}

function refHeight(ref: TypeRef, heights: Map<TypeRef, number>): number {
  return heights.get(ref) ?? 0;
}

function typeHeight(meta: ServiceMetadata, ref: TypeRef, heights: Map<TypeRef, number>): number {
  const t = meta.types[ref];
  if (t?.kind === "array") return t.item.min === 0 ? 1 : 1 + refHeight(t.item.type, heights);
  if (t?.kind !== "complex") return 0;
  // An abstract type's value is one of its concrete subtypes'.
  if (t.abstract === true) return Math.min(Infinity, ...concreteSubtypes(meta, t).map((s) => refHeight(s, heights)));
  const content = contentParticles(meta, ref);
  if (content !== undefined) return 1 + particlesHeight(meta, content, heights);
  let hMax = 0;
  for (const f of allFields(meta, ref))
    if (f.min > 0 && !(f.nillable && f.max === 1)) hMax = Math.max(hMax, refHeight(f.type, heights));
  return 1 + hMax;
}

function concreteSubtypes(meta: ServiceMetadata, t: ComplexTypeMeta): TypeRef[] {
  return (t.subtypes ?? []).filter((s) => {
    const st = meta.types[s];
    return st?.kind === "complex" && st.abstract !== true;
  });
}

/** The concrete subtype of an abstract type with the shallowest smallest value. */
function shallowestSubtype(meta: ServiceMetadata, t: ComplexTypeMeta): TypeRef | undefined {
  const heights = minimalHeights(meta);
  let best: TypeRef | undefined;
  for (const s of concreteSubtypes(meta, t))
    if (best === undefined || refHeight(s, heights) < refHeight(best, heights)) best = s;
  return best;
}

/** Height of the required parts of a particle list (a choice takes its shallowest branch). */
function particlesHeight(
  meta: ServiceMetadata,
  particles: readonly ParticleMeta[],
  heights: Map<TypeRef, number>,
): number {
  let hMax = 0;
  for (const p of particles) {
    let ph = 0;
    if (p.kind === "element") {
      if (p.field.min > 0 && !(p.field.nillable && p.field.max === 1)) ph = refHeight(p.field.type, heights);
    } else if (p.kind === "choice") {
      if (p.min > 0) ph = Math.min(...p.branches.map((b) => particlesHeight(meta, b, heights)));
    } else if (p.kind === "sequence") {
      if (p.min > 0) ph = particlesHeight(meta, p.particles, heights);
    }
    hMax = Math.max(hMax, ph);
  }
  return hMax;
}

/** Smallest legal value: required fields only (used when recursion forbids going deeper). */
function minimalValue(ctx: Ctx, ref: TypeRef, path: string, depth: number): unknown {
  if (depth > ctx.maxDepth + 8) throw new Error(`mock: cannot build a finite value for ${ref} at ${path}`);
  if (isScalarRef(ref)) return scalarValue(ctx, ref.slice(3) as ScalarName, path, leafName(path));
  const t = lookupType(ctx.meta, ref);
  if (t.kind === "array") return minimalItems(ctx, t.item.type, t.item.min, path, depth);
  if (t.kind !== "complex") return typedValue(ctx, ref, t, path, depth, leafName(path));
  const out: Record<string, unknown> = {};
  const actual = t.abstract === true ? (shallowestSubtype(ctx.meta, t) ?? ref) : ref;
  // Same rule as the runtime decoder (and complexValue), so round trips compare equal.
  if ((t.subtypes ?? []).length > 0) out["$type"] = actual;
  xmlExtras(ctx, actual, path, depth + 1, true, out);
  const content = contentParticles(ctx.meta, actual);
  if (content !== undefined) {
    contentValue(ctx, content, path, depth + 1, true, out);
    return out;
  }
  for (const f of allFields(ctx.meta, actual)) {
    if (f.min === 0) continue;
    if (f.max !== 1) out[f.name] = minimalItems(ctx, f.type, f.min, `${path}.${f.name}`, depth + 1);
    else if (f.nillable) out[f.name] = null;
    else out[f.name] = minimalValue(ctx, f.type, `${path}.${f.name}`, depth + 1);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function pickEnum(values: readonly string[], n: number): string {
  if (values.length === 0) return "";
  if (values.length === 1) return values[0]!;
  return values[1 + (n % (values.length - 1))]!;
}

function pickTwo(values: readonly string[], n: number): string[] {
  if (values.length <= 1) return [...values];
  if (values.length === 2) return [values[0]!, values[1]!];
  const a = 1 + (n % (values.length - 1));
  const b = a + 1 < values.length ? a + 1 : 1 === a ? 2 : 1;
  return [values[a]!, values[b]!];
}

function guidFrom(n: number): string {
  const hex = (x: number, len: number) => (x >>> 0).toString(16).padStart(8, "0").slice(0, len);
  const m = Math.imul(n ^ 0x5bd1e995, 0x27d4eb2d) >>> 0;
  const k = Math.imul(m ^ 0x165667b1, 0x9e3779b1) >>> 0;
  return `${hex(n, 8)}-${hex(m, 4)}-4${hex(m >>> 16, 3)}-a${hex(k, 3)}-${hex(k >>> 8, 4)}${hex(n ^ k, 8)}`;
}

function bigFrom(n: number): bigint {
  return BIG_LONG + 2n * BigInt(n % 1000);
}

function longValue(ctx: Ctx, big: bigint, n: number): unknown {
  switch (ctx.meta.mapping.long) {
    case "bigint":
      return big;
    case "string":
      return big.toString();
    case "number":
      return Number(big % 1_000_000_000n) + (n % 7);
  }
}

function scalarValue(ctx: Ctx, name: ScalarName, path: string, leaf: string): unknown {
  const n = h(ctx, path);
  switch (name) {
    case "string":
    case "anyType": {
      const base = `${leaf} ${n % 1000}`;
      return ctx.strings++ % 4 === 0 ? base + TRICKY_SUFFIX : base;
    }
    case "normalizedString":
    case "token":
      return `${leaf} token ${n % 1000}`;
    case "anyURI":
      return `https://example.test/${leaf}?id=${n % 1000}&lang=en`;
    case "QName":
    case "Name":
    case "NCName":
    case "ID":
    case "IDREF":
      return `${leaf.replace(/[^\w.-]/g, "_")}${n % 1000}`;
    case "language":
      return n % 2 === 0 ? "en-US" : "nb-NO";
    case "boolean":
      return (n & 1) === 1;
    case "byte":
      return (n % 256) - 128;
    case "unsignedByte":
      return n % 256;
    case "short":
      return n % 5 === 0 ? -(n % 32768) : n % 32768;
    case "unsignedShort":
      return n % 65536;
    case "int":
      if (n % 13 === 0) return 2147483647;
      if (n % 11 === 0) return -(n % 100000) - 1;
      return (n % 100000) + 1;
    case "unsignedInt":
      return n % 7 === 0 ? 4294967295 : n;
    case "float":
      return ((n % 2000) - 500) / 4;
    case "double":
      return n % 9 === 0 ? 1.5e-7 : ((n % 200000) - 1000) / 8;
    case "long": {
      const big = bigFrom(n);
      return longValue(ctx, n % 5 === 0 ? -big : big, n);
    }
    case "integer":
      return longValue(ctx, n % 5 === 0 ? -bigFrom(n) : bigFrom(n) * 1000n, n);
    case "unsignedLong":
      return longValue(ctx, n % 3 === 0 ? 18446744073709551615n : bigFrom(n), n);
    case "nonNegativeInteger":
    case "positiveInteger":
      return longValue(ctx, bigFrom(n), n);
    case "nonPositiveInteger":
    case "negativeInteger":
      return longValue(ctx, -bigFrom(n), n);
    case "decimal": {
      const choices = ["123456789012345678901234.5678", "-0.001", "42", "79228162514264337593543950335"];
      const s = choices[n % choices.length]!;
      return ctx.meta.mapping.decimal === "number" ? Number(s.length > 12 ? "1234.5" : s) : s;
    }
    case "dateTime": {
      const lex = SAMPLE_DATETIMES[ctx.dates++ % SAMPLE_DATETIMES.length]!;
      return ctx.meta.mapping.dateTime === "Date"
        ? new Date(lex.endsWith("Z") || lex.includes("+") ? lex : `${lex}Z`)
        : lex;
    }
    case "date":
      return ctx.meta.mapping.dateTime === "Date" ? new Date("2021-11-30T00:00:00Z") : "2021-11-30";
    case "time":
      return "13:22:10";
    case "duration":
      return "P1DT2H3M4.5S";
    case "base64Binary":
    case "hexBinary":
      // A Buffer (a Uint8Array), like the runtime decoder returns.
      return Buffer.from([0x00, 0xff, 0x7f, 0x80, n & 0xff, (n >>> 8) & 0xff, 0x0a, 0x3c]);
  }
}

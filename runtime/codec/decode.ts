/**
 * Metadata-driven decoder: parsed XML elements → TypeScript values.
 *
 * Strict by default: the result always has its declared TypeScript type, or decoding fails
 * with a `DeserializationError` naming the property path and line (the client reports it as
 * a `ProtocolError`). `xsi:nil` on a non-nillable element, a missing required element, an
 * element beyond `maxOccurs` and a scalar outside its lexical space or range always fail;
 * unknown elements/`xsi:type`s and unknown enum values fail unless `DecodeOptions` relaxes
 * them (see decode-options.ts). Children may arrive in any order.
 */

import type { BodyMeta, HeaderMeta, ServiceMetadata, TypeRef } from "../metadata.js";
import { XSI_NS } from "../metadata.js";
import { DeserializationError, SoapkitError } from "../errors.js";
import { resolveQName, type XmlElement } from "../xml/parse.js";
import { planFor, type ComplexPlan, type FieldPlan, type Plan, type TypePlan } from "./plan.js";
import { pathOf } from "./shared.js";
import { checkNoAttributes, readAttributes, readSimpleContent } from "./attribute-codec.js";
import { CAT_ANY, textToScalar } from "./scalars.js";
import { readContent } from "./content-decode.js";
import { readAnyType } from "./any-type.js";
import {
  STRICT_DECODING,
  resolveDecodeOptions,
  type DecodeOptions,
  type ResolvedDecodeOptions,
} from "./decode-options.js";

const XSI_NIL = `{${XSI_NS}}nil`;
const XSI_TYPE = `{${XSI_NS}}type`;

/** Decoder state shared with content-decode.ts. */
export interface DecodeCtx {
  readonly plan: Plan;
  readonly opts: ResolvedDecodeOptions;
}
type Ctx = DecodeCtx;

function ctxOf(meta: ServiceMetadata, options: DecodeOptions | ResolvedDecodeOptions | undefined): Ctx {
  const opts =
    options === undefined ? STRICT_DECODING : "acceptUnknownEnums" in options ? options : resolveDecodeOptions(options);
  return { plan: planFor(meta), opts };
}

/**
 * Decode a body wrapper element (checks its name) into an object keyed by child names. For a
 * bare body (element `""`) there is no wrapper: `wrapper` is the `soap:Body` element itself.
 */
export function decodeBody(
  meta: ServiceMetadata,
  body: BodyMeta,
  wrapper: XmlElement,
  options?: DecodeOptions | ResolvedDecodeOptions,
): Record<string, unknown> {
  if (body.element === "") {
    const ctx = ctxOf(meta, options);
    // soap:Body's own attributes (encodingStyle, namespace declarations) are not content.
    return readComplex(ctx, ctx.plan.complex(body.type), { ...wrapper, attrs: new Map() }, "");
  }
  if (wrapper.local !== body.element || wrapper.ns !== body.ns) {
    throw new DeserializationError(
      "",
      `expected body element {${body.ns}}${body.element}, got ${nameOf(wrapper)}`,
      wrapper.line,
      wrapper.column,
    );
  }
  const ctx = ctxOf(meta, options);
  return readComplex(ctx, ctx.plan.complex(body.type), wrapper, "");
}

/** Decode the SOAP header elements that match `headers`, keyed by header part name (other headers are ignored). */
export function decodeHeaders(
  meta: ServiceMetadata,
  headers: readonly HeaderMeta[],
  headerEl: XmlElement | undefined,
  options?: DecodeOptions | ResolvedDecodeOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (headerEl === undefined || headers.length === 0) return out;
  const ctx = ctxOf(meta, options);
  for (const c of headerEl.children) {
    for (const h of headers) {
      if (h.element !== c.local || h.ns !== c.ns) continue;
      const v = nilAllowed(h.nillable, c, "", h.name, -1)
        ? null
        : readValue(ctx, ctx.plan.resolve(h.type), c, "", h.name, -1);
      setProp(out, h.name, v);
      break;
    }
  }
  return out;
}

/** Decode the content of one element as a value of `type` (`xsi:nil` → `null`). */
export function decodeType(meta: ServiceMetadata, type: TypeRef, el: XmlElement, options?: DecodeOptions): unknown {
  if (isNil(el)) return null;
  const ctx = ctxOf(meta, options);
  return readValue(ctx, ctx.plan.resolve(type), el, "", "", -1);
}

function isNil(el: XmlElement): boolean {
  if (el.attrs.size === 0) return false;
  const v = el.attrs.get(XSI_NIL);
  if (v === undefined) return false;
  const t = v.trim();
  return t === "true" || t === "1";
}

/** True when `el` is `xsi:nil` (decoded as `null`); throws when the schema does not allow it there. */
function nilAllowed(nillable: boolean, el: XmlElement, parent: string, name: string, index: number): boolean {
  if (!isNil(el)) return false;
  if (nillable) return true;
  throw new DeserializationError(
    pathOf(parent, name, index),
    "xsi:nil on an element that is not nillable",
    el.line,
    el.column,
  );
}

function setProp(obj: Record<string, unknown>, name: string, v: unknown): void {
  // `obj.__proto__ = v` would replace the prototype instead of creating a property.
  if (name === "__proto__")
    Object.defineProperty(obj, name, { value: v, enumerable: true, writable: true, configurable: true });
  else obj[name] = v;
}

function readValue(ctx: Ctx, t: TypePlan, el: XmlElement, parent: string, name: string, index: number): unknown {
  if (el.attrs.size !== 0 && t.kind !== "complex" && !(t.kind === "scalar" && t.id === "xs:anyType")) {
    checkNoAttributes(ctx.opts, el, pathOf(parent, name, index));
  }
  switch (t.kind) {
    case "scalar":
      if (t.cat === CAT_ANY) return readAny(ctx, el, pathOf(parent, name, index));
      try {
        return textToScalar(t, el.text, ctx.plan.mapping);
      } catch (e) {
        throw fail(e, pathOf(parent, name, index), el);
      }
    case "enum":
      return readEnum(ctx, t.values, t.id, el.text.trim(), pathOf(parent, name, index), el);
    case "list":
      return readList(ctx, t, el, pathOf(parent, name, index));
    case "array":
      return readArray(ctx, t, el, pathOf(parent, name, index));
    case "complex":
      return readComplex(ctx, t, el, pathOf(parent, name, index));
  }
}

function readAny(ctx: Ctx, el: XmlElement, path: string): unknown {
  return readAnyType(
    ctx.plan,
    el,
    (s) => {
      try {
        return textToScalar(s, el.text, ctx.plan.mapping);
      } catch (e) {
        throw fail(e, path, el);
      }
    },
    (t) => readComplex(ctx, t, el, path),
    () => {
      if (el.attrs.size !== 0) checkNoAttributes(ctx.opts, el, path);
    },
  );
}

function readEnum(ctx: Ctx, values: ReadonlySet<string>, id: string, v: string, path: string, el: XmlElement): string {
  if (values.has(v) || ctx.opts.acceptUnknownEnums) return v;
  throw new DeserializationError(
    path,
    `value is not one of the ${values.size} values of ${id} (decode.unknownEnumValues: "accept" passes it through)`,
    el.line,
    el.column,
  );
}

function readList(ctx: Ctx, t: Extract<TypePlan, { kind: "list" }>, el: XmlElement, path: string): unknown[] {
  const out: unknown[] = [];
  for (const tok of el.text.split(/[ \t\r\n]+/)) {
    if (tok === "") continue;
    const at = `${path}[${out.length}]`;
    if (t.item.kind === "enum") out.push(readEnum(ctx, t.item.values, t.item.id, tok, at, el));
    else {
      try {
        out.push(textToScalar(t.item, tok, ctx.plan.mapping));
      } catch (e) {
        throw fail(e, at, el);
      }
    }
  }
  return out;
}

function readArray(ctx: Ctx, t: Extract<TypePlan, { kind: "array" }>, el: XmlElement, path: string): unknown[] {
  const item = t.item;
  const out: unknown[] = [];
  const anyName = t.meta.encoded === true; // soapenc arrays: items under any element name
  for (const c of el.children) {
    if (!anyName && (c.local !== item.local || c.ns !== item.ns)) {
      unknownElement(ctx, c, path, [item]);
      continue;
    }
    const i = out.length;
    out.push(nilAllowed(item.nillable, c, path, "", i) ? null : readValue(ctx, ctx.plan.typeOf(item), c, path, "", i));
  }
  checkCount(item, out.length, path, el);
  return out;
}

function readComplex(ctx: Ctx, declared: ComplexPlan, el: XmlElement, path: string): Record<string, unknown> {
  const actual = actualType(ctx, declared, el, path);
  const obj: Record<string, unknown> = {};
  if (actual !== declared || declared.hasSubtypes) obj.$type = actual.id;
  if (el.attrs.size !== 0 || actual.attributes.length !== 0) readAttributes(ctx.plan, ctx.opts, actual, el, path, obj);
  if (actual.text !== undefined) obj.$value = readSimpleContent(ctx.plan, ctx.opts, actual, el, path);
  if (actual.mixed) readMixedText(el, obj);
  if (actual.content !== undefined) {
    readContent(ctx, actual.content, el.children, obj, path, el);
    return obj;
  }
  const fields = actual.fields;
  const n = fields.length;
  let hint = 0;
  for (const c of el.children) {
    // Children normally arrive in sequence order: start looking at the last match.
    let f: FieldPlan | undefined;
    for (let k = 0, j = hint; k < n; k++, j = j + 1 === n ? 0 : j + 1) {
      const cand = fields[j]!;
      if (cand.local === c.local && cand.ns === c.ns) {
        f = cand;
        hint = j;
        break;
      }
    }
    if (f === undefined) unknownElement(ctx, c, path, fields);
    else readField(ctx, obj, f, c, path);
  }
  for (const f of checkedFields(actual)) {
    // hasOwn: a field named like an Object.prototype member (`constructor`) is not "present".
    const v = Object.hasOwn(obj, f.name) ? obj[f.name] : undefined;
    if (f.repeated) checkCount(f, v === undefined ? 0 : (v as unknown[]).length, pathOf(path, f.name, -1), el);
    else if (v === undefined && f.min > 0) {
      throw new DeserializationError(
        pathOf(path, f.name, -1),
        `required element ${nameOf(f)} is missing`,
        el.line,
        el.column,
      );
    }
  }
  return obj;
}

/** `mixed="true"`: the text between children, joined (whitespace-only text between elements is formatting). */
function readMixedText(el: XmlElement, obj: Record<string, unknown>): void {
  const text = el.text;
  if (text === "" || (el.children.length !== 0 && text.trim() === "")) return;
  obj.$value = text;
}

/** The fields whose count is checked after reading (repeated or required), cached per type. */
const checked = new WeakMap<ComplexPlan, readonly FieldPlan[]>();
function checkedFields(c: ComplexPlan): readonly FieldPlan[] {
  let list = checked.get(c);
  if (list === undefined) {
    list = c.fields.filter((f) => f.repeated || f.min > 0);
    checked.set(c, list);
  }
  return list;
}

export function readField(ctx: Ctx, obj: Record<string, unknown>, f: FieldPlan, c: XmlElement, path: string): void {
  const present = Object.hasOwn(obj, f.name);
  if (!f.repeated) {
    if (present)
      throw new DeserializationError(
        pathOf(path, f.name, -1),
        `element ${nameOf(f)} occurs more than once (maxOccurs 1)`,
        c.line,
        c.column,
      );
    setProp(
      obj,
      f.name,
      nilAllowed(f.nillable, c, path, f.name, -1) ? null : readValue(ctx, ctx.plan.typeOf(f), c, path, f.name, -1),
    );
    return;
  }
  let arr = (present ? obj[f.name] : undefined) as unknown[] | undefined;
  if (arr === undefined) {
    arr = [];
    setProp(obj, f.name, arr);
  }
  if (f.max > 0 && arr.length >= f.max) {
    throw new DeserializationError(
      pathOf(path, f.name, arr.length),
      `more than ${f.max} ${nameOf(f)} elements (maxOccurs ${f.max})`,
      c.line,
      c.column,
    );
  }
  const i = arr.length;
  arr.push(nilAllowed(f.nillable, c, path, f.name, i) ? null : readValue(ctx, ctx.plan.typeOf(f), c, path, f.name, i));
}

/** The type named by `xsi:type` when it is the declared type or one of its subtypes. */
function actualType(ctx: Ctx, declared: ComplexPlan, el: XmlElement, path: string): ComplexPlan {
  const xt = el.attrs.size !== 0 ? el.attrs.get(XSI_TYPE) : undefined;
  if (xt === undefined) return declared;
  const q = resolveQName(el, xt);
  const id = q !== undefined ? ctx.plan.typeIdByName(q.ns, q.local) : undefined;
  if (id === declared.id) return declared;
  if (id !== undefined && declared.subtypes.has(id)) return ctx.plan.complex(id);
  if (ctx.opts.ignoreUnknownElements) return declared; // e.g. a subtype added by a newer server
  const what = q === undefined ? "an unbound prefix" : `{${short(q.ns)}}${short(q.local)}`;
  throw new DeserializationError(
    path,
    `xsi:type ${what} is not ${declared.id} or one of its subtypes (decode.unknownElements: "ignore" reads it as ${declared.id})`,
    el.line,
    el.column,
  );
}

export function unknownElement(ctx: Ctx, c: XmlElement, path: string, expected: readonly FieldPlan[]): void {
  if (ctx.opts.ignoreUnknownElements) return;
  const names =
    expected.length > 20
      ? `${expected
          .slice(0, 20)
          .map((f) => f.local)
          .join(", ")}, …`
      : expected.map((f) => f.local).join(", ");
  throw new DeserializationError(
    path,
    `unexpected element ${nameOf(c)}; expected one of: ${names || "(none)"}`,
    c.line,
    c.column,
  );
}

export function checkCount(f: FieldPlan, count: number, path: string, el: XmlElement): void {
  if (count < f.min)
    throw new DeserializationError(
      path,
      `at least ${f.min} ${nameOf(f)} element(s) required, got ${count}`,
      el.line,
      el.column,
    );
  if (f.max > 0 && count > f.max)
    throw new DeserializationError(
      path,
      `at most ${f.max} ${nameOf(f)} element(s) allowed, got ${count}`,
      el.line,
      el.column,
    );
}

/** `{ns}local`, each part capped (names come from the server and may be huge). */
export function nameOf(e: { readonly ns: string; readonly local: string }): string {
  return e.ns === "" ? short(e.local) : `{${short(e.ns)}}${short(e.local)}`;
}

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** A typed error for what went wrong decoding `el`: soapkit's own errors as they are, anything else located. */
function fail(e: unknown, path: string, el: XmlElement): Error {
  if (e instanceof SoapkitError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new DeserializationError(path, message, el.line, el.column);
}

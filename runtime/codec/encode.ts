/**
 * Metadata-driven encoder: TypeScript values → XML fragments.
 *
 * Children are written in metadata order (base fields first), whatever the key order of the
 * input; unknown properties, missing required values and values of the wrong type raise a
 * `SerializationError` naming the property path. No per-type code: everything comes from the
 * compiled plan (see plan.ts).
 */

import type { BodyMeta, HeaderMeta, ServiceMetadata } from "../metadata.js";
import { XSI_NS } from "../metadata.js";
import { SerializationError, SoapkitError } from "../errors.js";
import { XmlWriter } from "../xml/write.js";
import { planFor, type ComplexPlan, type ElementName, type FieldPlan, type Plan } from "./plan.js";
import { concreteComplex, pathOf } from "./shared.js";
import { CAT_ANY, ScalarError, describe } from "./scalars.js";
import { simpleToText } from "./simple-values.js";
import { simpleContentText, writeAttributes } from "./attribute-codec.js";
import { writeContent } from "./content-encode.js";
import { writeAnyType } from "./any-type.js";
import { writeEncodedArrayAttributes } from "./soap-encoding.js";

/** Options of the encoders. */
export interface EncodeOptions {
  /**
   * Declare the namespaces the fragment uses on its root element instead of relying on the
   * envelope declaring `meta.prefixes` (for fragments used on their own, e.g. by an emulator).
   */
  declareNamespaces?: boolean;
}

/** Options of `encodeHeaders`. */
export interface EncodeHeadersOptions extends EncodeOptions {
  /** Skip properties that are not header parts of this operation instead of failing. */
  ignoreUnknown?: boolean;
}

/** Encoder state shared with content-encode.ts and any-type.ts. */
export interface EncodeCtx {
  readonly plan: Plan;
  /** Namespaces used so far (only when declaring namespaces on the fragment root). */
  readonly used: Set<string> | null;
}

type Ctx = EncodeCtx;

/**
 * Encode a document/literal body wrapper element (e.g. `<tns:SyncEmailAccount>…`). A bare body
 * (element `""`) has no wrapper: its elements are written as they are (`encodeBareBody`).
 */
export function encodeBody(
  meta: ServiceMetadata,
  body: BodyMeta,
  value: object | undefined,
  opts?: EncodeOptions,
): string {
  if (body.element === "") return encodeBareBody(meta, body, value);
  const plan = planFor(meta);
  const el = plan.element(body, body.ns, body.element, body.element, body.type, false);
  const ctx: Ctx = { plan, used: opts?.declareNamespaces === true ? new Set() : null };
  const w = new XmlWriter();
  const type = plan.complex(body.type);
  try {
    writeComplex(ctx, w, el, type, value ?? {}, "");
  } catch (e) {
    throw rethrow(e, ""); // e.g. a getter of the caller's value that throws
  }
  return finishRoot(ctx, el, w.toString());
}

/** h-wsdl: a bare body (document/literal, body element `""`): the type's elements without a wrapper. */
export function encodeBareBody(meta: ServiceMetadata, body: BodyMeta, value: object | undefined): string {
  const plan = planFor(meta);
  const ctx: Ctx = { plan, used: null };
  const w = new XmlWriter();
  try {
    const { obj, actual } = concreteComplex(plan, plan.complex(body.type), value ?? {}, "");
    for (const f of actual.fields) writeField(ctx, w, f, Object.hasOwn(obj, f.name) ? obj[f.name] : undefined, "");
  } catch (e) {
    throw rethrow(e, "");
  }
  return w.toString();
}

/** Encode SOAP header elements (in the order of `headers`); `undefined` values are skipped. */
export function encodeHeaders(
  meta: ServiceMetadata,
  headers: readonly HeaderMeta[],
  values: Readonly<Record<string, unknown>> | undefined,
  opts?: EncodeHeadersOptions,
): string {
  if (values === undefined || values === null) return "";
  const plan = planFor(meta);
  if (opts?.ignoreUnknown !== true) {
    for (const key in values) {
      if (!headers.some((h) => h.name === key)) {
        throw new SerializationError(
          key,
          `unknown header; expected one of: ${headers.map((h) => h.name).join(", ") || "(none)"}`,
        );
      }
    }
  }
  let out = "";
  for (const h of headers) {
    const v = values[h.name];
    if (v === undefined) continue;
    const el = plan.element(h, h.ns, h.element, h.name, h.type, h.nillable);
    const ctx: Ctx = { plan, used: opts?.declareNamespaces === true ? new Set() : null };
    const w = new XmlWriter();
    writeField(ctx, w, el, v, "");
    out += finishRoot(ctx, el, w.toString());
  }
  return out;
}

/** Insert the namespace declarations a fragment used on its root start tag. */
function finishRoot(ctx: Ctx, el: ElementName, xml: string): string {
  if (ctx.used === null || ctx.used.size === 0) return xml;
  let decls = "";
  for (const [prefix, uri] of ctx.plan.meta.prefixes) {
    if (ctx.used.delete(uri)) decls += ` xmlns:${prefix}="${escapeUri(uri)}"`;
  }
  if (ctx.used.delete(XSI_NS)) decls += ` xmlns:xsi="${XSI_NS}"`;
  const at = 1 + el.qname.length; // right after "<qname"
  return xml.slice(0, at) + decls + xml.slice(at);
}

function escapeUri(uri: string): string {
  return uri.replace(/[&<"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&quot;"));
}

export function openEl(ctx: Ctx, w: XmlWriter, el: ElementName): void {
  w.open(el.qname);
  if (el.inlineDecl !== undefined) w.attr(el.inlineDecl[0], el.inlineDecl[1]);
  else if (ctx.used !== null && el.ns !== "") ctx.used.add(el.ns);
}

function writeNil(ctx: Ctx, w: XmlWriter, el: ElementName): void {
  openEl(ctx, w, el);
  w.rawAttr("xsi:nil", "true");
  if (ctx.used !== null) ctx.used.add(XSI_NS);
  w.close(el.qname);
}

/** Write a property: handles absent, null and repeated values, then the value itself. */
export function writeField(ctx: Ctx, w: XmlWriter, f: FieldPlan, v: unknown, parent: string): void {
  if (v === undefined) {
    if (f.min < 1) return;
    // A required nillable element must be present: nil is the only schema-valid "no value".
    if (f.nillable && !f.repeated) return writeNil(ctx, w, f);
    throw new SerializationError(pathOf(parent, f.name, -1), "required property is missing");
  }
  if (f.repeated) {
    if (!Array.isArray(v)) {
      throw new SerializationError(pathOf(parent, f.name, -1), `expected an array, got ${describe(v)}`);
    }
    checkArrayCount(pathOf(parent, f.name, -1), v.length, f.min, f.max);
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      if (item === null || item === undefined) {
        if (item === null && f.nillable) writeNil(ctx, w, f);
        else throw new SerializationError(pathOf(parent, f.name, i), `${String(item)} is not allowed here`);
      } else {
        writeValue(ctx, w, f, item, parent, f.name, i);
      }
    }
    return;
  }
  if (v === null) {
    if (f.nillable) return writeNil(ctx, w, f);
    throw new SerializationError(pathOf(parent, f.name, -1), "null is not allowed (element is not nillable)");
  }
  writeValue(ctx, w, f, v, parent, f.name, -1);
}

/** Occurrence bounds of a repeated element (`max` 0 = unbounded), checked before anything is written. */
function checkArrayCount(path: string, count: number, min: number, max: number): void {
  if (count < min) throw new SerializationError(path, `at least ${min} item(s) required, got ${count}`);
  if (max > 0 && count > max) throw new SerializationError(path, `at most ${max} item(s) allowed, got ${count}`);
}

/** A simple value's text; its path is built only for the error (the same conversion again, with it). */
function scalarText(
  t: Parameters<typeof simpleToText>[0],
  v: unknown,
  mapping: Plan["mapping"],
  parent: string,
  name: string,
  index: number,
): string {
  try {
    return simpleToText(t, v, mapping, "");
  } catch {
    return simpleToText(t, v, mapping, pathOf(parent, name, index));
  }
}

/** Write one non-null value as element `el` of `el`'s type. */
function writeValue(
  ctx: Ctx,
  w: XmlWriter,
  el: FieldPlan,
  v: unknown,
  parent: string,
  name: string,
  index: number,
): void {
  const t = ctx.plan.typeOf(el);
  switch (t.kind) {
    case "scalar":
    case "enum":
    case "list": {
      if (t.kind === "scalar" && t.cat === CAT_ANY) return writeAnyType(ctx, w, el, v, pathOf(parent, name, index));
      const text = scalarText(t, v, ctx.plan.mapping, parent, name, index);
      openEl(ctx, w, el);
      writeText(w, text, parent, name, index);
      w.close(el.qname);
      return;
    }
    case "array": {
      const path = pathOf(parent, name, index);
      if (!Array.isArray(v)) throw new SerializationError(path, `expected an array (${t.id}), got ${describe(v)}`);
      const item = t.item;
      checkArrayCount(path, v.length, item.min, item.max);
      openEl(ctx, w, el);
      if (t.meta.encoded === true) {
        writeEncodedArrayAttributes(ctx.plan, w, t, v.length, ctx.used);
        if (ctx.used !== null) ctx.used.add(XSI_NS);
      }
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (x === null || x === undefined) {
          if (x === null && item.nillable) writeNil(ctx, w, item);
          else throw new SerializationError(`${path}[${i}]`, `${String(x)} is not allowed here`);
        } else {
          writeValue(ctx, w, item, x, path, "", i);
        }
      }
      w.close(el.qname);
      return;
    }
    case "complex":
      writeComplex(ctx, w, el, t, v, pathOf(parent, name, index));
      return;
  }
}

export function writeComplex(
  ctx: Ctx,
  w: XmlWriter,
  el: ElementName,
  declared: ComplexPlan,
  v: unknown,
  path: string,
  forceXsiType = false,
): void {
  const { obj, actual } = concreteComplex(ctx.plan, declared, v, path);
  openEl(ctx, w, el);
  if (actual !== declared || forceXsiType) {
    const xt = actual.xsiType;
    if (xt.inlineDecl !== undefined) w.attr(xt.inlineDecl[0], xt.inlineDecl[1]);
    else if (ctx.used !== null && xt.ns !== "") ctx.used.add(xt.ns);
    w.attr("xsi:type", xt.qname);
    if (ctx.used !== null) ctx.used.add(XSI_NS);
  }
  if (actual.extraKeys.size !== 0) {
    writeAttributes(ctx.plan, w, actual, obj, path, ctx.used);
    if (actual.text !== undefined) writeText(w, simpleContentText(ctx.plan, actual, obj, path), path, "$value", -1);
    if (actual.mixed) writeMixedText(w, obj.$value, path);
  }
  if (actual.content !== undefined) {
    writeContent(ctx, w, actual.content, obj, path);
    w.close(el.qname);
    return;
  }
  const fields = actual.fields;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    writeField(ctx, w, f, f.unsafeName && !Object.hasOwn(obj, f.name) ? undefined : obj[f.name], path);
  }
  w.close(el.qname);
}

/** `mixed="true"`: `$value` text goes before the child elements (interleaving is not kept). */
function writeMixedText(w: XmlWriter, v: unknown, path: string): void {
  if (v === undefined) return;
  if (typeof v !== "string")
    throw new SerializationError(pathOf(path, "$value", -1), `expected a string, got ${describe(v)}`);
  writeText(w, v, path, "$value", -1);
}

export function writeText(w: XmlWriter, text: string, parent: string, name: string, index: number): void {
  try {
    w.text(text);
  } catch (e) {
    // escapeText does not know the path; add it here (only on the error path).
    throw rethrow(e, pathOf(parent, name, index));
  }
}

function rethrow(e: unknown, path: string): Error {
  if (e instanceof ScalarError) return new SerializationError(path, e.message);
  if (e instanceof SerializationError && e.path === "") return new SerializationError(path, e.reason);
  if (e instanceof SoapkitError) return e;
  return new SerializationError(path, e instanceof Error ? e.message : String(e), { cause: e });
}

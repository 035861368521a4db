/**
 * Elements typed `xs:anyType`, both ways.
 *
 * Decoding: an `xsi:type` naming a known complex type gives that typed value (with `$type`),
 * one naming an `xs:` scalar gives the scalar value; otherwise text-only content is a string
 * and element content is `{ $xml }` (`RawXml`: the inner content, each child standalone).
 * Encoding is the reverse: a string is text; a number, boolean, bigint, Date or byte array is
 * written with the matching `xsi:type` (`xs:int`/`xs:double`, `xs:boolean`, `xs:long`,
 * `xs:dateTime`, `xs:base64Binary`) so it decodes back to the same value; `{ $xml }` is
 * checked raw content; `{ $type, … }` is that complex type, written with `xsi:type`.
 */
import { XSD_NS, XSI_NS } from "../metadata.js";
import { SerializationError } from "../errors.js";
import { resolveQName, type XmlElement } from "../xml/parse.js";
import { checkRawContent, serializeRawContent } from "../xml/raw.js";
import type { XmlWriter } from "../xml/write.js";
import type { ComplexPlan, ElementName, Plan } from "./plan.js";
import { scalarPlan, scalarToText, describe, ScalarError, type ScalarPlan } from "./scalars.js";
import { openEl, writeComplex, writeText, type EncodeCtx } from "./encode.js";

const XSI_TYPE = `{${XSI_NS}}type`;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Decoded `xs:anyType` content, see the module comment. `complex` reads a typed value. */
export function readAnyType(
  plan: Plan,
  el: XmlElement,
  scalar: (s: ScalarPlan) => unknown,
  complex: (t: ComplexPlan) => Record<string, unknown>,
  untyped: () => void,
): unknown {
  const xt = el.attrs.size !== 0 ? el.attrs.get(XSI_TYPE) : undefined;
  if (xt !== undefined) {
    const q = resolveQName(el, xt);
    if (q !== undefined && q.ns === XSD_NS && q.local !== "anyType") {
      const s = scalarPlan(`xs:${q.local}`);
      if (s !== undefined) return scalar(s);
    }
    const id = q !== undefined ? plan.typeIdByName(q.ns, q.local) : undefined;
    if (id !== undefined) {
      const t = plan.complex(id);
      const v = complex(t);
      return v.$type === undefined ? { $type: id, ...v } : v;
    }
  }
  untyped(); // attributes of an untyped element have no place in the value
  if (el.children.length === 0) return el.text;
  return { $xml: serializeRawContent(el) };
}

/** The `xs:` scalar an untyped JS value is sent as, or undefined for a string. */
function scalarFor(v: unknown): string | undefined {
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) && v >= INT_MIN && v <= INT_MAX ? "int" : "double";
    case "boolean":
      return "boolean";
    case "bigint":
      return v >= -(2n ** 63n) && v < 2n ** 63n ? "long" : "integer";
    default:
      if (v instanceof Date) return "dateTime";
      if (v instanceof Uint8Array) return "base64Binary";
      return undefined;
  }
}

function writeXsiType(ctx: EncodeCtx, w: XmlWriter, n: ElementName): void {
  if (n.inlineDecl !== undefined) w.attr(n.inlineDecl[0], n.inlineDecl[1]);
  else if (ctx.used !== null && n.ns !== "") ctx.used.add(n.ns);
  w.attr("xsi:type", n.qname);
  if (ctx.used !== null) ctx.used.add(XSI_NS);
}

/** Write one non-null `xs:anyType` value as element `el`. */
export function writeAnyType(ctx: EncodeCtx, w: XmlWriter, el: ElementName, v: unknown, path: string): void {
  if (typeof v === "string") {
    openEl(ctx, w, el);
    writeText(w, v, path, "", -1);
    w.close(el.qname);
    return;
  }
  const scalar = scalarFor(v);
  if (scalar !== undefined) {
    let text: string;
    try {
      text = scalarToText(scalarPlan(`xs:${scalar}`)!, v, { ...ctx.plan.mapping, long: "bigint" });
    } catch (e) {
      throw new SerializationError(path, e instanceof ScalarError ? e.message : String(e));
    }
    openEl(ctx, w, el);
    writeXsiType(ctx, w, ctx.plan.name(XSD_NS, scalar));
    writeText(w, text, path, "", -1);
    w.close(el.qname);
    return;
  }
  if (typeof v === "object" && v !== null && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if (Object.hasOwn(o, "$xml")) {
      if (Object.keys(o).length !== 1) throw new SerializationError(path, "a RawXml value has only the $xml property");
      checkRawContent(o.$xml, `${path === "" ? "" : `${path}.`}$xml`);
      openEl(ctx, w, el);
      w.raw(o.$xml as string);
      w.close(el.qname);
      return;
    }
    const id = o.$type;
    if (typeof id === "string" && ctx.plan.meta.types[id]?.kind === "complex") {
      const t = ctx.plan.complex(id);
      return writeComplex(ctx, w, el, t, o, path, true);
    }
  }
  throw new SerializationError(
    path,
    `expected an xs:anyType value (string, number, boolean, bigint, Date, bytes, { $xml } or { $type, … } of a complex type), got ${describe(v)}`,
  );
}

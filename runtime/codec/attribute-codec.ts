/**
 * XML attributes and `xs:simpleContent` values of complex types, both ways. Attributes are
 * properties beside the element properties; the text value is `$value`; what an
 * `xs:anyAttribute` admits is `$anyAttributes` (keys `{ns}local`, or `local`).
 *
 * Encoding: values go through the type's lexical form and the writer's attribute escaper; a
 * qualified attribute gets its namespace's prefix; a `fixed` attribute only takes its fixed
 * value (and is written when required and absent); a missing required attribute fails.
 * Decoding: the same lexical/range checks as element content; `xsi:*` and the SOAP envelope's
 * attributes (`mustUnderstand`, ...) are ignored (`xmlns*` never reaches here); another undeclared attribute fails unless `decode.unknownElements: "ignore"`;
 * `default` values are NOT filled in (absent stays absent, so decode(encode(v)) equals v).
 */
import { SOAP11_ENV_NS, SOAP12_ENV_NS, XSI_NS } from "../metadata.js";
import { DeserializationError, SerializationError } from "../errors.js";
import type { XmlElement } from "../xml/parse.js";
import type { XmlWriter } from "../xml/write.js";
import type { ResolvedDecodeOptions } from "./decode-options.js";
import type { AttributePlan, ComplexPlan, Plan } from "./plan.js";
import { pathOf } from "./shared.js";
import { describe } from "./scalars.js";
import { isSimple, simpleToText, textToSimple, type SimplePlan } from "./simple-values.js";
import { metadataMismatch } from "./metadata-mismatch.js";
import { SOAPENC_NS } from "./soap-encoding.js";

const XSI_PREFIX = `{${XSI_NS}}`;
/**
 * Processing attributes, not data: `xsi:*`, the SOAP envelope's own (`mustUnderstand`,
 * `actor`, `role`, `encodingStyle` on header blocks) and SOAP encoding's (`soapenc:arrayType`,
 * `offset`, `position`).
 */
const IGNORED_PREFIXES = [XSI_PREFIX, `{${SOAP11_ENV_NS}}`, `{${SOAP12_ENV_NS}}`, `{${SOAPENC_NS}}`];

function ignored(key: string): boolean {
  return key.charCodeAt(0) === 123 /* { */ && IGNORED_PREFIXES.some((p) => key.startsWith(p));
}
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const CLARK_RE = /^\{([^{}]+)\}([A-Za-z_][A-Za-z0-9_.-]*)$/;

function simpleOf(plan: Plan, ref: string): SimplePlan {
  const t = plan.resolve(ref);
  if (!isSimple(t)) throw metadataMismatch(`attribute/text type ${ref} is ${t.kind}, expected a simple type`);
  return t;
}

function collapse(s: string): string {
  return s.replace(/[ \t\r\n]+/g, " ").trim();
}

/** Write the attributes of `c` taken from `obj` (call right after opening the element). */
export function writeAttributes(
  plan: Plan,
  w: XmlWriter,
  c: ComplexPlan,
  obj: Record<string, unknown>,
  path: string,
  used: Set<string> | null,
): void {
  for (const a of c.attributes) {
    const v = Object.hasOwn(obj, a.name) ? obj[a.name] : undefined;
    const p = pathOf(path, a.name, -1);
    let text: string;
    if (v === undefined || v === null) {
      if (v === null) throw new SerializationError(p, "null is not allowed for an attribute (omit it)");
      if (!a.meta.required) continue;
      if (a.meta.fixed === undefined) throw new SerializationError(p, "required attribute is missing");
      text = a.meta.fixed;
    } else {
      text = simpleToText(simpleOf(plan, a.meta.type), v, plan.mapping, p);
      if (a.meta.fixed !== undefined && collapse(text) !== collapse(a.meta.fixed)) {
        throw new SerializationError(
          p,
          `attribute has the fixed value ${JSON.stringify(a.meta.fixed)}, got ${JSON.stringify(text)}`,
        );
      }
    }
    writeAttribute(w, a, text, p, used);
  }
  if (c.anyAttributes && obj.$anyAttributes !== undefined)
    writeAnyAttributes(plan, w, c, obj.$anyAttributes, pathOf(path, "$anyAttributes", -1), used);
}

function writeAttribute(
  w: XmlWriter,
  a: Pick<AttributePlan, "qname" | "ns" | "inlineDecl">,
  text: string,
  path: string,
  used: Set<string> | null,
): void {
  if (a.inlineDecl !== undefined) w.attr(a.inlineDecl[0], a.inlineDecl[1], path);
  else if (used !== null && a.ns !== "") used.add(a.ns);
  w.attr(a.qname, text, path);
}

function writeAnyAttributes(
  plan: Plan,
  w: XmlWriter,
  c: ComplexPlan,
  v: unknown,
  path: string,
  used: Set<string> | null,
): void {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new SerializationError(path, `expected an object of strings, got ${describe(v)}`);
  for (const [key, value] of Object.entries(v)) {
    const p = `${path}[${JSON.stringify(key)}]`;
    if (typeof value !== "string") throw new SerializationError(p, `expected a string, got ${describe(value)}`);
    const m = CLARK_RE.exec(key);
    const ns = m ? m[1]! : "";
    const local = m ? m[2]! : key;
    if (
      (m === null && !NAME_RE.test(key)) ||
      local === "xmlns" ||
      ns === XSI_NS ||
      ns === "http://www.w3.org/2000/xmlns/"
    ) {
      throw new SerializationError(
        p,
        "expected a key `{namespace}local` or `local` naming an attribute (not xmlns or xsi)",
      );
    }
    if (c.attributes.some((a) => a.ns === ns && a.local === local))
      throw new SerializationError(p, `attribute ${key} is declared: set the ${local} property instead`);
    writeAttribute(w, plan.name(ns, local), value, p, used);
  }
}

/** Write `$value` of a simple-content type (call after the attributes). */
export function simpleContentText(plan: Plan, c: ComplexPlan, obj: Record<string, unknown>, path: string): string {
  const v = obj.$value;
  const p = pathOf(path, "$value", -1);
  if (v === undefined || v === null) throw new SerializationError(p, "the text value ($value) is missing");
  return simpleToText(simpleOf(plan, c.text!), v, plan.mapping, p);
}

/** Read the attributes (and `$anyAttributes`) of `el` into `out`. */
export function readAttributes(
  plan: Plan,
  opts: ResolvedDecodeOptions,
  c: ComplexPlan,
  el: XmlElement,
  path: string,
  out: Record<string, unknown>,
): void {
  let any: Record<string, string> | undefined;
  for (const [key, value] of el.attrs) {
    const a = c.attributes.find((x) => x.key === key);
    if (a !== undefined) {
      out[a.name] = readAttribute(plan, opts, a, value, path, el);
    } else if (ignored(key)) {
      continue;
    } else if (c.anyAttributes) {
      (any ??= {})[key] = value;
    } else if (!opts.ignoreUnknownElements) {
      throw unknownAttribute(c, key, path, el);
    }
  }
  if (any !== undefined) out.$anyAttributes = any;
  for (const a of c.attributes) {
    if (a.meta.required && !Object.hasOwn(out, a.name)) {
      throw new DeserializationError(
        pathOf(path, a.name, -1),
        `required attribute ${a.key} is missing`,
        el.line,
        el.column,
      );
    }
  }
}

function readAttribute(
  plan: Plan,
  opts: ResolvedDecodeOptions,
  a: AttributePlan,
  text: string,
  path: string,
  el: XmlElement,
): unknown {
  const p = pathOf(path, a.name, -1);
  if (a.meta.fixed !== undefined && collapse(text) !== collapse(a.meta.fixed)) {
    throw new DeserializationError(
      p,
      `attribute ${a.key} must have the fixed value ${JSON.stringify(a.meta.fixed)}`,
      el.line,
      el.column,
    );
  }
  return textToSimple(simpleOf(plan, a.meta.type), text, plan.mapping, opts.acceptUnknownEnums, p, el);
}

/** `$value` of a simple-content element. */
export function readSimpleContent(
  plan: Plan,
  opts: ResolvedDecodeOptions,
  c: ComplexPlan,
  el: XmlElement,
  path: string,
): unknown {
  return textToSimple(
    simpleOf(plan, c.text!),
    el.text,
    plan.mapping,
    opts.acceptUnknownEnums,
    pathOf(path, "$value", -1),
    el,
  );
}

/** Attributes on an element of a simple type: only `xsi:*` and SOAP's own are expected. */
export function checkNoAttributes(opts: ResolvedDecodeOptions, el: XmlElement, path: string): void {
  if (opts.ignoreUnknownElements) return;
  for (const key of el.attrs.keys()) {
    if (!ignored(key))
      throw new DeserializationError(
        path,
        `unexpected attribute ${short(key)} on an element of a simple type (decode.unknownElements: "ignore" skips it)`,
        el.line,
        el.column,
      );
  }
}

function unknownAttribute(c: ComplexPlan, key: string, path: string, el: XmlElement): DeserializationError {
  const names = c.attributes.map((a) => a.key).join(", ") || "(none)";
  return new DeserializationError(
    path,
    `unexpected attribute ${short(key)} on ${c.id}; expected one of: ${names} (decode.unknownElements: "ignore" skips it)`,
    el.line,
    el.column,
  );
}

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

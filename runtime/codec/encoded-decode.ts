/**
 * rpc/encoded responses (SOAP 1.1 section 5) → the literal shape the decoder reads: `href="#id"`
 * references are replaced by their `multiRef` (Axis 1 puts them beside the wrapper in `Body`),
 * array items are renamed to the array's item element (encoders name them freely), children
 * are renamed to their field (encoded children are unqualified), and the encoding attributes
 * (`xsi:type` naming XSD or soapenc types, `soapenc:arrayType`, `id`, `encodingStyle`, …) are
 * dropped. `xsi:type` naming a type of the metadata is kept: it selects a subtype.
 */
import { DeserializationError } from "../errors.js";
import { XSD_NS, XSI_NS } from "../metadata.js";
import { resolveQName, type XmlElement } from "../xml/parse.js";
import type { ComplexPlan, Plan, TypePlan } from "./plan.js";
import { SOAPENC_NS } from "./soap-encoding.js";

const XSI_TYPE = `{${XSI_NS}}type`;
const XSI_NIL = `{${XSI_NS}}nil`;
/** Deeper than the parser allows (256 levels) only through href chains: treated as a cycle. */
const MAX_DEPTH = 256;

/** The elements of `body` with an `id` attribute (multiRef targets), by id. */
export function multiRefs(body: XmlElement): Map<string, XmlElement> {
  const ids = new Map<string, XmlElement>();
  for (const c of body.children) {
    const id = c.attrs.get("id");
    if (id !== undefined) ids.set(id, c);
  }
  return ids;
}

/** `el` (of type `t`) with references resolved and encoding details removed. */
export function normalizeEncoded(
  plan: Plan,
  t: TypePlan,
  el: XmlElement,
  ids: ReadonlyMap<string, XmlElement>,
  depth = 0,
): XmlElement {
  if (depth > MAX_DEPTH)
    throw new DeserializationError("", "href references nest too deeply (a cycle?)", el.line, el.column);
  const src = deref(el, ids);
  if (t.kind === "complex") return complex(plan, t, el, src, ids, depth);
  if (t.kind === "array") {
    const item = t.item;
    const children = src.children.map((c) =>
      renamed(normalizeEncoded(plan, plan.typeOf(item), c, ids, depth + 1), item.ns, item.local),
    );
    return { ...src, ns: el.ns, local: el.local, attrs: cleanAttrs(plan, src, false), children };
  }
  return { ...src, ns: el.ns, local: el.local, attrs: cleanAttrs(plan, src, false) };
}

function complex(
  plan: Plan,
  t: ComplexPlan,
  el: XmlElement,
  src: XmlElement,
  ids: ReadonlyMap<string, XmlElement>,
  depth: number,
): XmlElement {
  const attrs = cleanAttrs(plan, src, true);
  const xt = attrs.get(XSI_TYPE);
  const q = xt === undefined ? undefined : resolveQName(src, xt);
  const sub = q === undefined ? undefined : plan.typeIdByName(q.ns, q.local);
  const actual = sub !== undefined && t.subtypes.has(sub) ? plan.complex(sub) : t;
  const children = src.children.map((c) => {
    const f =
      actual.fields.find((x) => x.local === c.local && x.ns === c.ns) ?? actual.fields.find((x) => x.local === c.local);
    if (f === undefined) return c;
    return renamed(normalizeEncoded(plan, plan.typeOf(f), c, ids, depth + 1), f.ns, f.local);
  });
  return { ...src, ns: el.ns, local: el.local, attrs, children };
}

function renamed(el: XmlElement, ns: string, local: string): XmlElement {
  return el.ns === ns && el.local === local ? el : { ...el, ns, local };
}

/** The element `href="#id"` points to (its content and attributes), or `el` itself. */
function deref(el: XmlElement, ids: ReadonlyMap<string, XmlElement>): XmlElement {
  const href = el.attrs.get("href");
  if (href === undefined) return el;
  const target = href.startsWith("#") ? ids.get(href.slice(1)) : undefined;
  if (target === undefined)
    throw new DeserializationError("", `href="${href.slice(0, 80)}" names no multiRef in the Body`, el.line, el.column);
  if (target.attrs.has("href"))
    throw new DeserializationError("", "an href points to another href", el.line, el.column);
  return target;
}

/** Attributes without the encoding ones; `xsi:type` kept only on complex values naming a metadata type. */
function cleanAttrs(plan: Plan, el: XmlElement, complex: boolean): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of el.attrs) {
    if (k === "id" || k === "href" || k.startsWith(`{${SOAPENC_NS}}`) || k.endsWith("}encodingStyle")) continue;
    if (k === XSI_TYPE) {
      const q = complex ? resolveQName(el, v) : undefined;
      if (q === undefined || q.ns === XSD_NS || q.ns === SOAPENC_NS || plan.typeIdByName(q.ns, q.local) === undefined)
        continue;
    }
    if (!complex && k !== XSI_NIL) continue;
    out.set(k, v);
  }
  return out;
}

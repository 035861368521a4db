/**
 * Validation mode: what the runtime's strict decoder does not check. The decoder already rejects
 * unknown elements, bad lexical forms, `xsi:nil` on non-nillable elements, too many occurrences
 * and missing required elements; this adds the ORDER of a sequence's elements (the decoder reads
 * them by name) and `minOccurs` above 1, walking the request alongside the metadata. Content
 * models with choices/groups (metadata v3) and rpc/encoded bodies (order-free) are left to the decoder.
 */
import type { FieldMeta, OperationMeta, ParsedEnvelope, ServiceMetadata, TypeRef, XmlElement } from "@soapkit/runtime";
import { XSI_NS, resolveQName } from "@soapkit/runtime";
import { allFields, contentParticles, isScalarRef } from "./meta-walk.js";

const XSI_TYPE = `{${XSI_NS}}type`;
const XSI_NIL = `{${XSI_NS}}nil`;

/** The type an element carries: its `xsi:type` when that names a known complex type, else `declared`. */
function actualType(meta: ServiceMetadata, declared: TypeRef, el: XmlElement): TypeRef {
  const xt = el.attrs.get(XSI_TYPE);
  const q = xt === undefined ? undefined : resolveQName(el, xt);
  if (q === undefined) return declared;
  for (const [id, t] of Object.entries(meta.types))
    if (t.kind === "complex" && t.ns === q.ns && t.local === q.local) return id;
  return declared;
}

const matches = (f: FieldMeta, c: XmlElement): boolean => f.name === c.local && (f.ns === c.ns || f.ns === "");

/** The first violation inside `el` (a value of `ref`), or undefined. */
function checkValue(meta: ServiceMetadata, ref: TypeRef, el: XmlElement, path: string): string | undefined {
  if (isScalarRef(ref) || el.attrs.get(XSI_NIL) === "true") return undefined;
  const t = meta.types[ref];
  if (t?.kind === "array") {
    for (const [i, c] of el.children.entries()) {
      const v = checkValue(meta, t.item.type, c, `${path}/${c.local}[${i + 1}]`);
      if (v !== undefined) return v;
    }
    return undefined;
  }
  if (t?.kind !== "complex") return undefined;
  const actual = actualType(meta, ref, el);
  if (contentParticles(meta, actual) !== undefined) return undefined;
  return checkSequence(meta, allFields(meta, actual), el, path);
}

function checkSequence(
  meta: ServiceMetadata,
  fields: readonly FieldMeta[],
  el: XmlElement,
  path: string,
): string | undefined {
  const counts = new Array<number>(fields.length).fill(0);
  let at = 0;
  for (const c of el.children) {
    const j = fields.findIndex((f) => matches(f, c));
    if (j < 0) continue; // the decoder names unexpected elements
    const where = `${path}/${c.local}`;
    if (j < at) return `${where}: out of order, the schema's sequence puts it before ${fields[at]!.name}`;
    for (let k = at; k < j; k++) {
      const f = fields[k]!;
      if (counts[k]! >= f.min) continue;
      if (el.children.some((x) => matches(f, x)))
        return `${path}/${f.name}: out of order, the schema's sequence puts it after ${c.local}`;
      return `${path}/${f.name}: ${counts[k]} occurrence(s), minOccurs is ${f.min}`;
    }
    at = j;
    counts[j]!++;
    const inner = checkValue(meta, fields[j]!.type, c, fields[j]!.max === 1 ? where : `${where}[${counts[j]}]`);
    if (inner !== undefined) return inner;
  }
  for (let k = at; k < fields.length; k++) {
    const f = fields[k]!;
    if (counts[k]! < f.min) return `${path}/${f.name}: ${counts[k]} occurrence(s), minOccurs is ${f.min}`;
  }
  return undefined;
}

/** The first schema violation of a request the decoder accepted, named by its element path. */
export function checkRequest(meta: ServiceMetadata, op: OperationMeta, env: ParsedEnvelope): string | undefined {
  if (op.encoded === true) return undefined;
  if (op.input.element === "") return checkValue(meta, op.input.type, env.body, "Body");
  const wrapper = env.firstBodyChild;
  return wrapper === undefined ? undefined : checkValue(meta, op.input.type, wrapper, wrapper.local);
}

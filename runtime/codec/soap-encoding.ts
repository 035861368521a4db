/**
 * SOAP 1.1 section 5 encoding pieces the type walkers use (metadata format v3): the
 * `soapenc:Array` attributes of an encoded array, and the `xsi:type` name of any type
 * reference. Exported for the rpc/encoded body code, which adds `xsi:type` on every part
 * and href/multiRef handling around these.
 */
import { XSD_NS } from "../metadata.js";
import type { TypeRef } from "../metadata.js";
import type { XmlWriter } from "../xml/write.js";
import type { ArrayPlan, ElementName, Plan } from "./plan.js";

/** SOAP 1.1 encoding namespace (`soapenc`). */
export const SOAPENC_NS = "http://schemas.xmlsoap.org/soap/encoding/";

/** The XML name of a type reference: `xs:int` → `{XSD}int`, a type id → its `ns`/`local`. */
export function typeName(plan: Plan, ref: TypeRef): ElementName {
  if (ref.startsWith("xs:")) return plan.name(XSD_NS, ref.slice(3));
  const t = plan.meta.types[ref];
  return t === undefined ? plan.name("", ref) : plan.name(t.ns, t.local);
}

/** Declare `n`'s namespace on the open element when it needs an inline declaration (deduplicated). */
export function declareFor(w: XmlWriter, n: ElementName, declared: Set<string>, used: Set<string> | null): void {
  if (n.inlineDecl !== undefined) {
    if (!declared.has(n.inlineDecl[0])) w.attr(n.inlineDecl[0], n.inlineDecl[1]);
    declared.add(n.inlineDecl[0]);
  } else if (used !== null && n.ns !== "") used.add(n.ns);
}

/**
 * Write `xsi:type="soapenc:Array"` and `soapenc:arrayType="<item type>[count]"` on the array
 * element just opened (call right after `open`). `used` collects namespaces when the fragment
 * declares its own (encode option `declareNamespaces`).
 */
export function writeEncodedArrayAttributes(
  plan: Plan,
  w: XmlWriter,
  t: ArrayPlan,
  count: number,
  used: Set<string> | null,
  declared: Set<string> = new Set(),
): void {
  const arr = plan.name(SOAPENC_NS, "Array");
  const arrayType = plan.name(SOAPENC_NS, "arrayType");
  const item = typeName(plan, t.item.typeId);
  declareFor(w, arr, declared, used);
  declareFor(w, item, declared, used);
  w.attr("xsi:type", arr.qname);
  w.attr(arrayType.qname, `${item.qname}[${count}]`);
}

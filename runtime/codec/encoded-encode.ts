/**
 * rpc/encoded bodies (SOAP 1.1 section 5): the operation wrapper carries
 * `soap:encodingStyle`, every part and every nested element carries `xsi:type`, and arrays are
 * `soapenc:Array`s (`soapenc:arrayType="T[n]"`, items named `item`). Values are written inline
 * (no `href`/`multiRef`); the shapes come from the same compiled plan as literal bodies.
 */
import { XSD_NS, type BodyMeta, type ServiceMetadata } from "../metadata.js";
import { SOAPENC_NS } from "./soap-encoding.js";
import { SerializationError, SoapkitError } from "../errors.js";
import { XmlWriter } from "../xml/write.js";
import { planFor, type ElementName, type FieldPlan, type Plan, type TypePlan } from "./plan.js";
import { concreteComplex, pathOf } from "./shared.js";
import { ScalarError, describe } from "./scalars.js";
import { simpleToText } from "./simple-values.js";
import { writeAttributes } from "./attribute-codec.js";

/** Encode the wrapper of an rpc/encoded body (the envelope binds `soap` and `xsi`). */
export function encodeEncodedBody(meta: ServiceMetadata, body: BodyMeta, value: object | undefined): string {
  const plan = planFor(meta);
  const el = plan.name(body.ns, body.element);
  const w = new XmlWriter();
  w.open(el.qname);
  if (el.inlineDecl !== undefined) w.attr(el.inlineDecl[0], el.inlineDecl[1]);
  w.attr("xmlns:xsd", XSD_NS).attr("xmlns:soapenc", SOAPENC_NS).attr("soap:encodingStyle", SOAPENC_NS);
  try {
    const { obj, actual } = concreteComplex(plan, plan.complex(body.type), value ?? {}, "");
    for (const f of actual.fields) writeField(plan, w, f, Object.hasOwn(obj, f.name) ? obj[f.name] : undefined, "");
  } catch (e) {
    throw rethrow(e, "");
  }
  w.close(el.qname);
  return w.toString();
}

function writeNil(w: XmlWriter, el: ElementName): void {
  open(w, el).rawAttr("xsi:nil", "true").close(el.qname);
}

function open(w: XmlWriter, el: ElementName): XmlWriter {
  w.open(el.qname);
  if (el.inlineDecl !== undefined) w.attr(el.inlineDecl[0], el.inlineDecl[1]);
  return w;
}

function writeField(plan: Plan, w: XmlWriter, f: FieldPlan, v: unknown, parent: string): void {
  if (v === undefined) {
    if (f.min < 1) return;
    if (f.nillable && !f.repeated) return writeNil(w, f);
    throw new SerializationError(pathOf(parent, f.name, -1), "required property is missing");
  }
  if (v === null) {
    if (f.nillable) return writeNil(w, f);
    throw new SerializationError(pathOf(parent, f.name, -1), "null is not allowed (element is not nillable)");
  }
  if (!f.repeated) return writeValue(plan, w, f, plan.typeOf(f), v, pathOf(parent, f.name, -1));
  if (!Array.isArray(v))
    throw new SerializationError(pathOf(parent, f.name, -1), `expected an array, got ${describe(v)}`);
  v.forEach((x: unknown, i) => {
    if (x === null && f.nillable) writeNil(w, f);
    else writeValue(plan, w, f, plan.typeOf(f), x, pathOf(parent, f.name, i));
  });
}

/** The `xsi:type` value naming `t` (undefined for `xs:anyType`, which names no type). */
function typeName(plan: Plan, t: TypePlan): ElementName | undefined {
  switch (t.kind) {
    case "scalar":
      return t.name === "anyType" ? undefined : { qname: `xsd:${t.name}`, ns: XSD_NS, local: t.name };
    case "complex":
      return t.xsiType;
    case "array":
      return { qname: "soapenc:Array", ns: SOAPENC_NS, local: "Array" };
    default:
      return plan.name(t.meta.ns, t.meta.local);
  }
}

/** The declared simple type of `el` when it is an alias (a restricted scalar): `xsi:type` names it, not its base. */
function aliasName(plan: Plan, el: ElementName): ElementName | undefined {
  const id = (el as Partial<FieldPlan>).typeId;
  const t = id === undefined ? undefined : plan.meta.types[id];
  return t?.kind === "alias" ? plan.name(t.ns, t.local) : undefined;
}

function writeType(w: XmlWriter, name: ElementName | undefined): void {
  if (name === undefined) return;
  if (name.inlineDecl !== undefined) w.attr(name.inlineDecl[0], name.inlineDecl[1]);
  w.attr("xsi:type", name.qname);
}

function writeValue(plan: Plan, w: XmlWriter, el: ElementName, t: TypePlan, v: unknown, path: string): void {
  if (v === null || v === undefined) throw new SerializationError(path, `${String(v)} is not allowed here`);
  switch (t.kind) {
    case "scalar":
    case "enum":
    case "list": {
      const text = simpleToText(t, v, plan.mapping, path);
      open(w, el);
      writeType(
        w,
        t.kind === "scalar" && t.name === "anyType" && typeof v === "string"
          ? xsdString
          : (aliasName(plan, el) ?? typeName(plan, t)),
      );
      w.text(text, path).close(el.qname);
      return;
    }
    case "array": {
      if (!Array.isArray(v)) throw new SerializationError(path, `expected an array (${t.id}), got ${describe(v)}`);
      const itemType = typeName(plan, plan.typeOf(t.item));
      open(w, el);
      writeType(w, typeName(plan, t));
      if (itemType?.inlineDecl !== undefined) w.attr(itemType.inlineDecl[0], itemType.inlineDecl[1]);
      w.attr("soapenc:arrayType", `${itemType?.qname ?? "xsd:anyType"}[${v.length}]`);
      v.forEach((x: unknown, i) => {
        if (x === null) writeNil(w, t.item);
        else writeValue(plan, w, t.item, plan.typeOf(t.item), x, `${path}[${i}]`);
      });
      w.close(el.qname);
      return;
    }
    case "complex": {
      const { obj, actual } = concreteComplex(plan, t, v, path);
      open(w, el);
      writeType(w, actual.xsiType);
      if (actual.extraKeys.size !== 0) writeAttributes(plan, w, actual, obj, path, null);
      for (const f of actual.fields) writeField(plan, w, f, Object.hasOwn(obj, f.name) ? obj[f.name] : undefined, path);
      w.close(el.qname);
      return;
    }
  }
}

const xsdString: ElementName = { qname: "xsd:string", ns: XSD_NS, local: "string" };

function rethrow(e: unknown, path: string): Error {
  if (e instanceof ScalarError) return new SerializationError(path, e.message);
  if (e instanceof SoapkitError) return e;
  return new SerializationError(path, e instanceof Error ? e.message : String(e), { cause: e });
}

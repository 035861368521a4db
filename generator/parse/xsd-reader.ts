/**
 * `xs:schema` element tree → raw XSD model (see raw-xsd.ts). No resolution across schemas
 * happens here; unsupported constructs become `RawUnsupported` markers.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readAnnotation } from "./annotation.js";
import { NS } from "./namespaces.js";
import { qnameAttribute, resolveQName, type QNameRef } from "./qname.js";
import type {
  RawAny,
  RawAttribute,
  RawAttributeUse,
  RawComplexContent,
  RawComplexType,
  RawElement,
  RawEnumeration,
  RawGroupDefinition,
  RawModelGroup,
  RawParticle,
  RawSchema,
  RawSchemaReference,
  RawSimpleContent,
  RawSimpleType,
  RawUnsupported,
} from "./raw-xsd.js";
import { attributeLocation, attributeValue, findAttribute, nodeLocation, type XmlNode } from "./xml.js";

interface Ctx {
  readonly tns: string;
  /** Chameleon include: no-namespace references are coerced to `tns` (XSD 1.0 §4.2.1). */
  readonly chameleon: boolean;
  readonly elementFormDefault: "qualified" | "unqualified";
  readonly attributeFormDefault: "qualified" | "unqualified";
  readonly diagnostics: Diagnostic[];
}

const FACETS = new Set([
  "pattern",
  "length",
  "minLength",
  "maxLength",
  "minInclusive",
  "maxInclusive",
  "minExclusive",
  "maxExclusive",
  "totalDigits",
  "fractionDigits",
  "whiteSpace",
]);

const MODEL_GROUPS = new Set(["sequence", "choice", "all"]);

/** Chameleon coercion of a no-namespace reference. */
function chameleonRef(r: QNameRef, ctx: Ctx): QNameRef {
  if (!ctx.chameleon || r.qname?.ns !== "") return r;
  return { ...r, qname: { ns: ctx.tns, local: r.qname.local } };
}

/** A QName-valued attribute, with chameleon coercion of no-namespace references. */
function ref(node: XmlNode, attr: string, ctx: Ctx): QNameRef | undefined {
  const r = qnameAttribute(node, attr);
  return r === undefined ? undefined : chameleonRef(r, ctx);
}

function unsupported(node: XmlNode, construct?: string): RawUnsupported {
  return { kind: "unsupported", construct: construct ?? `xs:${node.local}`, location: nodeLocation(node) };
}

function isTrue(v: string | undefined): boolean {
  return v !== undefined && (v.trim() === "true" || v.trim() === "1");
}

function occurs(node: XmlNode, attr: "minOccurs" | "maxOccurs", ctx: Ctx): number {
  const v = attributeValue(node, attr)?.trim();
  if (v === undefined) return 1;
  if (attr === "maxOccurs" && v === "unbounded") return -1;
  if (/^\d+$/.test(v)) return Number(v);
  ctx.diagnostics.push({
    kind: "xsd-invalid",
    message: `${attr}="${v}" is not a non-negative integer${attr === "maxOccurs" ? ' or "unbounded"' : ""}`,
    location: attributeLocation(node, attr),
  });
  return 1;
}

function form(node: XmlNode, fallback: "qualified" | "unqualified"): "qualified" | "unqualified" {
  const f = attributeValue(node, "form")?.trim();
  return f === "qualified" || f === "unqualified" ? f : fallback;
}

function xsdChildren(node: XmlNode): XmlNode[] {
  return node.children.filter((c) => c.ns === NS.xsd);
}

/** Read an `xs:element` (global when `global`, else a particle inside a content model). */
function readElement(node: XmlNode, ctx: Ctx, global: boolean): RawElement {
  const name = attributeValue(node, "name")?.trim();
  let inlineType: RawComplexType | RawSimpleType | undefined;
  for (const c of xsdChildren(node)) {
    if (c.local === "complexType") inlineType = readComplexType(c, ctx);
    else if (c.local === "simpleType") inlineType = readSimpleType(c, ctx);
  }
  const qualified = global || form(node, ctx.elementFormDefault) === "qualified";
  return {
    kind: "element",
    name: name,
    ns: qualified ? ctx.tns : "",
    ref: ref(node, "ref", ctx),
    type: ref(node, "type", ctx),
    inlineType: inlineType,
    minOccurs: global ? 1 : occurs(node, "minOccurs", ctx),
    maxOccurs: global ? 1 : occurs(node, "maxOccurs", ctx),
    nillable: isTrue(attributeValue(node, "nillable")),
    abstract: isTrue(attributeValue(node, "abstract")),
    substitutionGroup: ref(node, "substitutionGroup", ctx),
    default: attributeValue(node, "default"),
    fixed: attributeValue(node, "fixed"),
    annotation: readAnnotation(node),
    location: nodeLocation(node),
  };
}

function readAny(node: XmlNode, ctx: Ctx): RawAny {
  const process = attributeValue(node, "processContents")?.trim();
  return {
    kind: "any",
    minOccurs: occurs(node, "minOccurs", ctx),
    maxOccurs: occurs(node, "maxOccurs", ctx),
    namespace: attributeValue(node, "namespace")?.trim().replace(/\s+/g, " ") || "##any",
    process: process === "lax" || process === "skip" ? process : "strict",
    location: nodeLocation(node),
  };
}

/** A model group (`xs:sequence`, `xs:choice`, `xs:all`) with its particles. */
function readGroup(node: XmlNode, ctx: Ctx): RawModelGroup {
  const particles: RawParticle[] = [];
  for (const c of xsdChildren(node)) readParticle(c, ctx, node.local === "sequence", particles);
  return {
    kind: node.local as RawModelGroup["kind"],
    minOccurs: occurs(node, "minOccurs", ctx),
    maxOccurs: occurs(node, "maxOccurs", ctx),
    particles,
    location: nodeLocation(node),
  };
}

/** One particle child; a sequence occurring once inside a sequence is flattened into `out`. */
function readParticle(c: XmlNode, ctx: Ctx, inSequence: boolean, out: RawParticle[]): void {
  switch (c.local) {
    case "element":
      out.push(readElement(c, ctx, false));
      break;
    case "sequence":
    case "choice":
    case "all": {
      const g = readGroup(c, ctx);
      if (inSequence && g.kind === "sequence" && g.minOccurs === 1 && g.maxOccurs === 1) out.push(...g.particles);
      else out.push(g);
      break;
    }
    case "group":
      out.push({
        kind: "groupRef",
        ref: ref(c, "ref", ctx),
        minOccurs: occurs(c, "minOccurs", ctx),
        maxOccurs: occurs(c, "maxOccurs", ctx),
        location: nodeLocation(c),
      });
      break;
    case "any":
      out.push(readAny(c, ctx));
      break;
  }
}

/** The model group (sequence/choice/all/group) and attributes under a complexType or derivation. */
function readModel(node: XmlNode, ctx: Ctx, attributes: RawAttributeUse[]): RawParticle[] {
  const particles: RawParticle[] = [];
  for (const c of xsdChildren(node)) {
    switch (c.local) {
      case "sequence":
      case "choice":
      case "all":
      case "group":
        readParticle(c, ctx, true, particles);
        break;
      case "attribute":
        attributes.push(readAttribute(c, ctx, false));
        break;
      case "attributeGroup":
        attributes.push({ kind: "attributeGroup", ref: ref(c, "ref", ctx), location: nodeLocation(c) });
        break;
      case "anyAttribute":
        attributes.push({ kind: "anyAttribute", location: nodeLocation(c) });
        break;
    }
  }
  return particles;
}

/** Read an `xs:complexType` (named or anonymous). */
function readComplexType(node: XmlNode, ctx: Ctx): RawComplexType {
  const attributes: RawAttributeUse[] = [];
  let mixed = isTrue(attributeValue(node, "mixed"));
  let content: RawComplexContent | undefined;
  for (const c of xsdChildren(node)) {
    if (c.local === "complexContent") {
      mixed ||= isTrue(attributeValue(c, "mixed"));
      const derivation = xsdChildren(c).find((d) => d.local === "extension" || d.local === "restriction");
      if (derivation === undefined) {
        content = unsupported(c, "xs:complexContent without extension/restriction");
      } else {
        content = {
          kind: derivation.local as "extension" | "restriction",
          base: ref(derivation, "base", ctx),
          particles: readModel(derivation, ctx, attributes),
          location: nodeLocation(derivation),
        };
      }
    } else if (c.local === "simpleContent") {
      content = readSimpleContent(c, ctx, attributes);
    }
  }
  content ??= { kind: "sequence", particles: readModel(node, ctx, attributes) };
  return {
    kind: "complexType",
    name: attributeValue(node, "name")?.trim(),
    ns: ctx.tns,
    abstract: isTrue(attributeValue(node, "abstract")),
    mixed,
    annotation: readAnnotation(node),
    content,
    attributes,
    location: nodeLocation(node),
  };
}

/** `xs:simpleContent` with its extension/restriction: value base and attributes. */
function readSimpleContent(node: XmlNode, ctx: Ctx, attributes: RawAttributeUse[]): RawComplexContent {
  const derivation = xsdChildren(node).find((d) => d.local === "extension" || d.local === "restriction");
  if (derivation === undefined) return unsupported(node, "xs:simpleContent without extension/restriction");
  const enumerations: RawEnumeration[] = [];
  for (const c of xsdChildren(derivation)) {
    if (c.local === "enumeration") {
      enumerations.push({
        value: attributeValue(c, "value") ?? "",
        annotation: readAnnotation(c),
        location: nodeLocation(c),
      });
    } else if (c.local === "simpleType")
      return unsupported(c, "xs:simpleContent/xs:restriction with an inline xs:simpleType");
  }
  readModel(derivation, ctx, attributes);
  return {
    kind: "simpleContent",
    derivation: derivation.local as "extension" | "restriction",
    base: ref(derivation, "base", ctx),
    enumerations,
    location: nodeLocation(derivation),
  };
}

/** Attribute uses directly under an `xs:attributeGroup` definition. */
function readAttributeUses(node: XmlNode, ctx: Ctx): RawAttributeUse[] {
  const attributes: RawAttributeUse[] = [];
  readModel(node, ctx, attributes);
  return attributes;
}

function readRestriction(node: XmlNode, ctx: Ctx): RawSimpleContent {
  let inlineBase: RawSimpleType | undefined;
  const enumerations: RawEnumeration[] = [];
  const facets: { name: string; value: string }[] = [];
  for (const c of xsdChildren(node)) {
    if (c.local === "simpleType") inlineBase = readSimpleType(c, ctx);
    else if (c.local === "enumeration") {
      enumerations.push({
        value: attributeValue(c, "value") ?? "",
        annotation: readAnnotation(c),
        location: nodeLocation(c),
      });
    } else if (FACETS.has(c.local)) {
      facets.push({ name: c.local, value: attributeValue(c, "value") ?? "" });
    }
  }
  return {
    kind: "restriction",
    base: ref(node, "base", ctx),
    inlineBase: inlineBase,
    enumerations,
    facets,
    location: nodeLocation(node),
  };
}

function readUnion(node: XmlNode, ctx: Ctx): RawSimpleContent {
  const members = attributeValue(node, "memberTypes")?.trim() ?? "";
  const at = attributeLocation(node, "memberTypes");
  const memberTypes =
    members === "" ? [] : members.split(/\s+/).map((m) => chameleonRef(resolveQName(m, node, at), ctx));
  const inlineMembers = xsdChildren(node)
    .filter((c) => c.local === "simpleType")
    .map((c) => readSimpleType(c, ctx));
  return { kind: "union", memberTypes, inlineMembers, location: nodeLocation(node) };
}

/** Read an `xs:simpleType` (named or anonymous). */
function readSimpleType(node: XmlNode, ctx: Ctx): RawSimpleType {
  let content: RawSimpleContent | undefined;
  for (const c of xsdChildren(node)) {
    if (c.local === "restriction") content = readRestriction(c, ctx);
    else if (c.local === "list") {
      const inline = xsdChildren(c).find((s) => s.local === "simpleType");
      content = {
        kind: "list",
        itemType: ref(c, "itemType", ctx),
        inlineItem: inline && readSimpleType(inline, ctx),
        location: nodeLocation(c),
      };
    } else if (c.local === "union") content = readUnion(c, ctx);
  }
  return {
    kind: "simpleType",
    name: attributeValue(node, "name")?.trim(),
    ns: ctx.tns,
    annotation: readAnnotation(node),
    content: content ?? unsupported(node, "xs:simpleType without restriction, list or union"),
    location: nodeLocation(node),
  };
}

function readAttribute(node: XmlNode, ctx: Ctx, global: boolean): RawAttribute {
  const use = attributeValue(node, "use")?.trim();
  const inline = xsdChildren(node).find((c) => c.local === "simpleType");
  const qualified = global || form(node, ctx.attributeFormDefault) === "qualified";
  return {
    kind: "attribute",
    name: attributeValue(node, "name")?.trim(),
    ns: qualified ? ctx.tns : "",
    ref: ref(node, "ref", ctx),
    type: ref(node, "type", ctx),
    inlineType: inline && readSimpleType(inline, ctx),
    use: use === "required" || use === "prohibited" ? use : "optional",
    default: attributeValue(node, "default"),
    fixed: attributeValue(node, "fixed"),
    annotation: readAnnotation(node),
    location: nodeLocation(node),
  };
}

function requireName(node: XmlNode, ctx: Ctx): string | undefined {
  const name = attributeValue(node, "name")?.trim();
  if (name) return name;
  ctx.diagnostics.push({
    kind: "xsd-invalid",
    message: `global xs:${node.local} has no name attribute`,
    location: nodeLocation(node),
  });
  return undefined;
}

/**
 * Read an `xs:schema` element. `targetNamespace` overrides the schema's own (chameleon
 * `xs:include` of a schema without targetNamespace). Problems go to `diagnostics`.
 */
export function readSchema(node: XmlNode, diagnostics: Diagnostic[], targetNamespace?: string): RawSchema {
  const declared = findAttribute(node, "targetNamespace");
  const efd = attributeValue(node, "elementFormDefault")?.trim();
  const afd = attributeValue(node, "attributeFormDefault")?.trim();
  const ctx: Ctx = {
    tns: targetNamespace ?? declared?.value.trim() ?? "",
    chameleon: targetNamespace !== undefined && declared === undefined,
    elementFormDefault: efd === "qualified" ? "qualified" : "unqualified",
    attributeFormDefault: afd === "qualified" ? "qualified" : "unqualified",
    diagnostics,
  };
  const references: RawSchemaReference[] = [];
  const elements: RawElement[] = [];
  const types: (RawComplexType | RawSimpleType)[] = [];
  const attributes: RawAttribute[] = [];
  const groups: RawGroupDefinition[] = [];
  for (const c of xsdChildren(node)) {
    switch (c.local) {
      case "import":
      case "include":
      case "redefine":
        references.push({
          kind: c.local,
          namespace: attributeValue(c, "namespace")?.trim(),
          schemaLocation: attributeValue(c, "schemaLocation")?.trim(),
          location: nodeLocation(c),
        });
        break;
      case "element":
        if (requireName(c, ctx) !== undefined) elements.push(readElement(c, ctx, true));
        break;
      case "complexType":
        if (requireName(c, ctx) !== undefined) types.push(readComplexType(c, ctx));
        break;
      case "simpleType":
        if (requireName(c, ctx) !== undefined) types.push(readSimpleType(c, ctx));
        break;
      case "attribute":
        if (requireName(c, ctx) !== undefined) attributes.push(readAttribute(c, ctx, true));
        break;
      case "group":
      case "attributeGroup": {
        const name = requireName(c, ctx);
        if (name === undefined) break;
        const attributes = c.local === "attributeGroup" ? readAttributeUses(c, ctx) : [];
        const model = c.local === "group" ? xsdChildren(c).find((m) => MODEL_GROUPS.has(m.local)) : undefined;
        const particles = model === undefined ? [] : [readGroup(model, ctx)];
        groups.push({ kind: c.local, name, ns: ctx.tns, attributes, particles, location: nodeLocation(c) });
        break;
      }
    }
  }
  return {
    file: node.file,
    targetNamespace: ctx.tns,
    hasTargetNamespace: declared !== undefined,
    elementFormDefault: ctx.elementFormDefault,
    attributeFormDefault: ctx.attributeFormDefault,
    references,
    elements,
    types,
    attributes,
    groups,
    location: nodeLocation(node),
  };
}

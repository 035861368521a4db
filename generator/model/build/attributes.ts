/**
 * Attribute uses of a complex type → IR `Attribute`s: own `xs:attribute`s, `ref`s to global
 * attributes (any namespace), nested `xs:attributeGroup` refs (cycles are diagnosed) and
 * `xs:anyAttribute`. `use="prohibited"` removes the attribute. Attribute types must be simple.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { describeRef, unknownPrefix, type QNameRef } from "../../parse/qname.js";
import type { RawAttribute, RawAttributeUse, RawComplexType, RawSimpleType } from "../../parse/raw-xsd.js";
import { qnameKey, type Attribute, type SourceLocation, type TypeUse } from "../types.js";
import type { SymbolTables } from "./symbols.js";

export interface AttributeScope {
  readonly tables: SymbolTables;
  readonly diagnostics: Diagnostic[];
  /** Resolve a `type=` reference (schedules named types). */
  resolveType(ref: QNameRef): { readonly use: TypeUse; readonly raw?: RawComplexType | RawSimpleType };
  /** Schedule an inline `xs:simpleType` of the attribute named `name`. */
  inlineType(raw: RawSimpleType, name: string): TypeUse;
  /** What owns the attributes, for messages (`xs:complexType {ns}X`). */
  readonly owner: string;
}

export interface ResolvedAttributes {
  readonly attributes: readonly Attribute[];
  readonly anyAttribute: boolean;
}

const ANY_SIMPLE: TypeUse = { kind: "builtin", name: "anySimpleType" };

/** Resolve the attribute uses of one type (in document order, groups expanded in place). */
export function resolveAttributes(scope: AttributeScope, uses: readonly RawAttributeUse[]): ResolvedAttributes {
  const out: Attribute[] = [];
  const state = { anyAttribute: false };
  collect(scope, uses, out, state, []);
  return { attributes: uniqueNames(scope, out), anyAttribute: state.anyAttribute };
}

function collect(
  scope: AttributeScope,
  uses: readonly RawAttributeUse[],
  out: Attribute[],
  state: { anyAttribute: boolean },
  stack: readonly string[],
): void {
  for (const u of uses) {
    if (u.kind === "anyAttribute") state.anyAttribute = true;
    else if (u.kind === "attributeGroup") group(scope, u.ref, u.location, out, state, stack);
    else {
      const a = attribute(scope, u);
      if (a !== undefined) out.push(a);
    }
  }
}

function group(
  scope: AttributeScope,
  ref: QNameRef | undefined,
  at: SourceLocation,
  out: Attribute[],
  state: { anyAttribute: boolean },
  stack: readonly string[],
): void {
  if (ref === undefined) {
    scope.diagnostics.push({ kind: "xsd-invalid", message: "xs:attributeGroup has no ref attribute", location: at });
    return;
  }
  if (ref.qname === undefined) {
    scope.diagnostics.push(unknownPrefix(ref));
    return;
  }
  const key = qnameKey(ref.qname);
  const def = scope.tables.groups.get(key);
  if (def === undefined || def.kind !== "attributeGroup") {
    scope.diagnostics.push({
      kind: "xsd-unresolved-type",
      message: `xs:attributeGroup ${describeRef(ref)} is not defined in any loaded schema`,
      location: ref.location,
    });
    return;
  }
  if (stack.includes(key)) {
    scope.diagnostics.push({
      kind: "xsd-invalid",
      message: `xs:attributeGroup ${key} refers to itself (${[...stack, key].join(" → ")})`,
      location: ref.location,
    });
    return;
  }
  collect(scope, def.attributes, out, state, [...stack, key]);
}

/** One `xs:attribute` use (local declaration or `ref`); undefined when prohibited or after a diagnostic. */
function attribute(scope: AttributeScope, u: RawAttribute): Attribute | undefined {
  if (u.use === "prohibited") return undefined;
  let decl: RawAttribute = u;
  let qname = { ns: u.ns, local: u.name ?? "" };
  if (u.ref !== undefined) {
    const g = globalAttribute(scope, u.ref);
    if (g === undefined) return undefined;
    decl = g;
    qname = { ns: g.ns, local: g.name ?? "" };
  } else if (u.name === undefined || u.name === "") {
    scope.diagnostics.push({
      kind: "xsd-invalid",
      message: "xs:attribute has neither name nor ref",
      location: u.location,
    });
    return undefined;
  }
  const type = attributeType(scope, decl, qname.local);
  const fixed = u.fixed ?? decl.fixed;
  const dflt = u.default ?? decl.default;
  const doc = u.annotation.documentation ?? decl.annotation.documentation;
  return {
    qname,
    type,
    required: u.use === "required",
    ...(dflt === undefined ? {} : { default: dflt }),
    ...(fixed === undefined ? {} : { fixed }),
    ...(doc === undefined ? {} : { documentation: doc }),
    source: u.location,
  };
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
/** The attributes of the `xml:` namespace (bound by definition; schemas import it without a location). */
const XML_ATTRIBUTES: Readonly<Record<string, string>> = {
  lang: "language",
  space: "NCName",
  base: "anyURI",
  id: "ID",
};

/** `xml:lang`, `xml:space`, ... as if declared by the XML namespace's own schema. */
function xmlAttribute(ref: QNameRef): RawAttribute | undefined {
  const local = ref.qname?.local ?? "";
  const type = ref.qname?.ns === XML_NS && Object.hasOwn(XML_ATTRIBUTES, local) ? XML_ATTRIBUTES[local] : undefined;
  if (type === undefined) return undefined;
  const annotation = { isDictionary: false, isValueType: false };
  const xsType: QNameRef = {
    text: `xs:${type}`,
    prefix: "xs",
    local: type,
    qname: { ns: "http://www.w3.org/2001/XMLSchema", local: type },
    location: ref.location,
  };
  return {
    kind: "attribute",
    name: local,
    ns: XML_NS,
    type: xsType,
    use: "optional",
    annotation,
    location: ref.location,
  };
}

function globalAttribute(scope: AttributeScope, ref: QNameRef): RawAttribute | undefined {
  if (ref.qname === undefined) {
    scope.diagnostics.push(unknownPrefix(ref));
    return undefined;
  }
  const g = scope.tables.attributes.get(qnameKey(ref.qname)) ?? xmlAttribute(ref);
  if (g === undefined) {
    scope.diagnostics.push({
      kind: "xsd-unresolved-type",
      message: `attribute ${describeRef(ref)} is not defined in any loaded schema`,
      location: ref.location,
    });
  }
  return g;
}

function attributeType(scope: AttributeScope, decl: RawAttribute, name: string): TypeUse {
  if (decl.inlineType !== undefined) return scope.inlineType(decl.inlineType, name);
  if (decl.type === undefined) return ANY_SIMPLE;
  const r = scope.resolveType(decl.type);
  if (r.raw?.kind === "complexType") {
    scope.diagnostics.push({
      kind: "xsd-invalid",
      message: `attribute ${name} has complex type ${describeRef(decl.type)} (attributes take simple types)`,
      location: decl.type.location,
    });
    return ANY_SIMPLE;
  }
  return r.use;
}

/** Two attributes may not become one TypeScript property (same local name): the first is kept, the others diagnosed. */
function uniqueNames(scope: AttributeScope, list: readonly Attribute[]): Attribute[] {
  const seen = new Map<string, Attribute>();
  for (const a of list) {
    const prev = seen.get(a.qname.local);
    if (prev === undefined) {
      seen.set(a.qname.local, a);
      continue;
    }
    const same = prev.qname.ns === a.qname.ns;
    scope.diagnostics.push({
      kind: same ? "xsd-invalid" : "xsd-unsupported",
      message: same
        ? `attribute ${qnameKey(a.qname)} is declared twice in ${scope.owner}`
        : `attributes ${qnameKey(prev.qname)} and ${qnameKey(a.qname)} of ${scope.owner} share the local name '${a.qname.local}' (one TypeScript property)`,
      location: a.source,
    });
  }
  return [...seen.values()];
}

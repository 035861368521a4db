/**
 * Precompiled, cached view of a `ServiceMetadata` for the codec.
 *
 * Compiled once per metadata object (WeakMap) and per type on first use: inherited field
 * lists, name → field maps, element names with their prefixes, alias chains resolved to
 * scalars, and a (ns, local) → type id index for `xsi:type`. Per-call work is then just
 * walking values and fields.
 */

import type {
  ArrayTypeMeta,
  AttributeMeta,
  ComplexTypeMeta,
  EnumTypeMeta,
  FieldMeta,
  ListTypeMeta,
  ParticleMeta,
  ServiceMetadata,
  TypeMapping,
  TypeRef,
} from "../metadata.js";
import { XSI_NS } from "../metadata.js";
import { scalarPlan, type ScalarPlan } from "./scalars.js";
import { metadataMismatch } from "./metadata-mismatch.js";
import { compileContent, type ContentPlan } from "./content-plan.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";
/** Conventional prefixes for namespaces a fragment may need without `meta.prefixes` listing them. */
const WELL_KNOWN: ReadonlyMap<string, string> = new Map([
  ["http://www.w3.org/2001/XMLSchema", "xsd"],
  ["http://schemas.xmlsoap.org/soap/encoding/", "soapenc"],
]);

/** An element name as written, with the namespace it needs declared. */
export interface ElementName {
  /** Qualified name as written (`tns:Foo`, or `Foo` when unqualified). */
  readonly qname: string;
  readonly ns: string;
  readonly local: string;
  /**
   * Namespace declaration to put on the element itself when `ns` has no prefix in
   * `meta.prefixes` (fallback; the generator normally lists every namespace).
   */
  readonly inlineDecl?: readonly [attr: string, uri: string];
}

/** A field (or body/header element) ready for encoding and decoding. */
export interface FieldPlan extends ElementName {
  readonly name: string;
  readonly typeId: TypeRef;
  readonly min: number;
  readonly max: number;
  readonly nillable: boolean;
  /** `max !== 1`: the property is an array of repeated elements. */
  readonly repeated: boolean;
  /** Property name that cannot be assigned with `obj[name] = v` (`__proto__`). */
  readonly unsafeName: boolean;
  /** Resolved type, filled on first use (types may be recursive). */
  type: TypePlan | undefined;
  /** The field it was compiled from. */
  readonly meta: FieldMeta;
}

export interface EnumPlan {
  readonly kind: "enum";
  readonly id: string;
  readonly meta: EnumTypeMeta;
  readonly values: ReadonlySet<string>;
}

export interface ListPlan {
  readonly kind: "list";
  readonly id: string;
  readonly meta: ListTypeMeta;
  readonly item: ScalarPlan | EnumPlan;
}

export interface ArrayPlan {
  readonly kind: "array";
  readonly id: string;
  readonly meta: ArrayTypeMeta;
  readonly item: FieldPlan;
}

/** An XML attribute ready for encoding and decoding. */
export interface AttributePlan {
  /** Property name. */
  readonly name: string;
  readonly ns: string;
  readonly local: string;
  /** Name as written (`q1:Lang`, or `Lang` when unqualified). */
  readonly qname: string;
  /** Declaration of a prefix that `meta.prefixes` does not list. */
  readonly inlineDecl?: readonly [attr: string, uri: string];
  /** Key in a parsed element's `attrs` (`{ns}local`, or `local` when unqualified). */
  readonly key: string;
  readonly meta: AttributeMeta;
}

export interface ComplexPlan {
  readonly kind: "complex";
  readonly id: string;
  readonly meta: ComplexTypeMeta;
  /** Base fields first, then own fields. */
  readonly fields: readonly FieldPlan[];
  readonly byName: ReadonlyMap<string, FieldPlan>;
  /** Has a base or subtypes: values carry an optional `$type`. */
  readonly hierarchy: boolean;
  readonly hasSubtypes: boolean;
  readonly subtypes: ReadonlySet<string>;
  readonly abstract: boolean;
  /** Value of `xsi:type` naming this type. */
  readonly xsiType: ElementName;
  /** Attributes, base ones first (empty for most types). */
  readonly attributes: readonly AttributePlan[];
  /** `xs:simpleContent` value type (own or inherited), as `$value`. */
  readonly text: TypeRef | undefined;
  /** `xs:anyAttribute` (own or inherited): other attributes go to `$anyAttributes`. */
  readonly anyAttributes: boolean;
  /** Property names besides `fields` and `$type`: attributes, `$value`, `$anyAttributes`. */
  readonly extraKeys: ReadonlySet<string>;
  /**
   * Attributes and `$value` as pseudo-fields (optional/required, single, not nillable), for
   * the JSON codec, which writes them as peer members.
   */
  readonly jsonExtras: readonly FieldPlan[];
  /**
   * Metadata format v3: the content model (base particles first) when the type or a base has
   * choices, repeated groups or wildcards; `undefined` for plain sequences (the fast path).
   */
  readonly content: ContentPlan | undefined;
  /** `mixed="true"` (own or inherited): text between children in `$value`. */
  readonly mixed: boolean;
}

export type TypePlan = ScalarPlan | EnumPlan | ListPlan | ArrayPlan | ComplexPlan;

/** Compiled metadata. */
export class Plan {
  readonly mapping: TypeMapping;
  private readonly prefixByNs = new Map<string, string>();
  private readonly types = new Map<string, TypePlan>();
  private readonly elements = new WeakMap<object, FieldPlan>();
  private qnameIndex: Map<string, string> | undefined;
  private readonly fallbackPrefixes = new Map<string, string>();
  private skipped = 0;
  private readonly declaredPrefixes = new Set<string>(["xsi", "soap", "xml", "xmlns"]);

  constructor(readonly meta: ServiceMetadata) {
    this.mapping = {
      long: meta.mapping?.long ?? "bigint",
      decimal: meta.mapping?.decimal ?? "string",
      dateTime: meta.mapping?.dateTime ?? "string",
    };
    for (const [prefix, uri] of meta.prefixes) {
      if (!this.prefixByNs.has(uri)) this.prefixByNs.set(uri, prefix);
      this.declaredPrefixes.add(prefix);
    }
    if (!this.prefixByNs.has(XSI_NS)) this.prefixByNs.set(XSI_NS, "xsi");
    // Bound by definition, never declared (`xml:lang` attributes).
    this.prefixByNs.set(XML_NS, "xml");
  }

  /** Prefix used for a namespace, if `meta.prefixes` declares one. */
  prefixOf(ns: string): string | undefined {
    return this.prefixByNs.get(ns);
  }

  /** Name as written for an element or type in `ns`. */
  name(ns: string, local: string): ElementName {
    if (ns === "") return { qname: local, ns, local };
    const prefix = this.prefixByNs.get(ns);
    if (prefix !== undefined) return { qname: `${prefix}:${local}`, ns, local };
    // Not listed in meta.prefixes: declare a private prefix on the element itself
    // (one prefix per namespace, so the output does not depend on compile order much).
    let p = this.fallbackPrefixes.get(ns);
    if (p === undefined) {
      p = WELL_KNOWN.get(ns);
      if (p === undefined || this.declaredPrefixes.has(p)) {
        do p = `ns${this.fallbackPrefixes.size + this.skipped++}`;
        while (this.declaredPrefixes.has(p));
      }
      this.fallbackPrefixes.set(ns, p);
    }
    return { qname: `${p}:${local}`, ns, local, inlineDecl: [`xmlns:${p}`, ns] };
  }

  /** Compile a field of a sequence (or array item). */
  field(f: FieldMeta): FieldPlan {
    return this.makeField(f.name, f.ns, f.name, f.type, f.min, f.max, f.nillable, f);
  }

  /** Plan of a body/header element (cached per metadata object). */
  element(key: object, ns: string, local: string, name: string, type: TypeRef, nillable: boolean): FieldPlan {
    let fp = this.elements.get(key);
    if (fp === undefined) {
      fp = this.makeField(name, ns, local, type, 0, 1, nillable);
      this.elements.set(key, fp);
    }
    return fp;
  }

  private makeField(
    name: string,
    ns: string,
    local: string,
    typeId: TypeRef,
    min: number,
    max: number,
    nillable: boolean,
    meta?: FieldMeta,
  ): FieldPlan {
    return {
      ...this.name(ns, local),
      name,
      typeId,
      min,
      max,
      nillable,
      repeated: max !== 1,
      unsafeName: name === "__proto__",
      type: undefined,
      meta: meta ?? { name, ns, type: typeId, min, max, nillable },
    };
  }

  /** Resolve a type reference (aliases resolve to the scalar/enum they restrict). */
  resolve(ref: TypeRef): TypePlan {
    let plan = this.types.get(ref);
    if (plan === undefined) {
      plan = this.compile(ref, 0);
      this.types.set(ref, plan);
    }
    return plan;
  }

  /** Resolve a field's type, caching it on the field. */
  typeOf(f: FieldPlan): TypePlan {
    return f.type ?? (f.type = this.resolve(f.typeId));
  }

  /** Resolve a type that must be complex. */
  complex(ref: TypeRef): ComplexPlan {
    const p = this.resolve(ref);
    if (p.kind !== "complex") throw metadataMismatch(`type ${ref} is ${p.kind}, expected complex`);
    return p;
  }

  /** Type id of the complex type with this XML name (for `xsi:type`). */
  typeIdByName(ns: string, local: string): string | undefined {
    if (this.qnameIndex === undefined) {
      const index = new Map<string, string>();
      for (const [id, t] of Object.entries(this.meta.types)) {
        if (t.kind === "complex") {
          const k = `{${t.ns}}${t.local}`;
          if (!index.has(k)) index.set(k, id);
        }
      }
      this.qnameIndex = index;
    }
    return this.qnameIndex.get(`{${ns}}${local}`);
  }

  private compile(ref: TypeRef, depth: number): TypePlan {
    if (ref.startsWith("xs:")) {
      const s = scalarPlan(ref);
      if (s === undefined) throw metadataMismatch(`unsupported built-in type ${ref}`);
      return s;
    }
    const t = this.meta.types[ref];
    if (t === undefined) throw metadataMismatch(`unknown type ${ref}`);
    switch (t.kind) {
      case "alias": {
        if (depth > 32) throw metadataMismatch(`alias chain too long at ${ref}`);
        return this.types.get(t.base) ?? this.compile(t.base, depth + 1);
      }
      case "enum":
        return { kind: "enum", id: ref, meta: t, values: new Set(t.values) };
      case "list": {
        const item = this.resolve(t.item);
        if (item.kind !== "scalar" && item.kind !== "enum") {
          throw metadataMismatch(`list ${ref} has non-simple item type ${t.item}`);
        }
        return { kind: "list", id: ref, meta: t, item };
      }
      case "array":
        return { kind: "array", id: ref, meta: t, item: this.field(t.item) };
      case "complex": {
        if (depth > 64) throw metadataMismatch(`inheritance chain too long at ${ref}`);
        const baseType = t.base !== undefined ? this.compileBase(t.base, depth) : undefined;
        const fields = [...(baseType?.fields ?? []), ...t.fields.map((f) => this.field(f))];
        const attributes = [...(baseType?.attributes ?? []), ...(t.attributes ?? []).map((a) => this.attribute(a))];
        const text = t.text?.type ?? baseType?.text;
        const anyAttributes = t.anyAttributes === true || baseType?.anyAttributes === true;
        const byName = new Map<string, FieldPlan>();
        for (const f of fields) byName.set(f.name, f);
        const subtypes = new Set(t.subtypes ?? []);
        const content = this.contentOf(t, baseType);
        const mixed = t.mixed === true || baseType?.mixed === true;
        const extras = this.extras(attributes, text, anyAttributes, mixed);
        if (content !== undefined) for (const n of content.names) if (!byName.has(n)) extras.extraKeys.add(n);
        return {
          kind: "complex",
          id: ref,
          meta: t,
          fields,
          byName,
          hierarchy: t.base !== undefined || subtypes.size > 0,
          hasSubtypes: subtypes.size > 0,
          subtypes,
          abstract: t.abstract === true,
          xsiType: this.name(t.ns, t.local),
          attributes,
          text,
          anyAttributes,
          ...extras,
          content,
          mixed,
        };
      }
    }
  }

  /** Content model of a type whose chain has particles: base content first, plain fields as element particles. */
  private contentOf(t: ComplexTypeMeta, baseType: ComplexPlan | undefined): ContentPlan | undefined {
    if (t.particles === undefined && baseType?.content === undefined) return undefined;
    const own: readonly ParticleMeta[] = t.particles ?? t.fields.map((field) => ({ kind: "element", field }));
    const base: readonly ParticleMeta[] =
      baseType === undefined
        ? []
        : baseType.content !== undefined
          ? baseType.content.source
          : baseType.fields.map((f) => ({ kind: "element", field: f.meta }));
    return compileContent([...base, ...own], (p) => this.field(p.field));
  }

  private extras(
    attributes: readonly AttributePlan[],
    text: TypeRef | undefined,
    any: boolean,
    mixed: boolean,
  ): { extraKeys: Set<string>; jsonExtras: FieldPlan[] } {
    const jsonExtras = attributes.map((a) =>
      this.makeField(a.name, "", a.name, a.meta.type, a.meta.required && a.meta.fixed === undefined ? 1 : 0, 1, false),
    );
    if (text !== undefined) jsonExtras.push(this.makeField("$value", "", "$value", text, 1, 1, false));
    if (mixed) jsonExtras.push(this.makeField("$value", "", "$value", "xs:string", 0, 1, false));
    const extraKeys = new Set(jsonExtras.map((f) => f.name));
    if (any) extraKeys.add("$anyAttributes");
    return { extraKeys, jsonExtras };
  }

  private attribute(a: AttributeMeta): AttributePlan {
    const n = this.name(a.ns, a.name);
    const key = a.ns === "" ? a.name : `{${a.ns}}${a.name}`;
    return {
      name: a.name,
      ns: a.ns,
      local: a.name,
      qname: n.qname,
      ...(n.inlineDecl ? { inlineDecl: n.inlineDecl } : {}),
      key,
      meta: a,
    };
  }

  private compileBase(base: TypeRef, depth: number): ComplexPlan {
    const cached = this.types.get(base);
    const p = cached ?? this.compile(base, depth + 1);
    if (cached === undefined) this.types.set(base, p);
    if (p.kind !== "complex") throw metadataMismatch(`base type ${base} is not complex`);
    return p;
  }
}

const plans = new WeakMap<ServiceMetadata, Plan>();

/** The compiled plan for a metadata object (created on first use, then cached). */
export function planFor(meta: ServiceMetadata): Plan {
  let plan = plans.get(meta);
  if (plan === undefined) {
    plan = new Plan(meta);
    plans.set(meta, plan);
  }
  return plan;
}

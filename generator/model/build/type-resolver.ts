/**
 * Resolves XSD references to IR types, building only what is reachable from the roots the
 * caller asks for (operation wrappers, header elements). Anonymous types get stable ids
 * derived from where they are declared (see `TypeId` in model/types.ts).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { NS } from "../../parse/namespaces.js";
import { describeRef, unknownPrefix, type QNameRef } from "../../parse/qname.js";
import type {
  RawComplexType,
  RawElement,
  RawSimpleContentModel,
  RawSimpleType,
  RawUnsupported,
} from "../../parse/raw-xsd.js";
import {
  qnameKey,
  type AliasType,
  type Attribute,
  type ComplexType,
  type ElementDecl,
  type ElementParticle,
  type EnumType,
  type Field,
  type ListType,
  type Particle,
  type QName,
  type SourceLocation,
  type TypeDef,
  type TypeId,
  type TypeUse,
} from "../types.js";
import { XSD_BUILTINS } from "./builtins.js";
import { didYouMean, lookup, type SymbolTables } from "./symbols.js";
import { mergeRepeatedElements } from "./repeated-elements.js";
import { resolveAttributes, type ResolvedAttributes } from "./attributes.js";
import { ContentModelBuilder, flatFields, needsParticles } from "./content-model.js";
import { nameGroups } from "./group-names.js";
import { restrictionAttributes } from "./restriction.js";

const SOAP_ENC = "http://schemas.xmlsoap.org/soap/encoding/";
import { soapencArray } from "./soapenc-array.js";

type RawType = RawComplexType | RawSimpleType;

interface Pending {
  readonly id: TypeId;
  readonly raw: RawType;
  readonly qname: QName;
  readonly anonymous: boolean;
  /** Path used to derive ids of types nested inside this one. */
  readonly path: string;
}

/** A resolved type reference plus, for named/anonymous types, the raw definition. */
type Resolved = { readonly use: TypeUse; readonly raw?: RawType };

const ANY_TYPE: TypeUse = { kind: "builtin", name: "anyType" };
/** What `--lenient` does with a part whose type cannot be resolved. */
const RAW_RECOVERY = "typed unknown (xs:anyType: text, raw XML or an xsi:type value)";
const ANY_SIMPLE: TypeUse = { kind: "builtin", name: "anySimpleType" };

function withDoc<T extends object>(value: T, documentation: string | undefined): T & { documentation?: string } {
  return documentation === undefined ? value : { ...value, documentation };
}

/**
 * A type another type extends stays a complex type even when its one repeated element makes it
 * look like an `ArrayOfX` wrapper: an array cannot be a base (EWS `EntityType`).
 */
function keepBasesComplex(built: Map<TypeId, TypeDef>): void {
  for (const t of built.values()) {
    if (t.kind !== "complex" || t.base === undefined) continue;
    const base = built.get(t.base);
    if (base?.kind === "complex" && base.isArrayWrapper) built.set(t.base, { ...base, isArrayWrapper: false });
  }
}

export class TypeResolver {
  private readonly built = new Map<TypeId, TypeDef>();
  private readonly elementDecls = new Map<string, ElementDecl | null>();
  private readonly ids = new Map<RawType, TypeId>();
  private readonly owners = new Map<TypeId, RawType>();
  private readonly queue: Pending[] = [];
  /** Types of document/literal body wrapper elements: always complex, never array wrappers. */
  private readonly bodyWrappers = new Set<TypeId>();

  constructor(
    private readonly tables: SymbolTables,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** Resolve a global element reference (memoized); undefined after reporting a diagnostic. */
  element(ref: QNameRef): ElementDecl | undefined {
    if (ref.qname === undefined) {
      this.diagnostics.push(unknownPrefix(ref));
      return undefined;
    }
    const key = qnameKey(ref.qname);
    const memo = this.elementDecls.get(key);
    if (memo !== undefined) return memo ?? undefined;
    const raw = lookup(
      this.tables,
      this.tables.elements,
      ref,
      "element",
      "element",
      "xsd-unresolved-element",
      this.diagnostics,
    );
    if (raw === undefined) {
      this.elementDecls.set(key, null);
      return undefined;
    }
    const qname = ref.qname;
    const decl: ElementDecl = withDoc(
      {
        qname,
        type: this.elementType(raw, `${qname.local}#element`, qname),
        nillable: raw.nillable,
        source: raw.location,
      },
      raw.annotation.documentation,
    );
    this.elementDecls.set(key, decl);
    return decl;
  }

  /** A QName-valued type reference (an rpc `type=` part), scheduling the type it names. */
  typeUse = (ref: QNameRef): TypeUse => this.resolveType(ref).use;

  /** Whether `id` names a complex type that is (or will be) in the model. */
  isComplex(use: TypeUse): use is { kind: "ref"; id: TypeId } {
    return use.kind === "ref" && this.owners.get(use.id)?.kind === "complexType";
  }

  /**
   * Mark `id` as the type of an operation's body wrapper element. Whatever its shape (a single
   * repeated child is the JAX-WS/CXF `List<T> op(...)` response), it stays a complex type whose
   * one repeated field is the parameter; only field types keep the `ArrayOfX` array typing.
   */
  markBodyWrapper(id: TypeId): void {
    this.bodyWrappers.add(id);
  }

  /** Build everything scheduled so far (and what that reaches); returns types sorted by id. */
  finish(): { types: Map<TypeId, TypeDef>; elements: Map<string, ElementDecl> } {
    do {
      for (let p = this.queue.shift(); p !== undefined; p = this.queue.shift()) {
        this.built.set(p.id, p.raw.kind === "complexType" ? this.complex(p, p.raw) : this.simple(p, p.raw));
      }
    } while (this.scheduleDerived());
    keepBasesComplex(this.built);
    nameGroups(this.built);
    const types = new Map([...this.built.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const elements = new Map<string, ElementDecl>();
    for (const k of [...this.elementDecls.keys()].sort()) {
      const d = this.elementDecls.get(k);
      if (d) elements.set(k, d);
    }
    return { types, elements };
  }

  /**
   * Named extensions of reachable complex types are reachable too: an element declared with
   * the base may carry any of them (`xsi:type`, WCF known types). Returns whether any was added.
   */
  private scheduleDerived(): boolean {
    let added = false;
    for (const raw of this.tables.types.values()) {
      if (raw.kind !== "complexType" || raw.name === undefined || this.ids.has(raw)) continue;
      const c = raw.content;
      const extension = c.kind === "extension" || (c.kind === "simpleContent" && c.derivation === "extension");
      if (!extension || c.base?.qname === undefined) continue;
      const base = this.tables.types.get(qnameKey(c.base.qname));
      if (base === undefined || !this.ids.has(base)) continue;
      this.schedule(raw, { ns: raw.ns, local: raw.name }, false, raw.name);
      added = true;
    }
    return added;
  }

  private schedule(raw: RawType, qname: QName, anonymous: boolean, path: string): TypeId {
    const known = this.ids.get(raw);
    if (known !== undefined) return known;
    const base = `${raw.kind}:{${raw.ns}}${path}`;
    let id = base;
    for (let n = 2; this.owners.has(id); n++) id = `${base}~${n}`;
    this.ids.set(raw, id);
    this.owners.set(id, raw);
    this.queue.push({ id, raw, qname, anonymous, path });
    return id;
  }

  /** Resolve a QName-valued type reference (`type=`, `base=`, `itemType=`). */
  private resolveType(ref: QNameRef): Resolved {
    const q = ref.qname;
    if (q === undefined) {
      // node-soap reads an undeclared `xs:`/`xsd:` prefix as XML Schema; --lenient does too.
      const guess = (ref.prefix === "xs" || ref.prefix === "xsd") && XSD_BUILTINS.has(ref.local);
      const use: TypeUse = guess ? { kind: "builtin", name: ref.local } : ANY_TYPE;
      this.diagnostics.push({ ...unknownPrefix(ref), recovery: guess ? `read as xs:${ref.local}` : RAW_RECOVERY });
      return { use };
    }
    if (q.ns === NS.xsd) {
      if (XSD_BUILTINS.has(q.local)) return { use: { kind: "builtin", name: q.local } };
    } else {
      const raw = this.tables.types.get(qnameKey(q));
      if (raw !== undefined) return { use: { kind: "ref", id: this.schedule(raw, q, false, q.local) }, raw };
    }
    this.diagnostics.push({
      kind: "xsd-unresolved-type",
      message: `type ${describeRef(ref)} is not defined in any loaded schema${didYouMean(this.tables, "type", ref)}`,
      location: ref.location,
      recovery: RAW_RECOVERY,
    });
    return { use: ANY_TYPE };
  }

  /** Type of an element declaration: `type=`, inline type, or anyType. */
  private elementType(el: RawElement, path: string, qname: QName): TypeUse {
    if (el.type !== undefined) return this.resolveType(el.type).use;
    if (el.inlineType !== undefined) return { kind: "ref", id: this.schedule(el.inlineType, qname, true, path) };
    return ANY_TYPE;
  }

  private unsupported(u: RawUnsupported, where: Pending): void {
    this.diagnostics.push({
      kind: "xsd-unsupported",
      message: `${u.construct} is not supported (in ${where.anonymous ? "an anonymous type, id " + where.id : `${where.raw.kind} ${qnameKey(where.qname)}`})`,
      location: u.location,
    });
  }

  private field(el: RawElement, parent: Pending): Field | undefined {
    if (el.ref !== undefined) {
      const decl = this.element(el.ref);
      if (decl === undefined) return undefined;
      const global = this.tables.elements.get(qnameKey(decl.qname));
      return withDoc(
        {
          qname: decl.qname,
          type: decl.type,
          minOccurs: el.minOccurs,
          maxOccurs: el.maxOccurs,
          nillable: decl.nillable,
          ...valueConstraint(global ?? el),
          source: el.location,
        },
        el.annotation.documentation ?? decl.documentation,
      );
    }
    if (el.name === undefined) {
      this.diagnostics.push({
        kind: "xsd-invalid",
        message: "local xs:element has neither name nor ref",
        location: el.location,
      });
      return undefined;
    }
    const qname = { ns: el.ns, local: el.name };
    const nestedName = { ns: parent.raw.ns, local: el.name };
    return withDoc(
      {
        qname,
        type: this.elementType(el, `${parent.path}/${el.name}`, nestedName),
        minOccurs: el.minOccurs,
        maxOccurs: el.maxOccurs,
        nillable: el.nillable,
        ...valueConstraint(el),
        source: el.location,
      },
      el.annotation.documentation,
    );
  }

  private complex(p: Pending, raw: RawComplexType): ComplexType {
    const encoded = soapencArray(this.tables, p, raw, this.typeUse, this.diagnostics); // h-wsdl hook
    if (encoded !== undefined) return encoded;
    let base: TypeId | undefined;
    let text: TypeUse | undefined;
    let fields: Field[] = [];
    let particles: Particle[] | undefined;
    const content = raw.content;
    const owner = p.anonymous ? `an anonymous type (id ${p.id})` : `xs:complexType ${qnameKey(p.qname)}`;
    if (content.kind === "unsupported") {
      this.unsupported(content, p);
    } else if (content.kind === "simpleContent") {
      // XSD 1.0 §3.4.2 maps simple content without looking at `mixed` (xmllint agrees): the
      // value is the text either way, so nothing is lost by ignoring it.
      ({ base, text } = this.simpleContent(p, content));
    } else {
      if (content.kind === "extension" || content.kind === "restriction") {
        base = this.derivationBase(p, content.kind, content.base, content.location);
      }
      const list = this.contentModel(p).particles(content.particles);
      if (needsParticles(list)) {
        particles = list;
        fields = flatFields(list, owner, this.diagnostics);
      } else {
        fields = list.map((e) => (e as ElementParticle).field);
      }
    }
    if (particles === undefined) fields = mergeRepeatedElements(fields, owner, this.diagnostics);
    const attrs = this.attributes(p, raw, owner, fields);
    const only = fields.length === 1 ? fields[0] : undefined;
    const plain = raw.attributes.length === 0 && content.kind !== "simpleContent" && !raw.mixed;
    const mixed = raw.mixed && content.kind !== "simpleContent";
    return withDoc(
      {
        kind: "complex" as const,
        id: p.id,
        qname: p.qname,
        anonymous: p.anonymous,
        ...(base === undefined ? {} : { base }),
        fields,
        ...(particles === undefined ? {} : { particles }),
        ...(mixed ? { mixed: true } : {}),
        ...(attrs.attributes.length === 0 ? {} : { attributes: attrs.attributes }),
        ...(text === undefined ? {} : { text }),
        ...(attrs.anyAttribute ? { anyAttribute: true } : {}),
        abstract: raw.abstract,
        isDictionary: raw.annotation.isDictionary,
        isArrayWrapper:
          !this.bodyWrappers.has(p.id) &&
          base === undefined &&
          plain &&
          particles === undefined &&
          only !== undefined &&
          only.maxOccurs !== 1,
        source: raw.location,
      },
      raw.annotation.documentation,
    );
  }

  private contentModel(p: Pending): ContentModelBuilder {
    return new ContentModelBuilder({
      tables: this.tables,
      diagnostics: this.diagnostics,
      field: (el) => this.field(el, p),
      globalField: (ref, head) => {
        const decl = this.element(ref);
        const raw = this.tables.elements.get(qnameKey(ref.qname!));
        if (decl === undefined || raw === undefined) return undefined;
        const untyped = raw.type === undefined && raw.inlineType === undefined;
        return withDoc(
          {
            qname: decl.qname,
            type: untyped ? head.type : decl.type,
            minOccurs: 1,
            maxOccurs: 1,
            nillable: decl.nillable,
            ...valueConstraint(raw),
            source: head.source,
          },
          decl.documentation,
        );
      },
      unsupported: (u) => this.unsupported(u, p),
    });
  }

  /**
   * Attributes of a complex type. A `simpleContent/restriction` only narrows the attributes it
   * inherits: its redeclarations are not new attributes (a prohibition is diagnosed).
   */
  private attributes(p: Pending, raw: RawComplexType, owner: string, fields: readonly Field[]): ResolvedAttributes {
    let uses = raw.attributes;
    const c = raw.content;
    const baseName = c.kind === "restriction" ? c.base?.qname : undefined;
    const restricted = baseName === undefined ? undefined : this.tables.types.get(qnameKey(baseName));
    if (restricted?.kind === "complexType" && baseName?.ns !== SOAP_ENC) {
      uses = restrictionAttributes(this.tables, raw, restricted);
    }
    if (raw.content.kind === "simpleContent" && raw.content.derivation === "restriction") {
      for (const u of uses) {
        if (u.kind === "attribute" && u.use === "prohibited") {
          this.unsupported(
            {
              kind: "unsupported",
              construct: 'use="prohibited" in xs:simpleContent/xs:restriction',
              location: u.location,
            },
            p,
          );
        }
      }
      uses = [];
    }
    const r = resolveAttributes(
      {
        tables: this.tables,
        diagnostics: this.diagnostics,
        owner,
        resolveType: (ref) => this.resolveType(ref),
        inlineType: (t, name) => ({
          kind: "ref",
          id: this.schedule(t, { ns: t.ns, local: `${p.qname.local}_${name}` }, true, `${p.path}/@${name}`),
        }),
      },
      uses,
    );
    const names = new Set(fields.map((f) => f.qname.local));
    const kept = r.attributes.filter((a: Attribute) => {
      if (!names.has(a.qname.local)) return true;
      this.diagnostics.push({
        kind: "xsd-unsupported",
        message: `attribute ${a.qname.local} and element ${a.qname.local} of ${owner} would be one TypeScript property`,
        location: a.source,
      });
      return false;
    });
    return { attributes: kept, anyAttribute: r.anyAttribute };
  }

  /** `xs:simpleContent`: the value type (or a base with simple content) it derives from. */
  private simpleContent(p: Pending, c: RawSimpleContentModel): { base?: TypeId; text?: TypeUse } {
    if (c.base === undefined) {
      this.diagnostics.push({
        kind: "xsd-invalid",
        message: `xs:simpleContent/xs:${c.derivation} has no base attribute`,
        location: c.location,
      });
      return { text: ANY_SIMPLE };
    }
    if (c.enumerations.length > 0) {
      this.unsupported(
        {
          kind: "unsupported",
          construct: "xs:enumeration in xs:simpleContent/xs:restriction",
          location: c.enumerations[0]!.location,
        },
        p,
      );
    }
    const r = this.resolveType(c.base);
    if (r.raw?.kind !== "complexType") return { text: r.use };
    if (r.raw.content.kind !== "simpleContent") {
      this.unsupported(
        {
          kind: "unsupported",
          construct: `xs:simpleContent deriving from ${c.base.text}, a type without simple content`,
          location: c.location,
        },
        p,
      );
      return { text: ANY_SIMPLE };
    }
    return r.use.kind === "ref" ? { base: r.use.id } : { text: ANY_SIMPLE };
  }

  /**
   * `complexContent` base: a complex type id for an extension; undefined for `xs:anyType`
   * (a restriction of anyType is just a plain content model) or after a diagnostic.
   */
  private derivationBase(
    p: Pending,
    kind: "extension" | "restriction",
    ref: QNameRef | undefined,
    at: SourceLocation,
  ): TypeId | undefined {
    if (ref === undefined) {
      this.diagnostics.push({ kind: "xsd-invalid", message: `xs:${kind} has no base attribute`, location: at });
      return undefined;
    }
    if (ref.qname?.ns === NS.xsd && ref.qname.local === "anyType") return undefined;
    if (kind === "restriction" && ref.qname !== undefined && ref.qname.ns !== SOAP_ENC) {
      const base = this.tables.types.get(qnameKey(ref.qname));
      if (base?.kind === "complexType") return undefined; // modelled standalone (restriction.ts)
    }
    if (kind === "restriction") {
      // soapenc:Array (and unresolved bases): a content model we do not model here.
      this.unsupported(
        { kind: "unsupported", construct: `xs:complexContent/xs:restriction of ${ref.text}`, location: at },
        p,
      );
      return undefined;
    }
    const r = this.resolveType(ref);
    if (r.use.kind === "builtin") {
      if (ref.qname?.ns === NS.xsd) {
        this.diagnostics.push({
          kind: "xsd-invalid",
          message: `complexContent cannot extend simple type ${describeRef(ref)}`,
          location: ref.location,
        });
      }
      return undefined;
    }
    if (r.raw?.kind === "simpleType") {
      this.diagnostics.push({
        kind: "xsd-invalid",
        message: `complexContent cannot extend simple type ${describeRef(ref)}`,
        location: ref.location,
      });
      return undefined;
    }
    return r.use.id;
  }

  private simpleBase(
    p: Pending,
    base: QNameRef | undefined,
    inline: RawSimpleType | undefined,
    suffix: string,
    at: SourceLocation,
  ): TypeUse {
    if (inline !== undefined) {
      return {
        kind: "ref",
        id: this.schedule(
          inline,
          { ns: inline.ns, local: `${p.qname.local}${suffix === "item" ? "Item" : "Base"}` },
          true,
          `${p.path}/${suffix}`,
        ),
      };
    }
    if (base === undefined) {
      this.diagnostics.push({
        kind: "xsd-invalid",
        message: `xs:${suffix === "item" ? "list has no itemType" : "restriction has no base"}`,
        location: at,
      });
      return ANY_TYPE;
    }
    const r = this.resolveType(base);
    if (r.raw?.kind === "complexType") {
      this.diagnostics.push({
        kind: "xsd-invalid",
        message: `simple type cannot derive from complex type ${describeRef(base)}`,
        location: base.location,
      });
    }
    return r.use;
  }

  private simple(p: Pending, raw: RawSimpleType): TypeDef {
    const common = { id: p.id, qname: p.qname, anonymous: p.anonymous, source: raw.location };
    const doc = raw.annotation.documentation;
    const c = raw.content;
    switch (c.kind) {
      case "restriction": {
        const base = this.simpleBase(p, c.base, c.inlineBase, "base", c.location);
        if (c.enumerations.length > 0) {
          const values = c.enumerations.map((e) => withDoc({ value: e.value }, e.annotation.documentation));
          const actualType = raw.annotation.actualType;
          const t: EnumType = {
            kind: "enum",
            ...common,
            base,
            values,
            ...(c.facets.length === 0 ? {} : { facets: c.facets }),
            ...(actualType === undefined ? {} : { actualType }),
          };
          return withDoc(t, doc);
        }
        const t: AliasType = { kind: "alias", ...common, base, facets: c.facets };
        return withDoc(t, doc);
      }
      case "list": {
        const t: ListType = {
          kind: "list",
          ...common,
          item: this.simpleBase(p, c.itemType, c.inlineItem, "item", c.location),
        };
        return withDoc(t, doc);
      }
      case "union": {
        const members = [
          ...c.memberTypes.map((m) => this.resolveType(m).use),
          ...c.inlineMembers.map((m, i): TypeUse => ({
            kind: "ref",
            id: this.schedule(
              m,
              { ns: m.ns, local: `${p.qname.local}Member${i + 1}` },
              true,
              `${p.path}/member${i + 1}`,
            ),
          })),
        ];
        if (members.length === 0) {
          this.diagnostics.push({ kind: "xsd-invalid", message: "xs:union has no member types", location: c.location });
        }
        const t: AliasType = {
          kind: "alias",
          ...common,
          base: { kind: "builtin", name: "string" },
          facets: [],
          union: members,
        };
        return withDoc(t, doc);
      }
      case "unsupported": {
        this.unsupported(c, p);
        const t: AliasType = { kind: "alias", ...common, base: ANY_TYPE, facets: [] };
        return withDoc(t, doc);
      }
    }
  }
}

/** An element's `default`/`fixed` value constraint, for the property's JSDoc. */
function valueConstraint(el: RawElement): { default?: string; fixed?: string } {
  if (el.fixed !== undefined) return { fixed: el.fixed };
  return el.default !== undefined ? { default: el.default } : {};
}

/**
 * The intermediate representation (IR) handed from `model/` to `naming/` and `emit/`.
 *
 * Readonly, `kind`-tagged, and faithful to XML identity: every named node keeps its
 * qualified name and where it was declared. No TypeScript concerns live here (names are
 * assigned later by `naming/`). Symbols are keyed by (qname, kind): an XSD element and a
 * complexType often share one local name.
 */
import type { PortPolicy } from "@soapkit/runtime";

/** Where a node was declared. `file` is the path as given to the loader (or the URL). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export interface QName {
  readonly ns: string;
  readonly local: string;
}

/** Stable string key of a qname: `{ns}local`. */
export function qnameKey(q: QName): string {
  return `{${q.ns}}${q.local}`;
}

/**
 * A reference from a field/part to a type: either an XSD built-in scalar (by local name,
 * e.g. `int`, `dateTime`) or a type in `ServiceModel.types` by its id.
 */
export type TypeUse =
  { readonly kind: "builtin"; readonly name: string } | { readonly kind: "ref"; readonly id: TypeId };

/**
 * Identity of a type in the IR. Named XSD types: `complexType:{ns}local` /
 * `simpleType:{ns}local`. Anonymous types get an id derived from where they appear, e.g.
 * `complexType:{ns}SyncEmailAccount#element` for a wrapper element's inline type, or
 * `complexType:{ns}FieldPropertyDictionary/FieldPropertyDictionaryKeyValuePair` for a
 * nested inline type. Ids are stable across runs.
 */
export type TypeId = string;

export interface Field {
  /** Element qualified name (ns is "" when unqualified). */
  readonly qname: QName;
  readonly type: TypeUse;
  readonly minOccurs: number;
  /** -1 = unbounded. */
  readonly maxOccurs: number;
  readonly nillable: boolean;
  /** The element's `default` value constraint (lexical; documentation only, never filled in). */
  readonly default?: string;
  /** The element's `fixed` value constraint (lexical; documentation only). */
  readonly fixed?: string;
  readonly documentation?: string;
  readonly source: SourceLocation;
}

/**
 * One particle of a content model that holds more than plain elements (see
 * `ComplexType.particles`). Group property names (`$choice`, `$sequence`, `$any`, numbered from
 * 2) are unique in the type and its bases.
 */
export type Particle = ElementParticle | ChoiceParticle | SequenceParticle | AnyParticle;

export interface ElementParticle {
  readonly kind: "element";
  readonly field: Field;
}

/**
 * `xs:choice` (also a substitution group, an optional sequence of several elements: one branch
 * with `minOccurs` 0). Single (`maxOccurs` 1): the branches' properties are peers of the owner's.
 * Repeated: an array property `name`, one item per occurrence holding one branch.
 */
export interface ChoiceParticle {
  readonly kind: "choice";
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /** Array property; present exactly when the choice repeats. */
  readonly name?: string;
  readonly branches: readonly (readonly Particle[])[];
  /** The head element when the choice stands for a substitution group. */
  readonly substitutionHead?: QName;
  readonly source: SourceLocation;
}

/** A repeated `xs:sequence` (`maxOccurs` ≠ 1): array property `name` of item objects. */
export interface SequenceParticle {
  readonly kind: "sequence";
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly name: string;
  readonly particles: readonly Particle[];
  readonly source: SourceLocation;
}

/** `xs:any`: whole elements kept as raw XML strings in property `name`. */
export interface AnyParticle {
  readonly kind: "any";
  readonly name: string;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /** `namespace=` as written (`##any` when absent). */
  readonly namespace: string;
  readonly process: "strict" | "lax" | "skip";
  readonly source: SourceLocation;
}

/** One XML attribute of a complex type (own declarations and resolved attribute groups). */
export interface Attribute {
  /** Attribute qualified name: ns is "" when unqualified (the default for local attributes). */
  readonly qname: QName;
  /** A simple type: builtin, enum, list or alias. */
  readonly type: TypeUse;
  /** `use="required"`. (`prohibited` attributes are not in the model.) */
  readonly required: boolean;
  readonly default?: string;
  readonly fixed?: string;
  readonly documentation?: string;
  readonly source: SourceLocation;
}

interface TypeBase {
  readonly id: TypeId;
  /** XML name. For anonymous types: a derived, human-meaningful name (see TypeId). */
  readonly qname: QName;
  /** True when the type is anonymous (declared inline). */
  readonly anonymous: boolean;
  readonly documentation?: string;
  readonly source: SourceLocation;
}

export interface ComplexType extends TypeBase {
  readonly kind: "complex";
  /** `complexContent/extension` base. */
  readonly base?: TypeId;
  /**
   * Own elements in document order. With `particles`: every element property reachable without
   * a group array (own elements and those of single choices, recursively; choice-branch
   * elements with `minOccurs` 0, deduplicated by name).
   */
  readonly fields: readonly Field[];
  /** The own content model, present only when it holds more than plain elements. */
  readonly particles?: readonly Particle[];
  /** `mixed="true"`: text between child elements is kept (`$value`). */
  readonly mixed?: boolean;
  /** Own attributes (base attributes are inherited through `base`); absent when none. */
  readonly attributes?: readonly Attribute[];
  /** `xs:simpleContent`: the type of the text value (absent for element content). */
  readonly text?: TypeUse;
  /** `xs:anyAttribute` (own or inherited through an attribute group): other attributes round-trip as strings. */
  readonly anyAttribute?: boolean;
  readonly abstract: boolean;
  /** `IsDictionary` appinfo present (WCF). */
  readonly isDictionary: boolean;
  /**
   * Array wrapper detected (`ArrayOfX` pattern): exactly one field, maxOccurs != 1,
   * no base, no attributes. Kept as a flag; `fields[0]` is the item element.
   */
  readonly isArrayWrapper: boolean;
  /** A `soapenc:Array` restriction (rpc/encoded): an array wrapper whose item is `item`. */
  readonly encodedArray?: boolean;
}

export interface EnumType extends TypeBase {
  readonly kind: "enum";
  /** Restricted base builtin/ref (usually builtin `string`). */
  readonly base: TypeUse;
  readonly values: readonly { readonly value: string; readonly documentation?: string }[];
  /** Facets besides the enumerations (pattern, maxLength, ...), kept for documentation; absent when none. */
  readonly facets?: readonly { readonly name: string; readonly value: string }[];
  /** WCF `ActualType` annotation (e.g. `short`), informational. */
  readonly actualType?: string;
}

export interface ListType extends TypeBase {
  readonly kind: "list";
  /** Item type (an anonymous enum is registered as its own type). */
  readonly item: TypeUse;
}

export interface AliasType extends TypeBase {
  readonly kind: "alias";
  /** Restricted base. */
  readonly base: TypeUse;
  /** Facets kept for documentation (pattern, min/max). */
  readonly facets: readonly { readonly name: string; readonly value: string }[];
  /** `xs:union` member types (the alias then restricts builtin `string`: the lexical value is kept). */
  readonly union?: readonly TypeUse[];
}

export type TypeDef = ComplexType | EnumType | ListType | AliasType;

/** A global `xs:element`. */
export interface ElementDecl {
  readonly qname: QName;
  readonly type: TypeUse;
  readonly nillable: boolean;
  readonly documentation?: string;
  readonly source: SourceLocation;
}

export interface HeaderPart {
  /** Part name (`ApplicationToken`, `Credentials`, ...). */
  readonly name: string;
  readonly element: QName;
  readonly type: TypeUse;
  readonly nillable: boolean;
  readonly source: SourceLocation;
}

export interface BodyPart {
  /**
   * Wrapper element, e.g. `{tns}SyncEmailAccount`; rpc style: the operation name in the
   * `soap:body` namespace. Local name `""` = bare (document/literal with a simple-typed or
   * several parts): the type's elements are the children of `soap:Body`.
   */
  readonly element: QName;
  /**
   * The wrapper element's type (anonymous complex type in document/literal wrapped; a type
   * synthesised from the message parts for rpc and bare bodies).
   */
  readonly type: TypeId;
}

/** A declared `wsdl:fault` whose message part could be resolved. */
export interface FaultPart {
  /** `wsdl:fault/@name`. */
  readonly name: string;
  /** Element expected inside `detail` (for a `type=` part: the type's qualified name). */
  readonly element: QName;
  readonly type: TypeUse;
  readonly source: SourceLocation;
}

export interface Operation {
  /**
   * Key of the operation in the port (metadata `ops` key, method name source): the WSDL name,
   * or for the second and later overloads of one name a distinct derived key.
   */
  readonly name: string;
  /** The WSDL operation name when it differs from `name` (overloads). */
  readonly wsdlName?: string;
  /** rpc/encoded (`use="encoded"`). */
  readonly encoded?: boolean;
  /** Declared faults, in `wsdl:operation` order; absent when none. */
  readonly faults?: readonly FaultPart[];
  readonly soapAction: string;
  readonly documentation?: string;
  readonly input: BodyPart;
  readonly output: BodyPart | null;
  readonly inputHeaders: readonly HeaderPart[];
  readonly outputHeaders: readonly HeaderPart[];
  readonly source: SourceLocation;
}

/** One `wsdl:port` bound to a SOAP binding: the unit a client is generated for. */
export interface Port {
  readonly service: string;
  readonly name: string;
  readonly binding: string;
  readonly portType: string;
  readonly soapVersion: "1.1" | "1.2";
  readonly address: string;
  readonly documentation?: string;
  /**
   * REST twin (`/api/v1/Agents/{agent}/{Operation}`): absent → the portType name (the WCF/
   * SuperOffice convention), `null` → the service has no REST twin (set from source options).
   */
  readonly restAgent?: string | null;
  /** What the binding's WS-Policy requires of a client (model/build/policy.ts); absent when nothing. */
  readonly policy?: PortPolicy;
  /** In binding document order. */
  readonly operations: readonly Operation[];
  readonly source: SourceLocation;
}

/** Everything generated from one root WSDL (with its imports). */
export interface ServiceModel {
  /** Root WSDL path/URL as given. */
  readonly rootFile: string;
  /** All documents loaded (root first, then imports in discovery order). */
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  /** `wsdl:definitions/@name`. */
  readonly name: string;
  readonly targetNamespace: string;
  readonly documentation?: string;
  readonly ports: readonly Port[];
  /** All types reachable from the ports' operations and headers, keyed by id. Stable order: sorted by id. */
  readonly types: ReadonlyMap<TypeId, TypeDef>;
  /** Global elements by `qnameKey`. */
  readonly elements: ReadonlyMap<string, ElementDecl>;
  /** What was skipped on purpose and is reported as a note, not an error (e.g. HTTP bindings); absent when nothing was. */
  readonly notes?: readonly Note[];
}

/**
 * A located remark about the input that does not stop generation: printed as `note KIND:
 * message`, or `warning KIND: message` for a diagnostic `--lenient` downgraded (its kind is then
 * the diagnostic's kind and its message says what soapkit did instead).
 */
export interface Note {
  readonly kind: string;
  readonly severity?: "warning";
  readonly message: string;
  readonly location: SourceLocation;
}

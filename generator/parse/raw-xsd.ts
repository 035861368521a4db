/**
 * Raw XSD model: a faithful, unresolved image of `xs:schema` documents. References are kept as
 * `QNameRef`s (resolved against in-scope prefixes, not yet against definitions). Constructs
 * the generator does not support are kept as `RawUnsupported` markers so that they are
 * reported only when a generated operation reaches them.
 */
import type { SourceLocation } from "../model/types.js";
import type { QNameRef } from "./qname.js";

/** `xs:annotation` content, including the WCF DataContract appinfo markers. */
export interface RawAnnotation {
  readonly documentation?: string | undefined;
  /** `<IsDictionary>true</IsDictionary>` (WCF). */
  readonly isDictionary: boolean;
  /** `<IsValueType>true</IsValueType>` (WCF). */
  readonly isValueType: boolean;
  /** `<ActualType Name="short" .../>` (WCF enums). */
  readonly actualType?: string | undefined;
  /** `<EnumerationValue>1000</EnumerationValue>` (WCF enum members). */
  readonly enumerationValue?: string | undefined;
}

/** A construct kept only to be reported if reached, e.g. `xs:choice`. */
export interface RawUnsupported {
  readonly kind: "unsupported";
  /** As it would be written, e.g. `xs:choice`, `xs:sequence maxOccurs="unbounded"`. */
  readonly construct: string;
  readonly location: SourceLocation;
}

export interface RawElement {
  readonly kind: "element";
  readonly name?: string | undefined;
  /** Namespace of the element's qualified name (schema tns when qualified, else ""). */
  readonly ns: string;
  readonly ref?: QNameRef | undefined;
  readonly type?: QNameRef | undefined;
  readonly inlineType?: RawComplexType | RawSimpleType | undefined;
  readonly minOccurs: number;
  /** -1 = unbounded. */
  readonly maxOccurs: number;
  readonly nillable: boolean;
  readonly abstract: boolean;
  readonly substitutionGroup?: QNameRef | undefined;
  readonly default?: string | undefined;
  readonly fixed?: string | undefined;
  readonly annotation: RawAnnotation;
  readonly location: SourceLocation;
}

/**
 * A model group inside a content model: `xs:sequence`, `xs:choice` or `xs:all` with its own
 * occurrence. A sequence occurring exactly once inside a sequence is flattened by the reader.
 */
export interface RawModelGroup {
  readonly kind: "sequence" | "choice" | "all";
  readonly minOccurs: number;
  /** -1 = unbounded. */
  readonly maxOccurs: number;
  readonly particles: readonly RawParticle[];
  readonly location: SourceLocation;
}

/** `<xs:group ref="…"/>` with the reference's occurrence. */
export interface RawGroupRef {
  readonly kind: "groupRef";
  readonly ref?: QNameRef | undefined;
  readonly minOccurs: number;
  readonly maxOccurs: number;
  readonly location: SourceLocation;
}

/** `xs:any` element wildcard. */
export interface RawAny {
  readonly kind: "any";
  readonly minOccurs: number;
  readonly maxOccurs: number;
  /** `namespace=` as written (`##any` when absent). */
  readonly namespace: string;
  readonly process: "strict" | "lax" | "skip";
  readonly location: SourceLocation;
}

export type RawParticle = RawElement | RawModelGroup | RawGroupRef | RawAny | RawUnsupported;

export interface RawAttribute {
  readonly kind: "attribute";
  readonly name?: string | undefined;
  readonly ns: string;
  readonly ref?: QNameRef | undefined;
  readonly type?: QNameRef | undefined;
  readonly inlineType?: RawSimpleType | undefined;
  readonly use: "optional" | "required" | "prohibited";
  readonly default?: string | undefined;
  readonly fixed?: string | undefined;
  readonly annotation: RawAnnotation;
  readonly location: SourceLocation;
}

export type RawAttributeUse =
  | RawAttribute
  | { readonly kind: "attributeGroup"; readonly ref?: QNameRef | undefined; readonly location: SourceLocation }
  | { readonly kind: "anyAttribute"; readonly location: SourceLocation };

/**
 * `xs:simpleContent`: a text value of a simple type plus attributes. `base` names a simple
 * type (the value type) or a complex type with simple content (inherited value and attributes).
 */
export interface RawSimpleContentModel {
  readonly kind: "simpleContent";
  readonly derivation: "extension" | "restriction";
  readonly base?: QNameRef | undefined;
  /** Enumeration facets of a restriction (narrowing the value type). */
  readonly enumerations: readonly RawEnumeration[];
  readonly location: SourceLocation;
}

/**
 * Content of a complex type. A top-level `xs:sequence` occurring once (and nested ones occurring
 * once inside it) is flattened into `particles`; any other top-level model group is one particle.
 */
export type RawComplexContent =
  | RawSimpleContentModel
  | { readonly kind: "sequence"; readonly particles: readonly RawParticle[] }
  | {
      readonly kind: "extension" | "restriction";
      readonly base?: QNameRef | undefined;
      readonly particles: readonly RawParticle[];
      readonly location: SourceLocation;
    }
  | RawUnsupported;

export interface RawComplexType {
  readonly kind: "complexType";
  /** Undefined for anonymous types. */
  readonly name?: string | undefined;
  /** Target namespace of the declaring schema. */
  readonly ns: string;
  readonly abstract: boolean;
  readonly mixed: boolean;
  readonly annotation: RawAnnotation;
  readonly content: RawComplexContent;
  readonly attributes: readonly RawAttributeUse[];
  readonly location: SourceLocation;
}

export interface RawEnumeration {
  readonly value: string;
  readonly annotation: RawAnnotation;
  readonly location: SourceLocation;
}

export type RawSimpleContent =
  | {
      readonly kind: "restriction";
      readonly base?: QNameRef | undefined;
      readonly inlineBase?: RawSimpleType | undefined;
      readonly enumerations: readonly RawEnumeration[];
      /** Other facets in document order (pattern, minInclusive, ...). */
      readonly facets: readonly { readonly name: string; readonly value: string }[];
      readonly location: SourceLocation;
    }
  | {
      readonly kind: "list";
      readonly itemType?: QNameRef | undefined;
      readonly inlineItem?: RawSimpleType | undefined;
      readonly location: SourceLocation;
    }
  | {
      readonly kind: "union";
      /** `memberTypes=` references, in order. */
      readonly memberTypes: readonly QNameRef[];
      /** Inline `xs:simpleType` members, after the named ones. */
      readonly inlineMembers: readonly RawSimpleType[];
      readonly location: SourceLocation;
    }
  | RawUnsupported;

export interface RawSimpleType {
  readonly kind: "simpleType";
  readonly name?: string | undefined;
  readonly ns: string;
  readonly annotation: RawAnnotation;
  readonly content: RawSimpleContent;
  readonly location: SourceLocation;
}

/**
 * Named `xs:group` / `xs:attributeGroup` definitions. A `group` keeps its model group (one
 * `RawModelGroup` in `particles`); an `attributeGroup` keeps its attribute uses.
 */
export interface RawGroupDefinition {
  readonly kind: "group" | "attributeGroup";
  readonly name: string;
  readonly ns: string;
  /** Attribute uses of an `attributeGroup` (empty for a `group`). */
  readonly attributes: readonly RawAttributeUse[];
  /** The model group of a `group` (empty for an `attributeGroup`). */
  readonly particles: readonly RawParticle[];
  readonly location: SourceLocation;
}

export interface RawSchemaReference {
  readonly kind: "import" | "include" | "redefine";
  readonly namespace?: string | undefined;
  readonly schemaLocation?: string | undefined;
  readonly location: SourceLocation;
}

export interface RawSchema {
  readonly file: string;
  readonly targetNamespace: string;
  /** False when the schema has no `targetNamespace` attribute (chameleon include candidate). */
  readonly hasTargetNamespace: boolean;
  readonly elementFormDefault: "qualified" | "unqualified";
  readonly attributeFormDefault: "qualified" | "unqualified";
  readonly references: readonly RawSchemaReference[];
  readonly elements: readonly RawElement[];
  readonly types: readonly (RawComplexType | RawSimpleType)[];
  readonly attributes: readonly RawAttribute[];
  readonly groups: readonly RawGroupDefinition[];
  readonly location: SourceLocation;
}

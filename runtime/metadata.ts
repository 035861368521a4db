/**
 * The in-memory metadata the runtime reads.
 *
 * The generator emits one compact, versioned literal per WSDL port (`CompactMetadata`, see
 * ./metadata/format.ts for the format and its versioning rule); the runtime expands it once
 * into these shapes (`loadMetadata`, ./metadata/load.ts). The codecs, clients and the emulator
 * interpret them: serialisation order, namespaces, occurrence, nillability, headers and SOAP
 * actions all come from here, so no per-type logic lives in templates (protobuf-ts
 * "reflection" idea).
 *
 * Keep this file free of imports.
 */

/** SOAP envelope version. */
export type SoapVersion = "1.1" | "1.2";

/**
 * Reference to a type. Either a built-in XSD scalar written `xs:<local>` (for example
 * `xs:int`, `xs:dateTime`), or the id of an entry in `ServiceMetadata.types`.
 * Type ids are the exported TypeScript names of the types, so they are unique per service.
 */
export type TypeRef = string;

/** XSD built-in scalars the codec understands (the part after `xs:`). */
export type ScalarName =
  | "string"
  | "normalizedString"
  | "token"
  | "anyURI"
  | "QName"
  | "ID"
  | "IDREF"
  | "language"
  | "Name"
  | "NCName"
  | "boolean"
  | "byte"
  | "short"
  | "int"
  | "unsignedByte"
  | "unsignedShort"
  | "unsignedInt"
  | "float"
  | "double"
  | "long"
  | "unsignedLong"
  | "integer"
  | "nonNegativeInteger"
  | "positiveInteger"
  | "nonPositiveInteger"
  | "negativeInteger"
  | "decimal"
  | "dateTime"
  | "date"
  | "time"
  | "duration"
  | "base64Binary"
  | "hexBinary"
  | "anyType";

/** One element of an `xs:sequence` (or a header part, or a wrapper child). */
export interface FieldMeta {
  /** Property name in the TypeScript value. Equal to the XML local name. */
  readonly name: string;
  /** Namespace URI of the element; `""` when the element is unqualified. */
  readonly ns: string;
  /** Type of the element's content. */
  readonly type: TypeRef;
  /** `minOccurs` (0 → optional property). */
  readonly min: number;
  /** `maxOccurs`; `-1` means `unbounded`. A value other than 1 makes the property an array. */
  readonly max: number;
  /** `nillable="true"` → `null` is sent as `xsi:nil="true"`. */
  readonly nillable: boolean;
}

/**
 * One XML attribute of a complex type. Its TypeScript property is a peer of the element
 * properties, named like the attribute's local name.
 */
export interface AttributeMeta {
  /** Property name in the TypeScript value (the attribute's local name). */
  readonly name: string;
  /** Namespace URI of the attribute; `""` when unqualified (the default for local attributes). */
  readonly ns: string;
  /** A simple type: scalar, enum, list or alias. */
  readonly type: TypeRef;
  /** `use="required"`. */
  readonly required: boolean;
  /** `default=` value (lexical; documented, not filled in by the decoder). */
  readonly default?: string;
  /** `fixed=` value (lexical): the only value allowed; written when a required one is absent. */
  readonly fixed?: string;
}

/** `xs:complexType` with a sequence (optionally extending a base complex type). */
export interface ComplexTypeMeta {
  readonly kind: "complex";
  /** XML qualified name of the type (`local` is the XSD name; anonymous types get a derived one). */
  readonly ns: string;
  readonly local: string;
  /** Type id of the `complexContent/extension` base, if any. Base fields come first on the wire. */
  readonly base?: TypeRef;
  /** Own fields in `xs:sequence` document order (base fields are NOT repeated here). */
  readonly fields: readonly FieldMeta[];
  /** Own attributes (base attributes are inherited, not repeated); absent when none. Metadata format v2. */
  readonly attributes?: readonly AttributeMeta[];
  /** `xs:simpleContent`: type of the text value, the `$value` property. Metadata format v2. */
  readonly text?: { readonly type: TypeRef };
  /** `xs:anyAttribute`: other attributes round-trip through `$anyAttributes`. Metadata format v2. */
  readonly anyAttributes?: boolean;
  /** Type ids of all (transitive) derived types, sorted; present only when non-empty. */
  readonly subtypes?: readonly TypeRef[];
  readonly abstract?: boolean;
}

/**
 * `ArrayOfX` wrapper: a complex type whose sequence holds a single repeated element.
 * Its TypeScript value is the item array itself (`X[]`), not an object.
 * A WCF dictionary (`IsDictionary` appinfo) is an array whose item type is a complex type
 * with a key and a value field; `dictionary` names them.
 */
export interface ArrayTypeMeta {
  readonly kind: "array";
  readonly ns: string;
  readonly local: string;
  readonly item: FieldMeta;
  readonly dictionary?: { readonly key: string; readonly value: string };
}

/** `xs:restriction` with `xs:enumeration` facets → string-literal union. */
export interface EnumTypeMeta {
  readonly kind: "enum";
  readonly ns: string;
  readonly local: string;
  /** The restricted base scalar, e.g. `xs:string`. */
  readonly base: TypeRef;
  readonly values: readonly string[];
}

/** `xs:list` (WCF flags enums): value is an array, wire form is space-separated tokens. */
export interface ListTypeMeta {
  readonly kind: "list";
  readonly ns: string;
  readonly local: string;
  /** Item type: an enum type id or a scalar. */
  readonly item: TypeRef;
}

/** A simple type restricting a scalar without enumerations (`guid`, `char`, `duration`). */
export interface AliasTypeMeta {
  readonly kind: "alias";
  readonly ns: string;
  readonly local: string;
  /** The scalar (or other alias) it restricts. */
  readonly base: TypeRef;
  /** WCF primitive this represents, when known (`guid`, `char`, `duration`). */
  readonly wcf?: "guid" | "char" | "duration";
}

export type TypeMeta = ComplexTypeMeta | ArrayTypeMeta | EnumTypeMeta | ListTypeMeta | AliasTypeMeta;

/** A SOAP header part declared in the binding (`soap:header message=... part=...`). */
export interface HeaderMeta {
  /** Property name in the headers object (the part name, e.g. `Credentials`). */
  readonly name: string;
  /** The global element the part refers to. */
  readonly ns: string;
  readonly element: string;
  readonly type: TypeRef;
  readonly nillable: boolean;
}

/** A document/literal body: the wrapper element and its (anonymous) type. */
export interface BodyMeta {
  readonly ns: string;
  /** Wrapper element local name (`SyncEmailAccount`, `SyncEmailAccountResponse`). */
  readonly element: string;
  /** Type id of the wrapper's complex type. */
  readonly type: TypeRef;
  /**
   * When the wrapper has exactly one child, the name of that child: the method returns the
   * child value instead of the wrapper object. `null` when the method returns the wrapper.
   * Only meaningful for outputs.
   */
  readonly unwrap: string | null;
  /** True when the wrapper has no children (void operation / empty request). */
  readonly empty: boolean;
}

export interface OperationMeta {
  /** WSDL operation name, e.g. `SyncEmailAccount`. */
  readonly name: string;
  /** Client method name, e.g. `syncEmailAccount`. */
  readonly method: string;
  readonly soapAction: string;
  readonly input: BodyMeta;
  /** `null` for one-way operations. */
  readonly output: BodyMeta | null;
  readonly inputHeaders: readonly HeaderMeta[];
  readonly outputHeaders: readonly HeaderMeta[];
}

/** How lossy XSD scalars are represented in TypeScript values. */
export interface TypeMapping {
  /** `xs:long`, `xs:unsignedLong`, `xs:integer` and friends. */
  readonly long: "bigint" | "string" | "number";
  /** `xs:decimal`. */
  readonly decimal: "string" | "number";
  /** `xs:dateTime`, `xs:date`, `xs:time`: lexical string kept as sent, or a JS `Date`. */
  readonly dateTime: "string" | "Date";
}

/**
 * Service-level error convention. WCF/SuperOffice services report failures through
 * response headers (`Succeeded=false` + `ExceptionInfo`) instead of SOAP faults.
 */
export interface ErrorHeaderConvention {
  /** Output header holding a boolean success flag. */
  readonly succeeded: string;
  /** Output header holding the exception info (Message, ExceptionType, FriendlyText, InnerException...). */
  readonly exceptionInfo: string;
}

export interface ServiceMetadata {
  /** `wsdl:service` name. */
  readonly service: string;
  readonly port: string;
  readonly binding: string;
  readonly portType: string;
  /** SOAP version from the binding (`soap:binding` → 1.1, `soap12:binding` → 1.2). */
  readonly soapVersion: SoapVersion;
  /** Endpoint address from the WSDL (`soap:address location`). */
  readonly address: string;
  readonly targetNamespace: string;
  /**
   * Namespace prefixes the runtime uses when writing XML, `[prefix, uri]`, sorted
   * deterministically; the target namespace is `tns`.
   */
  readonly prefixes: readonly (readonly [string, string])[];
  readonly mapping: TypeMapping;
  readonly errorHeaders?: ErrorHeaderConvention;
  /** REST WebAPI agent name (`/api/v1/Agents/{agent}/{Method}`), when the service has a REST twin. */
  readonly restAgent?: string;
  readonly operations: Readonly<Record<string, OperationMeta>>;
  readonly types: Readonly<Record<TypeRef, TypeMeta>>;
}

/** Well-known namespaces. */
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const SOAP11_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope";

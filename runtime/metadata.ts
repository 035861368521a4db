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
  /**
   * Metadata format v3: the own content model in document order, present only when it holds
   * more than plain elements (a choice, a repeated group, a wildcard). When present, `fields`
   * still lists every element property reachable without a group array — own elements and the
   * elements of single (non-repeated) choices, recursively — with `min: 0` for choice-branch
   * elements (their branch decides whether they are required). Elements inside a repeated group
   * are only in the group.
   */
  readonly particles?: readonly ParticleMeta[];
  /** Metadata format v3: `mixed="true"`; the text between child elements is collected in `$value` (a string). */
  readonly mixed?: boolean;
}

/**
 * One particle of a content model (metadata format v3). Value shapes:
 * - `element`: the field's property (as for plain `fields`).
 * - `choice`, single (`max` 1): the branches' properties are peers of the owner's properties;
 *   exactly one branch is present (or none when `min` is 0). Repeated (`max` ≠ 1): one array
 *   property `name`, each item an object holding exactly one branch's properties.
 * - `sequence` (always repeated; a sequence occurring once is flattened by the generator): one
 *   array property `name`, each item an object with the sequence's properties.
 * - `any`: elements the schema leaves open, each kept as one raw, well-formed XML string (the
 *   whole element, with the namespace declarations it needs on itself): property `name`,
 *   a string when `max` is 1, else an array of strings.
 * A substitution group is written by the generator as a choice of its member elements.
 */
export type ParticleMeta = ElementParticleMeta | ChoiceMeta | SequenceGroupMeta | AnyMeta;

export interface ElementParticleMeta {
  readonly kind: "element";
  readonly field: FieldMeta;
}

export interface ChoiceMeta {
  readonly kind: "choice";
  readonly min: number;
  /** `-1` = unbounded. */
  readonly max: number;
  /** Array property of a repeated choice; absent when `max` is 1. */
  readonly name?: string;
  /** Each branch is a particle list (a branch that is one element is a one-item list). */
  readonly branches: readonly (readonly ParticleMeta[])[];
}

export interface SequenceGroupMeta {
  readonly kind: "sequence";
  readonly min: number;
  readonly max: number;
  readonly name: string;
  readonly particles: readonly ParticleMeta[];
}

export interface AnyMeta {
  readonly kind: "any";
  /** Property name (`$any`, `$any2`, …; unique in the type and its bases). */
  readonly name: string;
  readonly min: number;
  readonly max: number;
  /** Namespaces allowed (`""` = unqualified); absent = any namespace not excluded. */
  readonly allow?: readonly string[];
  /** Namespaces excluded (`##other` = the schema's target namespace and `""`). */
  readonly exclude?: readonly string[];
  /** `processContents`. */
  readonly process: "strict" | "lax" | "skip";
}

/**
 * Content of an element typed `xs:anyType` that has child elements and no `xsi:type` the
 * runtime knows: the inner content as raw XML (children and text, each top-level element
 * carrying the namespace declarations it needs). Text-only content decodes to a string.
 */
export interface RawXml {
  readonly $xml: string;
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
  /**
   * Metadata format v3: a SOAP-encoded array (`soapenc:Array` restriction, rpc/encoded). Written
   * with `xsi:type="soapenc:Array"` and `soapenc:arrayType="…[n]"`; items may arrive under any
   * element name.
   */
  readonly encoded?: boolean;
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

/**
 * A global element declaration (metadata format v4): what a wildcard's element is decoded as
 * by `decodeAnyElement` when its name matches (`processContents="lax"`/`strict`).
 */
export interface GlobalElementMeta {
  readonly ns: string;
  readonly local: string;
  readonly type: TypeRef;
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

/**
 * A body: the wrapper element and its (anonymous) type. rpc style is a wrapper named after the
 * operation (the generator synthesises its type from the message parts).
 */
export interface BodyMeta {
  readonly ns: string;
  /**
   * Wrapper element local name (`SyncEmailAccount`, `SyncEmailAccountResponse`). Metadata
   * format v3: `""` = bare (document/literal with a simple-typed or several body parts): the
   * type's elements are written directly inside `soap:Body`.
   */
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

/** A declared `wsdl:fault` of an operation (metadata format v3). */
export interface FaultMeta {
  /** `wsdl:fault/@name`. */
  readonly name: string;
  /** The fault part's global element, expected as a child of `detail` (or of `Fault` itself). */
  readonly ns: string;
  readonly element: string;
  readonly type: TypeRef;
}

export interface OperationMeta {
  /** WSDL operation name, e.g. `SyncEmailAccount` (overloads share it; their keys differ). */
  readonly name: string;
  /** Client method name, e.g. `syncEmailAccount`. */
  readonly method: string;
  readonly soapAction: string;
  readonly input: BodyMeta;
  /** `null` for one-way operations. */
  readonly output: BodyMeta | null;
  readonly inputHeaders: readonly HeaderMeta[];
  readonly outputHeaders: readonly HeaderMeta[];
  /** Metadata format v3: rpc/encoded (`use="encoded"`, SOAP 1.1 section 5 encoding). */
  readonly encoded?: boolean;
  /** Metadata format v3: declared faults, in `wsdl:operation` order. */
  readonly faults?: readonly FaultMeta[];
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
  /** What the binding's WS-Policy requires of a client (v4); absent when it declares nothing soapkit acts on. */
  readonly policy?: PortPolicy;
  readonly operations: Readonly<Record<string, OperationMeta>>;
  readonly types: Readonly<Record<TypeRef, TypeMeta>>;
  /**
   * Metadata format v4: the global elements whose types are in `types` (or scalars), present
   * only for ports whose content models have a `lax` or `strict` wildcard (`xs:any`).
   */
  readonly elements?: readonly GlobalElementMeta[];
}

/**
 * The requirements a port's WS-Policy (WS-SecurityPolicy, WS-Addressing metadata) puts on every
 * request, as the generator read them from the WSDL. SOAP transports check them before sending
 * (runtime/soap/policy.ts): a missing credential fails fast, required WS-Addressing is switched on.
 */
export interface PortPolicy {
  /** WS-Addressing headers are required (`wsam:Addressing`, `wsaw:UsingAddressing`). */
  readonly addressing?: true;
  /** A WS-Security UsernameToken (`sp:UsernameToken`; `digest` with `sp:HashPassword`). */
  readonly usernameToken?: "text" | "digest";
  /** A `wsu:Timestamp` (`sp:IncludeTimestamp`). */
  readonly timestamp?: true;
  /** An X.509 signature (`sp:AsymmetricBinding`, or an X.509 supporting token). */
  readonly x509?: true;
  /** HTTPS (`sp:TransportBinding` with `sp:HttpsToken`). */
  readonly https?: true;
  /** A TLS client certificate (`sp:HttpsToken` requiring one). */
  readonly clientCertificate?: true;
  /** HTTP authentication the binding asks for (WCF's `http:NtlmAuthentication` and friends). */
  readonly httpAuth?: "basic" | "digest" | "ntlm" | "negotiate";
  /** MTOM-encoded requests (`wsoma:OptimizedMimeSerialization`): SOAP transports send MTOM unless told `mtom: false`. */
  readonly mtom?: true;
  /** Requirements soapkit cannot meet (e.g. `sp:SymmetricBinding`): calls fail fast unless the policy is ignored. */
  readonly unsupported?: readonly string[];
}

/** Well-known namespaces. */
export const XSD_NS = "http://www.w3.org/2001/XMLSchema";
export const XSI_NS = "http://www.w3.org/2001/XMLSchema-instance";
export const SOAP11_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/";
export const SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope";

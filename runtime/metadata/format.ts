/**
 * The generated-metadata wire format (`CompactMetadata`): the contract between the soapkit
 * generator and the runtime. Generated `metadata.ts` files hold one such literal per port; the
 * runtime expands it once into the in-memory `ServiceMetadata` (`../metadata.ts`) with
 * `loadMetadata` (./expand.ts). Internal: users pass it to a client core, never read it.
 *
 * Versioning: `v` is the format version, an integer. The runtime lists the versions it reads
 * (`SUPPORTED_METADATA_VERSIONS`) and refuses any other with a `SoapkitError`
 * (`ERR_METADATA_VERSION`) naming the version found. Any change an older runtime could misread
 * — a new key, a new flag character, a new entry shape — bumps `v`; a runtime keeps reading
 * older versions for as long as it can expand them. Unknown keys and flags are refused, never
 * ignored. A version is a strict superset of the one before, and the generator writes the
 * LOWEST version that can express a port (`v: 1` when it uses no v2 construct), so output that
 * an older runtime could read stays readable by it; each reader refuses a construct newer than
 * the `v` it was given (a v1 literal with an attribute fails, naming version 2).
 *
 * Encoding (v1), every default omitted:
 * - `ns`: namespace table; every namespace is referenced by its index, `-1` = no namespace
 *   (unqualified). Prefixes follow the table: the target namespace is `tns`, the others
 *   `q1`, `q2`, ... in table order. `targetNamespace` defaults to `ns[0]`.
 * - A field (one `xs:sequence` element) is one tuple `[name, type, flags?, ns?]`. `type` is
 *   `xs:<scalar>` or a key of `types`. `flags` = occurrence as a regex quantifier (`""` =
 *   exactly one, `?` = 0..1, `*` = 0..n, `+` = 1..n, `{2,5}`, `{2,}`) followed by `n` when
 *   nillable. `ns` defaults to the owning type's namespace.
 * - A type is an object whose kind is the one kind key it has: `f` (complex: fields, with
 *   `base`, `abstract`), `item` (array wrapper: one field, with `dict: [key, value]` for a WCF
 *   dictionary), `enum` (values, `base` default `xs:string`), `list` (item type), `alias`
 *   (restricted scalar, `wcf`). `ns` defaults to 0, `local` (XSD name) to the type's key.
 *   Subtype lists are derived from `base`.
 * - `headers`: shared header sets `{ in?, out? }` of header tuples `[part, type, flags?, ns?,
 *   element?]` (flags: `n` or nothing; `ns` default 0; `element` default `part`). An operation
 *   names its set by index (`h`).
 * - An operation `{ in?, out?, h?, method?, action? }`: a body is a type key (element = the
 *   operation name, `<name>Response` for `out`; ns 0) or `[type, element, ns?]`; the type
 *   defaults to `<name>Request` / `<name>Response`; `out: null` = one-way. `method` defaults
 *   to the name with a lower-case first letter, `action` to `actionBase + name`. A body
 *   returns its single child when it has exactly one.
 *
 * Version 2 adds XML attributes and simple content (issue 12), everything else as in v1:
 * - An attribute is an entry of `f` whose flags start with `@`: `[name, type, flags, ns?,
 *   value?]`; flags `@` (optional) or `@!` (required), then `=` (fixed, `value` is the fixed
 *   lexical value) or `~` (default, `value` is the default). Unlike an element, `ns` defaults
 *   to NO namespace (unqualified, the XSD default for local attributes); write `-1` to reach
 *   `value` without a namespace, and `-2` for the XML namespace (`xml:lang`; the `xml` prefix is
 *   bound by definition and never in `ns`). Attributes follow the elements in `f`; their order
 *   is the schema's.
 * - `["*", "", "@"]` in `f`: `xs:anyAttribute` (other attributes round-trip as strings).
 * - `text: <type>` on a complex type (`f` kind): `xs:simpleContent`, the type of the value.
 *
 * Version 3 adds content models and WSDL styles (issue 12; in-memory shapes in ../metadata.ts),
 * everything else as in v2:
 * - `f` entries besides elements and attributes, in content order (attributes still last):
 *   - `["|", branches, flags?, name?]`: `xs:choice` (or a substitution group). `branches` is an
 *     array of branches, each an array of entries of this same grammar (elements, nested groups,
 *     wildcards). `flags` is an occurrence (no `n`). `name` (the array property) is present
 *     exactly when the choice repeats.
 *   - `["(", entries, flags, name]`: a repeated `xs:sequence` (array property `name`).
 *   - `["*", name, flags?, namespace?, process?]`: `xs:any` kept as raw XML in property `name`;
 *     `namespace` as written in XSD (`##any` default, `##other`, `##local`,
 *     `##targetNamespace`, or space-separated URIs; `##other`/`##targetNamespace` mean the
 *     owning type's namespace); `process` `strict` (default), `lax` or `skip`.
 * - `mixed: 1` on a complex type: `mixed="true"`, text collected in `$value`.
 * - `enc: 1` on an array type: a `soapenc:Array`.
 * - On an operation: `enc: 1` (rpc/encoded); `op` (the WSDL operation name when the key is not
 *   it: overloads get distinct keys; the method name and the default body types follow the key,
 *   the default wrapper element names and action follow `op`); `faults: [[name, type, element?,
 *   ns?], ...]` (`element` defaults to `name`, `ns` to 0). A body `[type, "", ns?]` (empty element) is bare: the
 *   type's elements are the children of `soap:Body`.
 *
 * Version 4 adds two top-level keys, everything else as in v3:
 * - `policy`: the port's WS-Policy requirements (issue 16), `{ addressing?, usernameToken?,
 *   timestamp?, x509?, https?, clientCertificate?, httpAuth?, unsupported? }`, the in-memory
 *   `PortPolicy` as is (flags are `true` when present; `usernameToken` `"text"`/`"digest"`;
 *   `unsupported` lists what soapkit cannot meet).
 * - `el: [[local, type, ns?], ...]`: global element declarations (`ns` default 0, `-1` no
 *   namespace), written only for a port with a `lax` or `strict` wildcard, so that
 *   `decodeAnyElement` can decode a `$any` element whose name the schema declares.
 */

import type { PortPolicy } from "../metadata.js";

/** The highest format version this runtime writes (it writes the lowest one a port needs). */
export const METADATA_VERSION = 4;
/** Every format version this runtime can expand. */
export const SUPPORTED_METADATA_VERSIONS: readonly number[] = [1, 2, 3, 4];

/**
 * `[name, type, flags?, ns?]`: one element of a sequence; v2: `[name, type, "@…", ns?, value?]`
 * an attribute, `["*", "", "@"]` any attribute.
 */
export type CompactField =
  | readonly [name: string, type: string, flags?: string, ns?: number]
  | readonly [name: string, type: string, flags: string, ns: number, value: string]
  | CompactChoice
  | CompactSequenceGroup
  | CompactAny;

/** v3: `xs:choice`; `name` exactly when it repeats. */
export type CompactChoice = readonly [
  marker: "|",
  branches: readonly (readonly CompactField[])[],
  flags?: string,
  name?: string,
];
/** v3: a repeated `xs:sequence`. */
export type CompactSequenceGroup = readonly [
  marker: "(",
  entries: readonly CompactField[],
  flags: string,
  name: string,
];
/** v3: `xs:any`. */
export type CompactAny = readonly [
  marker: "*",
  name: string,
  flags?: string,
  namespace?: string,
  process?: "strict" | "lax" | "skip",
];

/** v3: `[name, type, element?, ns?]`, one declared `wsdl:fault`. */
export type CompactFault = readonly [name: string, type: string, element?: string, ns?: number];

/** v4: `[local, type, ns?]`, one global element declaration. */
export type CompactElement = readonly [local: string, type: string, ns?: number];

/** `[part, type, flags?, ns?, element?]`: one SOAP header part. */
export type CompactHeader = readonly [name: string, type: string, flags?: string, ns?: number, element?: string];

export interface CompactHeaderSet {
  readonly in?: readonly CompactHeader[];
  readonly out?: readonly CompactHeader[];
}

/** A body wrapper: its type key, or `[type, element, ns?]`. */
export type CompactBody = string | readonly [type: string, element: string, ns?: number];

export interface CompactOperation {
  /** Default: type `<name>Request`. */
  readonly in?: CompactBody;
  /** Default: type `<name>Response`; `null` = one-way. */
  readonly out?: CompactBody | null;
  /** Index into `headers`. */
  readonly h?: number;
  readonly method?: string;
  readonly action?: string;
  /** v3: the WSDL operation name when it is not the key (overloads). */
  readonly op?: string;
  /** v3: rpc/encoded. */
  readonly enc?: 1;
  /** v3: declared faults. */
  readonly faults?: readonly CompactFault[];
}

interface CompactTypeBase {
  readonly ns?: number;
  readonly local?: string;
}
export interface CompactComplex extends CompactTypeBase {
  readonly base?: string;
  readonly abstract?: true;
  /** v2: `xs:simpleContent` value type. */
  readonly text?: string;
  /** v3: `mixed="true"`. */
  readonly mixed?: 1;
  readonly f: readonly CompactField[];
}
export interface CompactArray extends CompactTypeBase {
  readonly item: CompactField;
  readonly dict?: readonly [key: string, value: string];
  /** v3: `soapenc:Array`. */
  readonly enc?: 1;
}
export interface CompactEnum extends CompactTypeBase {
  readonly base?: string;
  readonly enum: readonly string[];
}
export interface CompactList extends CompactTypeBase {
  readonly list: string;
}
export interface CompactAlias extends CompactTypeBase {
  readonly alias: string;
  readonly wcf?: "guid" | "char" | "duration";
}
export type CompactType = CompactComplex | CompactArray | CompactEnum | CompactList | CompactAlias;

/**
 * Generated runtime metadata of one port (internal to soapkit: generated clients hand it to
 * the runtime; its layout is described above and may only change with a new `v`).
 */
export interface CompactMetadata {
  readonly v: 1 | 2 | 3 | 4;
  readonly service: string;
  readonly port: string;
  /** Default: `port`. */
  readonly binding?: string;
  readonly portType: string;
  /** Default: `"1.1"`. */
  readonly soapVersion?: "1.1" | "1.2";
  readonly address: string;
  /** Default: `ns[0]`. */
  readonly targetNamespace?: string;
  readonly ns: readonly string[];
  /** Only the non-default entries (defaults: long bigint, decimal string, dateTime string). */
  readonly mapping?: {
    readonly long?: "bigint" | "string" | "number";
    readonly decimal?: "string" | "number";
    readonly dateTime?: "string" | "Date";
  };
  readonly errorHeaders?: { readonly succeeded: string; readonly exceptionInfo: string };
  readonly restAgent?: string;
  /** v4: the port's WS-Policy requirements. */
  readonly policy?: PortPolicy;
  readonly actionBase?: string;
  readonly headers?: readonly CompactHeaderSet[];
  readonly ops: Readonly<Record<string, CompactOperation>>;
  readonly types: Readonly<Record<string, CompactType>>;
  /** v4: global elements (see above). */
  readonly el?: readonly CompactElement[];
}

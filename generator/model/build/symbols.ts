/**
 * Symbol tables over all raw documents: global XSD components and WSDL definitions keyed by
 * `{ns}local`, with duplicate detection. Symbols are keyed by (qname, kind): an element and
 * a type may share a name; a complexType and a simpleType may not (one XSD type space).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { DiagnosticKind } from "../../diagnostics/messages.js";
import { documentKey, resolveLocation } from "../../load/resolve.js";
import { describeRef, unknownPrefix, type QNameRef } from "../../parse/qname.js";
import type { RawBinding, RawDefinitions, RawDocument, RawMessage, RawPortType } from "../../parse/raw-wsdl.js";
import type {
  RawAttribute,
  RawComplexType,
  RawElement,
  RawGroupDefinition,
  RawSchema,
  RawSimpleType,
} from "../../parse/raw-xsd.js";
import { readSchema } from "../../parse/xsd-reader.js";
import type { XmlNode } from "../../parse/xml.js";
import { qnameKey, type QName, type SourceLocation } from "../types.js";

export interface SymbolTables {
  /** WSDL documents in load order (root first). */
  readonly definitions: readonly RawDefinitions[];
  /** All schemas: inline ones and standalone documents. */
  readonly schemas: readonly RawSchema[];
  readonly elements: ReadonlyMap<string, RawElement>;
  readonly types: ReadonlyMap<string, RawComplexType | RawSimpleType>;
  readonly attributes: ReadonlyMap<string, RawAttribute>;
  readonly groups: ReadonlyMap<string, RawGroupDefinition>;
  readonly messages: ReadonlyMap<string, RawMessage>;
  readonly portTypes: ReadonlyMap<string, RawPortType>;
  readonly bindings: ReadonlyMap<string, RawBinding>;
  /** `kind:local` → qnames declared with that local name (for "did you mean" hints). */
  readonly byLocalName: ReadonlyMap<string, readonly QName[]>;
}

/** `file:line:col`. */
export function formatLocation(l: SourceLocation): string {
  return `${l.file}:${l.line}:${l.column}`;
}

/** Structural identity of a raw component, ignoring where it was declared. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (k, v: unknown) => (k === "location" || k === "file" || k === "at" ? undefined : v));
}

class Registry {
  readonly byLocalName = new Map<string, QName[]>();
  constructor(private readonly diagnostics: Diagnostic[]) {}

  add<T extends { readonly location: SourceLocation }>(
    map: Map<string, T>,
    label: string,
    hintKind: string,
    qname: QName,
    value: T,
    dupKind: DiagnosticKind,
  ): void {
    const key = qnameKey(qname);
    const existing = map.get(key);
    if (existing === undefined) {
      map.set(key, value);
      const lk = `${hintKind}:${qname.local}`;
      const list = this.byLocalName.get(lk);
      if (list) list.push(qname);
      else this.byLocalName.set(lk, [qname]);
      return;
    }
    // The same schema inlined in two WSDLs of one import graph is common with WCF: identical
    // definitions from different documents are not ambiguous. Within one document they are.
    if (existing.location.file !== value.location.file && fingerprint(existing) === fingerprint(value)) return;
    this.diagnostics.push({
      kind: dupKind,
      message: `${label} ${key} is defined twice: at ${formatLocation(existing.location)} and at ${formatLocation(value.location)}`,
      location: value.location,
    });
  }
}

/**
 * Collect every schema, including chameleon includes (a schema without targetNamespace
 * included into a namespace takes that namespace: XSD 1.0 §4.2.1).
 */
function collectSchemas(
  raw: readonly (RawDocument | undefined)[],
  roots: ReadonlyMap<string, XmlNode>,
  diagnostics: Diagnostic[],
): RawSchema[] {
  const schemas: RawSchema[] = [];
  const byKey = new Map<string, RawSchema>();
  for (const d of raw) {
    if (d?.kind === "wsdl") schemas.push(...d.definitions.schemas);
    else if (d?.kind === "xsd") {
      schemas.push(d.schema);
      byKey.set(documentKey(d.file), d.schema);
    }
  }
  const chameleons = new Set<string>();
  for (let i = 0; i < schemas.length; i++) {
    const s = schemas[i];
    if (s === undefined) continue;
    for (const ref of s.references) {
      if (ref.kind === "redefine") {
        diagnostics.push({ kind: "xsd-unsupported", message: "xs:redefine is not supported", location: ref.location });
        continue;
      }
      if (ref.kind !== "include" || ref.schemaLocation === undefined || s.targetNamespace === "") continue;
      const key = documentKey(resolveLocation(s.file, ref.schemaLocation));
      const target = byKey.get(key);
      const node = roots.get(key);
      if (target === undefined || node === undefined || target.hasTargetNamespace) continue;
      const id = `${key} ${s.targetNamespace}`;
      if (chameleons.has(id)) continue;
      chameleons.add(id);
      schemas.push(readSchema(node, diagnostics, s.targetNamespace));
    }
  }
  return schemas;
}

/** Build the symbol tables of all raw documents (duplicates are reported to `diagnostics`). */
export function buildSymbolTables(
  raw: readonly (RawDocument | undefined)[],
  roots: ReadonlyMap<string, XmlNode>,
  diagnostics: Diagnostic[],
): SymbolTables {
  const reg = new Registry(diagnostics);
  const definitions = raw.flatMap((d) => (d?.kind === "wsdl" ? [d.definitions] : []));
  const schemas = collectSchemas(raw, roots, diagnostics);

  const elements = new Map<string, RawElement>();
  const types = new Map<string, RawComplexType | RawSimpleType>();
  const attributes = new Map<string, RawAttribute>();
  const groups = new Map<string, RawGroupDefinition>();
  for (const s of schemas) {
    const ns = s.targetNamespace;
    for (const e of s.elements)
      reg.add(elements, "xs:element", "element", { ns, local: e.name ?? "" }, e, "xsd-duplicate");
    for (const t of s.types) reg.add(types, `xs:${t.kind}`, "type", { ns, local: t.name ?? "" }, t, "xsd-duplicate");
    for (const a of s.attributes)
      reg.add(attributes, "xs:attribute", "attribute", { ns, local: a.name ?? "" }, a, "xsd-duplicate");
    for (const g of s.groups) reg.add(groups, `xs:${g.kind}`, g.kind, { ns, local: g.name }, g, "xsd-duplicate");
  }

  const messages = new Map<string, RawMessage>();
  const portTypes = new Map<string, RawPortType>();
  const bindings = new Map<string, RawBinding>();
  for (const d of definitions) {
    const ns = d.targetNamespace;
    for (const m of d.messages)
      reg.add(messages, "wsdl:message", "message", { ns, local: m.name }, m, "wsdl-duplicate");
    for (const p of d.portTypes)
      reg.add(portTypes, "wsdl:portType", "portType", { ns, local: p.name }, p, "wsdl-duplicate");
    for (const b of d.bindings)
      reg.add(bindings, "wsdl:binding", "binding", { ns, local: b.name }, b, "wsdl-duplicate");
  }
  return {
    definitions,
    schemas,
    elements,
    types,
    attributes,
    groups,
    messages,
    portTypes,
    bindings,
    byLocalName: reg.byLocalName,
  };
}

/** " (did you mean {ns}X?)" when a component with the same local name exists elsewhere. */
export function didYouMean(tables: SymbolTables, hintKind: string, ref: QNameRef): string {
  const candidates = tables.byLocalName.get(`${hintKind}:${ref.local}`);
  if (!candidates || candidates.length === 0) return "";
  return `; ${candidates.map((q) => qnameKey(q)).join(", ")} exists in another namespace`;
}

/** Look up a reference in a table; report `unresolvedKind` or `xml-unknown-prefix` when missing. */
export function lookup<T>(
  tables: SymbolTables,
  map: ReadonlyMap<string, T>,
  ref: QNameRef,
  label: string,
  hintKind: string,
  unresolvedKind: DiagnosticKind,
  diagnostics: Diagnostic[],
): T | undefined {
  if (ref.qname === undefined) {
    diagnostics.push(unknownPrefix(ref));
    return undefined;
  }
  const found = map.get(qnameKey(ref.qname));
  if (found === undefined) {
    diagnostics.push({
      kind: unresolvedKind,
      message: `${label} ${describeRef(ref)} is not defined in any loaded document${didYouMean(tables, hintKind, ref)}`,
      location: ref.location,
    });
  }
  return found;
}

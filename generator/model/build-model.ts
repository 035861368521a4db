/**
 * Raw WSDL/XSD → IR (pure). Resolves every reference, keeps only the types reachable from
 * the SOAP ports' operations and headers, and reports all problems found as one
 * `GeneratorError`. With an operation subset, only the chosen operations are modelled and
 * types are resolved from their messages and headers alone, so a problem in a schema
 * component they do not reach does not stop them.
 */
import { GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedDocument } from "../load/types.js";
import { documentKey } from "../load/resolve.js";
import { readDocument } from "../parse/wsdl-reader.js";
import type { RawDefinitions, RawDocument } from "../parse/raw-wsdl.js";
import type { XmlNode } from "../parse/xml.js";
import { PortBuilder } from "./build/ports.js";
import { soapOperationNames } from "./build/operation-names.js";
import { buildSymbolTables, type SymbolTables } from "./build/symbols.js";
import { TypeResolver } from "./build/type-resolver.js";
import { checkDerivation } from "./passes/check-derivation.js";
import type { Note, ServiceModel } from "./types.js";

/**
 * Identical diagnostics (e.g. a broken header element shared by 77 operations) are reported
 * once, in document order (documents in load order, then line, column).
 */
function dedupe(diagnostics: readonly Diagnostic[], docs: readonly LoadedDocument[]): Diagnostic[] {
  const order = new Map(docs.map((d, i) => [d.path, i]));
  const rank = (d: Diagnostic): [number, number, number] =>
    d.location ? [order.get(d.location.file) ?? docs.length, d.location.line, d.location.column] : [-1, 0, 0];
  const sorted = [...diagnostics].sort((a, b) => {
    const [fa, la, ca] = rank(a);
    const [fb, lb, cb] = rank(b);
    return fa - fb || la - lb || ca - cb;
  });
  const seen = new Set<string>();
  return sorted.filter((d) => {
    const key = `${d.kind}|${d.location ? `${d.location.file}:${d.location.line}:${d.location.column}` : ""}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Split diagnostics into errors and the warnings `--lenient` turns recoverable ones into. */
function downgrade(
  diagnostics: readonly Diagnostic[],
  lenient: ReadonlySet<string> | undefined,
): { errors: Diagnostic[]; warnings: Note[] } {
  const errors: Diagnostic[] = [];
  const warnings: Note[] = [];
  for (const d of diagnostics) {
    const ok = lenient !== undefined && (lenient.has(d.kind) || lenient.has("all"));
    if (ok && d.recovery !== undefined && d.location !== undefined) {
      warnings.push({
        kind: d.kind,
        severity: "warning",
        message: `${d.message}; ${d.recovery}`,
        location: d.location,
      });
    } else errors.push(d);
  }
  return { errors, warnings };
}

/** Documents read into symbol tables, before any operation or type is modelled. */
export interface PreparedModel {
  /** Operation names of the SOAP-bound ports (see `soapOperationNames`); no type is resolved. */
  operationNames(): string[];
  /**
   * Model the operations in `keep` (all when absent) and only the types they reach. Throws
   * `GeneratorError`; diagnostics of a `lenient` kind that soapkit can recover from become
   * warnings in the model's notes instead.
   */
  build(keep?: ReadonlySet<string>, lenient?: ReadonlySet<string>): ServiceModel;
}

/** Read and index the documents (root first). Throws `GeneratorError` when the root is no WSDL. */
export function prepareModel(docs: readonly LoadedDocument[]): PreparedModel {
  const parseDiagnostics: Diagnostic[] = [];
  const first = docs[0];
  if (first === undefined)
    throw new GeneratorError({ kind: "io-not-found", message: "no documents to build a model from" });
  const raw: (RawDocument | undefined)[] = docs.map((d, i) => readDocument(d.root, i === 0, parseDiagnostics));
  const root = raw[0];
  if (root?.kind !== "wsdl") throw new GeneratorError(dedupe(parseDiagnostics, docs));
  const roots = new Map<string, XmlNode>(docs.map((d) => [documentKey(d.path), d.root]));
  const tables = buildSymbolTables(raw, roots, parseDiagnostics);
  return {
    operationNames: () => soapOperationNames(tables),
    build: (keep, lenient) => {
      const diagnostics = [...parseDiagnostics];
      const model = modelOf(first.path, docs, root.definitions, tables, diagnostics, keep);
      const { errors, warnings } = downgrade(dedupe(diagnostics, docs), lenient);
      if (errors.length > 0) throw new GeneratorError(errors);
      return warnings.length === 0 ? model : { ...model, notes: [...(model.notes ?? []), ...warnings] };
    },
  };
}

/** Build the service model of every operation from loaded documents (root first). Throws `GeneratorError`. */
export function buildModel(docs: readonly LoadedDocument[]): ServiceModel {
  return prepareModel(docs).build();
}

function modelOf(
  rootFile: string,
  docs: readonly LoadedDocument[],
  defs: RawDefinitions,
  tables: SymbolTables,
  diagnostics: Diagnostic[],
  keep: ReadonlySet<string> | undefined,
): ServiceModel {
  const resolver = new TypeResolver(tables, diagnostics);
  const builder = new PortBuilder(tables, resolver, diagnostics, keep);
  const ports = builder.ports();
  const { types, elements } = resolver.finish();
  diagnostics.push(...checkDerivation(types));
  if (ports.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      kind: "wsdl-no-soap-port",
      message: "no wsdl:port is bound to a SOAP 1.1 or SOAP 1.2 binding",
      location: defs.location,
    });
  }
  return {
    rootFile,
    files: docs.map((d) => ({ path: d.path, sha256: d.sha256 })),
    name: defs.name ?? "",
    targetNamespace: defs.targetNamespace,
    ...(defs.documentation === undefined ? {} : { documentation: defs.documentation }),
    ports,
    types,
    elements,
    ...(builder.notes.length === 0 ? {} : { notes: builder.notes }),
  };
}

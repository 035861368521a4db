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
import { registerDocumentRoots } from "./build/soapenc-array.js";
import { checkDerivation } from "./passes/check-derivation.js";
import type { ElementDecl, Note, Port, ServiceModel, TypeDef } from "./types.js";

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
  registerDocumentRoots(tables, roots);
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

/** The resolver's types plus the synthesised body wrappers, sorted by id. */
function withSynthesized(
  types: ReadonlyMap<string, TypeDef>,
  extra: ReadonlyMap<string, TypeDef>,
): Map<string, TypeDef> {
  const all = [...types, ...extra].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(all);
}

function modelOf(
  rootFile: string,
  docs: readonly LoadedDocument[],
  defs: RawDefinitions,
  tables: SymbolTables,
  diagnostics: Diagnostic[],
  keep: ReadonlySet<string> | undefined,
): ServiceModel {
  const base = diagnostics.length;
  let run = buildPorts(tables, diagnostics, keep, undefined);
  if (base === 0 && diagnostics.length > 0 && run.typedFaults) {
    // Declared faults are an extra: when a fault detail type is what fails (a construct not
    // supported yet), generate without typed faults (each noted) rather than not at all.
    const retry: Diagnostic[] = [];
    const second = buildPorts(tables, retry, keep, diagnostics[0]);
    if (retry.length === 0) {
      diagnostics.splice(0);
      run = second;
    }
  }
  const { ports, types, elements, notes } = run;
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
    ...(notes.length === 0 ? {} : { notes }),
  };
}

interface PortsRun {
  readonly ports: Port[];
  readonly types: Map<string, TypeDef>;
  readonly elements: Map<string, ElementDecl>;
  readonly notes: readonly Note[];
  /** Whether any declared fault was typed (resolved to an element and type). */
  readonly typedFaults: boolean;
}

/** Ports and the types they reach; with `untypedFaults` (the problem that stopped typing them), faults are only noted. */
function buildPorts(
  tables: SymbolTables,
  diagnostics: Diagnostic[],
  keep: ReadonlySet<string> | undefined,
  untypedFaults: Diagnostic | undefined,
): PortsRun {
  const resolver = new TypeResolver(tables, diagnostics);
  const builder = new PortBuilder(tables, resolver, diagnostics, keep, untypedFaults);
  const ports = builder.ports();
  const finished = resolver.finish();
  const types = withSynthesized(finished.types, builder.synthesizedTypes);
  diagnostics.push(...checkDerivation(types));
  const typedFaults = ports.some((p) => p.operations.some((o) => (o.faults?.length ?? 0) > 0));
  return { ports, types, elements: finished.elements, notes: builder.notes, typedFaults };
}

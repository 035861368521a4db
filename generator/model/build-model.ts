/**
 * Raw WSDL/XSD → IR (pure). Resolves every reference, keeps only the types reachable from
 * the SOAP ports' operations and headers, and reports all problems found as one
 * `GeneratorError`.
 */
import { GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { LoadedDocument } from "../load/types.js";
import { documentKey } from "../load/resolve.js";
import { readDocument } from "../parse/wsdl-reader.js";
import type { RawDocument } from "../parse/raw-wsdl.js";
import type { XmlNode } from "../parse/xml.js";
import { PortBuilder } from "./build/ports.js";
import { buildSymbolTables } from "./build/symbols.js";
import { TypeResolver } from "./build/type-resolver.js";
import { checkDerivation } from "./passes/check-derivation.js";
import type { ServiceModel } from "./types.js";

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

/** Build the service model from loaded documents (root first). Throws `GeneratorError`. */
export function buildModel(docs: readonly LoadedDocument[]): ServiceModel {
  const diagnostics: Diagnostic[] = [];
  const first = docs[0];
  if (first === undefined)
    throw new GeneratorError({ kind: "io-not-found", message: "no documents to build a model from" });

  const raw: (RawDocument | undefined)[] = docs.map((d, i) => readDocument(d.root, i === 0, diagnostics));
  const root = raw[0];
  if (root?.kind !== "wsdl") throw new GeneratorError(dedupe(diagnostics, docs));
  const roots = new Map<string, XmlNode>(docs.map((d) => [documentKey(d.path), d.root]));

  const tables = buildSymbolTables(raw, roots, diagnostics);
  const resolver = new TypeResolver(tables, diagnostics);
  const ports = new PortBuilder(tables, resolver, diagnostics).ports();
  const { types, elements } = resolver.finish();
  diagnostics.push(...checkDerivation(types));

  if (ports.length === 0 && diagnostics.length === 0) {
    diagnostics.push({
      kind: "wsdl-no-soap-port",
      message: "no wsdl:port is bound to a SOAP 1.1 or SOAP 1.2 binding",
      location: root.definitions.location,
    });
  }
  if (diagnostics.length > 0) throw new GeneratorError(dedupe(diagnostics, docs));

  const defs = root.definitions;
  return {
    rootFile: first.path,
    files: docs.map((d) => ({ path: d.path, sha256: d.sha256 })),
    name: defs.name ?? "",
    targetNamespace: defs.targetNamespace,
    ...(defs.documentation === undefined ? {} : { documentation: defs.documentation }),
    ports,
    types,
    elements,
  };
}

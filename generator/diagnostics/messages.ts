/**
 * The catalog of diagnostic kinds. Each kind has a default hint telling the user what to do.
 * Kinds are part of the CLI contract (tests and scripts match on them): add, never rename.
 * `usage: true` marks kinds caused by how soapkit was invoked (options, config file): the CLI
 * exits 64 for those, 2 for the rest (bad input documents, output folder problems).
 */
export const DIAGNOSTIC_KINDS = {
  "io-not-found": { hint: "check the path (relative paths resolve against the importing document)" },
  "io-read": { hint: "check that the file is readable" },
  "io-too-large": { hint: "raise the size limit if the document is legitimate" },
  "io-too-many-documents": { hint: "raise the document limit if the import graph is legitimate" },
  "io-remote-origin": { hint: "remote imports must come from the origin of the root WSDL unless allowed" },
  "xml-malformed": { hint: "the document is not well-formed XML" },
  "xml-empty": { hint: "the document is empty" },
  "xml-doctype": { hint: "DTDs and entity declarations are not allowed in WSDL/XSD inputs (XXE protection)" },
  "xml-unknown-prefix": { hint: 'declare the namespace prefix with xmlns:prefix="..."' },
  "xml-too-deep": {
    hint: "elements are nested deeper than any real WSDL/XSD needs (limit 256 levels); flatten the anonymous types into named ones",
  },
  "wsdl-root": { hint: "the root element must be wsdl:definitions (http://schemas.xmlsoap.org/wsdl/)" },
  "wsdl-import-cycle": { hint: "documents import each other in a cycle" },
  "wsdl-unresolved": { hint: "the referenced definition does not exist in any loaded document" },
  "wsdl-duplicate": { hint: "two definitions have the same qualified name" },
  "wsdl-unsupported": { hint: "this WSDL/XSD construct is not supported yet" },
  "wsdl-invalid": { hint: "the WSDL/XSD does not follow the specification" },
  "wsdl-no-soap-port": { hint: "the WSDL needs a wsdl:service/wsdl:port bound to a SOAP 1.1 or SOAP 1.2 binding" },
  "xsd-unresolved-type": { hint: "the type is not defined in any loaded schema" },
  "xsd-unresolved-element": { hint: "the element is not defined in any loaded schema" },
  "xsd-duplicate": { hint: "two schema components have the same qualified name and kind" },
  "xsd-unsupported": { hint: "this XSD construct is not supported yet" },
  "xsd-invalid": { hint: "the schema does not follow XML Schema 1.0" },
  "config-invalid": { hint: "see soapkit --help for valid options", usage: true },
  "config-not-found": {
    hint: "create soapkit.config.json (or .ts), pass --config <file>, or give sources: soapkit generate <wsdl>... --out <dir>",
    usage: true,
  },
  "option-unknown": { hint: "see soapkit --help for valid options", usage: true },
  "option-invalid": { hint: "see soapkit --help for valid values", usage: true },
  "option-conflict": { hint: "these options cannot be used together", usage: true },
  "operation-unknown": { hint: "name operations exactly as in the WSDL (case-sensitive)", usage: true },
  "write-conflict": {
    hint: "soapkit never overwrites files it did not generate: move the file, choose another --out, or pass --force",
  },
  "write-failed": { hint: "check that the output folder and its parent are writable" },
  "check-stale": { hint: "run soapkit generate to refresh the output" },
} as const satisfies Record<string, { hint: string; usage?: true }>;

export type DiagnosticKind = keyof typeof DIAGNOSTIC_KINDS;

/** True when `kind` reports a usage/configuration error (exit 64) rather than bad input (exit 2). */
export function isUsageKind(kind: DiagnosticKind): boolean {
  return "usage" in DIAGNOSTIC_KINDS[kind];
}

/**
 * Kinds `--lenient` may downgrade to warnings. Only a diagnostic that carries a `recovery` (what
 * soapkit does instead, e.g. typing the part `unknown`) is downgraded; the rest stay errors.
 */
export const RECOVERABLE_KINDS = ["xsd-unresolved-type", "xml-unknown-prefix", "wsdl-invalid"] as const;
export type RecoverableKind = (typeof RECOVERABLE_KINDS)[number];

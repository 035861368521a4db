/**
 * Schema validation with libxml2's `xmllint`.
 *
 * A WSDL's inline `xs:schema` blocks are cut out as standalone `.xsd` files:
 * - namespace declarations in scope on `wsdl:definitions` (e.g. `tns`) are copied onto each
 *   `xs:schema` start tag that does not declare them itself;
 * - `xs:import` elements without `schemaLocation` are pointed at the extracted file of that
 *   namespace (WCF leaves the location out: the schemas travel together in the WSDL).
 * A driver schema for the SOAP envelope imports all of them: `Envelope` holds an optional
 * `Header` and a `Body`, both with a **strict** wildcard, so every header element and body
 * wrapper must be a declared global element and is validated against its declaration.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SOAP11_ENV_NS, SOAP12_ENV_NS, XSD_NS } from "../../runtime/metadata.js";

/** One extracted schema. */
export interface ExtractedSchema {
  readonly targetNamespace: string;
  readonly file: string;
  readonly text: string;
}

const XMLNS_RE = /\sxmlns(?::([\w.-]+))?\s*=\s*("([^"]*)"|'([^']*)')/g;

/** The namespace declarations on a start tag, prefix (`""` = default) → URI. */
export function declarations(startTag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of startTag.matchAll(XMLNS_RE)) out.set(m[1] ?? "", m[3] ?? m[4] ?? "");
  return out;
}

/** The value of attribute `name` on a start tag (or an element's attribute text). */
export function attr(startTag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(startTag);
  return m === null ? undefined : (m[2] ?? m[3]);
}

export function escapeAttr(v: string): string {
  return v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

/**
 * Cut the inline schemas out of `wsdlText`. `prefix` names the files (`<prefix>-<n>.xsd`).
 * Throws when the WSDL has no schema or a schema uses an unexpected shape.
 */
export function extractSchemas(wsdlText: string, prefix: string): ExtractedSchema[] {
  const rootTag = /<(?:[\w.-]+:)?definitions\b[^>]*>/.exec(wsdlText)?.[0];
  if (rootTag === undefined) throw new Error("no wsdl:definitions start tag");
  const inherited = declarations(rootTag);
  // The prefix the WSDL binds to the XSD namespace on its schema elements (WCF: "xs").
  const blocks: { start: string; body: string; schemaPrefix: string }[] = [];
  const re = /<([\w.-]+):schema\b([^>]*)>([\s\S]*?)<\/\1:schema>/g;
  for (const m of wsdlText.matchAll(re))
    blocks.push({ start: `<${m[1]}:schema${m[2]}>`, body: m[3]!, schemaPrefix: m[1]! });
  if (blocks.length === 0) throw new Error("no inline xs:schema");
  const files = blocks.map((b, i) => ({ ns: attr(b.start, "targetNamespace") ?? "", file: `${prefix}-${i + 1}.xsd` }));
  const fileOf = (ns: string): string | undefined => files.find((f) => f.ns === ns)?.file;

  return blocks.map((b, i) => {
    const own = declarations(b.start);
    if (own.get(b.schemaPrefix) !== XSD_NS && inherited.get(b.schemaPrefix) !== XSD_NS) {
      throw new Error(`schema ${i + 1}: prefix ${b.schemaPrefix} is not bound to the XSD namespace`);
    }
    let extra = "";
    for (const [p, uri] of inherited) {
      if (!own.has(p)) extra += p === "" ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${p}="${escapeAttr(uri)}"`;
    }
    const start = b.start.slice(0, -1).replace(/\/$/, "") + extra + ">";
    const importRe = new RegExp(`<${b.schemaPrefix}:import\\b([^>]*?)\\s*/>`, "g");
    const body = b.body.replace(importRe, (whole: string, attrs: string) => {
      if (/\sschemaLocation\s*=/.test(attrs)) return whole;
      const target = fileOf(attr(attrs, "namespace") ?? "");
      if (target === undefined) return whole;
      return `<${b.schemaPrefix}:import${attrs} schemaLocation="${target}" />`;
    });
    const text = `<?xml version="1.0" encoding="utf-8"?>\n${start}${body}</${b.schemaPrefix}:schema>\n`;
    return { targetNamespace: files[i]!.ns, file: files[i]!.file, text };
  });
}

/**
 * SOAP envelope driver schema importing `schemas` (strict wildcards in Header and Body). Each
 * `file` is used as the import's location as it is (a name beside the driver, or a path).
 */
export function envelopeSchema(version: "1.1" | "1.2", schemas: readonly ExtractedSchema[]): string {
  const ns = version === "1.2" ? SOAP12_ENV_NS : SOAP11_ENV_NS;
  const seen = new Set<string>();
  const imports = schemas
    .filter((s) => !seen.has(s.targetNamespace) && seen.add(s.targetNamespace))
    .map((s) => {
      const ns = s.targetNamespace === "" ? "" : ` namespace="${escapeAttr(s.targetNamespace)}"`;
      return `  <xs:import${ns} schemaLocation="${escapeAttr(s.file)}" />`;
    })
    .join("\n");
  const strict = `<xs:complexType><xs:sequence><xs:any namespace="##other" processContents="strict" minOccurs="0" maxOccurs="unbounded" /></xs:sequence></xs:complexType>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<xs:schema xmlns:xs="${XSD_NS}" targetNamespace="${ns}" elementFormDefault="qualified">
${imports}
  <xs:element name="Envelope">
    <xs:complexType>
      <xs:sequence>
        <xs:element name="Header" minOccurs="0">${strict}</xs:element>
        <xs:element name="Body">${strict}</xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>
`;
}

/**
 * Write the schemas of `wsdlTexts` plus SOAP 1.1 and 1.2 envelope drivers into `dir`.
 * Returns the driver paths.
 */
export async function writeSchemaSet(
  dir: string,
  wsdlTexts: Readonly<Record<string, string>>,
): Promise<{ soap11: string; soap12: string }> {
  const all: ExtractedSchema[] = [];
  for (const [name, text] of Object.entries(wsdlTexts)) all.push(...extractSchemas(text, name));
  for (const s of all) await writeFile(join(dir, s.file), s.text);
  const soap11 = join(dir, "soap11-envelope.xsd");
  const soap12 = join(dir, "soap12-envelope.xsd");
  await writeFile(soap11, envelopeSchema("1.1", all));
  await writeFile(soap12, envelopeSchema("1.2", all));
  return { soap11, soap12 };
}

/** Result of validating one document. */
export interface Validation {
  readonly file: string;
  readonly valid: boolean;
  /** xmllint's error lines for this file (empty when valid). */
  readonly errors: readonly string[];
}

function run(args: readonly string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile("xmllint", [...args], { maxBuffer: 64 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (err !== null && typeof err.code !== "number") reject(err);
      else resolve({ code: err === null ? 0 : (err.code as number), stderr });
    });
  });
}

/**
 * Validate `files` against `schema` with `xmllint --schema <schema> --nonet --noout`, in
 * `parallel` batches (one xmllint process per batch parses the schema once).
 */
export async function xmllintValidate(
  schema: string,
  files: readonly string[],
  parallel = 4,
): Promise<Map<string, Validation>> {
  const size = Math.max(1, Math.ceil(files.length / parallel));
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
  const results = new Map<string, Validation>();
  await Promise.all(
    batches.map(async (batch) => {
      const { code, stderr } = await run(["--schema", schema, "--nonet", "--noout", ...batch]);
      const lines = stderr.split("\n").filter((l) => l.trim() !== "");
      for (const f of batch) {
        const ok = lines.includes(`${f} validates`);
        const failed = lines.includes(`${f} fails to validate`);
        if (ok === failed)
          throw new Error(`xmllint (exit ${code}) said nothing clear about ${f}:\n${stderr.slice(0, 4000)}`);
        const errors = lines.filter((l) => l.startsWith(`${f}:`));
        results.set(f, { file: f, valid: ok, errors });
      }
      if (lines.some((l) => /failed to compile|WXS schema .* failed/i.test(l))) {
        throw new Error(`xmllint could not compile ${schema}:\n${stderr.slice(0, 4000)}`);
      }
    }),
  );
  return results;
}

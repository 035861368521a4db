/**
 * Every schema a real WSDL uses, made loadable by `xmllint --schema` from a temp folder:
 * - the inline `xs:schema` blocks of the root WSDL and of every `wsdl:import`ed WSDL are cut out
 *   (namespace declarations of `wsdl:definitions` copied onto them, as in ./xsd.ts);
 * - relative `schemaLocation`s of their `xs:import`/`xs:include` are made absolute (the
 *   imported XSD files stay where they are, so their own relative locations keep working);
 * - an `xs:import` without a location is pointed at the inline schema of that namespace; when
 *   several inline schemas share a namespace, a generated wrapper includes them all (libxml2
 *   loads one document per imported namespace and skips any further import of it);
 * - rpc operations of the given ports get a synthesised schema declaring their wrappers
 *   (./rpc-schema.ts), included with the inline schemas of the same namespace;
 * - the SOAP 1.1 encoding namespace, when imported but not in the WSDL, is a local minimal
 *   schema (test/fixtures/soap-encoding/soapenc.xsd: the tests run without network);
 * - SOAP 1.1 and 1.2 envelope drivers import every namespace (strict Header and Body wildcards,
 *   see `envelopeSchema`), the XML namespace first: libxml2 has no built-in schema for `xml:lang`,
 *   and a location-less import of it in an XSD file (EWS types.xsd) reuses the one loaded first.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { XSD_NS, type ServiceMetadata } from "../../runtime/metadata.js";
import { rpcSchemas, SOAPENC_NS } from "./rpc-schema.js";
import { attr, declarations, envelopeSchema, escapeAttr, type ExtractedSchema } from "./xsd.js";

export interface WsdlSchemaSet {
  readonly soap11: string;
  readonly soap12: string;
  /** Every schema file written to the folder or referenced in place. */
  readonly schemas: readonly ExtractedSchema[];
}

interface Inline {
  readonly ns: string;
  readonly file: string;
  readonly wsdlDir: string;
  readonly prefix: string;
  readonly start: string;
  readonly body: string;
}

const SOAPENC_XSD = fileURLToPath(new URL("../fixtures/soap-encoding/soapenc.xsd", import.meta.url));
const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** The attributes of the XML namespace (https://www.w3.org/2001/xml.xsd), written by hand. */
const XML_XSD = fileURLToPath(new URL("../fixtures/xml-namespace/xml.xsd", import.meta.url));

const SCHEMA_RE = /<((?:[\w.-]+:)?)schema\b([^>]*?)(?:\/>|>([\s\S]*?)<\/\1schema\s*>)/g;

/** The root WSDL and every WSDL it imports (`wsdl:import location`), with their texts. */
export async function wsdlDocuments(root: string): Promise<{ path: string; text: string }[]> {
  const out: { path: string; text: string }[] = [];
  const queue = [resolve(root)];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (out.some((d) => d.path === path)) continue;
    const text = await readFile(path, "utf8");
    out.push({ path, text });
    for (const m of text.matchAll(/<(?:[\w.-]+:)?import\b([^>]*)>/g)) {
      const loc = attr(m[1]!, "location");
      if (loc !== undefined && !/^[a-z]+:/i.test(loc)) queue.push(resolve(dirname(path), loc));
    }
  }
  return out;
}

function inlineSchemas(doc: { path: string; text: string }, dir: string, first: number): Inline[] {
  const rootTag = /<(?:[\w.-]+:)?definitions\b[^>]*>/.exec(doc.text)?.[0] ?? "";
  const inherited = declarations(rootTag);
  const out: Inline[] = [];
  for (const m of doc.text.matchAll(SCHEMA_RE)) {
    const prefix = m[1]!.replace(/:$/, "");
    const start = `<${m[1]}schema${m[2]}>`;
    const own = declarations(start);
    if ((own.get(prefix) ?? inherited.get(prefix)) !== XSD_NS) continue; // not an XSD schema element
    let extra = "";
    for (const [p, uri] of inherited) {
      if (!own.has(p)) extra += p === "" ? ` xmlns="${escapeAttr(uri)}"` : ` xmlns:${p}="${escapeAttr(uri)}"`;
    }
    out.push({
      ns: attr(start, "targetNamespace") ?? "",
      file: join(dir, `inline-${first + out.length + 1}.xsd`),
      wsdlDir: dirname(doc.path),
      prefix,
      start: `<${m[1]}schema${m[2]!.replace(/\/$/, "")}${extra}>`,
      body: m[3] ?? "",
    });
  }
  return out;
}

/** Rewrite the import/include locations of one inline schema (see the module comment). */
function relocate(s: Inline, locationOf: (ns: string) => string | undefined): string {
  const p = s.prefix === "" ? "" : `${s.prefix}:`;
  const re = new RegExp(`<${p}(import|include)\\b([^>]*?)\\s*(/?)>`, "g");
  return s.body.replace(re, (whole: string, kind: string, attrs: string, selfClosing: string) => {
    const loc = attr(attrs, "schemaLocation");
    const close = selfClosing === "/" ? "/>" : ">";
    if (loc !== undefined) {
      if (/^[a-z][\w+.-]*:/i.test(loc) || isAbsolute(loc)) return whole;
      const absolute = resolve(s.wsdlDir, loc);
      return `<${p}${kind}${attrs.replace(/\sschemaLocation\s*=\s*("[^"]*"|'[^']*')/, ` schemaLocation="${escapeAttr(absolute)}"`)}${close}`;
    }
    const target = kind === "import" ? locationOf(attr(attrs, "namespace") ?? "") : undefined;
    return target === undefined ? whole : `<${p}${kind}${attrs} schemaLocation="${escapeAttr(target)}"${close}`;
  });
}

/** Whether a schema text imports `ns`. */
function importsNs(text: string, ns: string): boolean {
  return new RegExp(`<(?:[\\w.-]+:)?import\\b[^>]*\\snamespace\\s*=\\s*["']${ns.replace(/[.]/g, "\\.")}["']`).test(
    text,
  );
}

/**
 * Write the schema set of the WSDL at `wsdlPath` into `dir` (see the module comment). `ports`:
 * the metadata of its ports, for the rpc wrapper schemas.
 */
export async function writeWsdlSchemaSet(
  wsdlPath: string,
  dir: string,
  ports: readonly ServiceMetadata[] = [],
): Promise<WsdlSchemaSet> {
  const docs = await wsdlDocuments(wsdlPath);
  const inline: Inline[] = [];
  for (const doc of docs) inline.push(...inlineSchemas(doc, dir, inline.length));
  if (inline.length === 0) throw new Error(`${wsdlPath}: no inline xs:schema`);
  const synthetic = rpcSchemas(
    ports,
    docs.map((d) => d.text),
  ).map((x, i) => ({ ...x, file: join(dir, `rpc-${i + 1}.xsd`) }));
  const byNs = new Map<string, string[]>();
  for (const s of [...inline, ...synthetic]) byNs.set(s.ns, [...(byNs.get(s.ns) ?? []), s.file]);
  const location = new Map<string, string>();
  let n = 0;
  for (const [ns, files] of byNs) {
    if (files.length === 1) {
      location.set(ns, files[0]!);
      continue;
    }
    const wrapper = join(dir, `namespace-${++n}.xsd`);
    const tns = ns === "" ? "" : ` targetNamespace="${escapeAttr(ns)}"`;
    const includes = files.map((f) => `  <xs:include schemaLocation="${escapeAttr(f)}"/>`).join("\n");
    await writeFile(
      wrapper,
      `<?xml version="1.0"?>\n<xs:schema xmlns:xs="${XSD_NS}"${tns}>\n${includes}\n</xs:schema>\n`,
    );
    location.set(ns, wrapper);
  }
  const usesSoapenc =
    inline.some((s) => importsNs(s.body, SOAPENC_NS)) || synthetic.some((s) => s.imports.includes(SOAPENC_NS));
  if (usesSoapenc && !location.has(SOAPENC_NS)) location.set(SOAPENC_NS, SOAPENC_XSD);
  for (const s of inline) {
    const end = s.prefix === "" ? "</schema>" : `</${s.prefix}:schema>`;
    const text = `<?xml version="1.0" encoding="utf-8"?>\n${s.start}${relocate(s, (ns) => location.get(ns))}${end}\n`;
    await writeFile(s.file, text);
  }
  for (const s of synthetic)
    await writeFile(
      s.file,
      s.text((ns) => location.get(ns)),
    );
  if (!location.has(XML_NS)) {
    location.set(XML_NS, XML_XSD);
  }
  const schemas = [...location]
    .sort(([a], [b]) => (a === XML_NS ? -1 : b === XML_NS ? 1 : 0))
    .map(([targetNamespace, file]) => ({ targetNamespace, file, text: "" }));
  const soap11 = join(dir, "soap11-envelope.xsd");
  const soap12 = join(dir, "soap12-envelope.xsd");
  await writeFile(soap11, envelopeSchema("1.1", schemas));
  await writeFile(soap12, envelopeSchema("1.2", schemas));
  return { soap11, soap12, schemas };
}

/**
 * rpc bodies have no schema of their own: the wrapper (`{soap:body namespace}Operation`,
 * `…Response`) is named after the operation and its children are the message parts. To validate
 * rpc documents faithfully against the WSDL's schemas, this synthesises one extra XSD per
 * soap:body namespace: each wrapper a global element whose sequence holds the parts as
 * unqualified local elements typed by the parts' schema types (metadata `ns`/`local`), with
 * occurrence and nillability from the metadata. rpc/encoded parts carry `xsi:type`; a part of a
 * SOAP-encoded array type is declared `soapenc:Array` (what SOAP 1.1 section 5 writes there).
 * Which operations are rpc is read from the WSDL bindings (`style="rpc"`).
 */
import type { FieldMeta, ServiceMetadata } from "../../runtime/metadata.js";
import { SOAP11_ENV_NS, XSD_NS } from "../../runtime/metadata.js";
import { attr, escapeAttr } from "./xsd.js";

export const SOAPENC_NS = "http://schemas.xmlsoap.org/soap/encoding/";

/** A synthesised schema: its namespace and its text once the import locations are known. */
export interface SyntheticSchema {
  readonly ns: string;
  /** Namespaces it imports (resolved by the caller). */
  readonly imports: readonly string[];
  text(locationOf: (ns: string) => string | undefined): string;
}

/** `soap:encodingStyle` (or any other SOAP 1.1 envelope attribute), not otherwise declared here. */
const ENCODING_STYLE = `<xs:anyAttribute namespace="${SOAP11_ENV_NS}" processContents="skip"/>`;

const BINDING_RE = /<((?:[\w.-]+:)?)binding\b([^>]*?)>([\s\S]*?)<\/\1binding\s*>/g;
const OPERATION_RE = /<((?:[\w.-]+:)?)operation\b([^>]*?)>([\s\S]*?)<\/\1operation\s*>/g;
const SOAP_OP_STYLE_RE = /<[\w.-]+:operation\b[^>]*\sstyle\s*=\s*["'](\w+)["']/;
const SOAP_BINDING_STYLE_RE = /<[\w.-]+:binding\b[^>]*\sstyle\s*=\s*["'](\w+)["']/;

/** `binding name → rpc operation names` over the WSDL texts (the binding default, or the operation's own style). */
export function rpcOperations(wsdlTexts: readonly string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const text of wsdlTexts) {
    for (const b of text.matchAll(BINDING_RE)) {
      const name = attr(b[2]!, "name");
      if (name === undefined) continue;
      const fallback = SOAP_BINDING_STYLE_RE.exec(b[3]!)?.[1] ?? "document";
      const ops = new Set<string>();
      for (const o of b[3]!.matchAll(OPERATION_RE)) {
        const style = SOAP_OP_STYLE_RE.exec(o[3]!)?.[1] ?? fallback;
        const op = attr(o[2]!, "name");
        if (style === "rpc" && op !== undefined) ops.add(op);
      }
      out.set(name, ops);
    }
  }
  return out;
}

interface Wrapper {
  readonly ns: string;
  readonly name: string;
  /** rpc/encoded: the wrapper carries `soap:encodingStyle` (SOAP 1.1 section 4.1.1). */
  readonly encoded: boolean;
  readonly parts: readonly { readonly field: FieldMeta; readonly type: { ns: string; local: string } }[];
}

function typeOf(meta: ServiceMetadata, f: FieldMeta, encoded: boolean): { ns: string; local: string } {
  if (f.type.startsWith("xs:")) return { ns: XSD_NS, local: f.type.slice(3) };
  const t = meta.types[f.type];
  if (t === undefined) throw new Error(`rpc part ${f.name}: unknown type ${f.type}`);
  if (encoded && t.kind === "array" && t.encoded === true) return { ns: SOAPENC_NS, local: "Array" };
  return { ns: t.ns, local: t.local };
}

/** The rpc wrappers of `ports` (first declaration of a name wins: ports of one binding repeat them). */
function wrappers(ports: readonly ServiceMetadata[], rpc: Map<string, Set<string>>): Wrapper[] {
  const out = new Map<string, Wrapper>();
  for (const meta of ports) {
    const ops = rpc.get(meta.binding);
    if (ops === undefined) continue;
    for (const op of Object.values(meta.operations)) {
      if (!ops.has(op.name)) continue;
      for (const body of [op.input, op.output]) {
        if (body === null || body.element === "") continue;
        const key = `{${body.ns}}${body.element}`;
        if (out.has(key)) continue;
        const t = meta.types[body.type];
        if (t?.kind !== "complex") throw new Error(`rpc wrapper ${key}: type ${body.type} is not complex`);
        const parts = t.fields.map((field) => ({ field, type: typeOf(meta, field, op.encoded === true) }));
        out.set(key, { ns: body.ns, name: body.element, encoded: op.encoded === true, parts });
      }
    }
  }
  return [...out.values()];
}

function partDecl(p: Wrapper["parts"][number], prefixOf: (ns: string) => string): string {
  const f = p.field;
  const occurs =
    (f.min === 1 ? "" : ` minOccurs="${f.min}"`) +
    (f.max === 1 ? "" : ` maxOccurs="${f.max < 0 ? "unbounded" : f.max}"`);
  // An `element=` part (rare in rpc) is that global element.
  if (f.ns !== "") return `<xs:element ref="${escapeAttr(`${prefixOf(f.ns)}${f.name}`)}"${occurs}/>`;
  const nil = f.nillable ? ` nillable="true"` : "";
  const type = `${prefixOf(p.type.ns)}${p.type.local}`;
  return `<xs:element name="${escapeAttr(f.name)}" type="${escapeAttr(type)}"${occurs}${nil}/>`;
}

function schemaFor(ns: string, list: readonly Wrapper[]): SyntheticSchema {
  const used = [
    ...new Set(list.flatMap((w) => w.parts.map((p) => (p.field.ns !== "" ? p.field.ns : p.type.ns)))),
  ].sort();
  const prefixes = new Map(used.map((u, i) => [u, u === XSD_NS ? "xs" : `p${i}`]));
  const prefixOf = (u: string) => (u === "" ? "" : `${prefixes.get(u)}:`);
  const imports = used.filter((u) => u !== XSD_NS && u !== ns);
  return {
    ns,
    imports,
    text(locationOf) {
      const decls = [...prefixes]
        .filter(([u]) => u !== XSD_NS && u !== "")
        .map(([u, p]) => ` xmlns:${p}="${escapeAttr(u)}"`)
        .join("");
      const imp = imports
        .map((u) => {
          const loc = locationOf(u);
          const at = loc === undefined ? "" : ` schemaLocation="${escapeAttr(loc)}"`;
          return `  <xs:import${u === "" ? "" : ` namespace="${escapeAttr(u)}"`}${at}/>`;
        })
        .join("\n");
      const els = list
        .map(
          (w) =>
            `  <xs:element name="${escapeAttr(w.name)}"><xs:complexType><xs:sequence>` +
            w.parts.map((p) => partDecl(p, prefixOf)).join("") +
            `</xs:sequence>${w.encoded ? ENCODING_STYLE : ""}</xs:complexType></xs:element>`,
        )
        .join("\n");
      const tns = ns === "" ? "" : ` targetNamespace="${escapeAttr(ns)}"`;
      return `<?xml version="1.0" encoding="utf-8"?>\n<xs:schema xmlns:xs="${XSD_NS}"${decls}${tns}>\n${imp}\n${els}\n</xs:schema>\n`;
    },
  };
}

/** One synthetic schema per soap:body namespace of the rpc operations of `ports`. */
export function rpcSchemas(ports: readonly ServiceMetadata[], wsdlTexts: readonly string[]): SyntheticSchema[] {
  const byNs = new Map<string, Wrapper[]>();
  for (const w of wrappers(ports, rpcOperations(wsdlTexts))) byNs.set(w.ns, [...(byNs.get(w.ns) ?? []), w]);
  return [...byNs].map(([ns, list]) => schemaFor(ns, list));
}

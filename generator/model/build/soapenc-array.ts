/**
 * SOAP-encoded arrays (rpc/encoded, SOAP 1.1 section 5): a complex type restricting
 * `soapenc:Array`, its item type given by `wsdl:arrayType="tns:Foo[]"` on the
 * `soapenc:arrayType` attribute reference, or by a sequence of one (`item`) element. Modelled
 * as an array wrapper (`isArrayWrapper`) with `encodedArray`; the item element is `item`.
 *
 * The raw XSD model does not keep `wsdl:arrayType`, so it is read back from the document
 * tree at the attribute's location (the roots are registered once per symbol table).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { documentKey } from "../../load/resolve.js";
import { NS } from "../../parse/namespaces.js";
import { resolveQName, type QNameRef } from "../../parse/qname.js";
import type { RawAttributeUse, RawComplexType } from "../../parse/raw-xsd.js";
import { attributeLocation, attributeValue, type XmlNode } from "../../parse/xml.js";
import type { ComplexType, QName, SourceLocation, TypeId, TypeUse } from "../types.js";
import type { SymbolTables } from "./symbols.js";

export const SOAPENC_NS = "http://schemas.xmlsoap.org/soap/encoding/";
const ANY_TYPE: TypeUse = { kind: "builtin", name: "anyType" };

const rootsOf = new WeakMap<SymbolTables, ReadonlyMap<string, XmlNode>>();

/** Remember the document trees of `tables` (keyed by `documentKey`), to read `wsdl:arrayType`. */
export function registerDocumentRoots(tables: SymbolTables, roots: ReadonlyMap<string, XmlNode>): void {
  rootsOf.set(tables, roots);
}

/** The type being built, as the resolver knows it. */
export interface SoapencTarget {
  readonly id: TypeId;
  readonly qname: QName;
  readonly anonymous: boolean;
}

/** The array model of a `soapenc:Array` restriction, or undefined when `raw` is none. */
export function soapencArray(
  tables: SymbolTables,
  p: SoapencTarget,
  raw: RawComplexType,
  resolve: (ref: QNameRef) => TypeUse,
  diagnostics: Diagnostic[],
): ComplexType | undefined {
  const c = raw.content;
  if (c.kind !== "restriction" || c.base?.qname?.ns !== SOAPENC_NS || c.base.qname.local !== "Array") return undefined;
  const elements = c.particles.filter((x) => x.kind === "element");
  let item: TypeUse = ANY_TYPE;
  let itemName = "item";
  const only = elements[0];
  if (elements.length === 1 && only !== undefined) {
    itemName = only.name ?? only.ref?.local ?? "item";
    if (only.type !== undefined) item = resolve(only.type);
    else unsupported(diagnostics, p, "a soapenc:Array item element without type=", only.location);
  } else {
    const ref = arrayTypeRef(tables, raw.attributes, diagnostics, p);
    if (ref !== undefined) item = resolve(ref);
  }
  return {
    kind: "complex",
    id: p.id,
    qname: p.qname,
    anonymous: p.anonymous,
    fields: [
      {
        qname: { ns: "", local: itemName },
        type: item,
        minOccurs: 0,
        maxOccurs: -1,
        nillable: true,
        source: raw.location,
      },
    ],
    abstract: false,
    isDictionary: false,
    isArrayWrapper: true,
    encodedArray: true,
    source: raw.location,
    ...(raw.annotation.documentation === undefined ? {} : { documentation: raw.annotation.documentation }),
  };
}

/** `wsdl:arrayType` of the `soapenc:arrayType` attribute reference, without its `[]` rank. */
function arrayTypeRef(
  tables: SymbolTables,
  uses: readonly RawAttributeUse[],
  diagnostics: Diagnostic[],
  p: SoapencTarget,
): QNameRef | undefined {
  const use = uses.find(
    (u) => u.kind === "attribute" && u.ref?.qname?.ns === SOAPENC_NS && u.ref.qname.local === "arrayType",
  );
  const node = use === undefined ? undefined : nodeAt(tables, use.location);
  const value = node === undefined ? undefined : attributeValue(node, "arrayType", NS.wsdl);
  if (node === undefined || value === undefined) {
    unsupported(diagnostics, p, "a soapenc:Array restriction without wsdl:arrayType", use?.location);
    return undefined;
  }
  const m = /^\s*([^[\s]+)\s*((?:\[[^\]]*\])+)\s*$/.exec(value);
  const at = attributeLocation(node, "arrayType", NS.wsdl);
  // Axis writes an array of byte[] (each one base64Binary) as `xsd:byte[][]`
  if (m !== null && m[2] === "[][]" && /^[^:]+:byte$/.test(m[1]!)) {
    const ref = resolveQName(m[1]!, node, at);
    if (ref.qname?.ns === NS.xsd)
      return { ...ref, text: "base64Binary", local: "base64Binary", qname: { ns: NS.xsd, local: "base64Binary" } };
  }
  if (m === null || m[2] !== "[]") {
    const what = `wsdl:arrayType="${value}" (only one-dimensional arrays, written Type[], are supported)`;
    unsupported(diagnostics, p, what, at);
    return undefined;
  }
  return resolveQName(m[1]!, node, at);
}

function nodeAt(tables: SymbolTables, at: SourceLocation): XmlNode | undefined {
  const root = rootsOf.get(tables)?.get(documentKey(at.file));
  const stack = root === undefined ? [] : [root];
  for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
    if (n.line === at.line && n.column === at.column) return n;
    if (n.line <= at.line) stack.push(...n.children);
  }
  return undefined;
}

function unsupported(diagnostics: Diagnostic[], p: SoapencTarget, what: string, at: SourceLocation | undefined): void {
  diagnostics.push({
    kind: "xsd-unsupported",
    message: `${what} is not supported (in ${p.anonymous ? `an anonymous type, id ${p.id}` : `xs:complexType ${p.qname.local}`})`,
    ...(at === undefined ? {} : { location: at }),
  });
}

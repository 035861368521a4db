/**
 * `decodeAnyElement`: one `$any` item (the raw XML string of an element an `xs:any` wildcard
 * admitted) decoded as the type the metadata knows for it, as `processContents="lax"` asks: the
 * global element of that name (metadata format v4 `el`), else a known `xsi:type` on the element
 * (a complex type of the port or an `xs:` built-in). Anything else comes back as the same string,
 * so the `$any` value itself stays raw and lossless.
 */
import type { GlobalElementMeta, ServiceMetadata, TypeRef } from "../metadata.js";
import { XSD_NS, XSI_NS } from "../metadata.js";
import type { CompactMetadata } from "../metadata/format.js";
import { loadMetadata } from "../metadata/load.js";
import { parseXml, resolveQName, type XmlElement } from "../xml/parse.js";
import { decodeType } from "./decode.js";
import type { DecodeOptions } from "./decode-options.js";
import { planFor } from "./plan.js";
import { scalarPlan } from "./scalars.js";

/** A `$any` element the metadata knows: its name, the type it was decoded as, and the value. */
export interface AnyElement {
  readonly ns: string;
  readonly local: string;
  /** The metadata type id (the generated TypeScript type's name) or `xs:<scalar>`. */
  readonly type: TypeRef;
  readonly value: unknown;
}

const XSI_TYPE = `{${XSI_NS}}type`;
const byName = new WeakMap<ServiceMetadata, ReadonlyMap<string, GlobalElementMeta>>();

function elementsOf(meta: ServiceMetadata): ReadonlyMap<string, GlobalElementMeta> {
  let m = byName.get(meta);
  if (m === undefined) {
    m = new Map((meta.elements ?? []).map((e) => [`{${e.ns}}${e.local}`, e]));
    byName.set(meta, m);
  }
  return m;
}

/** The type an `xsi:type` on `el` names, when the metadata knows it. */
function xsiType(meta: ServiceMetadata, el: XmlElement): TypeRef | undefined {
  const xt = el.attrs.get(XSI_TYPE);
  const q = xt === undefined ? undefined : resolveQName(el, xt);
  if (q === undefined) return undefined;
  if (q.ns === XSD_NS)
    return q.local !== "anyType" && scalarPlan(`xs:${q.local}`) !== undefined ? `xs:${q.local}` : undefined;
  return planFor(meta).typeIdByName(q.ns, q.local);
}

/**
 * Decode one `$any` item against a client's metadata (the generated `<Port>Metadata` literal or
 * a `ClientCore`'s `.meta`): an `AnyElement` when its name or `xsi:type` is known, else `xml`
 * unchanged. A known element whose content does not fit its type fails like any response value
 * (`DeserializationError`); a string that is not one well-formed element is an `XmlParseError`.
 */
export function decodeAnyElement(
  metadata: CompactMetadata | ServiceMetadata,
  xml: string,
  options?: DecodeOptions,
): AnyElement | string {
  const meta = "v" in metadata ? loadMetadata(metadata) : metadata;
  const el = parseXml(xml);
  const type = elementsOf(meta).get(`{${el.ns}}${el.local}`)?.type ?? xsiType(meta, el);
  if (type === undefined) return xml;
  return { ns: el.ns, local: el.local, type, value: decodeType(meta, type, el, options) };
}

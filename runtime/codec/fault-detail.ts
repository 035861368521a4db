/**
 * Declared faults (`wsdl:fault`) → a typed fault detail on `SoapFaultError.declared`: the first
 * child of `detail`/`Detail` whose name is a declared fault element, else (spyne and other
 * stacks put fault members directly in `Fault`) the first such child of the fault itself.
 * The element is decoded from its REDACTED serialisation, so the secret masking applied to
 * the raw detail applies to the typed value too. A detail that does not decode stays raw only.
 */
import type { FaultMeta, OperationMeta, ServiceMetadata } from "../metadata.js";
import { XSI_NS } from "../metadata.js";
import type { DeclaredFault } from "../errors.js";
import type { TextRedactor } from "../redact.js";
import { parseXml, resolveQName, type XmlElement } from "../xml/parse.js";
import { serializeElement } from "../xml/write.js";
import { decodeType } from "./decode.js";
import type { DecodeOptions, ResolvedDecodeOptions } from "./decode-options.js";
import { multiRefs, normalizeEncoded } from "./encoded-decode.js";
import { planFor, type Plan } from "./plan.js";

const XSI_TYPE = `{${XSI_NS}}type`;

export function declaredFault(
  meta: ServiceMetadata,
  op: OperationMeta,
  fault: XmlElement,
  decode: DecodeOptions | ResolvedDecodeOptions,
  redact: TextRedactor,
): DeclaredFault | undefined {
  const faults = op.faults ?? [];
  const detail = fault.children.find((c) => c.local === "detail" || c.local === "Detail");
  const candidates = [...(detail?.children ?? []), ...fault.children.filter((c) => c !== detail)];
  const plan = planFor(meta);
  for (const c of candidates) {
    const f = faults.find((x) => x.element === c.local && x.ns === c.ns) ?? byXsiType(plan, faults, c);
    if (f === undefined) continue;
    try {
      const el = op.encoded === true ? normalizeEncoded(plan, plan.resolve(f.type), c, multiRefs(detail ?? fault)) : c;
      const reparsed = parseXml(redact(serializeElement(withoutXsiType(el))));
      return { fault: f.name, value: decodeType(meta, f.type, reparsed, decode as DecodeOptions) };
    } catch {
      return undefined; // the raw detail (err.detail / err.extra) still has it
    }
  }
  return undefined;
}

/** Axis 1 names the detail element after the Java class; its `xsi:type` names the fault's type. */
function byXsiType(plan: Plan, faults: readonly FaultMeta[], c: XmlElement): FaultMeta | undefined {
  const xt = c.attrs.get(XSI_TYPE);
  const q = xt === undefined ? undefined : resolveQName(c, xt);
  const id = q === undefined ? undefined : plan.typeIdByName(q.ns, q.local);
  return id === undefined ? undefined : faults.find((f) => f.type === id);
}

/** `xsi:type` values are QNames whose prefixes a re-serialisation does not keep. */
function withoutXsiType(el: XmlElement): XmlElement {
  const attrs = el.attrs.has(XSI_TYPE) ? new Map([...el.attrs].filter(([k]) => k !== XSI_TYPE)) : el.attrs;
  return { ...el, attrs, children: el.children.map(withoutXsiType) };
}

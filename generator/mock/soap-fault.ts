/** A SOAP 1.1 or 1.2 Fault element, with a typed detail for one of the operation's declared faults. */
import {
  encodeHeaders,
  escapeText,
  type OperationMeta,
  type ServiceMetadata,
  type SoapVersion,
} from "@soapkit/runtime";
import { MockUsageError } from "./errors.js";
import type { MockFaultSpec } from "./types.js";

export type FaultCodeName = "Client" | "Server" | "VersionMismatch";

const SOAP12_CODES: Record<FaultCodeName, string> = {
  Client: "Sender",
  Server: "Receiver",
  VersionMismatch: "VersionMismatch",
};

/** The `<soap:Fault>` element (prefix `soap` is the envelope's, see `buildEnvelope`). */
export function faultXml(version: SoapVersion, code: FaultCodeName, message: string, detailXml = ""): string {
  const text = escapeText(message);
  if (version === "1.1") {
    const detail = detailXml === "" ? "" : `<detail>${detailXml}</detail>`;
    return `<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${text}</faultstring>${detail}</soap:Fault>`;
  }
  const detail = detailXml === "" ? "" : `<soap:Detail>${detailXml}</soap:Detail>`;
  return (
    `<soap:Fault><soap:Code><soap:Value>soap:${SOAP12_CODES[code]}</soap:Value></soap:Code>` +
    `<soap:Reason><soap:Text xml:lang="en">${text}</soap:Text></soap:Reason>${detail}</soap:Fault>`
  );
}

/** The detail element of a declared fault (`wsdl:fault`), encoded by the runtime codec. */
export function declaredDetailXml(
  meta: ServiceMetadata,
  op: OperationMeta | undefined,
  detail: NonNullable<MockFaultSpec["detail"]>,
): string {
  const f = op?.faults?.find((x) => x.name === detail.fault);
  if (op === undefined || f === undefined) {
    const declared = (op?.faults ?? []).map((x) => x.name).join(", ") || "none";
    throw new MockUsageError(`${op?.name ?? "?"} declares no fault ${detail.fault} (declared: ${declared})`);
  }
  const part = { name: f.name, ns: f.ns, element: f.element, type: f.type, nillable: false };
  return encodeHeaders(meta, [part], { [f.name]: detail.value }, { declareNamespaces: true });
}

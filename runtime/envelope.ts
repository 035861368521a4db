/**
 * SOAP envelope building and parsing (SOAP 1.1 and 1.2), including fault extraction.
 *
 * Headers always go inside `<soap:Header>` (never directly under `Envelope`, as some vendor
 * example pages show); the Header element is omitted when there are no header blocks.
 */

import type { SoapVersion } from "./metadata.js";
import { SOAP11_ENV_NS, SOAP12_ENV_NS, XSI_NS } from "./metadata.js";
import {
  ProtocolError,
  SerializationError,
  SoapFaultError,
  type DeclaredFault,
  type FaultCode,
  type SoapFaultInfo,
} from "./errors.js";
import { findChild, parseXml, resolveQName, type ParseXmlOptions, type XmlElement } from "./xml/parse.js";
import { escapeAttr, serializeElement } from "./xml/write.js";

/** Input of `buildEnvelope`. */
export interface BuildEnvelopeInput {
  readonly version: SoapVersion;
  /** Prefixes to declare on the Envelope (normally `meta.prefixes`). */
  readonly prefixes: readonly (readonly [string, string])[];
  /** Serialised header blocks (empty/undefined → no `soap:Header`). */
  readonly headerXml?: string;
  /** Serialised body content (the wrapper element). */
  readonly bodyXml: string;
}

/** Result of `parseEnvelope`. */
export interface ParsedEnvelope {
  readonly version: SoapVersion;
  readonly envelope: XmlElement;
  readonly header?: XmlElement;
  readonly body: XmlElement;
  /** First element inside `Body` (the response wrapper), if any. */
  readonly firstBodyChild?: XmlElement;
}

/** Options of `parseEnvelope`. */
export interface ParseEnvelopeOptions extends ParseXmlOptions {
  /** Operation name, recorded on errors. */
  operation?: string;
  /** HTTP status, recorded on a `SoapFaultError`. */
  status?: number;
  /** Applied to the fault detail XML before it is stored on the error (secret redaction). */
  redact?: (xml: string) => string;
  /** Decodes a fault's detail as one of the operation's declared faults (see codec/fault-detail.ts). */
  declaredFault?: (fault: XmlElement) => DeclaredFault | undefined;
}

/** Envelope namespace of a SOAP version. */
export function envelopeNamespace(version: SoapVersion): string {
  return version === "1.2" ? SOAP12_ENV_NS : SOAP11_ENV_NS;
}

const RESERVED = new Set(["soap", "xsi", "xml", "xmlns"]);
const openTagCache = new WeakMap<object, { "1.1"?: string; "1.2"?: string }>();

function envelopeOpen(version: SoapVersion, prefixes: BuildEnvelopeInput["prefixes"]): string {
  let cached = openTagCache.get(prefixes);
  const hit = cached?.[version];
  if (hit !== undefined) return hit;
  let s = `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${envelopeNamespace(version)}" xmlns:xsi="${XSI_NS}"`;
  for (const [prefix, uri] of prefixes) {
    if (RESERVED.has(prefix)) {
      if (prefix === "xsi" && uri === XSI_NS) continue;
      throw new SerializationError("", `namespace prefix "${prefix}" is reserved by the envelope`);
    }
    s += ` xmlns:${prefix}="${escapeAttr(uri)}"`;
  }
  s += ">";
  if (cached === undefined) {
    cached = {};
    openTagCache.set(prefixes, cached);
  }
  cached[version] = s;
  return s;
}

/** Build a complete SOAP envelope document (XML declaration included). */
export function buildEnvelope(input: BuildEnvelopeInput): string {
  const open = envelopeOpen(input.version, input.prefixes);
  const header =
    input.headerXml !== undefined && input.headerXml !== "" ? `<soap:Header>${input.headerXml}</soap:Header>` : "";
  return `${open}${header}<soap:Body>${input.bodyXml}</soap:Body></soap:Envelope>`;
}

/**
 * Parse a SOAP envelope. Throws `XmlParseError` for malformed XML, `ProtocolError` when the
 * document is not an envelope (or not of `expectedVersion`), and `SoapFaultError` when the
 * body holds a fault.
 */
export function parseEnvelope(
  xml: string,
  expectedVersion?: SoapVersion,
  options?: ParseEnvelopeOptions,
): ParsedEnvelope {
  const root = parseXml(xml, options);
  let version: SoapVersion;
  if (root.ns === SOAP11_ENV_NS) version = "1.1";
  else if (root.ns === SOAP12_ENV_NS) version = "1.2";
  else {
    throw new ProtocolError(`response is not a SOAP envelope (root element {${root.ns}}${root.local})`, {
      operation: options?.operation,
      status: options?.status,
    });
  }
  if (root.local !== "Envelope") {
    throw new ProtocolError(`response is not a SOAP envelope (root element ${root.local})`, {
      operation: options?.operation,
      status: options?.status,
    });
  }
  if (expectedVersion !== undefined && version !== expectedVersion) {
    throw new ProtocolError(`expected a SOAP ${expectedVersion} envelope, got SOAP ${version}`, {
      operation: options?.operation,
      status: options?.status,
    });
  }
  const envNs = root.ns;
  let header: XmlElement | undefined;
  let body: XmlElement | undefined;
  for (const c of root.children) {
    if (c.ns !== envNs) continue;
    if (c.local === "Header" && header === undefined && body === undefined) header = c;
    else if (c.local === "Body" && body === undefined) body = c;
  }
  if (body === undefined) {
    throw new ProtocolError("SOAP envelope has no Body", { operation: options?.operation, status: options?.status });
  }
  const first = body.children[0];
  if (first !== undefined && first.local === "Fault" && first.ns === envNs) {
    const read = version === "1.1" ? readFault11(first, options?.redact) : readFault12(first, options?.redact);
    const declared = options?.declaredFault?.(first);
    const info = declared === undefined ? read : { ...read, declared };
    throw new SoapFaultError(info, { operation: options?.operation, status: options?.status });
  }
  const result: { -readonly [K in keyof ParsedEnvelope]: ParsedEnvelope[K] } = { version, envelope: root, body };
  if (header !== undefined) result.header = header;
  if (first !== undefined) result.firstBodyChild = first;
  return result;
}

function faultCode(el: XmlElement | undefined): FaultCode {
  if (el === undefined) return { value: "", ns: "", local: "" };
  const value = el.text.trim();
  const q = resolveQName(el, value);
  if (q !== undefined) return { value, ns: q.ns, local: q.local };
  const colon = value.indexOf(":");
  return { value, ns: "", local: colon < 0 ? value : value.slice(colon + 1) };
}

function childByLocal(el: XmlElement, local: string): XmlElement | undefined {
  for (const c of el.children) if (c.local === local) return c;
  return undefined;
}

function detailXml(el: XmlElement | undefined, redact?: (xml: string) => string): string | undefined {
  if (el === undefined) return undefined;
  let xml = "";
  if (el.children.length === 0) xml = el.text.trim();
  else for (const c of el.children) xml += serializeElement(c);
  return redact !== undefined ? redact(xml) : xml;
}

/** Raw XML of the fault children that are not standard members (`known`), redacted; undefined when none. */
function extraXml(
  fault: XmlElement,
  known: readonly string[],
  redact: ((xml: string) => string) | undefined,
): { extra?: string } {
  let xml = "";
  for (const c of fault.children) if (!known.includes(c.local)) xml += serializeElement(c);
  if (xml === "") return {};
  return { extra: redact !== undefined ? redact(xml) : xml };
}

function readFault11(fault: XmlElement, redact?: (xml: string) => string): SoapFaultInfo {
  // The SOAP 1.1 fault children are unqualified, but some stacks qualify them: match by local name.
  const actor = childByLocal(fault, "faultactor");
  const detail = detailXml(childByLocal(fault, "detail"), redact);
  return {
    soapVersion: "1.1",
    faultCode: faultCode(childByLocal(fault, "faultcode")),
    subcodes: [],
    faultString: childByLocal(fault, "faultstring")?.text.trim() ?? "",
    ...(actor !== undefined ? { actor: actor.text.trim() } : {}),
    ...(detail !== undefined ? { detail } : {}),
    ...extraXml(fault, ["faultcode", "faultstring", "faultactor", "detail"], redact),
  };
}

function readFault12(fault: XmlElement, redact?: (xml: string) => string): SoapFaultInfo {
  const ns = SOAP12_ENV_NS;
  const code = findChild(fault, ns, "Code");
  const subcodes: FaultCode[] = [];
  let sub = code !== undefined ? findChild(code, ns, "Subcode") : undefined;
  while (sub !== undefined && subcodes.length < 32) {
    subcodes.push(faultCode(findChild(sub, ns, "Value")));
    sub = findChild(sub, ns, "Subcode");
  }
  let faultString = "";
  const reason = findChild(fault, ns, "Reason");
  if (reason !== undefined) {
    const texts = reason.children.filter((c) => c.local === "Text" && c.ns === ns);
    const english = texts.find((t) =>
      (t.attrs.get("{http://www.w3.org/XML/1998/namespace}lang") ?? "").startsWith("en"),
    );
    faultString = (english ?? texts[0])?.text.trim() ?? "";
  }
  const role = findChild(fault, ns, "Role");
  const node = findChild(fault, ns, "Node");
  const detail = detailXml(findChild(fault, ns, "Detail"), redact);
  return {
    soapVersion: "1.2",
    faultCode: faultCode(code !== undefined ? findChild(code, ns, "Value") : undefined),
    subcodes,
    faultString,
    ...(role !== undefined ? { actor: role.text.trim() } : {}),
    ...(node !== undefined ? { node: node.text.trim() } : {}),
    ...(detail !== undefined ? { detail } : {}),
    ...extraXml(fault, ["Code", "Reason", "Node", "Role", "Detail"], redact),
  };
}

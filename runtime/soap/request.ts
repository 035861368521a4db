/** The SOAP request of a prepared call: envelope and HTTP headers (shared by both SOAP transports). */
import type { OperationMeta, SoapVersion } from "../metadata.js";
import { SerializationError } from "../errors.js";
import { encodeHeaders } from "../codec/encode.js";
import { encodeOperationBody } from "../codec/body.js";
import { buildEnvelope } from "../envelope.js";
import { putHeader } from "../pipeline/http-headers.js";
import type { PreparedCall } from "../pipeline/transport.js";
import type { EnvelopeSecurity } from "../security/envelope-security.js";
import { addressingHeaders, appendHeaders } from "./addressing.js";
import { withXopCollector } from "../codec/xop-hook.js";
import { MtomCollector, writeMtom, type MtomOptions } from "./mtom-writer.js";
import { applyPolicy, type ConnectionFacts, type SoapMessageOptions } from "./policy.js";

export interface SoapRequest {
  /** The envelope (with `mtom`: the root part, Includes in place of the parts). */
  readonly envelope: string;
  /** With `mtom`: the multipart HTTP body (bytes, or chunks when a part is streamed); else send `envelope`. */
  readonly body?: Uint8Array | AsyncIterable<Uint8Array>;
  /** Frozen (shared by the calls of an operation) unless MTOM sets its own Content-Type: copy before changing. */
  readonly httpHeaders: Readonly<Record<string, string>>;
}

const ACCEPT = "text/xml, application/soap+xml, application/xml;q=0.9, */*;q=0.1";
const PROTECTED = new Set(["content-type", "soapaction", "content-length"]);

/**
 * The envelope and HTTP headers of a call to `endpoint`, after the port's WS-Policy check
 * (policy.ts): WS-Addressing headers when on, secured by `message.security` when given.
 */
export function buildSoapRequest(
  call: PreparedCall,
  version: SoapVersion,
  message: SoapMessageOptions,
  endpoint: string,
  connection?: ConnectionFacts,
): SoapRequest {
  const addressing = applyPolicy(call.meta, call.operation, message, endpoint, connection);
  const security = message.security;
  const mtomOption = message.mtom ?? (message.policy !== "ignore" && call.meta.policy?.mtom === true);
  const mtom = mtomOption === false ? undefined : mtomCollector(mtomOption);
  const plain =
    mtom === undefined ? envelopeOf(call, version) : withXopCollector(mtom, () => envelopeOf(call, version));
  let envelope =
    addressing === undefined
      ? plain
      : appendHeaders(
          plain,
          addressingHeaders(addressing.options, version, call.operation.soapAction, addressing.endpoint),
        );
  const included = mtom?.includes(envelope);
  if (included !== undefined) envelope = included.envelope;
  if (security !== undefined) envelope = security.secure(envelope, version, call.secrets);
  const httpHeaders = soapHttpHeaders(call, version);
  if (included === undefined) return { envelope, httpHeaders };
  const packed = writeMtom(envelope, included.parts, version, call.operation.soapAction);
  return { envelope, httpHeaders: { ...httpHeaders, "Content-Type": packed.contentType }, body: packed.body };
}

function mtomCollector(option: true | MtomOptions): MtomCollector {
  return new MtomCollector(option === true ? {} : option);
}

/** Run the security step's response check (signed responses) on a successful reply. */
export function verifyResponse(security: EnvelopeSecurity | undefined, status: number, body: string): void {
  if (security?.verify !== undefined && status >= 200 && status < 300 && body !== "") security.verify(body);
}

function envelopeOf(call: PreparedCall, version: SoapVersion): string {
  const { meta, operation: op } = call;
  try {
    const headerXml = headerXmlOf(call);
    const bodyXml = encodeOperationBody(meta, op, call.input);
    return buildEnvelope({ version, prefixes: meta.prefixes, headerXml, bodyXml });
  } catch (e) {
    if (e instanceof SerializationError) throw new SerializationError(e.path, e.reason, { operation: op.name });
    throw e;
  }
}

/** Header XML per request-header object (the client's, frozen all the way down) and operation; null: not cacheable. */
const headerXmlCache = new WeakMap<object, Map<OperationMeta, string> | null>();

/** The SOAP header blocks of a call: encoded once per operation for a client's own (deeply frozen) headers. */
function headerXmlOf(call: PreparedCall): string {
  const { meta, operation: op, headers } = call;
  let byOp = headerXmlCache.get(headers);
  if (byOp === undefined) headerXmlCache.set(headers, (byOp = deeplyFrozen(headers, 0) ? new Map() : null));
  let xml = byOp?.get(op);
  if (xml === undefined) {
    // Client-level headers that this operation does not declare are skipped (they are service-wide).
    xml = encodeHeaders(meta, op.inputHeaders, headers, { ignoreUnknown: true });
    byOp?.set(op, xml);
  }
  return xml;
}

/** Only primitives and frozen plain objects and arrays: nothing in `value` can change. */
function deeplyFrozen(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return typeof value !== "function";
  if (depth > 32 || !Object.isFrozen(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
  return Object.values(value).every((v) => deeplyFrozen(v, depth + 1));
}

/** Headers of calls without headers of their own, per client header set (frozen by the pipeline), operation and version. */
const headerCache = new WeakMap<object, Map<OperationMeta, Readonly<Record<string, string>>[]>>();

/** Defaults first, then the caller's headers, then Content-Type/SOAPAction (never the caller's). */
function soapHttpHeaders(call: PreparedCall, version: SoapVersion): Readonly<Record<string, string>> {
  // The pipeline freezes a client's own headers: those calls share one header object per operation.
  if (!Object.isFrozen(call.httpHeaders)) return buildHttpHeaders(call, version);
  let byOp = headerCache.get(call.httpHeaders);
  if (byOp === undefined) headerCache.set(call.httpHeaders, (byOp = new Map()));
  let forOp = byOp.get(call.operation);
  if (forOp === undefined) byOp.set(call.operation, (forOp = []));
  const slot = version === "1.1" ? 0 : 1;
  return (forOp[slot] ??= Object.freeze(buildHttpHeaders(call, version)));
}

function buildHttpHeaders(call: PreparedCall, version: SoapVersion): Record<string, string> {
  const headers: Record<string, string> = { Accept: ACCEPT, "Accept-Encoding": "gzip, deflate" };
  for (const [name, value] of Object.entries(call.httpHeaders)) {
    if (!PROTECTED.has(name.toLowerCase())) putHeader(headers, name, value);
  }
  return { ...headers, ...contentHeaders(call.operation, version) };
}

function contentHeaders(op: OperationMeta, version: SoapVersion): Record<string, string> {
  if (version === "1.1") return { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${op.soapAction}"` };
  const action = op.soapAction !== "" ? `; action="${op.soapAction}"` : "";
  return { "Content-Type": `application/soap+xml; charset=utf-8${action}` };
}

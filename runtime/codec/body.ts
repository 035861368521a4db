/**
 * An operation's SOAP body, whatever its WSDL style: document/literal wrapped (one wrapper
 * element), bare (the type's elements directly in `soap:Body`; body element `""`), rpc/literal
 * (a wrapper like wrapped) and rpc/encoded (encoded-encode.ts / encoded-decode.ts).
 */
import type { BodyMeta, OperationMeta, ServiceMetadata } from "../metadata.js";
import { DeserializationError } from "../errors.js";
import type { XmlElement } from "../xml/parse.js";
import { encodeBareBody, encodeBody } from "./encode.js";
import { decodeBody, decodeType } from "./decode.js";
import type { DecodeOptions, ResolvedDecodeOptions } from "./decode-options.js";
import { encodeEncodedBody } from "./encoded-encode.js";
import { multiRefs, normalizeEncoded } from "./encoded-decode.js";
import { planFor } from "./plan.js";

/** The XML inside `soap:Body` for the operation's input. */
export function encodeOperationBody(meta: ServiceMetadata, op: OperationMeta, value: object | undefined): string {
  return encodeBodyOf(meta, op, op.input, value);
}

/** The XML inside `soap:Body` for one of the operation's bodies (an emulator writes the output). */
export function encodeBodyOf(
  meta: ServiceMetadata,
  op: OperationMeta,
  body: BodyMeta,
  value: object | undefined,
): string {
  if (op.encoded === true) return encodeEncodedBody(meta, body, value);
  if (body.element === "") return encodeBareBody(meta, body, value);
  return encodeBody(meta, body, value);
}

/**
 * Decode a body (the `soap:Body` element) of `op` into the wrapper object. Throws
 * `DeserializationError` when the body does not hold what `body` describes.
 */
export function decodeOperationBody(
  meta: ServiceMetadata,
  op: OperationMeta,
  body: BodyMeta,
  soapBody: XmlElement,
  options?: DecodeOptions | ResolvedDecodeOptions,
): Record<string, unknown> {
  if (body.element === "") {
    const bare: XmlElement = { ...soapBody, attrs: new Map() };
    return decodeType(meta, body.type, bare, options as DecodeOptions) as Record<string, unknown>;
  }
  const first = soapBody.children[0];
  // encoded: multiRefs are siblings of the wrapper (Axis puts the wrapper first, others may not)
  const wrapper =
    op.encoded === true
      ? (soapBody.children.find((c) => c.local === body.element && c.ns === body.ns) ?? first)
      : first;
  if (wrapper === undefined)
    throw new DeserializationError("", `body is empty, expected ${body.element}`, soapBody.line, soapBody.column);
  if (op.encoded !== true) return decodeBody(meta, body, wrapper, options);
  const plan = planFor(meta);
  const normalized = normalizeEncoded(plan, plan.complex(body.type), wrapper, multiRefs(soapBody));
  return decodeBody(meta, body, normalized, options);
}

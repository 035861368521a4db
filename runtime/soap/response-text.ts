/**
 * A received SOAP response's body as text: bytes are decoded with their declared charset
 * (xml/charset.ts). A successful (2xx) response in an unknown charset or with invalid bytes is a
 * `ProtocolError`; an error response falls back to lossy UTF-8 so that its HTTP status or SOAP
 * fault is still reported. Shared by both SOAP transports; no Node-only APIs.
 */

import { ProtocolError } from "../errors.js";
import { decodeBodyBytes, mediaParameter } from "../xml/charset.js";
import { unpackMtom } from "./mtom.js";
import { isMultipartRelated } from "./mtom-multipart.js";
import type { HttpExchange } from "./response.js";

/** A received HTTP response before its body is decoded to text. */
export interface RawHttpExchange extends Omit<HttpExchange, "body"> {
  /** The body as bytes when the HTTP client returned bytes (`responseType: "arraybuffer"`), else its text. */
  readonly body: string | Uint8Array;
}

export function exchangeText(raw: RawHttpExchange, operation: string, url: string): HttpExchange {
  if (typeof raw.body === "string") return { ...raw, body: raw.body };
  const contentType = raw.headers["content-type"];
  if (isMultipartRelated(contentType)) {
    // MTOM/XOP: the envelope with its attachments put back inline, read as the root part's type.
    const mtom = unpackMtom(raw.body, contentType!, `${operation}: response from ${url}`);
    const type = mediaParameter(mtom.rootType, "type") ?? "text/xml";
    const headers = { ...raw.headers, "content-type": `${type}; charset=utf-8` };
    const attachments = mtom.attachments.length > 0 ? { attachments: mtom.attachments } : {};
    return { status: raw.status, headers, body: mtom.envelope, ...attachments };
  }
  try {
    // Field by field: a spread of the response costs µs per call.
    return { status: raw.status, headers: raw.headers, body: decodeBodyBytes(raw.body, contentType) };
  } catch (e) {
    if (!(e instanceof ProtocolError)) throw e;
    if (raw.status < 200 || raw.status > 299) return { ...raw, body: new TextDecoder("utf-8").decode(raw.body) };
    throw new ProtocolError(`${operation}: ${e.message} from ${url} (HTTP ${raw.status})`, {
      operation,
      url,
      status: raw.status,
      ...(contentType !== undefined ? { contentType } : {}),
      cause: e,
    });
  }
}

/**
 * A WebAPI HTTP response → the call's result or the right error: a SuperOffice exception body
 * → `WebApiError`, other error statuses and HTML → `TransportError`, a 2xx body that is not
 * the expected JSON → `ProtocolError`. Snippets are redacted before the cut.
 */
import { DeserializationError, ProtocolError, TransportError } from "../errors.js";
import { bodySnippet } from "../redact.js";
import { mimeOf, type FetchedResponse } from "../http/fetch-exchange.js";
import { decodeJsonResult, isBinaryResult } from "../rest/json-codec.js";
import { JsonSyntaxError, parseJson, type JsonValue } from "../rest/json.js";
import type { PreparedCall } from "../pipeline/transport.js";
import { WebApiError, exceptionInfoFromJson } from "./web-api-error.js";

export interface RestReceived extends FetchedResponse {
  /** Non-textual content type (e.g. `application/octet-stream`). */
  readonly binary: boolean;
  readonly text: string;
}

export function isTextual(mime: string): boolean {
  return mime.startsWith("text/") || mime.endsWith("json") || mime.endsWith("xml");
}

const isHtml = (mime: string): boolean => mime === "text/html" || mime === "application/xhtml+xml";

export function interpretRestResponse(call: PreparedCall, url: string, res: RestReceived): unknown {
  const operation = call.operation.name;
  const mime = mimeOf(res.headers["content-type"]);
  const empty = res.bytes.byteLength === 0 || (!res.binary && res.text.trim() === "");
  const details = () => restDetails(call, url, res, empty);
  if (res.status < 200 || res.status > 299) throw errorStatus(call, url, res, empty);
  const output = call.operation.output;
  if (res.status === 204 || empty || output === null || output.empty) return undefined;
  if (res.binary && isBinaryResult(call.meta, output) && !isHtml(mime)) return asBytes(res.bytes);
  if (isHtml(mime))
    throw new TransportError(
      "bad-response",
      `${operation}: expected JSON from ${url} but got HTML (HTTP ${res.status})`,
      details(),
    );
  const isJson = mime === "" || mime === "application/json" || mime === "text/json" || mime.endsWith("+json");
  if (!isJson)
    throw new ProtocolError(
      `${operation}: unexpected content type "${mime}" from ${url} (HTTP ${res.status})`,
      details(),
    );
  return decode(call, url, res, details);
}

function decode(
  call: PreparedCall,
  url: string,
  res: RestReceived,
  details: () => ReturnType<typeof restDetails>,
): unknown {
  const operation = call.operation.name;
  let json: JsonValue;
  try {
    json = parseJson(res.text);
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new ProtocolError(`${operation}: malformed JSON from ${url}: ${e.message}`, { ...details(), cause: e });
    throw e;
  }
  try {
    return decodeJsonResult(call.meta, call.operation.output!, json, res.text, call.decode);
  } catch (e) {
    if (e instanceof DeserializationError)
      throw new ProtocolError(`${operation}: invalid response from ${url}: ${e.message}`, {
        ...details(),
        path: e.path,
        cause: e,
      });
    throw e;
  }
}

function errorStatus(call: PreparedCall, url: string, res: RestReceived, empty: boolean): Error {
  const mime = mimeOf(res.headers["content-type"]);
  if (!empty && !res.binary && !isHtml(mime)) {
    const info = exceptionInfoFromJson(tryParse(res.text));
    if (info !== undefined) return new WebApiError(info, call.operation.name, res.status);
  }
  const kind = isHtml(mime) ? "HTML" : mime !== "" ? mime : "no content type";
  const statusText = res.statusText !== "" ? ` ${res.statusText}` : "";
  return new TransportError(
    "http",
    `${call.operation.name}: HTTP ${res.status}${statusText} from ${url} (${kind})`,
    restDetails(call, url, res, empty),
  );
}

function tryParse(text: string): JsonValue | undefined {
  try {
    return parseJson(text);
  } catch {
    return undefined;
  }
}

function restDetails(call: PreparedCall, url: string, res: RestReceived, empty: boolean) {
  const contentType = res.headers["content-type"] ?? "";
  return {
    operation: call.operation.name,
    url,
    status: res.status,
    ...(contentType !== "" ? { contentType } : {}),
    ...(!empty && !res.binary ? { bodySnippet: bodySnippet(res.text, call.redact) } : {}),
  };
}

/** Like the XML codec's base64 values: a `Buffer` on Node, plain bytes elsewhere. */
function asBytes(bytes: Uint8Array): Uint8Array {
  return typeof Buffer === "function" ? Buffer.from(bytes) : bytes;
}

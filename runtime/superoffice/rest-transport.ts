/**
 * The SuperOffice REST WebAPI transport: `POST {baseUrl}/api/v1/Agents/{meta.restAgent}/{Operation}`
 * with a JSON body keyed by the SOAP wrapper's parameter names (metadata-driven JSON codec, so
 * results deep-equal the SOAP client's). The request headers of the call map to HTTP:
 * `Credentials.Ticket` → `Authorization: SOTicket …` (unless `auth` is configured),
 * `ApplicationToken` → `SO-AppToken`. `204 No Content` gives `undefined`. No Node-only APIs
 * (streamed calls, `streamBase64`, decode base64 with `Buffer` and write files with `node:fs`).
 */
import type { OperationMeta, ServiceMetadata } from "../metadata.js";
import { SerializationError } from "../errors.js";
import { secretHttpHeaderValues } from "../secrets/collect.js";
import { fetchExchange, fetchStreaming, mimeOf } from "../http/fetch-exchange.js";
import { CallRequest, type HttpExchange } from "../http/exchange.js";
import { streamOptions } from "../stream/soap-stream.js";
import { finishRestStreamed } from "./rest-stream.js";
import { checkHttpHeader, putHeader } from "../pipeline/http-headers.js";
import type { CallOutcome, PreparedCall, Transport } from "../pipeline/transport.js";
import { NO_HOOKS } from "../pipeline/hooks.js";
import { encodeJsonBody } from "../rest/json-codec.js";
import { authSecrets, authorizationHeader, type RestAuth } from "./rest-auth.js";
import { agentPath, parseRestBase, queryString, restBase } from "./rest-base.js";
import { perService } from "../pipeline/per-service.js";
import { interpretRestResponse, isTextual, type RestReceived } from "./rest-response.js";

export interface RestTransportOptions {
  /**
   * Installation base URL, e.g. `https://sod.superoffice.com/Cust12345`. Default: the WSDL
   * address with its `/Remote/Services<NN>/<Service>.svc` part removed.
   */
  baseUrl?: string;
  /** `Authorization` for every call (default: `SOTicket` from the `Credentials.Ticket` header). */
  auth?: RestAuth;
  /** Maximum response body size in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** `fetch` implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
  /**
   * How requests are sent (default: `fetch`). On Node, `nodeHttpExchange({ ...http options })` sends
   * them over node:http with keep-alive agents, TLS and proxy options, at a fraction of fetch's cost.
   * Streamed calls (`streamBase64`) use its `stream()`; an exchange without one cannot stream.
   */
  exchange?: HttpExchange;
}

const JSON_TYPE = "application/json; charset=utf-8";
const PROTECTED = new Set(["content-type", "accept", "content-length", "host", "transfer-encoding"]);
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export function restTransport(options: RestTransportOptions = {}): Transport {
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (options.baseUrl !== undefined) parseRestBase(options.baseUrl, "restTransport");
  const baseOf = perService((meta) => restBase(options.baseUrl, meta));
  const exchange: HttpExchange = options.exchange ?? ((req) => fetchExchange(options.fetch ?? globalThis.fetch, req));
  // Streamed responses go over the configured exchange (its proxy, TLS and agent settings), or fetch by default.
  const stream: HttpExchange["stream"] =
    options.exchange !== undefined
      ? options.exchange.stream
      : (req) => fetchStreaming(options.fetch ?? globalThis.fetch, req);
  const headersOf = cachedHeaders();
  return {
    kind: "superoffice-rest",
    streaming: stream !== undefined,
    target: (op: OperationMeta, meta: ServiceMetadata) => baseOf(meta).safe + agentPath(meta, op.name),
    async unary(call: PreparedCall): Promise<CallOutcome> {
      const { meta, operation: op } = call;
      const base = baseOf(meta);
      const { auth, headers, secrets } = headersOf(call, options.auth ?? base.urlAuth);
      for (const s of authSecrets(auth)) call.secrets.add(s);
      exchange.addSecrets?.(call.secrets);
      const path = agentPath(meta, op.name) + (isEmpty(call.query) ? "" : queryString(restQuery(call.query)));
      const url = base.safe + path;
      const body = jsonBody(call);
      for (const s of secrets) call.secrets.add(s);
      // Without hooks, no event objects.
      if (call.observe !== NO_HOOKS) call.observe.request({ url, method: "POST", httpHeaders: headers, body });
      const limit = call.maxResponseBytes ?? maxBytes;
      if (stream !== undefined && streamOptions(call).length > 0) {
        const req = { url: base.href + path, headers, body, signal: call.signal, operation: op.name, safeUrl: url };
        return finishRestStreamed(call, url, await stream(req), limit);
      }
      const res = await exchange(new CallRequest(call, base.href + path, headers, body, limit, op.name, url));
      const received = withText(res);
      if (call.observe !== NO_HOOKS) {
        const shown = received.binary
          ? `(${res.bytes.byteLength} bytes, ${res.headers["content-type"] ?? "no content type"})`
          : received.text;
        call.observe.response({ url, status: res.status, httpHeaders: res.headers, body: shown });
      }
      return {
        result: interpretRestResponse(call, url, received),
        headers: {},
        status: res.status,
        httpHeaders: res.headers,
      };
    },
  };
}

interface RestRequestHeaders {
  readonly auth: RestAuth | undefined;
  readonly headers: Readonly<Record<string, string>>;
  /** The secrets among `headers` (`secretHttpHeaderValues`). */
  readonly secrets: readonly string[];
}

/**
 * The `Authorization` and HTTP headers of a call (`configured`: the transport's or the base URL's
 * auth). Calls with the client's own headers (frozen all the way, as the pipeline passes them) share
 * one frozen result per operation: built and checked once, and sent by nodeHttpExchange from its
 * cached header list.
 */
function cachedHeaders(): (call: PreparedCall, configured: RestAuth | undefined) => RestRequestHeaders {
  const cache = new WeakMap<object, WeakMap<object, Map<OperationMeta, RestRequestHeaders>>>();
  const build = (call: PreparedCall, configured: RestAuth | undefined): RestRequestHeaders => {
    const auth = configured ?? ticketAuth(call.headers);
    const headers = restHeaders(call, auth);
    return { auth, headers, secrets: secretHttpHeaderValues(headers) };
  };
  return (call, configured) => {
    if (!Object.isFrozen(call.httpHeaders) || !frozenCredentials(call.headers)) return build(call, configured);
    let byHttp = cache.get(call.headers);
    if (byHttp === undefined) cache.set(call.headers, (byHttp = new WeakMap()));
    let byOp = byHttp.get(call.httpHeaders);
    if (byOp === undefined) byHttp.set(call.httpHeaders, (byOp = new Map()));
    let out = byOp.get(call.operation);
    if (out === undefined) {
      const built = build(call, configured);
      byOp.set(call.operation, (out = { ...built, headers: Object.freeze(built.headers) }));
    }
    return out;
  };
}

/** The request headers cannot change: frozen, and so is `Credentials` (where the ticket is read). */
function frozenCredentials(headers: Readonly<Record<string, unknown>>): boolean {
  const credentials = headers["Credentials"];
  return (
    Object.isFrozen(headers) &&
    (credentials === null || typeof credentials !== "object" || Object.isFrozen(credentials))
  );
}

function ticketAuth(headers: Readonly<Record<string, unknown>>): RestAuth | undefined {
  const credentials = headers["Credentials"];
  const ticket =
    credentials !== null && typeof credentials === "object" ? (credentials as { Ticket?: unknown }).Ticket : undefined;
  return typeof ticket === "string" && ticket !== "" ? { scheme: "SOTicket", ticket } : undefined;
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/** `query.select` / `query.$select` → `$select`; other parameters as given. */
function restQuery(query: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) out[k === "select" ? "$select" : k] = v;
  return out;
}

function jsonBody(call: PreparedCall): string {
  try {
    return encodeJsonBody(call.meta, call.operation.input, call.input);
  } catch (e) {
    if (e instanceof SerializationError)
      throw new SerializationError(e.path, e.reason, { operation: call.operation.name });
    throw e;
  }
}

function restHeaders(call: PreparedCall, auth: RestAuth | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.httpHeaders)) if (!PROTECTED.has(k.toLowerCase())) putHeader(headers, k, v);
  if (auth !== undefined) putHeader(headers, "Authorization", authorizationHeader(auth, call.operation.name));
  const appToken = call.headers["ApplicationToken"];
  if (typeof appToken === "string") {
    checkHttpHeader(call.operation.name, "SO-AppToken", appToken);
    putHeader(headers, "SO-AppToken", appToken);
  }
  putHeader(headers, "Accept", JSON_TYPE);
  putHeader(headers, "Content-Type", JSON_TYPE);
  for (const [k, v] of Object.entries(headers)) checkHttpHeader(call.operation.name, k, v);
  return headers;
}

const UTF8 = new TextDecoder("utf-8");

function withText(res: Awaited<ReturnType<typeof fetchExchange>>): RestReceived {
  const mime = mimeOf(res.headers["content-type"]);
  const binary = res.bytes.byteLength > 0 && mime !== "" && !isTextual(mime);
  // Field by field: a spread of the response costs µs per call.
  const text = binary || res.bytes.byteLength === 0 ? "" : UTF8.decode(res.bytes);
  return { status: res.status, statusText: res.statusText, headers: res.headers, bytes: res.bytes, binary, text };
}

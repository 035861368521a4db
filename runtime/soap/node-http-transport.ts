/**
 * SOAP over `node:http`/`node:https` with keep-alive agents (http/node-exchange.ts): the same
 * envelopes, headers, error model and connection options as `soapHttpTransport`, without axios
 * (which costs more per call than the whole rest of the call) and without loading `soap`.
 * The default transport of generated clients on Node; NTLM and custom `IHttpClient`s still
 * need `soapHttpTransport`.
 */
import type { OperationMeta, ServiceMetadata, SoapVersion } from "../metadata.js";
import { safeUrl } from "../redact.js";
import { perService } from "../pipeline/per-service.js";
import type { CallOutcome, PreparedCall, Transport } from "../pipeline/transport.js";
import { NO_HOOKS } from "../pipeline/hooks.js";
import { nodeHttpExchange } from "../http/node-exchange.js";
import { CallRequest } from "../http/exchange.js";
import { checkEndpointOption, soapEndpoint } from "./endpoint.js";
import type { HttpOptions } from "./http-options.js";
import { buildSoapRequest, verifyResponse } from "./request.js";
import { connectionFacts, type SoapMessageOptions } from "./policy.js";
import { interpretSoapResponse } from "./response.js";
import { streamOptions } from "../stream/soap-stream.js";
import { checkStreamable, finishStreamed } from "../stream/streamed-call.js";
import { exchangeText } from "./response-text.js";

export interface NodeHttpTransportOptions extends SoapMessageOptions {
  /** Endpoint URL (default: the WSDL address, `meta.address`). */
  endpoint?: string;
  /** SOAP version (default: the binding's). */
  soapVersion?: SoapVersion;
  /** Maximum response body size in bytes, decompressed (default 10 MiB). */
  maxResponseBytes?: number;
  /** TLS client certificates and trust, proxy, keep-alive, maxSockets, gzip, Basic (not NTLM): see `HttpOptions`. */
  http?: HttpOptions;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/** What a transport derives from the endpoint once: the URL to send to, its safe form, URL credentials. */
interface Endpoint {
  readonly href: string;
  readonly safe: string;
  readonly authorization: string | undefined;
  readonly secrets: readonly string[];
}

export function nodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  checkEndpointOption(options.endpoint);
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const exchange = nodeHttpExchange(options.http, "nodeHttpTransport");
  const endpointOf = perService((meta) => endpointParts(soapEndpoint(options.endpoint, meta)));
  const facts = connectionFacts(options.http);
  return {
    kind: "soap-node-http",
    streaming: true,
    target: (_op: OperationMeta, meta: ServiceMetadata) => endpointOf(meta).safe,
    async unary(call: PreparedCall): Promise<CallOutcome> {
      const ep = endpointOf(call.meta);
      for (const s of ep.secrets) call.secrets.add(s);
      exchange.addSecrets?.(call.secrets);
      const operation = call.operation.name;
      const version = options.soapVersion ?? call.meta.soapVersion;
      const request = buildSoapRequest(call, version, options, ep.href, facts);
      const headers = ep.authorization === undefined ? request.httpHeaders : withAuthorization(ep, request.httpHeaders);
      // Without hooks, no event objects.
      if (call.observe !== NO_HOOKS)
        call.observe.request({ url: ep.safe, method: "POST", httpHeaders: headers, body: request.envelope });
      const limit = call.maxResponseBytes ?? maxBytes;
      if (call.streamBase64 !== undefined && streamOptions(call).length > 0) {
        checkStreamable(call, ep.safe, options.security);
        const body = request.body ?? request.envelope;
        const req = { url: ep.href, headers, body, signal: call.signal, operation, safeUrl: ep.safe };
        return finishStreamed(call, version, ep.safe, await exchange.stream!(req), limit);
      }
      const res = await exchange(
        new CallRequest(
          call,
          ep.href,
          headers as Record<string, string>,
          request.body ?? request.envelope,
          limit,
          operation,
          ep.safe,
        ),
      );
      // Text by the declared charset (BOM, Content-Type, XML declaration, else UTF-8), as over the other SOAP transports.
      const exchanged = exchangeText({ status: res.status, headers: res.headers, body: res.bytes }, operation, ep.safe);
      if (call.observe !== NO_HOOKS)
        call.observe.response({ url: ep.safe, status: res.status, httpHeaders: res.headers, body: exchanged.body });
      verifyResponse(options.security, exchanged.status, exchanged.body);
      return interpretSoapResponse(call, version, ep.safe, exchanged);
    },
  };
}

/** Per endpoint, the (frozen, shared) headers of an operation with the endpoint's Basic `Authorization` first. */
const authorized = new WeakMap<Endpoint, WeakMap<object, Readonly<Record<string, string>>>>();

function withAuthorization(ep: Endpoint, headers: Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  if (!Object.isFrozen(headers)) return { Authorization: ep.authorization!, ...headers };
  let byHeaders = authorized.get(ep);
  if (byHeaders === undefined) authorized.set(ep, (byHeaders = new WeakMap()));
  let out = byHeaders.get(headers);
  if (out === undefined)
    byHeaders.set(headers, (out = Object.freeze({ Authorization: ep.authorization!, ...headers })));
  return out;
}

/** User info in the endpoint becomes a Basic `Authorization` header (a secret of every call), as over fetch. */
function endpointParts(endpoint: string): Endpoint {
  const url = new URL(endpoint);
  const user = safeDecode(url.username);
  const password = safeDecode(url.password);
  const secrets: string[] = [];
  let authorization: string | undefined;
  if (url.username !== "" || url.password !== "") {
    const token = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
    authorization = `Basic ${token}`;
    secrets.push(url.password, password, token);
    url.username = "";
    url.password = "";
  }
  return {
    href: url.href,
    safe: safeUrl(endpoint),
    authorization,
    secrets,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

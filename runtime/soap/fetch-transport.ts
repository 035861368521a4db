/**
 * SOAP over `fetch`: the same envelopes, headers and error model as `soapHttpTransport`, with
 * no Node-only API in this module (no `Buffer`, no `node:` imports), for browsers, Deno, Bun,
 * edge runtimes and bundles. Redirects are not followed (a redirected POST would become a GET).
 */
import type { OperationMeta, ServiceMetadata, SoapVersion } from "../metadata.js";
import { safeUrl } from "../redact.js";
import { addUrlCredentials } from "../secrets/collect.js";
import { toBase64 } from "../secrets/base64-forms.js";
import { fetchExchange, fetchStreaming } from "../http/fetch-exchange.js";
import { streamOptions } from "../stream/soap-stream.js";
import { checkStreamable, finishStreamed } from "../stream/streamed-call.js";
import type { CallOutcome, PreparedCall, Transport } from "../pipeline/transport.js";
import { checkEndpointOption, soapEndpoint } from "./endpoint.js";
import { buildSoapRequest, verifyResponse } from "./request.js";
import type { SoapMessageOptions } from "./policy.js";
import { interpretSoapResponse } from "./response.js";
import { exchangeText } from "./response-text.js";

export interface SoapFetchTransportOptions extends SoapMessageOptions {
  /** Endpoint URL (default: the WSDL address, `meta.address`). */
  endpoint?: string;
  /** SOAP version (default: the binding's). */
  soapVersion?: SoapVersion;
  /** Maximum response body size in bytes (default 10 MiB; a call's or operation's limit replaces it). */
  maxResponseBytes?: number;
  /** `fetch` implementation (default: the global one). */
  fetch?: typeof globalThis.fetch;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export function soapFetchTransport(options: SoapFetchTransportOptions = {}): Transport {
  checkEndpointOption(options.endpoint);
  const defaultMax = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return {
    kind: "soap-fetch",
    streaming: true,
    target: (_op: OperationMeta, meta: ServiceMetadata) => safeUrl(soapEndpoint(options.endpoint, meta)),
    async unary(call: PreparedCall): Promise<CallOutcome> {
      const maxBytes = call.maxResponseBytes ?? defaultMax;
      const endpoint = withoutUserInfo(soapEndpoint(options.endpoint, call.meta), call);
      const url = safeUrl(endpoint.href);
      const version = options.soapVersion ?? call.meta.soapVersion;
      const request = buildSoapRequest(call, version, options, endpoint.href);
      const headers = { ...endpoint.authorization, ...request.httpHeaders };
      call.observe.request({ url, method: "POST", httpHeaders: headers, body: request.envelope });
      const fetchFn = options.fetch ?? globalThis.fetch;
      if (streamOptions(call).length > 0) {
        checkStreamable(call, url, options.security);
        const req = { url: endpoint.href, headers, body: request.body ?? request.envelope, signal: call.signal };
        const res = await fetchStreaming(fetchFn, { ...req, operation: call.operation.name, safeUrl: url });
        return finishStreamed(call, version, url, res, maxBytes);
      }
      const res = await fetchExchange(fetchFn, {
        url: endpoint.href,
        headers,
        body: request.body ?? request.envelope,
        signal: call.signal,
        maxBytes,
        operation: call.operation.name,
        safeUrl: url,
      });
      // Text by the declared charset (BOM, Content-Type, XML declaration, else UTF-8), as over soapHttpTransport.
      const exchange = exchangeText(
        { status: res.status, headers: res.headers, body: res.bytes },
        call.operation.name,
        url,
      );
      call.observe.response({ url, status: exchange.status, httpHeaders: exchange.headers, body: exchange.body });
      verifyResponse(options.security, exchange.status, exchange.body);
      return interpretSoapResponse(call, version, url, exchange);
    },
  };
}

/** fetch refuses URLs with user info: move it to a Basic `Authorization` header (a secret of the call). */
function withoutUserInfo(
  endpoint: string,
  call: PreparedCall,
): { href: string; authorization: Record<string, string> } {
  addUrlCredentials(call.secrets, endpoint);
  const u = new URL(endpoint);
  if (u.username === "" && u.password === "") return { href: u.href, authorization: {} };
  const basic = `Basic ${toBase64(new TextEncoder().encode(`${safeDecode(u.username)}:${safeDecode(u.password)}`))}`;
  call.secrets.add(basic);
  u.username = "";
  u.password = "";
  return { href: u.href, authorization: { Authorization: basic } };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * SOAP over `soap`'s HTTP client (axios underneath): the default transport on Node.
 *
 * Why soap's `HttpClient` but not its `Client` (WSDL-driven serialisation): it parses
 * `xs:long` with `parseInt` (precision loss above 2^53), turns offset-less `xs:dateTime`
 * values into local-time `Date`s, writes children in object-key order instead of
 * `xs:sequence` order, keeps SOAP headers as client-wide mutable state (cross-talk between
 * concurrent calls with different tickets) and needs the WSDL at run time. Envelopes are
 * written and read by soapkit's metadata-driven codec instead.
 */
import type { IHttpClient } from "soap";
import type { OperationMeta, ServiceMetadata, SoapVersion } from "../metadata.js";
import { SoapkitError, TransportError } from "../errors.js";
import { safeUrl } from "../redact.js";
import { perService } from "../pipeline/per-service.js";
import { addUrlCredentials } from "../secrets/collect.js";
import type { CallOutcome, PreparedCall, Transport } from "../pipeline/transport.js";
// soap (and axios) load on the first call, not with the runtime: cold start (raw-http-client.ts and
// stream-request.ts import them).
type RawHttpModule = typeof import("./raw-http-client.js");
let rawHttp: Promise<RawHttpModule> | undefined;
const loadRawHttp = (): Promise<RawHttpModule> => (rawHttp ??= import("./raw-http-client.js"));
import { buildSoapRequest, verifyResponse, type SoapRequest } from "./request.js";
import { connectionFacts, type SoapMessageOptions } from "./policy.js";
import { interpretSoapResponse } from "./response.js";
import { exchangeText } from "./response-text.js";
import { checkEndpointOption, soapEndpoint } from "./endpoint.js";
import { resolveHttpOptions, type HttpOptions } from "./http-options.js";
import { streamOptions } from "../stream/soap-stream.js";
import { checkStreamable, finishStreamed } from "../stream/streamed-call.js";

export interface SoapHttpTransportOptions extends SoapMessageOptions {
  /** Endpoint URL (default: the WSDL address, `meta.address`). */
  endpoint?: string;
  /** SOAP version (default: the binding's). */
  soapVersion?: SoapVersion;
  /** Maximum response body size in bytes (default 10 MiB; a call's or operation's limit replaces it). */
  maxResponseBytes?: number;
  /** HTTP client (soap's `IHttpClient`); default: soap's `HttpClient` keeping raw bodies. */
  httpClient?: IHttpClient;
  /** TLS client certificates and trust, proxy, keep-alive, gzip, Basic/NTLM (see `HttpOptions`). */
  http?: HttpOptions;
}

const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

export function soapHttpTransport(options: SoapHttpTransportOptions = {}): Transport {
  checkEndpointOption(options.endpoint);
  let httpClient: IHttpClient | undefined = options.httpClient;
  const defaultMax = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const connection = resolveHttpOptions(options.http);
  const facts = connectionFacts(options.http);
  const endpointOf = perService((meta) => {
    const href = soapEndpoint(options.endpoint, meta);
    return { href, safe: safeUrl(href) };
  });
  return {
    kind: "soap-http",
    streaming: true,
    target: (_op: OperationMeta, meta: ServiceMetadata) => endpointOf(meta).safe,
    async unary(call: PreparedCall): Promise<CallOutcome> {
      const maxBytes = call.maxResponseBytes ?? defaultMax;
      const { href: endpoint, safe: url } = endpointOf(call.meta);
      const raw = await loadRawHttp();
      httpClient ??= new raw.RawHttpClient();
      addUrlCredentials(call.secrets, endpoint);
      connection.addSecrets(call.secrets);
      const version = options.soapVersion ?? call.meta.soapVersion;
      const request = buildSoapRequest(call, version, options, endpoint, facts);
      const httpHeaders = { ...request.httpHeaders, ...connection.headers };
      const body = axiosBody(request, call.operation.name);
      call.observe.request({ url, method: "POST", httpHeaders, body: request.envelope });
      if (streamOptions(call).length > 0) {
        checkStreamable(call, url, options.security);
        const exoptions = { ...connection.exoptions(endpoint), signal: call.signal, maxRedirects: 0 };
        const { sendStreaming } = await import("./stream-request.js");
        const res = await sendStreaming(httpClient, endpoint, body, httpHeaders, exoptions, {
          operation: call.operation.name,
          url,
        });
        return finishStreamed(call, version, url, res, maxBytes);
      }
      // Bytes in, text by the declared charset (BOM, Content-Type, XML declaration, else UTF-8).
      const exchange = exchangeText(
        await send(raw.sendRequest, httpClient, endpoint, body, httpHeaders, call, {
          ...connection.exoptions(endpoint),
          maxContentLength: maxBytes,
        }),
        call.operation.name,
        url,
      );
      call.observe.response({ url, status: exchange.status, httpHeaders: exchange.headers, body: exchange.body });
      verifyResponse(options.security, exchange.status, exchange.body);
      return interpretSoapResponse(call, version, url, exchange);
    },
  };
}

/** The request body axios can send: text, or an MTOM body in memory (a streamed MTOM part needs another transport). */
function axiosBody(request: SoapRequest, operation: string): string | Uint8Array {
  const body = request.body ?? request.envelope;
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  throw new SoapkitError(
    "ERR_SOAP_CONFIG",
    `${operation}: soapHttpTransport cannot send a streamed MTOM attachment; use nodeHttpTransport or soapFetchTransport`,
  );
}

async function send(
  sendRequest: RawHttpModule["sendRequest"],
  client: IHttpClient,
  endpoint: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
  call: PreparedCall,
  exoptions: Record<string, unknown> & { maxContentLength: number },
) {
  const maxBytes = exoptions.maxContentLength;
  try {
    return await sendRequest(client, endpoint, body, headers, {
      ...exoptions,
      signal: call.signal,
      // Bytes: the body is decoded with its declared charset (response-text.ts).
      responseType: "arraybuffer",
      // Our own request body: no limit (-1 = unlimited in axios).
      maxBodyLength: -1,
      // A redirected POST would silently become a GET; report 3xx as an HTTP error instead.
      maxRedirects: 0,
    });
  } catch (err) {
    if (!(err instanceof Error) || !/maxContentLength/.test(err.message)) throw err;
    const { name: operation } = call.operation;
    const url = safeUrl(endpoint);
    throw new TransportError("too-large", `${operation}: response from ${url} exceeds the limit of ${maxBytes} bytes`, {
      operation,
      url,
    });
  }
}

/**
 * The client core used by generated clients: one `invoke` per SOAP operation, driven by
 * `ServiceMetadata`.
 *
 * Why we use soap's `HttpClient` but not its `Client` (WSDL-driven serialisation):
 * - it parses `xs:long` with `parseInt` (precision loss above 2^53);
 * - it turns offset-less `xs:dateTime` values into local-time `Date`s (machine-dependent);
 * - it writes child elements in object-key order instead of `xs:sequence` order;
 * - SOAP headers are client-wide mutable state (`addSoapHeader`), so concurrent calls with
 *   different tickets can cross-talk;
 * - it needs the WSDL at run time. Our codec is metadata-driven and exact (see codec/).
 *
 * Concurrency: a `SoapClientCore` is immutable after construction. Every call builds its own
 * header map, envelope string, HTTP header map and abort controller.
 */

import type { IHttpClient } from "soap";
import type { OperationMeta, ServiceMetadata, SoapVersion } from "./metadata.js";
import type { CompactMetadata } from "./metadata/format.js";
import { loadMetadata } from "./metadata/load.js";
import {
  DeserializationError,
  ProtocolError,
  SerializationError,
  SoapFaultError,
  SoapkitError,
  SuperOfficeError,
  TransportError,
  XmlLimitError,
  XmlParseError,
  type ExceptionInfoLike,
} from "./errors.js";
import { encodeBody, encodeHeaders } from "./codec/encode.js";
import { decodeBody, decodeHeaders } from "./codec/decode.js";
import { resolveDecodeOptions, type DecodeOptions, type ResolvedDecodeOptions } from "./codec/decode-options.js";
import { exchangeText } from "./response-text.js";
import { buildEnvelope, parseEnvelope, type ParseEnvelopeOptions, type ParsedEnvelope } from "./envelope.js";
import {
  DEFAULT_SECRET_ELEMENTS,
  bodySnippet,
  createXmlRedactor,
  redactHttpHeaders,
  safeUrl,
  scrubError,
  scrubText,
  secretValues,
  type XmlRedactor,
} from "./redact.js";
import { startDeadline } from "./deadline.js";
import { RawHttpClient, errorCode, sendRequest, type HttpExchange, type RawHttpExchange } from "./transport.js";

/** Emitted before a request is sent (secrets redacted). */
export interface RequestEvent {
  readonly operation: string;
  /** Endpoint without credentials/query. */
  readonly url: string;
  readonly soapVersion: SoapVersion;
  readonly soapAction: string;
  /** HTTP headers set by soapkit and the caller (credentials redacted). */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** The request envelope, secret elements redacted. */
  readonly envelope: string;
}

/** Emitted when an HTTP response has been received (secrets redacted). */
export interface ResponseEvent {
  readonly operation: string;
  readonly url: string;
  readonly status: number;
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** The response body, secret elements redacted. */
  readonly envelope: string;
  readonly durationMs: number;
}

/** Observation hooks. Exceptions thrown by hooks are ignored (observation never breaks calls). */
export interface ClientHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
}

/** Options of a `SoapClientCore`. */
export interface SoapClientOptions<ReqH extends object = Record<string, unknown>> {
  /** Endpoint URL (default: the WSDL address, `meta.address`). */
  endpoint?: string;
  /** SOAP version (default: the binding's, `meta.soapVersion`). */
  soapVersion?: SoapVersion;
  /** SOAP headers sent with every call (per-call headers override them part by part). */
  headers?: Partial<ReqH>;
  /** Overall deadline per call in ms (default 100 000; 0 or Infinity disables it). */
  timeoutMs?: number;
  /** Maximum response body size in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** Extra HTTP headers for every request (e.g. `Authorization`). */
  httpHeaders?: Readonly<Record<string, string>>;
  hooks?: ClientHooks;
  /** Element local names whose content is redacted in hooks and errors (default `DEFAULT_SECRET_ELEMENTS`). */
  secretElements?: readonly string[];
  /** HTTP client (soap's `IHttpClient`); default: soap's `HttpClient` keeping raw bodies. */
  httpClient?: IHttpClient;
  /** Response decoding leniency (default strict; see `DecodeOptions`). */
  decode?: DecodeOptions;
  /** Maximum number of XML elements in a response (default 200,000); more is `TransportError` "too-large". */
  maxResponseElements?: number;
}

/** Per-call options every transport (SOAP, REST) understands; used by the generated `<X>Agent` interfaces. */
export interface AgentCallOptions {
  /** Abort the call (reported as `TransportError` kind "aborted"). */
  signal?: AbortSignal;
  /** Overall deadline for this call in ms (reported as `TransportError` kind "timeout"). */
  timeoutMs?: number;
  /** Extra HTTP headers for this call (Content-Type/SOAPAction cannot be overridden). */
  httpHeaders?: Readonly<Record<string, string>>;
}

/** Per-call options of the SOAP client. */
export interface CallOptions<ReqH extends object = Record<string, unknown>> extends AgentCallOptions {
  /** SOAP headers for this call; each part replaces the client's (`undefined` keeps it, `null` sends nil). */
  headers?: { [K in keyof ReqH]?: ReqH[K] | undefined };
  /** SOAP version for this call (default: the client's). */
  soapVersion?: SoapVersion;
  /** Response decoding leniency for this call (overrides the client's, key by key). */
  decode?: DecodeOptions;
}

/** Result of `invoke`. */
export interface InvokeResult<R, ResH> {
  /** Unwrapped result (`undefined` for void/one-way operations). */
  readonly result: R;
  /** Decoded SOAP response headers. */
  readonly headers: ResH;
  /** HTTP status. */
  readonly status: number;
}

const DEFAULT_TIMEOUT_MS = 100_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const PROTECTED_HTTP_HEADERS = new Set(["content-type", "soapaction", "content-length"]);

/** Runtime core of a generated SOAP client for one service port. */
export class SoapClientCore<ReqH extends object = Record<string, unknown>, ResH extends object = Record<string, unknown>> {
  readonly meta: ServiceMetadata;
  /** Endpoint URL in use (may contain credentials: never log it, use `safeEndpoint`). */
  readonly endpoint: string;
  /** Endpoint without credentials/query, safe for logs. */
  readonly safeEndpoint: string;
  readonly soapVersion: SoapVersion;
  private readonly headers: Readonly<Record<string, unknown>>;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly httpHeaders: Readonly<Record<string, string>>;
  private readonly hooks: ClientHooks | undefined;
  private readonly redact: XmlRedactor;
  private readonly secretElements: ReadonlySet<string>;
  private readonly httpClient: IHttpClient;
  private readonly decode: DecodeOptions | undefined;
  private readonly maxResponseElements: number | undefined;

  constructor(metadata: CompactMetadata, options: SoapClientOptions<ReqH> = {}) {
    const meta = loadMetadata(metadata);
    this.meta = meta;
    this.endpoint = options.endpoint ?? meta.address;
    this.safeEndpoint = safeUrl(this.endpoint);
    if (!URL.canParse(this.endpoint)) {
      throw new SoapkitError("ERR_SOAP_CONFIG", `invalid endpoint URL for service ${meta.service}: ${this.safeEndpoint}`);
    }
    this.soapVersion = options.soapVersion ?? meta.soapVersion;
    // Copies: later changes to the caller's objects must not leak into this client.
    this.headers = Object.freeze({ ...(options.headers ?? {}) }) as Record<string, unknown>;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.httpHeaders = Object.freeze(withoutProtected(options.httpHeaders));
    this.hooks = options.hooks;
    this.redact = createXmlRedactor(options.secretElements ?? DEFAULT_SECRET_ELEMENTS);
    this.secretElements = new Set(options.secretElements ?? DEFAULT_SECRET_ELEMENTS);
    this.httpClient = options.httpClient ?? new RawHttpClient();
    resolveDecodeOptions(options.decode); // validates
    this.decode = options.decode !== undefined ? { ...options.decode } : undefined;
    this.maxResponseElements = options.maxResponseElements;
  }

  /**
   * Call an operation by its WSDL name. Rejects with `SerializationError`, `TransportError`,
   * `ProtocolError`, `SoapFaultError` or `SuperOfficeError` (all `SoapkitError`s).
   */
  async invoke<R = unknown>(
    operation: string,
    input?: object,
    call?: CallOptions<ReqH>,
  ): Promise<InvokeResult<R, ResH>> {
    const op = Object.hasOwn(this.meta.operations, operation) ? this.meta.operations[operation] : undefined;
    if (op === undefined) {
      throw new SoapkitError("ERR_SOAP_UNKNOWN_OPERATION", `unknown operation ${operation} of service ${this.meta.service}`);
    }
    // The credentials of this call: masked in every error and hook event, even when a
    // server echoes them back (in a fault string, an error page...).
    const secrets = secretValues(
      [this.headers, call?.headers as Readonly<Record<string, unknown>> | undefined],
      [this.httpHeaders, call?.httpHeaders],
      this.secretElements,
    );
    try {
      return await this.invokeOp<R>(op, operation, input, call, secrets);
    } catch (e) {
      throw scrubError(e, secrets);
    }
  }

  private async invokeOp<R>(
    op: OperationMeta,
    operation: string,
    input: object | undefined,
    call: CallOptions<ReqH> | undefined,
    secrets: readonly string[],
  ): Promise<InvokeResult<R, ResH>> {
    const version = call?.soapVersion ?? this.soapVersion;
    const envelope = this.buildRequest(op, input, call);
    const httpHeaders = this.requestHttpHeaders(op, version, call);
    const url = this.safeEndpoint;

    if (this.hooks?.onRequest !== undefined) {
      const event: RequestEvent = {
        operation,
        url,
        soapVersion: version,
        soapAction: op.soapAction,
        httpHeaders: redactHttpHeaders(httpHeaders),
        envelope: scrubText(this.redact(envelope), secrets),
      };
      safeHook(() => this.hooks?.onRequest?.(event));
    }

    const started = performance.now();
    const decode = resolveDecodeOptions(this.decode, call?.decode);
    const exchange = exchangeText(await this.send(operation, envelope, httpHeaders, call), operation, url);
    const durationMs = performance.now() - started;

    if (this.hooks?.onResponse !== undefined) {
      const event: ResponseEvent = {
        operation,
        url,
        status: exchange.status,
        httpHeaders: redactHttpHeaders(exchange.headers),
        envelope: scrubText(this.redact(exchange.body), secrets),
        durationMs,
      };
      safeHook(() => this.hooks?.onResponse?.(event));
    }
    return this.interpret<R>(op, version, exchange, decode);
  }

  private buildRequest(op: OperationMeta, input: object | undefined, call: CallOptions<ReqH> | undefined): string {
    const callHeaders = call?.headers as Readonly<Record<string, unknown>> | undefined;
    const merged: Record<string, unknown> = {};
    for (const h of op.inputHeaders) {
      const v = callHeaders !== undefined && callHeaders[h.name] !== undefined ? callHeaders[h.name] : this.headers[h.name];
      if (v !== undefined) merged[h.name] = v;
    }
    try {
      if (callHeaders !== undefined) {
        for (const key in callHeaders) {
          if (callHeaders[key] !== undefined && !op.inputHeaders.some((h) => h.name === key)) {
            throw new SerializationError(
              key,
              `unknown SOAP header; expected one of: ${op.inputHeaders.map((h) => h.name).join(", ") || "(none)"}`,
            );
          }
        }
      }
      checkCredentials(merged, this.secretElements);
      // Client-level headers that this operation does not declare are skipped (they are service-wide).
      const headerXml = encodeHeaders(this.meta, op.inputHeaders, merged, { ignoreUnknown: true });
      const bodyXml = encodeBody(this.meta, op.input, input);
      return buildEnvelope({ version: call?.soapVersion ?? this.soapVersion, prefixes: this.meta.prefixes, headerXml, bodyXml });
    } catch (e) {
      if (e instanceof SerializationError) throw new SerializationError(e.path, e.reason, { operation: op.name });
      throw e;
    }
  }

  private requestHttpHeaders(op: OperationMeta, version: SoapVersion, call: CallOptions<ReqH> | undefined): Record<string, string> {
    // Defaults first so that the client's and the call's headers can replace them
    // (soap's HttpClient would otherwise send an Accept preferring HTML and "Accept-Encoding: none").
    const headers: Record<string, string> = {
      Accept: "text/xml, application/soap+xml, application/xml;q=0.9, */*;q=0.1",
      "Accept-Encoding": "gzip, deflate",
    };
    for (const extra of [this.httpHeaders, withoutProtected(call?.httpHeaders)]) {
      for (const [name, value] of Object.entries(extra)) {
        checkHttpHeader(op.name, name, value);
        // Replace a default case-insensitively instead of sending both spellings.
        for (const existing of Object.keys(headers)) {
          if (existing !== name && existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
        }
        headers[name] = value;
      }
    }
    if (version === "1.1") {
      headers["Content-Type"] = "text/xml; charset=utf-8";
      headers["SOAPAction"] = `"${op.soapAction}"`;
    } else {
      headers["Content-Type"] =
        op.soapAction !== "" ? `application/soap+xml; charset=utf-8; action="${op.soapAction}"` : "application/soap+xml; charset=utf-8";
    }
    return headers;
  }

  private async send(
    operation: string,
    envelope: string,
    httpHeaders: Record<string, string>,
    call: CallOptions<ReqH> | undefined,
  ): Promise<RawHttpExchange> {
    const url = this.safeEndpoint;
    const callerSignal = call?.signal;
    if (callerSignal?.aborted === true) {
      throw new TransportError("aborted", `${operation}: call to ${url} was aborted before it started`, { operation, url });
    }
    const timeoutMs = call?.timeoutMs ?? this.timeoutMs;
    const deadline = startDeadline(callerSignal, timeoutMs);
    const signal = deadline.signal;
    try {
      return await sendRequest(this.httpClient, this.endpoint, envelope, httpHeaders, {
        signal,
        // Bytes: the body is decoded with its declared charset (response-text.ts).
        responseType: "arraybuffer",
        maxContentLength: this.maxResponseBytes,
        // Our own request body: no limit (-1 = unlimited in axios).
        maxBodyLength: -1,
        // A redirected POST would silently become a GET; report 3xx as an HTTP error instead.
        maxRedirects: 0,
      });
    } catch (err) {
      // (re-read: the caller may have aborted while we were waiting)
      throw this.transportError(operation, err, deadline.timedOut(), isAborted(callerSignal), timeoutMs);
    } finally {
      deadline.dispose();
    }
  }

  /** Classify a transport failure without attaching the raw error (its config holds secrets). */
  private transportError(operation: string, err: unknown, timedOut: boolean, aborted: boolean, timeoutMs: number): TransportError {
    const url = this.safeEndpoint;
    const code = errorCode(err);
    const rawMessage = err instanceof Error ? err.message : String(err);
    const cause = Object.assign(new Error(code !== undefined ? `${code}: ${rawMessage}` : rawMessage), code !== undefined ? { code } : {});
    if (timedOut) {
      return new TransportError("timeout", `${operation}: no response from ${url} within ${timeoutMs} ms`, { operation, url, cause });
    }
    if (aborted || code === "ERR_CANCELED") {
      return new TransportError("aborted", `${operation}: call to ${url} was aborted`, { operation, url, cause });
    }
    if (/maxContentLength/.test(rawMessage)) {
      return new TransportError(
        "too-large",
        `${operation}: response from ${url} exceeds the limit of ${this.maxResponseBytes} bytes`,
        { operation, url, cause },
      );
    }
    const detail = code !== undefined && !rawMessage.includes(code) ? `${code} ${rawMessage}`.trim() : rawMessage || "unknown error";
    return new TransportError("network", `${operation}: request to ${url} failed: ${detail}`, { operation, url, cause });
  }

  /** Turn an HTTP response into a result or the right error. */
  private interpret<R>(op: OperationMeta, version: SoapVersion, ex: HttpExchange, decode: ResolvedDecodeOptions): InvokeResult<R, ResH> {
    const operation = op.name;
    const url = this.safeEndpoint;
    const { status, body } = ex;
    const contentType = ex.headers["content-type"] ?? "";
    const mime = (contentType.split(";")[0] ?? "").trim().toLowerCase();
    const isHtml = mime === "text/html" || mime === "application/xhtml+xml";
    const isXml = !isHtml && (mime === "text/xml" || mime === "application/xml" || mime.endsWith("+xml"));
    const empty = body.trim() === "";
    const details = (): { operation: string; url: string; status: number; contentType?: string; bodySnippet?: string } => ({
      operation,
      url,
      status,
      ...(contentType !== "" ? { contentType } : {}),
      ...(!empty ? { bodySnippet: bodySnippet(body, this.redact) } : {}),
    });

    if (status < 200 || status > 299) {
      // Faults come with 500 (SOAP 1.1) or 400/500 (SOAP 1.2); try them before reporting HTTP.
      if (!empty && !isHtml && (isXml || mime === "")) {
        let env: ParsedEnvelope | undefined;
        try {
          env = parseEnvelope(body, undefined, this.parseOptions(operation, status));
        } catch (e) {
          if (e instanceof SoapFaultError) throw e;
        }
        if (env !== undefined) {
          try {
            this.checkErrorHeaders(op, env, decode);
          } catch (e) {
            if (e instanceof SuperOfficeError) throw e;
            // undecodable headers on an error response: report the HTTP error below
          }
        }
      }
      const kind = isHtml ? "HTML" : mime !== "" ? mime : "no content type";
      throw new TransportError("http", `${operation}: HTTP ${status} from ${url} (${kind})`, details());
    }

    if (op.output === null && empty) return { result: undefined as R, headers: {} as ResH, status };
    if (isHtml) {
      throw new TransportError(
        "bad-response",
        `${operation}: expected a SOAP response from ${url} but got HTML (HTTP ${status})`,
        details(),
      );
    }
    if (mime !== "" && !isXml) {
      throw new ProtocolError(`${operation}: unexpected content type "${mime}" from ${url} (HTTP ${status})`, details());
    }
    if (empty) throw new ProtocolError(`${operation}: empty response body from ${url} (HTTP ${status})`, details());

    let env: ParsedEnvelope;
    try {
      env = parseEnvelope(body, version, this.parseOptions(operation, status));
    } catch (e) {
      if (e instanceof SoapFaultError) throw e;
      if (e instanceof XmlLimitError) {
        throw new TransportError("too-large", `${operation}: response from ${url} exceeds a parser limit: ${e.message}`, { ...details(), cause: e });
      }
      if (e instanceof XmlParseError) {
        throw new ProtocolError(`${operation}: malformed XML from ${url}: ${e.message}`, { ...details(), cause: e });
      }
      if (e instanceof ProtocolError) {
        throw new ProtocolError(`${operation}: ${e.message} (from ${url})`, { ...details(), cause: e });
      }
      throw e;
    }

    try {
      const headers = this.checkErrorHeaders(op, env, decode);
      const output = op.output;
      if (output === null || output.empty) return { result: undefined as R, headers: headers as ResH, status };
      const wrapper = env.firstBodyChild;
      if (wrapper === undefined) {
        throw new ProtocolError(`${operation}: response body from ${url} is empty, expected ${output.element}`, details());
      }
      const decoded = decodeBody(this.meta, output, wrapper, decode);
      const result = output.unwrap !== null ? decoded[output.unwrap] : decoded;
      return { result: result as R, headers: headers as ResH, status };
    } catch (e) {
      if (e instanceof DeserializationError) {
        throw new ProtocolError(`${operation}: invalid response from ${url}: ${e.message}`, { ...details(), path: e.path, cause: e });
      }
      throw e;
    }
  }

  /** Decode response headers; throw `SuperOfficeError` when the error-header convention reports a failure. */
  private parseOptions(operation: string, status: number): ParseEnvelopeOptions {
    const o: ParseEnvelopeOptions = { operation, status, redact: this.redact };
    if (this.maxResponseElements !== undefined) o.maxNodes = this.maxResponseElements;
    return o;
  }

  private checkErrorHeaders(op: OperationMeta, env: ParsedEnvelope, decode: ResolvedDecodeOptions): Record<string, unknown> {
    const headers = decodeHeaders(this.meta, op.outputHeaders, env.header, decode);
    const conv = this.meta.errorHeaders;
    if (conv !== undefined && headers[conv.succeeded] === false) {
      const info = headers[conv.exceptionInfo];
      throw new SuperOfficeError(
        info !== null && typeof info === "object" ? (info as ExceptionInfoLike) : {},
        op.name,
      );
    }
    return headers;
  }
}

/** RFC 9110 token (header field name). */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters Node refuses in a header value (CR, LF, NUL and other controls except tab). */
// eslint-disable-next-line no-control-regex
const HTTP_VALUE_INVALID = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * Refuse an HTTP header the transport would otherwise mangle (axios silently strips CR/LF,
 * turning `a\r\nX-Evil: 1` into `aX-Evil: 1`): header injection is an error, never a
 * rewrite. The value is not quoted in the message (it may be a credential).
 */
function checkHttpHeader(operation: string, name: string, value: unknown): void {
  if (!HTTP_TOKEN.test(name)) {
    throw new SerializationError(`httpHeaders[${JSON.stringify(name.replace(/[^\x20-\x7e]/g, "?"))}]`, "invalid HTTP header name", { operation });
  }
  if (typeof value !== "string") throw new SerializationError(`httpHeaders.${name}`, "HTTP header value must be a string", { operation });
  if (HTTP_VALUE_INVALID.test(value)) {
    throw new SerializationError(`httpHeaders.${name}`, "HTTP header value contains CR, LF or another control character (refused: header injection)", { operation });
  }
}

/**
 * Credentials (values under secret element names, e.g. `Credentials.Ticket`,
 * `ApplicationToken`) never span lines: a CR or LF means a copy/paste or injection bug,
 * refused before anything is sent. The value is not quoted in the message.
 */
function checkCredentials(headers: Readonly<Record<string, unknown>>, secretElements: ReadonlySet<string>): void {
  const walk = (v: unknown, path: string, secret: boolean, depth: number): void => {
    if (typeof v === "string") {
      if (secret && /[\r\n]/.test(v)) throw new SerializationError(path, "a credential value must not contain CR or LF (refused before sending)");
      return;
    }
    if (v === null || typeof v !== "object" || depth > 16) return;
    for (const [k, x] of Object.entries(v)) walk(x, path === "" ? k : `${path}.${k}`, secret || secretElements.has(k), depth + 1);
  };
  walk(headers, "", false, 0);
}

function withoutProtected(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === undefined) return out;
  for (const [k, v] of Object.entries(headers)) {
    // Content-Type and SOAPAction are derived from the operation and SOAP version.
    if (!PROTECTED_HTTP_HEADERS.has(k.toLowerCase())) out[k] = v;
  }
  return out;
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal !== undefined && signal.aborted;
}

function safeHook(fn: () => void): void {
  try {
    fn();
  } catch {
    // Hooks observe; a failing hook must not change the outcome of the call.
  }
}

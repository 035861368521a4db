/**
 * REST transport: the client core of the generated `<Port>RestClient`s, driven by the same
 * `ServiceMetadata` as the SOAP client.
 *
 * `POST {baseUrl}/api/v1/Agents/{meta.restAgent}/{Operation}[?$select=…]` with a JSON body
 * keyed by the SOAP wrapper's parameter names, `Authorization` (Basic / SOTicket / Bearer),
 * `SO-AppToken`, `Accept`/`Content-Type: application/json; charset=utf-8` and optional
 * `Accept-Language`. The response body is the (unwrapped) result; `204 No Content` gives
 * `undefined`. Values go through the metadata-driven JSON codec (json-codec.ts), so results
 * deep-equal what the SOAP client returns for the same server data.
 *
 * HTTP is Node's built-in `fetch` (undici). Errors use the SOAP error model: `WebApiError`
 * (a `SuperOfficeError`) for a SuperOffice exception body, `TransportError` for HTTP
 * failures (status, HTML pages, network, timeout, abort, size limit), `ProtocolError` for a
 * 2xx body that is not the expected JSON, `SerializationError` for values (or header values)
 * that cannot be sent. Secrets (Authorization, SO-AppToken, tickets, passwords) never
 * appear in errors or hook events.
 *
 * Concurrency: a `RestClientCore` is immutable after construction; each call builds its own
 * headers, body and abort controller.
 */

import { startDeadline } from "../deadline.js";
import { restBaseUrlFromAddress } from "./base-url.js";

export { restBaseUrlFromAddress };
import type { OperationMeta, ServiceMetadata } from "../metadata.js";
import type { CompactMetadata } from "../metadata/format.js";
import { loadMetadata } from "../metadata/load.js";
import type { AgentCallOptions } from "../client.js";
import { DeserializationError, ProtocolError, SerializationError, SoapkitError, TransportError } from "../errors.js";
import { DEFAULT_SECRET_ELEMENTS, createXmlRedactor, redactHttpHeaders, safeUrl } from "../redact.js";
import { errorCode } from "../transport.js";
import { decodeJsonResult, encodeJsonBody, isBinaryResult } from "./json-codec.js";
import { resolveDecodeOptions, type DecodeOptions } from "../codec/decode-options.js";
import { JsonSyntaxError, parseJson, type JsonValue } from "./json.js";
import { WebApiError, exceptionInfoFromJson } from "./errors.js";
import { createJsonRedactor, jsonBodySnippet, type JsonRedactor } from "./redact-json.js";

/** `Authorization` scheme and credentials. */
export type RestAuth =
  | { readonly scheme: "Basic"; readonly username: string; readonly password: string }
  | { readonly scheme: "SOTicket"; readonly ticket: string }
  | { readonly scheme: "Bearer"; readonly token: string };

/** Emitted before a REST request is sent (secrets redacted). */
export interface RestRequestEvent {
  readonly operation: string;
  readonly method: "POST";
  /** URL without credentials; includes the `$select` query when one is sent. */
  readonly url: string;
  /** Request line path (`/api/v1/Agents/EMail/SyncEmailAccount[?$select=…]`). */
  readonly path: string;
  /** HTTP headers as sent, credentials redacted. */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** JSON request body, secret members redacted. */
  readonly body: string;
}

/** Emitted when a REST response has been received (secrets redacted). */
export interface RestResponseEvent {
  readonly operation: string;
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  /** Response headers (lower-case names), credentials redacted. */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** Response body text (binary bodies are summarised), secret members redacted. */
  readonly body: string;
  readonly durationMs: number;
}

/** Observation hooks. Exceptions thrown by hooks are ignored. */
export interface RestClientHooks {
  onRequest?(event: RestRequestEvent): void;
  onResponse?(event: RestResponseEvent): void;
}

/** Options of a `RestClientCore` (and of the generated `<Port>RestClient`s). */
export interface RestClientOptions {
  /**
   * Installation base URL, e.g. `https://sod.superoffice.com/Cust12345` (requests go to
   * `{baseUrl}/api/v1/Agents/...`). Default: the WSDL address with its
   * `/Remote/Services<NN>/<Service>.svc` part removed.
   */
  baseUrl?: string;
  /** `Authorization` for every call (per-call `auth` overrides it). */
  auth?: RestAuth;
  /** `SO-AppToken`: the partner application token (SuperOffice Online). */
  applicationToken?: string;
  /** `Accept-Language`, e.g. `"en"` or `"fr,de"`. */
  acceptLanguage?: string;
  /** Overall deadline per call in ms (default 100 000; 0 or Infinity disables it). */
  timeoutMs?: number;
  /** Maximum response body size in bytes (default 10 MiB). */
  maxResponseBytes?: number;
  /** Extra HTTP headers for every request (`Content-Type`, `Accept` and `Content-Length` are soapkit's). */
  httpHeaders?: Readonly<Record<string, string>>;
  hooks?: RestClientHooks;
  /** JSON member / XML element names whose values are redacted in hooks and errors (default `DEFAULT_SECRET_ELEMENTS`). */
  secretElements?: readonly string[];
  /** `fetch` implementation (default: the global, Node's undici). */
  fetch?: typeof globalThis.fetch;
  /** Response decoding leniency (default strict; see `DecodeOptions` in codec/decode-options.ts). */
  decode?: DecodeOptions;
}

/** Per-call options of the REST client. */
export interface RestCallOptions extends AgentCallOptions {
  /** `Authorization` for this call. */
  auth?: RestAuth;
  /** `SO-AppToken` for this call. */
  applicationToken?: string;
  /** `Accept-Language` for this call. */
  acceptLanguage?: string;
  /** `$select`: properties to include in the result (others are nulled out by the server). */
  select?: string | readonly string[];
}

/** Result of `RestClientCore.invoke`. */
export interface RestInvokeResult<R> {
  /** Unwrapped result (`undefined` for `204 No Content` / void operations). */
  readonly result: R;
  readonly status: number;
  /** Response headers (lower-case names), credentials redacted. */
  readonly httpHeaders: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 100_000;
const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
const JSON_TYPE = "application/json; charset=utf-8";
const PROTECTED = new Set(["content-type", "accept", "content-length", "host", "transfer-encoding"]);
const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// eslint-disable-next-line no-control-regex
const BAD_VALUE_RE = /[\r\n\u0000]/;


/** Runtime core of a generated REST client for one service port. */
export class RestClientCore {
  readonly meta: ServiceMetadata;
  /** Installation base URL, user info removed (moved to Basic auth); use `safeBaseUrl` in messages. */
  readonly baseUrl: string;
  readonly safeBaseUrl: string;
  readonly agent: string;
  private readonly auth: RestAuth | undefined;
  private readonly applicationToken: string | undefined;
  private readonly acceptLanguage: string | undefined;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly httpHeaders: Readonly<Record<string, string>>;
  private readonly hooks: RestClientHooks | undefined;
  private readonly redact: JsonRedactor;
  private readonly fetchFn: typeof globalThis.fetch;
  private readonly decode: DecodeOptions | undefined;

  constructor(metadata: CompactMetadata, options: RestClientOptions = {}) {
    const meta = loadMetadata(metadata);
    this.meta = meta;
    if (meta.restAgent === undefined || meta.restAgent === "") {
      throw new SoapkitError("ERR_REST_CONFIG", `service ${meta.service} has no REST agent (metadata restAgent)`);
    }
    this.agent = meta.restAgent;
    const given = (options.baseUrl ?? restBaseUrlFromAddress(meta.address)).replace(/\/+$/, "");
    this.safeBaseUrl = safeUrl(given).replace(/\/+$/, "");
    if (!URL.canParse(given) || !/^https?:$/i.test(new URL(given).protocol)) {
      throw new SoapkitError("ERR_REST_CONFIG", `invalid REST base URL for service ${meta.service}: ${this.safeBaseUrl}`);
    }
    // fetch refuses URLs with user info (and would echo them): move them to Basic auth.
    const u = new URL(given);
    let urlAuth: RestAuth | undefined;
    if (u.username !== "" || u.password !== "") {
      urlAuth = { scheme: "Basic", username: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
      u.username = "";
      u.password = "";
    }
    this.baseUrl = u.href.replace(/\/+$/, "");
    this.auth = options.auth !== undefined ? { ...options.auth } : urlAuth;
    this.applicationToken = options.applicationToken;
    this.acceptLanguage = options.acceptLanguage;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    resolveDecodeOptions(options.decode); // validates
    this.decode = options.decode !== undefined ? { ...options.decode } : undefined;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.httpHeaders = Object.freeze({ ...(options.httpHeaders ?? {}) });
    this.hooks = options.hooks;
    const secrets = options.secretElements ?? DEFAULT_SECRET_ELEMENTS;
    const json = createJsonRedactor(secrets);
    const xml = createXmlRedactor(secrets);
    this.redact = (text, truncated) => xml(json(text, truncated), truncated);
    this.fetchFn = options.fetch ?? globalThis.fetch;
    // Fail fast on client-level header values that could never be sent.
    this.buildHeaders(undefined, "");
  }

  /** Request path of an operation (`/api/v1/Agents/EMail/SyncEmailAccount`). */
  path(operation: string): string {
    return `/api/v1/Agents/${encodeURIComponent(this.agent)}/${encodeURIComponent(operation)}`;
  }

  /**
   * Call an operation by its WSDL name. Rejects with `SerializationError`, `TransportError`,
   * `ProtocolError` or `WebApiError` (a `SuperOfficeError`); all are `SoapkitError`s.
   */
  async invoke<R = unknown>(operation: string, input?: object, call?: RestCallOptions): Promise<RestInvokeResult<R>> {
    const op = Object.hasOwn(this.meta.operations, operation) ? this.meta.operations[operation] : undefined;
    if (op === undefined) {
      throw new SoapkitError("ERR_SOAP_UNKNOWN_OPERATION", `unknown operation ${operation} of service ${this.meta.service}`);
    }
    let body: string;
    try {
      body = encodeJsonBody(this.meta, op.input, input);
    } catch (e) {
      if (e instanceof SerializationError) throw new SerializationError(e.path, e.reason, { operation: op.name });
      throw e;
    }
    const headers = this.buildHeaders(call, op.name);
    const query = selectQuery(call?.select);
    const path = this.path(op.name) + query;
    const url = this.baseUrl + path;
    const safe = this.safeBaseUrl + path;

    if (this.hooks?.onRequest !== undefined) {
      const event: RestRequestEvent = {
        operation: op.name,
        method: "POST",
        url: safe,
        path: new URL(url).pathname + query,
        httpHeaders: redactHttpHeaders(headers),
        body: this.redact(body),
      };
      safeHook(() => this.hooks?.onRequest?.(event));
    }

    const started = performance.now();
    const res = await this.send(op.name, safe, url, headers, body, call);
    const durationMs = performance.now() - started;
    const text = res.binary ? "" : res.text;

    if (this.hooks?.onResponse !== undefined) {
      const event: RestResponseEvent = {
        operation: op.name,
        url: safe,
        status: res.status,
        statusText: res.statusText,
        httpHeaders: redactHttpHeaders(res.headers),
        body: res.binary ? `(${res.bytes.byteLength} bytes, ${res.headers["content-type"] ?? "no content type"})` : this.redact(text),
        durationMs,
      };
      safeHook(() => this.hooks?.onResponse?.(event));
    }
    return { result: this.interpret<R>(op, safe, res), status: res.status, httpHeaders: redactHttpHeaders(res.headers) };
  }

  /** Headers of one call, validated (no CR/LF/NUL in values, token names). */
  private buildHeaders(call: RestCallOptions | undefined, operation: string): Record<string, string> {
    const headers: Record<string, string> = {};
    const put = (name: string, value: string): void => {
      for (const k of Object.keys(headers)) if (k.toLowerCase() === name.toLowerCase()) delete headers[k];
      headers[name] = value;
    };
    for (const src of [this.httpHeaders, call?.httpHeaders ?? {}]) {
      for (const [k, v] of Object.entries(src)) {
        if (!PROTECTED.has(k.toLowerCase())) put(k, v);
      }
    }
    const auth = call?.auth ?? this.auth;
    if (auth !== undefined) put("Authorization", authorization(auth, operation));
    const appToken = call?.applicationToken ?? this.applicationToken;
    if (appToken !== undefined) put("SO-AppToken", appToken);
    const lang = call?.acceptLanguage ?? this.acceptLanguage;
    if (lang !== undefined) put("Accept-Language", lang);
    put("Accept", JSON_TYPE);
    put("Content-Type", JSON_TYPE);
    for (const [k, v] of Object.entries(headers)) {
      const opt = operation !== "" ? { operation } : undefined;
      if (!TOKEN_RE.test(k)) throw new SerializationError("httpHeaders", `invalid HTTP header name ${JSON.stringify(k.slice(0, 40))}`, opt);
      if (typeof v !== "string") throw new SerializationError(k, "HTTP header value must be a string", opt);
      // Never echo the value: it is often a credential.
      if (BAD_VALUE_RE.test(v)) {
        throw new SerializationError(k, "HTTP header value contains a CR, LF or NUL character (header injection); not sent", opt);
      }
    }
    return headers;
  }

  private async send(
    operation: string,
    safe: string,
    url: string,
    headers: Record<string, string>,
    body: string,
    call: RestCallOptions | undefined,
  ): Promise<Received> {
    const callerSignal = call?.signal;
    if (callerSignal?.aborted === true) {
      throw new TransportError("aborted", `${operation}: call to ${safe} was aborted before it started`, { operation, url: safe });
    }
    const timeoutMs = call?.timeoutMs ?? this.timeoutMs;
    const deadline = startDeadline(callerSignal, timeoutMs);
    const signal = deadline.signal;
    try {
      const res = await this.fetchFn(url, { method: "POST", headers, body, signal, redirect: "manual" });
      const resHeaders: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        resHeaders[k.toLowerCase()] = v;
      });
      const bytes = await readLimited(res, this.maxResponseBytes);
      if (bytes === undefined) {
        throw new TransportError("too-large", `${operation}: response from ${safe} exceeds the limit of ${this.maxResponseBytes} bytes`, {
          operation,
          url: safe,
          status: res.status,
        });
      }
      const mime = mimeOf(resHeaders["content-type"]);
      const binary = bytes.byteLength > 0 && mime !== "" && !isTextual(mime);
      return {
        status: res.status,
        statusText: res.statusText,
        headers: resHeaders,
        bytes,
        binary,
        text: binary ? "" : new TextDecoder("utf-8").decode(bytes),
      };
    } catch (err) {
      if (err instanceof SoapkitError) throw err;
      throw this.transportError(operation, safe, err, deadline.timedOut(), isAborted(callerSignal), timeoutMs);
    } finally {
      deadline.dispose();
    }
  }

  /** Classify a fetch failure; the raw error is not attached (only its code and scrubbed messages). */
  private transportError(operation: string, url: string, err: unknown, timedOut: boolean, aborted: boolean, timeoutMs: number): TransportError {
    const code = errorCode(err);
    // undici messages may quote the URL: never let user info or a query through.
    const scrub = (m: string): string => m.split(this.baseUrl).join(this.safeBaseUrl).replace(/\/\/[^/@\s]*@/g, "//").replace(/\?\S*/g, "?…");
    const causeMsg = scrub(err instanceof Error && err.cause instanceof Error ? err.cause.message : "");
    const rawMessage = scrub(err instanceof Error ? err.message : String(err));
    const cause = Object.assign(new Error(code !== undefined ? `${code}: ${causeMsg || rawMessage}` : rawMessage), code !== undefined ? { code } : {});
    if (timedOut) return new TransportError("timeout", `${operation}: no response from ${url} within ${timeoutMs} ms`, { operation, url, cause });
    if (aborted || (err instanceof Error && err.name === "AbortError")) {
      return new TransportError("aborted", `${operation}: call to ${url} was aborted`, { operation, url, cause });
    }
    const detail =
      code !== undefined
        ? `${code}${causeMsg !== "" && !causeMsg.includes(code) ? ` ${causeMsg}` : ""}`
        : `${rawMessage || "unknown error"}${causeMsg !== "" ? `: ${causeMsg}` : ""}`;
    return new TransportError("network", `${operation}: request to ${url} failed: ${detail}`, { operation, url, cause });
  }

  /** HTTP response → result or the right error. */
  private interpret<R>(op: OperationMeta, url: string, res: Received): R {
    const operation = op.name;
    const { status } = res;
    const contentType = res.headers["content-type"] ?? "";
    const mime = mimeOf(contentType);
    const isHtml = mime === "text/html" || mime === "application/xhtml+xml";
    const isJson = mime === "" || mime === "application/json" || mime === "text/json" || mime.endsWith("+json");
    const empty = res.bytes.byteLength === 0 || (!res.binary && res.text.trim() === "");
    const details = (): { operation: string; url: string; status: number; contentType?: string; bodySnippet?: string } => ({
      operation,
      url,
      status,
      ...(contentType !== "" ? { contentType } : {}),
      ...(!empty && !res.binary ? { bodySnippet: jsonBodySnippet(res.text, this.redact) } : {}),
    });

    if (status < 200 || status > 299) {
      if (!empty && !res.binary && !isHtml) {
        let json: JsonValue | undefined;
        try {
          json = parseJson(res.text);
        } catch {
          json = undefined;
        }
        const info = exceptionInfoFromJson(json);
        if (info !== undefined) throw new WebApiError(info, operation, status);
      }
      const kind = isHtml ? "HTML" : mime !== "" ? mime : "no content type";
      throw new TransportError("http", `${operation}: HTTP ${status}${res.statusText !== "" ? ` ${res.statusText}` : ""} from ${url} (${kind})`, details());
    }

    // 204 No Content, void operations, empty bodies: no result.
    if (status === 204 || empty || op.output === null || op.output.empty) return undefined as R;
    if (res.binary && isBinaryResult(this.meta, op.output) && !isHtml) return Buffer.from(res.bytes) as R;
    if (isHtml) {
      throw new TransportError("bad-response", `${operation}: expected JSON from ${url} but got HTML (HTTP ${status})`, details());
    }
    if (!isJson) throw new ProtocolError(`${operation}: unexpected content type "${mime}" from ${url} (HTTP ${status})`, details());
    let json: JsonValue;
    try {
      json = parseJson(res.text);
    } catch (e) {
      if (e instanceof JsonSyntaxError) throw new ProtocolError(`${operation}: malformed JSON from ${url}: ${e.message}`, { ...details(), cause: e });
      throw e;
    }
    try {
      return decodeJsonResult(this.meta, op.output, json, res.text, this.decode) as R;
    } catch (e) {
      if (e instanceof DeserializationError) {
        throw new ProtocolError(`${operation}: invalid response from ${url}: ${e.message}`, { ...details(), path: e.path, cause: e });
      }
      throw e;
    }
  }
}

interface Received {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  readonly bytes: Uint8Array;
  /** Non-textual content type (e.g. `application/octet-stream`). */
  readonly binary: boolean;
  readonly text: string;
}

function mimeOf(contentType: string | undefined): string {
  return ((contentType ?? "").split(";")[0] ?? "").trim().toLowerCase();
}

function isTextual(mime: string): boolean {
  return mime.startsWith("text/") || mime.endsWith("json") || mime.endsWith("+json") || mime.endsWith("xml") || mime === "application/problem+json";
}

function authorization(auth: RestAuth, operation: string): string {
  const opt = operation !== "" ? { operation } : undefined;
  switch (auth.scheme) {
    case "Basic": {
      if (typeof auth.username !== "string" || typeof auth.password !== "string") {
        throw new SerializationError("auth", "Basic authentication needs a username and a password string", opt);
      }
      if (auth.username.includes(":")) throw new SerializationError("auth.username", "a Basic user name cannot contain ':'", opt);
      return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, "utf8").toString("base64")}`;
    }
    case "SOTicket":
      if (typeof auth.ticket !== "string" || auth.ticket === "") throw new SerializationError("auth.ticket", "a ticket string is required", opt);
      return `SOTicket ${auth.ticket}`;
    case "Bearer":
      if (typeof auth.token !== "string" || auth.token === "") throw new SerializationError("auth.token", "a token string is required", opt);
      return `Bearer ${auth.token}`;
    default:
      throw new SerializationError("auth.scheme", `unsupported scheme; expected Basic, SOTicket or Bearer`, opt);
  }
}

/** `?$select=a,b/c` (commas and slashes kept readable, everything else percent-encoded). */
function selectQuery(select: string | readonly string[] | undefined): string {
  if (select === undefined) return "";
  const value = typeof select === "string" ? select : select.join(",");
  if (value === "") return "";
  return `?$select=${encodeURIComponent(value).replace(/%2C/gi, ",").replace(/%2F/gi, "/")}`;
}

/** Read the body up to `limit` bytes; `undefined` when it is larger. */
async function readLimited(res: Response, limit: number): Promise<Uint8Array | undefined> {
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) {
    await res.body?.cancel().catch(() => undefined);
    return undefined;
  }
  if (res.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
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

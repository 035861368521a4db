/**
 * HTTP exchanges over `node:http`/`node:https` with keep-alive agents: the wire of
 * `nodeHttpTransport` and, when asked, of `restTransport({ exchange })`. No axios, no fetch:
 * per call it costs what a hand-written `http.request` costs. The connection options are the
 * ones of `soapHttpTransport({ http })` (http-options.ts: TLS, proxy tunnel, keep-alive,
 * maxSockets, request gzip, Basic), except NTLM, which needs soap's axios-ntlm.
 *
 * Responses: gzip, deflate and brotli bodies are decompressed; the size limit counts
 * decompressed bytes and is checked against `Content-Length` first. Redirects are not
 * followed (a redirected POST would become a GET): a 3xx is reported like any other status.
 */
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createGzip, createInflate, gzipSync } from "node:zlib";
import { SoapkitError, TransportError } from "../errors.js";
import { resolveHttpOptions, type HttpOptions } from "../soap/http-options.js";
import type { HttpExchange, StreamingResponse } from "./exchange.js";
import type { FetchedResponse, FetchRequest } from "./fetch-exchange.js";

/** Where requests to one URL go (the fields of `http.request`'s options that do not change per call). */
interface Target {
  readonly client: typeof http | typeof https;
  readonly agent: http.Agent;
  readonly hostname: string;
  readonly port: number;
  readonly path: string;
  /** The `Host` header, as Node would write it. */
  readonly host: string;
}

/** What `http.request` gets as `headers`: a flat name/value list, or an object when the caller set `Host`. */
type OutgoingHeaders = readonly string[] | Readonly<Record<string, string>>;

/** Targets kept per URL (endpoints are few; the map is cleared if a caller varies URLs without bound). */
const MAX_TARGETS = 256;
const USER_AGENT = "soapkit (node:http)";
/**
 * Header lists with only ASCII names and values. After such a head a string body is written as it
 * is: Node sends head and body as one UTF-8 string (one write, no Buffer copy); after any other
 * head, UTF-8 would change the head's Latin-1 bytes, so the body goes as bytes.
 */
const ASCII_LISTS = new WeakSet<OutgoingHeaders>();
const NON_ASCII = /[^\t\x20-\x7e]/;

/** An exchange over node:http(s); `who` names the transport in configuration errors. */
export function nodeHttpExchange(options: HttpOptions = {}, who = "nodeHttpExchange"): HttpExchange {
  if (options.auth?.kind === "ntlm")
    throw new SoapkitError("ERR_SOAP_CONFIG", `${who}: NTLM is not supported here; use soapHttpTransport({ http })`);
  const connection = resolveHttpOptions(options, who);
  const gzip = options.gzip === true;
  const extraHeaders = Object.entries(connection.headers);
  // Frozen header sets (a client's, per operation) map to one outgoing header list per target.
  const headerCache = new WeakMap<object, { target: Target; list: OutgoingHeaders }>();
  const headersOf = (headers: Readonly<Record<string, string>>, target: Target): OutgoingHeaders => {
    // Per-call headers: the object form (building the list costs more than Node's setHeader calls).
    if (!Object.isFrozen(headers)) return requestHeaders(headers, extraHeaders, gzip);
    let cached = headerCache.get(headers);
    if (cached?.target !== target) {
      cached = { target, list: headerList(requestHeaders(headers, extraHeaders, gzip), target.host) };
      headerCache.set(headers, cached);
    }
    return cached.list;
  };
  const targets = new Map<string, Target>();
  const targetOf = (href: string): Target => {
    let target = targets.get(href);
    if (target === undefined) {
      if (targets.size >= MAX_TARGETS) targets.clear();
      target = makeTarget(new URL(href), connection.agent.bind(connection));
      targets.set(href, target);
    }
    return target;
  };
  /** Target, headers and (gzipped when asked) body of one request. */
  const outgoing = (req: Omit<FetchRequest, "maxBytes">) => {
    const target = targetOf(req.url);
    if (typeof req.body === "string" && !gzip) {
      const listed = headersOf(req.headers, target);
      // A string goes as it is: Node writes it with the head as one UTF-8 string, so only after an ASCII head.
      const body = ASCII_LISTS.has(listed) ? req.body : Buffer.from(req.body, "utf8");
      return { target, headers: withLength(listed, Buffer.byteLength(req.body)), body };
    }
    const body = requestBody(req.body, gzip);
    // A streamed body goes chunked: the object form without Content-Length (Node adds Transfer-Encoding).
    const headers =
      body instanceof Readable
        ? requestHeaders(req.headers, extraHeaders, gzip)
        : withLength(headersOf(req.headers, target), body.length);
    return { target, headers, body };
  };
  const exchange: HttpExchange = (req) => {
    const { target, headers, body } = outgoing(req);
    return send(target, headers, body, req);
  };
  exchange.addSecrets = (set) => connection.addSecrets(set);
  exchange.stream = (req) => {
    const { target, headers, body } = outgoing(req);
    return sendStreaming(target, headers, body, req);
  };
  return exchange;
}

function makeTarget(url: URL, agentOf: (url: URL) => http.Agent): Target {
  const secure = url.protocol === "https:";
  if (!secure && url.protocol !== "http:")
    throw new SoapkitError("ERR_SOAP_CONFIG", `unsupported URL scheme ${url.protocol} (http: or https: only)`);
  const agent = agentOf(url);
  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  const port = url.port === "" ? (secure ? 443 : 80) : Number(url.port);
  // Node's rule: an IPv6 address in brackets, the port unless it is the agent's default.
  const name = hostname.includes(":") ? `[${hostname}]` : hostname;
  const defaultPort = (agent as { defaultPort?: number }).defaultPort ?? (secure ? 443 : 80);
  // Credentials in the URL are the transport's to move into a header; never sent as user info.
  return {
    client: secure ? https : http,
    agent,
    hostname,
    port,
    path: url.pathname + url.search,
    host: port !== defaultPort ? `${name}:${port}` : name,
  };
}

/** The request body as bytes (gzipped when asked), or a stream for chunks read while sent (chunked encoding). */
function requestBody(body: FetchRequest["body"], gzip: boolean): Buffer | Readable {
  if (typeof body === "string") return gzip ? gzipSync(body) : Buffer.from(body, "utf8");
  if (body instanceof Uint8Array) {
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return gzip ? gzipSync(bytes) : bytes;
  }
  const stream = Readable.from(body, { objectMode: false });
  return gzip ? stream.pipe(createGzip()) : stream;
}

/** Send the body: at once when it is bytes, else piped (a failing source fails the request). */
function writeBody(request: http.ClientRequest, body: string | Buffer | Readable, fail: (e: unknown) => void): void {
  if (!(body instanceof Readable)) {
    request.end(body); // a string as UTF-8
    return;
  }
  body.on("error", fail);
  body.pipe(request);
}

/** The outgoing headers; `Content-Length` is Node's, from the one `end(body)`. Never changed once made (cached). */
function requestHeaders(
  headers: Readonly<Record<string, string>>,
  extra: readonly (readonly [string, string])[],
  gzip: boolean,
): Record<string, string> {
  // Node sets headers in key order, case-insensitively: a caller's User-Agent (any spelling) replaces ours.
  const out: Record<string, string> = { "User-Agent": USER_AGENT, ...headers };
  for (const [name, value] of extra) out[name] = value;
  if (gzip) out["Content-Encoding"] = "gzip";
  return Object.freeze(out);
}

/**
 * Headers as the flat name/value list `http.request` takes as it is (no per-header `setHeader`):
 * names merged case-insensitively as `setHeader` merges them (first position, last spelling and
 * value), then `Host` as Node adds it. A caller's own `Host` keeps the object form (Node derives
 * the TLS server name from it).
 */
function headerList(headers: Readonly<Record<string, string>>, host: string): OutgoingHeaders {
  const names: string[] = [];
  const values: string[] = [];
  const at = new Map<string, number>();
  for (const name of Object.keys(headers)) {
    const i = at.get(name.toLowerCase());
    if (i === undefined) {
      at.set(name.toLowerCase(), names.length);
      names.push(name);
      values.push(headers[name]!);
    } else {
      names[i] = name;
      values[i] = headers[name]!;
    }
  }
  if (at.has("host")) return headers;
  names.push("Host");
  values.push(host);
  const list = Object.freeze(names.flatMap((name, i) => [name, values[i]!]));
  if (!list.some((part) => NON_ASCII.test(part))) ASCII_LISTS.add(list);
  return list;
}

/** A list form gets its `Content-Length` here (Node writes a list as it is, at once); an object form gets Node's from `end(body)`. */
function withLength(headers: OutgoingHeaders, length: number): OutgoingHeaders {
  return Array.isArray(headers) ? [...(headers as readonly string[]), "Content-Length", String(length)] : headers;
}

/** The options of one request to `target`. */
function requestOptions(target: Target, headers: OutgoingHeaders, signal?: AbortSignal): http.RequestOptions {
  const { agent, hostname, port, path } = target;
  return signal === undefined
    ? { agent, hostname, port, path, method: "POST", headers: headers as http.OutgoingHttpHeaders | string[] }
    : { agent, hostname, port, path, method: "POST", headers: headers as http.OutgoingHttpHeaders | string[], signal };
}

function send(
  target: Target,
  headers: OutgoingHeaders,
  body: string | Buffer | Readable,
  req: FetchRequest,
): Promise<FetchedResponse> {
  return new Promise<FetchedResponse>((resolve, reject) => {
    let settled = false;
    let unwatch = (): void => undefined;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      unwatch();
      request.destroy();
      reject(e);
    };
    const done = (r: FetchedResponse): void => {
      if (settled) return;
      settled = true;
      unwatch();
      resolve(r);
    };
    const request = target.client.request(requestOptions(target, headers), (res) => receive(res, req, done, fail));
    request.on("error", fail);
    // Not http.request's `signal` option: an EventTarget listener costs more than the rest of the exchange.
    const onAbort = (): void => fail(abortError());
    unwatch = req.onAbort !== undefined ? req.onAbort(onAbort) : watchSignal(req.signal, onAbort);
    if (settled) return;
    writeBody(request, body, fail);
  });
}

function watchSignal(signal: AbortSignal, onAbort: () => void): () => void {
  if (signal.aborted) {
    onAbort();
    return () => undefined;
  }
  signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
}

function abortError(): Error {
  return Object.assign(new Error("The operation was aborted"), { name: "AbortError", code: "ABORT_ERR" });
}

function receive(
  res: http.IncomingMessage,
  req: FetchRequest,
  done: (r: FetchedResponse) => void,
  fail: (e: unknown) => void,
): void {
  const status = res.statusCode ?? 0;
  const declared = Number(res.headers["content-length"]);
  if (declared > req.maxBytes) return fail(tooLarge(req, status));
  const stream = decoded(res, fail);
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  stream.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > req.maxBytes) {
      stream.destroy();
      return fail(tooLarge(req, status));
    }
    chunks.push(chunk);
  });
  stream.on("end", () => {
    ended = true;
    const bytes = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size);
    done({ status, statusText: res.statusMessage ?? "", headers: flatHeaders(res.headers), bytes });
  });
  stream.on("error", fail);
  if (stream !== res) res.on("error", fail);
  res.on("close", () => {
    if (!ended && !res.complete) fail(new Error("connection closed before the response ended"));
  });
}

/** Like `send`, resolving at the response head with the (decompressed) body as a stream. */
function sendStreaming(
  target: Target,
  headers: OutgoingHeaders,
  body: string | Buffer | Readable,
  req: Omit<FetchRequest, "maxBytes">,
): Promise<StreamingResponse> {
  return new Promise<StreamingResponse>((resolve, reject) => {
    const request = target.client.request(requestOptions(target, headers, req.signal), (res) => {
      const chunks = decoded(res, (e) => res.destroy(e instanceof Error ? e : new Error(String(e))));
      resolve({ status: res.statusCode ?? 0, headers: flatHeaders(res.headers), chunks });
    });
    request.on("error", reject);
    writeBody(request, body, (e) => request.destroy(e instanceof Error ? e : new Error(String(e))));
  });
}

/** The body stream, decompressed by its `Content-Encoding` (gzip, deflate, br). */
function decoded(res: http.IncomingMessage, fail: (e: unknown) => void): Readable {
  const encoding = res.headers["content-encoding"]?.trim().toLowerCase();
  if (encoding === undefined || encoding === "" || encoding === "identity") return res;
  const unzip =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (unzip === undefined) return res; // unknown coding: the bytes as sent (the decoder will report them)
  unzip.on("error", (e) => fail(new Error(`invalid ${encoding} response body: ${e.message}`)));
  return res.pipe(unzip);
}

/** The response's own header object with list values (set-cookie) joined: no copy when there are none. */
function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  for (const name in headers) {
    const v = headers[name];
    if (typeof v !== "string") {
      if (v === undefined) delete headers[name];
      else headers[name] = v.join(", ");
    }
  }
  return headers as Record<string, string>;
}

function tooLarge(req: FetchRequest, status: number): TransportError {
  const { operation, safeUrl: url } = req;
  return new TransportError(
    "too-large",
    `${operation}: response from ${url} exceeds the limit of ${req.maxBytes} bytes`,
    {
      operation,
      url,
      status,
    },
  );
}

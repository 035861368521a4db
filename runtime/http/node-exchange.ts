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

interface Target {
  readonly client: typeof http | typeof https;
  readonly options: http.RequestOptions;
}

/** Targets kept per URL (endpoints are few; the map is cleared if a caller varies URLs without bound). */
const MAX_TARGETS = 256;
const USER_AGENT = "soapkit (node:http)";

/** An exchange over node:http(s); `who` names the transport in configuration errors. */
export function nodeHttpExchange(options: HttpOptions = {}, who = "nodeHttpExchange"): HttpExchange {
  if (options.auth?.kind === "ntlm")
    throw new SoapkitError("ERR_SOAP_CONFIG", `${who}: NTLM is not supported here; use soapHttpTransport({ http })`);
  const connection = resolveHttpOptions(options, who);
  const gzip = options.gzip === true;
  const extraHeaders = Object.entries(connection.headers);
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
    const body = requestBody(req.body, gzip);
    const length = body instanceof Buffer ? body.length : undefined;
    return { target: targetOf(req.url), headers: requestHeaders(req.headers, extraHeaders, length, gzip), body };
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
  return {
    client: secure ? https : http,
    options: {
      agent: agentOf(url),
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port === "" ? (secure ? 443 : 80) : Number(url.port),
      path: url.pathname + url.search,
      method: "POST",
      // Credentials in the URL are the transport's to move into a header; never sent as user info.
    },
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
function writeBody(request: http.ClientRequest, body: Buffer | Readable, fail: (e: unknown) => void): void {
  if (!(body instanceof Readable)) {
    request.end(body);
    return;
  }
  body.on("error", fail);
  body.pipe(request);
}

function requestHeaders(
  headers: Readonly<Record<string, string>>,
  extra: readonly (readonly [string, string])[],
  length: number | undefined,
  gzip: boolean,
): Record<string, string | number> {
  // Node sets headers in key order, case-insensitively: a caller's User-Agent (any spelling) replaces ours.
  const out: Record<string, string | number> = { "User-Agent": USER_AGENT, ...headers };
  for (const [name, value] of extra) out[name] = value;
  if (gzip) out["Content-Encoding"] = "gzip";
  if (length !== undefined) out["Content-Length"] = length;
  return out;
}

function send(
  target: Target,
  headers: Record<string, string | number>,
  body: Buffer | Readable,
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
    const request = target.client.request({ ...target.options, headers }, (res) => receive(res, req, done, fail));
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
  res.on("error", fail);
  res.on("close", () => {
    if (!ended && !res.complete) fail(new Error("connection closed before the response ended"));
  });
}

/** Like `send`, resolving at the response head with the (decompressed) body as a stream. */
function sendStreaming(
  target: Target,
  headers: Record<string, string | number>,
  body: Buffer | Readable,
  req: Omit<FetchRequest, "maxBytes">,
): Promise<StreamingResponse> {
  return new Promise<StreamingResponse>((resolve, reject) => {
    const request = target.client.request({ ...target.options, headers, signal: req.signal }, (res) => {
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

function flatHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const v = headers[name];
    if (v !== undefined) out[name] = typeof v === "string" ? v : v.join(", ");
  }
  return out;
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

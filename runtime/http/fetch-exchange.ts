/**
 * One `fetch` exchange with a response size limit: used by the SOAP fetch transport and the
 * SuperOffice REST transport. No Node-only APIs (browsers, Deno, Bun, edge runtimes).
 */
import { TransportError } from "../errors.js";

export interface FetchedResponse {
  readonly status: number;
  readonly statusText: string;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly bytes: Uint8Array;
}

export interface FetchRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
  /** Text (UTF-8), bytes, or chunks read while sent (an MTOM request with a streamed part). */
  readonly body: string | Uint8Array | AsyncIterable<Uint8Array>;
  readonly signal: AbortSignal;
  /** Like `PreparedCall.onAbort`: an exchange may use it instead of `signal`. */
  readonly onAbort?: ((listener: () => void) => () => void) | undefined;
  readonly maxBytes: number;
  /** For the too-large error. */
  readonly operation: string;
  readonly safeUrl: string;
}

export async function fetchExchange(fetchFn: typeof globalThis.fetch, req: FetchRequest): Promise<FetchedResponse> {
  const { res, headers } = await startFetch(fetchFn, req);
  const bytes = await readLimited(res, req.maxBytes);
  if (bytes === undefined) {
    const { operation, safeUrl: url } = req;
    throw new TransportError(
      "too-large",
      `${operation}: response from ${url} exceeds the limit of ${req.maxBytes} bytes`,
      { operation, url, status: res.status },
    );
  }
  return { status: res.status, statusText: res.statusText, headers, bytes };
}

/** The same exchange with the body left as a stream of chunks (for calls that stream content). */
export async function fetchStreaming(
  fetchFn: typeof globalThis.fetch,
  req: Omit<FetchRequest, "maxBytes">,
): Promise<{ status: number; headers: Record<string, string>; chunks: AsyncIterable<Uint8Array> }> {
  const { res, headers } = await startFetch(fetchFn, req);
  return { status: res.status, headers, chunks: bodyChunks(res) };
}

async function startFetch(fetchFn: typeof globalThis.fetch, req: Omit<FetchRequest, "maxBytes">) {
  const streamed = typeof req.body !== "string" && !(req.body instanceof Uint8Array);
  const res = await fetchFn(req.url, {
    method: "POST",
    headers: req.headers,
    body: streamed ? readableOf(req.body as AsyncIterable<Uint8Array>) : (req.body as string | Uint8Array<ArrayBuffer>),
    signal: req.signal,
    redirect: "manual",
    // A streamed request body needs half duplex (fetch standard; undici requires it).
    ...(streamed ? { duplex: "half" } : {}),
  } as RequestInit);
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => {
    headers[k.toLowerCase()] = v;
  });
  return { res, headers };
}

function readableOf(chunks: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await it.next();
      if (done === true) controller.close();
      else controller.enqueue(value);
    },
    async cancel() {
      await it.return?.();
    },
  });
}

async function* bodyChunks(res: Response): AsyncIterable<Uint8Array> {
  if (res.body === null) return;
  const reader = res.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
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
  return concat(chunks, size);
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The last Content-Type read and its media type (a service answers with the same one on every call). */
let lastType: string | undefined;
let lastMime = "";

/** The MIME type of a Content-Type value, lower case. */
export function mimeOf(contentType: string | undefined): string {
  if (contentType !== lastType) {
    lastMime = ((contentType ?? "").split(";")[0] ?? "").trim().toLowerCase();
    lastType = contentType;
  }
  return lastMime;
}

/**
 * Receive a SOAP response as a byte stream: the content of the elements a call's `streamBase64`
 * option names is decoded and written to its destinations while it arrives; the rest of the
 * response is kept as text (bounded by the response limit) for the regular interpretation.
 * Memory stays at a few network chunks whatever the size of the streamed content.
 */
import { TransportError } from "../errors.js";
import type { PreparedCall } from "../pipeline/transport.js";
import { exchangeText } from "../soap/response-text.js";
import type { HttpExchange } from "../soap/response.js";
import { isMultipartRelated } from "../soap/mtom.js";
import { charsetParam } from "../xml/charset.js";
import { Base64Error, Base64StreamDecoder } from "./base64-decoder.js";
import type { StreamBase64Option, StreamedResult } from "./options.js";
import { openSink, type Sink } from "./sinks.js";
import { StreamError } from "./stream-error.js";
import { CutLimitError, CutTruncatedError, XmlCutter, type CutHandler } from "./xml-cut.js";

/** A response whose body is still arriving. */
export interface StreamedHttpResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly chunks: AsyncIterable<Uint8Array>;
}

/** The response apart from the streamed content, and the streamed elements' fate. */
export interface ReceivedStream {
  readonly exchange: HttpExchange;
  readonly streamed: readonly StreamedResult[];
  /** The call succeeded: make the streamed results visible (files renamed into place). */
  commit(): Promise<void>;
  /** The call failed: remove what was written. */
  abort(error: unknown): Promise<void>;
}

interface Where {
  readonly operation: string;
  readonly url: string;
}

/** The call's `streamBase64` option as a list (empty: the call streams nothing). */
export function streamOptions(call: PreparedCall): readonly StreamBase64Option[] {
  const s = call.streamBase64;
  return s === undefined ? [] : Array.isArray(s) ? s : [s as StreamBase64Option];
}

export async function receiveStreamed(
  call: PreparedCall,
  url: string,
  res: StreamedHttpResponse,
  maxBytes: number,
): Promise<ReceivedStream> {
  const where = { operation: call.operation.name, url };
  const contentType = res.headers["content-type"] ?? "";
  const mime = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  const xml = mime === "text/xml" || mime === "application/xml" || mime.endsWith("+xml");
  if (isMultipartRelated(contentType))
    throw new StreamError("unsupported", `${where.operation}: an MTOM response from ${url} cannot be streamed`, where);
  if (res.status < 200 || res.status > 299 || !xml) {
    const body = await readAll(res.chunks, maxBytes, where, res.status);
    return { exchange: exchangeText({ ...res, body }, where.operation, url), streamed: [], ...NOTHING };
  }
  const charset = charsetParam(contentType)?.toLowerCase();
  if (charset !== undefined && charset !== "utf-8" && charset !== "utf8" && charset !== "us-ascii")
    throw new StreamError(
      "unsupported",
      `${where.operation}: charset ${charset} from ${url} cannot be streamed`,
      where,
    );
  return cut(streamOptions(call), res, maxBytes, where);
}

const NOTHING = { commit: () => Promise.resolve(), abort: () => Promise.resolve() };

async function cut(
  options: readonly StreamBase64Option[],
  res: StreamedHttpResponse,
  maxBytes: number,
  where: Where,
): Promise<ReceivedStream> {
  const state = new CutState(options, where);
  const cutter = new XmlCutter(
    options.map((o) => pathNames(o.path)),
    state,
    maxBytes,
  );
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of res.chunks) await cutter.write(decoder.decode(chunk, { stream: true }));
    await cutter.write(decoder.decode());
    const body = cutter.end();
    return {
      exchange: { status: res.status, headers: res.headers, body },
      streamed: state.results,
      commit: () => state.commit(),
      abort: (e) => state.abort(e),
    };
  } catch (e) {
    await state.abort(e);
    throw streamFailure(e, state.path, where);
  }
}

function pathNames(path: string): string[] {
  return path.split("/").filter((n) => n !== "");
}

/** Opens, feeds and closes one sink per streamed element; keeps every sink until commit or abort. */
class CutState implements CutHandler {
  readonly results: StreamedResult[] = [];
  readonly #sinks: Sink[] = [];
  readonly #counts: number[];
  #current:
    { option: StreamBase64Option; index: number; sink: Sink | undefined; decoder: Base64StreamDecoder } | undefined;

  constructor(
    readonly options: readonly StreamBase64Option[],
    readonly where: Where,
  ) {
    this.#counts = options.map(() => 0);
  }

  get path(): string | undefined {
    return this.#current?.option.path;
  }

  async open(target: number, nil: boolean): Promise<void> {
    const option = this.options[target]!;
    const index = this.#counts[target]!++;
    const sink = nil ? undefined : await sinkStep(() => openSink(option.to, { path: option.path, index }));
    if (sink !== undefined) this.#sinks.push(sink);
    this.#current = { option, index, sink, decoder: new Base64StreamDecoder() };
  }

  async data(text: string): Promise<void> {
    const c = this.#current!;
    const bytes = c.decoder.push(text);
    if (c.option.maxBytes !== undefined && c.decoder.bytes > c.option.maxBytes)
      throw new StreamError(
        "too-large",
        `${this.where.operation}: ${c.option.path}[${c.index}] from ${this.where.url} exceeds the limit of ${c.option.maxBytes} bytes`,
        { ...this.where, path: c.option.path },
      );
    if (bytes.length > 0) await sinkStep(() => c.sink!.write(bytes));
  }

  async close(): Promise<void> {
    const c = this.#current!;
    c.decoder.end();
    if (c.sink !== undefined) await sinkStep(() => c.sink!.close());
    const file = c.sink?.file;
    this.results.push({
      path: c.option.path,
      index: c.index,
      bytes: c.decoder.bytes,
      nil: c.sink === undefined,
      ...(file !== undefined ? { file } : {}),
    });
    this.#current = undefined;
  }

  async commit(): Promise<void> {
    try {
      for (const s of this.#sinks) await s.commit();
    } catch (e) {
      await this.abort(e);
      throw streamFailure(new SinkFailure(e), undefined, this.where);
    }
  }

  async abort(error: unknown): Promise<void> {
    for (const s of this.#sinks.splice(0)) await s.abort(error);
  }
}

class SinkFailure extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

async function sinkStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (e) {
    throw new SinkFailure(e);
  }
}

function streamFailure(e: unknown, path: string | undefined, where: Where): unknown {
  const at = path !== undefined ? ` in ${path}` : "";
  const details = { ...where, path, cause: e };
  const from = `${where.operation}: response from ${where.url}`;
  if (e instanceof Base64Error) return new StreamError("base64", `${from}: invalid base64${at}: ${e.message}`, details);
  if (e instanceof CutTruncatedError)
    return new StreamError("truncated", `${from} is truncated: ${e.message}`, details);
  if (e instanceof SinkFailure)
    return new StreamError("sink", `${from}: the destination${at} failed: ${e.message}`, details);
  if (e instanceof CutLimitError)
    return new TransportError("too-large", `${from}: ${e.message}`, { ...where, cause: e });
  if (e instanceof TypeError && (e as { code?: unknown }).code === "ERR_ENCODING_INVALID_ENCODED_DATA")
    return new StreamError("unsupported", `${from}: the body is not valid UTF-8`, details);
  if (e instanceof StreamError || e instanceof TransportError) return e;
  // The connection failed mid-body: the pipeline reports timeouts and aborts; the rest is a cut response.
  return new StreamError(
    "truncated",
    `${from} was cut off${at}: ${e instanceof Error ? e.message : String(e)}`,
    details,
  );
}

async function readAll(chunks: AsyncIterable<Uint8Array>, max: number, where: Where, status: number) {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.byteLength;
    if (size > max)
      throw new TransportError(
        "too-large",
        `${where.operation}: response from ${where.url} exceeds the limit of ${max} bytes`,
        {
          ...where,
          status,
        },
      );
    parts.push(c);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

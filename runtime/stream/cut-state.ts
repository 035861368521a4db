/**
 * The fate of the elements a call streams: one sink per element (opened when it starts, fed
 * decoded bytes, closed when it ends), all committed when the call succeeds or aborted when it
 * fails; and the mapping of what can go wrong to the runtime's errors. Shared by the XML (SOAP)
 * and JSON (REST) cutters.
 */
import { SoapkitError, TransportError } from "../errors.js";
import { Base64Error, Base64StreamDecoder } from "./base64-decoder.js";
import type { StreamBase64Option, StreamedResult } from "./options.js";
import { openSink, type Sink } from "./sinks.js";
import { StreamError } from "./stream-error.js";
import { CutLimitError, CutTruncatedError, type CutHandler } from "./xml-cut.js";

export interface Where {
  readonly operation: string;
  readonly url: string;
}

/** Opens, feeds and closes one sink per streamed element; keeps every sink until commit or abort. */
interface OpenElement {
  readonly option: StreamBase64Option;
  readonly index: number;
  readonly sink: Sink | undefined;
  readonly decoder: Base64StreamDecoder;
  /** Bytes written (decoded, or raw). */
  bytes: number;
}

export class CutState implements CutHandler {
  readonly results: StreamedResult[] = [];
  readonly #sinks: Sink[] = [];
  readonly #counts: number[];
  #current: OpenElement | undefined;

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
    this.#current = { option, index, sink, decoder: new Base64StreamDecoder(), bytes: 0 };
  }

  /** Base64 text of the open element. */
  async data(text: string): Promise<void> {
    await this.raw(this.#current!.decoder.push(text));
  }

  /** Bytes that need no decoding (also a REST body that is the content itself). */
  async raw(bytes: Uint8Array): Promise<void> {
    const c = this.#current!;
    c.bytes += bytes.byteLength;
    if (c.option.maxBytes !== undefined && c.bytes > c.option.maxBytes)
      throw new StreamError(
        "too-large",
        `${this.where.operation}: ${c.option.path}[${c.index}] from ${this.where.url} exceeds the limit of ${c.option.maxBytes} bytes`,
        { ...this.where, path: c.option.path },
      );
    if (bytes.byteLength > 0) await sinkStep(() => c.sink!.write(bytes));
  }

  async close(): Promise<void> {
    const c = this.#current!;
    c.decoder.end();
    if (c.sink !== undefined) await sinkStep(() => c.sink!.close());
    const file = c.sink?.file;
    this.results.push({
      path: c.option.path,
      index: c.index,
      bytes: c.bytes,
      nil: c.sink === undefined,
      ...(file !== undefined ? { file } : {}),
    });
    this.#current = undefined;
  }

  /** Detach the open element, its content to come later (an MTOM part); `resume` makes it current again. */
  suspend(): unknown {
    const c = this.#current;
    this.#current = undefined;
    return c;
  }

  resume(element: unknown): void {
    this.#current = element as OpenElement;
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

export function streamFailure(e: unknown, path: string | undefined, where: Where): unknown {
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
  if (e instanceof SoapkitError) return e;
  // The connection failed mid-body: the pipeline reports timeouts and aborts; the rest is a cut response.
  return new StreamError(
    "truncated",
    `${from} was cut off${at}: ${e instanceof Error ? e.message : String(e)}`,
    details,
  );
}

/** Local names of a `streamBase64` path. */
export function pathNames(path: string): string[] {
  return path.split("/").filter((n) => n !== "");
}

/** A whole body, up to `max` bytes (error responses and responses that are not streamed). */
export async function readAll(chunks: AsyncIterable<Uint8Array>, max: number, where: Where, status: number) {
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

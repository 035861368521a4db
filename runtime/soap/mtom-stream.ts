/**
 * A streamed MTOM/XOP response: the multipart body is read part by part as it arrives. The root
 * part (the envelope) goes through the XML cutter; an element chosen by `streamBase64` whose
 * content is an `xop:Include` is held open until its part arrives, and that part's bytes go
 * straight to the element's destination. Other parts (Includes outside streamed elements, SwA
 * attachments) are kept, bounded by the response limit, and put back or returned as when buffered.
 */
import { ProtocolError, TransportError } from "../errors.js";
import { charsetParam, mediaParameter } from "../xml/charset.js";
import type { CutState, Where } from "../stream/cut-state.js";
import { StreamError } from "../stream/stream-error.js";
import { CutTruncatedError, type CutHandler, type XmlCutter } from "../stream/xml-cut.js";
import { attachment, type Attachment } from "./mtom.js";
import { contentId, latin1, MultipartError, MultipartReader, type MultipartEvent } from "./mtom-multipart.js";
import { cidOf, resolveIncludes } from "./mtom-xop.js";

/** The cutter's handler for the root part: streamed elements holding an Include wait for their part. */
export class XopCut implements CutHandler {
  /** Suspended streamed elements by the part id their Include names. */
  readonly pending = new Map<string, unknown>();
  #include: string | undefined;

  constructor(
    readonly state: CutState,
    readonly where: Where,
  ) {}

  open(target: number, nil: boolean): Promise<void> {
    this.#include = undefined;
    return this.state.open(target, nil);
  }

  data(text: string): Promise<void> {
    return this.state.data(text);
  }

  include(href: string): void {
    const id = cidOf(href);
    if (this.#include !== undefined || this.pending.has(id))
      throw new ProtocolError(`${this.#from()}: more than one xop:Include for cid:${id}`, this.where);
    this.#include = id;
  }

  async close(): Promise<void> {
    if (this.#include === undefined) return this.state.close();
    this.pending.set(this.#include, this.state.suspend());
    this.#include = undefined;
  }

  #from(): string {
    return `${this.where.operation}: response from ${this.where.url}`;
  }
}

/** What the multipart body gave: the envelope (Includes outside streamed elements resolved) and SwA parts. */
export interface MtomReceived {
  readonly body: string;
  /** The media type the envelope is read as (the root part's `type` parameter). */
  readonly contentType: string;
  readonly attachments: readonly Attachment[];
}

interface Buffered {
  headers: Readonly<Record<string, string>>;
  pieces: Uint8Array[];
}

/** Read the multipart body; `cutter` was built with `xop` as its handler. */
export async function readMtom(
  chunks: AsyncIterable<Uint8Array>,
  contentType: string,
  cutter: XmlCutter,
  xop: XopCut,
  maxBytes: number,
): Promise<MtomReceived> {
  const { where } = xop;
  const boundary = mediaParameter(contentType, "boundary");
  if (boundary === undefined)
    throw new ProtocolError(
      `${where.operation}: multipart/related response from ${where.url} without a boundary`,
      where,
    );
  const reader = new MultipartReader(boundary);
  const parts = new PartRouter(mediaParameter(contentType, "start"), cutter, xop, maxBytes);
  try {
    for await (const chunk of chunks) for (const e of reader.push(chunk)) await parts.on(e);
    reader.end();
  } catch (e) {
    throw e instanceof MultipartError ? multipartFailure(e, where) : e;
  }
  return parts.finish();
}

function multipartFailure(e: MultipartError, where: Where): Error {
  if (/ends before|no multipart delimiter/.test(e.message)) return new CutTruncatedError(e.message);
  return new ProtocolError(`${where.operation}: broken multipart/related response from ${where.url}: ${e.message}`, {
    ...where,
    cause: e,
  });
}

/** Sends each part where it belongs: the root to the cutter, a streamed element's part to its sink, the rest kept. */
class PartRouter {
  readonly #buffered = new Map<string, Buffered>();
  readonly #order: Buffered[] = [];
  #bufferedBytes = 0;
  #current: { kind: "root" | "stream" | "keep"; base64: boolean; keep?: Buffered } | undefined;
  #root: { text: string; type: string } | undefined;
  #rootOpen = false;
  #decoder = new TextDecoder("utf-8", { fatal: true });

  constructor(
    readonly start: string | undefined,
    readonly cutter: XmlCutter,
    readonly xop: XopCut,
    readonly maxBytes: number,
  ) {}

  async on(e: MultipartEvent): Promise<void> {
    if (e.kind === "headers") return this.#open(e.headers);
    const c = this.#current!;
    if (e.kind === "data") {
      if (c.kind === "root") await this.cutter.write(this.#decoder.decode(e.bytes, { stream: true }));
      else if (c.kind === "stream")
        await (c.base64 ? this.xop.state.data(latin1(e.bytes)) : this.xop.state.raw(e.bytes));
      else this.#keep(c.keep!, e.bytes);
      return;
    }
    this.#current = undefined;
    if (c.kind === "stream") return this.xop.state.close();
    if (c.kind === "root") await this.#rootEnd();
  }

  #open(headers: Readonly<Record<string, string>>): void {
    const id = contentId(headers["content-id"]);
    const base64 = /^\s*base64\s*$/i.test(headers["content-transfer-encoding"] ?? "");
    const isRoot =
      this.#root === undefined && !this.#rootOpen && (this.start === undefined || id === contentId(this.start));
    if (isRoot) {
      this.#openRoot(headers["content-type"] ?? "application/xop+xml");
      this.#current = { kind: "root", base64 };
    } else if (this.xop.pending.has(id)) {
      this.xop.state.resume(this.xop.pending.get(id));
      this.xop.pending.delete(id);
      this.#current = { kind: "stream", base64 };
    } else {
      const keep = { headers, pieces: [] };
      if (!this.#buffered.has(id)) this.#buffered.set(id, keep);
      this.#order.push(keep);
      this.#current = { kind: "keep", base64, keep };
    }
  }

  #openRoot(type: string): void {
    const charset = charsetParam(type)?.toLowerCase();
    if (charset !== undefined && charset !== "utf-8" && charset !== "utf8" && charset !== "us-ascii") {
      const { operation, url } = this.xop.where;
      throw new StreamError("unsupported", `${operation}: charset ${charset} from ${url} cannot be streamed`, {
        operation,
        url,
      });
    }
    this.#rootOpen = true;
    this.#root = { text: "", type };
  }

  async #rootEnd(): Promise<void> {
    await this.cutter.write(this.#decoder.decode());
    this.#root = { text: this.cutter.end(), type: this.#root!.type };
    // Parts that came before the root and belong to a streamed element.
    for (const [id, element] of [...this.xop.pending]) {
      const kept = this.#buffered.get(id);
      if (kept === undefined) continue;
      this.xop.pending.delete(id);
      this.xop.state.resume(element);
      await this.xop.state.raw(attachment(kept.headers, kept.pieces).bytes);
      await this.xop.state.close();
      this.#buffered.delete(id);
      this.#order.splice(this.#order.indexOf(kept), 1);
    }
  }

  #keep(into: Buffered, bytes: Uint8Array): void {
    this.#bufferedBytes += bytes.byteLength;
    if (this.#bufferedBytes > this.maxBytes) {
      const { operation, url } = this.xop.where;
      throw new TransportError(
        "too-large",
        `${operation}: response from ${url}: the parts that are not streamed exceed the limit of ${this.maxBytes} bytes`,
        { operation, url },
      );
    }
    into.pieces.push(bytes.slice());
  }

  finish(): MtomReceived {
    const { where } = this.xop;
    const from = `${where.operation}: response from ${where.url}`;
    if (this.#root === undefined)
      throw new ProtocolError(`${from}: multipart/related without its root part ${this.start ?? ""}`, where);
    const missing = [...this.xop.pending.keys()][0];
    if (missing !== undefined)
      throw new ProtocolError(`${from}: xop:Include names a missing part cid:${missing}`, where);
    const all = this.#order.map((b) => attachment(b.headers, b.pieces));
    const byId = new Map<string, Attachment>();
    for (const a of all) if (!byId.has(a.id)) byId.set(a.id, a);
    const { envelope, used } = resolveIncludes(this.#root.text, (id) => byId.get(id)?.bytes, from);
    const attachments = all.filter((a) => !used.has(a.id));
    const type = mediaParameter(this.#root.type, "type") ?? "text/xml";
    return { body: envelope, contentType: `${type}; charset=utf-8`, attachments };
  }
}

/**
 * Receive a SOAP response as a byte stream: the content of the elements a call's `streamBase64`
 * option names is decoded and written to its destinations while it arrives; the rest of the
 * response is kept as text (bounded by the response limit) for the regular interpretation.
 * Memory stays at a few network chunks whatever the size of the streamed content.
 */
import type { PreparedCall } from "../pipeline/transport.js";
import { exchangeText } from "../soap/response-text.js";
import type { HttpExchange } from "../soap/response.js";
import { isMultipartRelated } from "../soap/mtom-multipart.js";
import { readMtom, XopCut } from "../soap/mtom-stream.js";
import { charsetParam } from "../xml/charset.js";
import type { StreamBase64Option, StreamedResult } from "./options.js";
import { StreamError } from "./stream-error.js";
import { XmlCutter } from "./xml-cut.js";
import { CutState, pathNames, readAll, streamFailure, type Where } from "./cut-state.js";

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
  const ok = res.status >= 200 && res.status <= 299;
  if (ok && isMultipartRelated(contentType)) return cut(streamOptions(call), res, maxBytes, where, contentType);
  if (!ok || !xml) {
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

/** Cut the streamed elements out of an XML body, or (`multipart`: its content type) out of an MTOM one. */
async function cut(
  options: readonly StreamBase64Option[],
  res: StreamedHttpResponse,
  maxBytes: number,
  where: Where,
  multipart?: string,
): Promise<ReceivedStream> {
  const state = new CutState(options, where);
  const paths = options.map((o) => pathNames(o.path));
  try {
    let exchange: HttpExchange;
    if (multipart === undefined) {
      const cutter = new XmlCutter(paths, state, maxBytes);
      const decoder = new TextDecoder("utf-8", { fatal: true });
      for await (const chunk of res.chunks) await cutter.write(decoder.decode(chunk, { stream: true }));
      await cutter.write(decoder.decode());
      exchange = { status: res.status, headers: res.headers, body: cutter.end() };
    } else {
      const xop = new XopCut(state, where);
      const mtom = await readMtom(res.chunks, multipart, new XmlCutter(paths, xop, maxBytes), xop, maxBytes);
      const headers = { ...res.headers, "content-type": mtom.contentType };
      const attachments = mtom.attachments.length > 0 ? { attachments: mtom.attachments } : {};
      exchange = { status: res.status, headers, body: mtom.body, ...attachments };
    }
    return {
      exchange,
      streamed: state.results,
      commit: () => state.commit(),
      abort: (e) => state.abort(e),
    };
  } catch (e) {
    await state.abort(e);
    throw streamFailure(e, state.path, where);
  }
}

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

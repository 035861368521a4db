/**
 * A WebAPI response received as a stream for a call with `streamBase64`: base64 string values
 * at the chosen paths (or a binary body that is the content itself, as `GetEMailAsStream` may
 * answer) go to their destinations while they arrive; the rest of the JSON is kept for the
 * regular interpretation (rest-response.ts).
 */
import { SoapkitError } from "../errors.js";
import { mimeOf } from "../http/fetch-exchange.js";
import type { CallOutcome, PreparedCall } from "../pipeline/transport.js";
import { isBinaryResult } from "../rest/json-codec.js";
import { CutState, pathNames, readAll, streamFailure } from "../stream/cut-state.js";
import { JsonCutter } from "../stream/json-cut.js";
import { streamOptions, type StreamedHttpResponse } from "../stream/soap-stream.js";
import { interpretRestResponse, isTextual, type RestReceived } from "./rest-response.js";

export interface RestStreamed {
  readonly received: RestReceived;
  readonly state: CutState;
}

export async function receiveRestStreamed(
  call: PreparedCall,
  url: string,
  res: StreamedHttpResponse,
  maxBytes: number,
): Promise<RestStreamed> {
  const where = { operation: call.operation.name, url };
  const options = streamOptions(call);
  const paths = options.map((o) => jsonPath(call, o.path));
  const state = new CutState(options, where);
  const base = { status: res.status, statusText: "", headers: { ...res.headers } };
  const mime = mimeOf(res.headers["content-type"]);
  const success = res.status >= 200 && res.status <= 299;
  try {
    if (!success) {
      const bytes = await readAll(res.chunks, maxBytes, where, res.status);
      return { received: { ...base, bytes, binary: false, text: new TextDecoder().decode(bytes) }, state };
    }
    const whole = paths.findIndex((p) => p.length === 0);
    if (mime !== "" && !isTextual(mime) && whole >= 0 && isBinaryResult(call.meta, call.operation.output)) {
      await state.open(whole, false);
      for await (const chunk of res.chunks) await state.raw(chunk);
      await state.close();
      return { received: { ...base, bytes: new Uint8Array(0), binary: true, text: "" }, state };
    }
    const text = await cutJson(res.chunks, paths, state, maxBytes);
    return { received: { ...base, bytes: new TextEncoder().encode(text), binary: false, text }, state };
  } catch (e) {
    await state.abort(e);
    throw streamFailure(e, state.path, where);
  }
}

async function cutJson(
  chunks: AsyncIterable<Uint8Array>,
  paths: readonly (readonly string[])[],
  state: CutState,
  maxBytes: number,
): Promise<string> {
  const cutter = new JsonCutter(paths, state, maxBytes);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for await (const chunk of chunks) await cutter.write(decoder.decode(chunk, { stream: true }));
  await cutter.write(decoder.decode());
  return cutter.end();
}

/** The SOAP-style path (`Response/Attachments/EMailAttachment/Stream`) as keys of the JSON body. */
function jsonPath(call: PreparedCall, path: string): string[] {
  const names = pathNames(path);
  const unwrap = call.operation.output?.unwrap ?? null;
  if (unwrap === null) return names;
  if (names[0] !== unwrap)
    throw new SoapkitError(
      "ERR_SOAP_CONFIG",
      `${call.operation.name}: streamBase64 path ${JSON.stringify(path)} must start with the result element ${unwrap}`,
    );
  return names.slice(1);
}

/** Interpret the kept response; the streamed results become visible only when that succeeds. */
export async function finishRestStreamed(
  call: PreparedCall,
  url: string,
  res: StreamedHttpResponse,
  maxBytes: number,
): Promise<CallOutcome> {
  const { received, state } = await receiveRestStreamed(call, url, res, maxBytes);
  try {
    const shown = received.binary
      ? `(streamed, ${received.headers["content-type"] ?? "no content type"})`
      : received.text;
    call.observe.response({ url, status: received.status, httpHeaders: received.headers, body: shown });
    const result = interpretRestResponse(call, url, received);
    await state.commit();
    return { result, headers: {}, status: received.status, httpHeaders: received.headers, streamed: state.results };
  } catch (e) {
    await state.abort(e);
    throw e;
  }
}

/**
 * Send one SOAP request through an `IHttpClient` and get the response body as a byte stream
 * (soap's `requestStream`, axios `responseType: "stream"`), for calls that stream content.
 */
import type { IHttpClient } from "soap";
import type { StreamedHttpResponse } from "../stream/soap-stream.js";
import { StreamError } from "../stream/stream-error.js";
import { normalizeHeaders } from "./raw-http-client.js";

export async function sendStreaming(
  client: IHttpClient,
  url: string,
  body: string | Uint8Array,
  headers: Readonly<Record<string, string>>,
  exoptions: Readonly<Record<string, unknown>>,
  where: { readonly operation: string; readonly url: string },
): Promise<StreamedHttpResponse> {
  if (client.requestStream === undefined)
    throw new StreamError("unsupported", `${where.operation}: the HTTP client has no requestStream`, where);
  const res = (await client.requestStream(url, body, { ...headers }, { ...exoptions })) as {
    status: number;
    headers: unknown;
    data: AsyncIterable<Uint8Array>;
  };
  return { status: res.status, headers: normalizeHeaders(res.headers), chunks: res.data };
}

/**
 * HTTP transport on top of the `soap` package's `HttpClient` (axios underneath).
 *
 * We only use soap's HTTP layer: it gives us a maintained, proxy/agent/NTLM-capable client
 * that users may already configure or replace (`IHttpClient`). Envelope building and
 * parsing are ours (see http-transport.ts for why soap's `Client` serialisation is not used).
 */

import { gzipSync } from "node:zlib";
import type { IExOptions, IHeaders, IHttpClient } from "soap";
// soap is loaded through ./index.js (the esbuild-ESM `require` loan), never directly.
import { HttpClient } from "./index.js";
import type { RawHttpExchange } from "./response-text.js";

export type { RawHttpExchange };

/**
 * soap's HttpClient, minus its response "clean-up": `HttpClient.handleResponse` strips the
 * first XML comment anywhere in the body and cuts the text down to a regex-matched
 * `<x:Envelope>…</x:Envelope>`. That can alter character data (a comment inside CDATA) and
 * hides non-SOAP bodies we want to report, so we keep the body exactly as received.
 */
export class RawHttpClient extends HttpClient {
  override handleResponse(_req: unknown, _res: unknown, body: unknown): unknown {
    return body;
  }

  /**
   * The axios request config, as soap's `buildRequest` makes it for a plain string body, but
   * without its `debug("Http request: %j", options)` line: with `DEBUG=node-soap` set, that
   * logs the whole envelope and HTTP headers, tickets and application tokens included.
   * Attachments, MTOM and soap's `forceGzip` (which soapkit never asks for) still go through
   * soap; soapkit's own `gzip` flag compresses here, and NTLM requests (`ntlm: true`) are built
   * here and sent by soap through axios-ntlm.
   */
  override buildRequest(rurl: string, data: unknown, exheaders?: IHeaders, exoptions: IExOptions = {}): unknown {
    const ex = exoptions as Record<string, unknown>;
    const special =
      ex["forceMTOM"] || ex["forceGzip"] || (Array.isArray(ex["attachments"]) && ex["attachments"].length > 0);
    if (special || (typeof data !== "string" && !(data instanceof Uint8Array)))
      return super.buildRequest(rurl, data, exheaders, exoptions);
    // Bytes (an MTOM body) as a Buffer view: axios sends a plain Uint8Array's whole ArrayBuffer.
    const raw = typeof data === "string" ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const body = ex["gzip"] === true ? gzipSync(raw) : raw;
    const headers: Record<string, unknown> = {
      "User-Agent": "soapkit (node-soap HttpClient)",
      "Accept-Charset": "utf-8",
      "Content-Length": typeof body === "string" ? Buffer.byteLength(body, "utf8") : body.byteLength,
      ...(ex["gzip"] === true ? { "Content-Encoding": "gzip" } : {}),
      ...exheaders,
    };
    const options: Record<string, unknown> = {
      url: new URL(rurl).href,
      method: "POST",
      headers,
      transformResponse: (d: unknown) => d,
      // NTLM: the 401 challenge must reach axios-ntlm's interceptor as an error; every other
      // status is a response soapkit interprets.
      validateStatus: ex["ntlm"] === true ? (status: number) => status !== 401 : null,
      data: body,
    };
    for (const [key, value] of Object.entries(ex)) {
      if (NOT_AXIOS.has(key)) continue;
      if (key === "headers" && typeof value === "object" && value !== null) Object.assign(headers, value);
      else options[key] = value;
    }
    return options;
  }
}

/** soap-level options that are not axios request settings (credentials stay out of the config). */
const NOT_AXIOS = new Set(["attachments", "gzip", "ntlm", "username", "password", "domain", "workstation"]);

/** Send one request through an `IHttpClient`; resolves with the response or rejects with the raw error. */
export function sendRequest(
  client: IHttpClient,
  url: string,
  body: string | Uint8Array,
  headers: Readonly<Record<string, string>>,
  exoptions: Readonly<Record<string, unknown>>,
): Promise<RawHttpExchange> {
  return new Promise<RawHttpExchange>((resolve, reject) => {
    let settled = false;
    const done = (
      err: unknown,
      res?: { status?: number; headers?: unknown; data?: unknown },
      resBody?: unknown,
    ): void => {
      if (settled) return;
      settled = true;
      if (err !== null && err !== undefined) {
        // NTLM: axios-ntlm rejects the final 401 (wrong credentials) with the response attached.
        const response = (err as { response?: { status?: number; headers?: unknown; data?: unknown } }).response;
        if (exoptions["ntlm"] === true && response?.status === 401) res = response;
        else {
          reject(err);
          return;
        }
      }
      if (res === undefined || typeof res.status !== "number") {
        reject(new Error("HTTP client returned no response"));
        return;
      }
      resolve({ status: res.status, headers: normalizeHeaders(res.headers), body: rawBody(resBody ?? res.data) });
    };
    try {
      // soap's request() copies `headers`/`exoptions` into a fresh axios config per call.
      const ret = client.request(url, body, done, { ...headers }, { ...exoptions }) as unknown;
      // Implementations may reject the returned promise as well as calling back; observe it so
      // that it never becomes an unhandled rejection.
      if (ret !== null && typeof ret === "object" && typeof (ret as Promise<unknown>).then === "function") {
        (ret as Promise<unknown>).then(undefined, (e: unknown) => done(e));
      }
    } catch (e) {
      done(e);
    }
  });
}

function rawBody(data: unknown): string | Uint8Array {
  if (typeof data === "string" || data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (data === null || data === undefined) return "";
  return String(data);
}

/** HTTP response headers (axios or plain object) as lower-case names with string values. */
export function normalizeHeaders(h: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (h === null || typeof h !== "object") return out;
  const src =
    typeof (h as { toJSON?: unknown }).toJSON === "function"
      ? ((h as { toJSON(): unknown }).toJSON() as Record<string, unknown>)
      : (h as Record<string, unknown>);
  for (const [k, v] of Object.entries(src)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : String(v);
  }
  return out;
}

/** The default `DocumentReader`: node fs for paths, global `fetch` for http(s) URLs. */
import { readFile, stat } from "node:fs/promises";
import { isHttpUrl } from "./resolve.js";
import { describeFetchFailure, fetchError, statusText, type FetchPhase } from "./fetch-errors.js";
import type { DocumentReader } from "./types.js";

/** An error a reader throws to report that a document does not exist. */
export function documentNotFound(pathOrUrl: string): Error {
  return Object.assign(new Error(`not found: ${pathOrUrl}`), { code: "ENOENT" });
}

/** An error a reader throws when a document exceeds the size limit. */
export function documentTooLarge(pathOrUrl: string, size: number, limit: number): Error {
  return Object.assign(new Error(`${pathOrUrl} is ${size} bytes, more than the limit of ${limit}`), {
    code: "E_TOO_LARGE",
  });
}

/** Default limit for one URL document (connect, status line and headers, body). */
export const DEFAULT_FETCH_TIMEOUT_MS = 20_000;

async function readLocalFile(file: string, maxBytes: number): Promise<string> {
  const st = await stat(file);
  if (st.isDirectory())
    throw fetchError("it is a directory, not a WSDL file (give the .wsdl file inside it)", "EISDIR");
  if (st.size > maxBytes) throw documentTooLarge(file, st.size, maxBytes);
  return readFile(file, "utf8");
}

async function fetchText(url: string, maxBytes: number, timeoutMs: number): Promise<string> {
  let phase: FetchPhase = "response";
  try {
    const signal = AbortSignal.timeout(timeoutMs);
    const res = await fetch(url, { signal });
    phase = "body";
    return await readBody(url, res, maxBytes);
  } catch (e) {
    if (typeof (e as { code?: unknown }).code === "string") throw e; // ours, already clear
    throw describeFetchFailure(e, url, phase, timeoutMs);
  }
}

async function readBody(url: string, res: Response, maxBytes: number): Promise<string> {
  if (res.status === 404 || res.status === 410)
    throw Object.assign(documentNotFound(url), { httpStatus: statusText(res.status, res.statusText) });
  if (!res.ok) throw fetchError(`the server answered ${statusText(res.status, res.statusText)}`, "EHTTPSTATUS");
  const declared = Number(res.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw documentTooLarge(url, declared, maxBytes);
  if (!res.body) return "";
  // Stream with a cap so a hostile server cannot make us buffer unbounded data.
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw documentTooLarge(url, size, maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8").decode(Buffer.concat(chunks));
}

/** Create the default reader; `maxBytes` caps a single read, `timeoutMs` a single URL fetch. */
export function createDefaultReader(options: { maxBytes: number; timeoutMs?: number }): DocumentReader {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  return (pathOrUrl) =>
    isHttpUrl(pathOrUrl)
      ? fetchText(pathOrUrl, options.maxBytes, timeoutMs)
      : readLocalFile(pathOrUrl, options.maxBytes);
}

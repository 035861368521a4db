/** The default `DocumentReader`: node fs for paths, global `fetch` for http(s) URLs. */
import { readFile, stat } from "node:fs/promises";
import { isHttpUrl } from "./resolve.js";
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

async function readLocalFile(file: string, maxBytes: number): Promise<string> {
  const st = await stat(file);
  if (st.size > maxBytes) throw documentTooLarge(file, st.size, maxBytes);
  return readFile(file, "utf8");
}

async function fetchText(url: string, maxBytes: number): Promise<string> {
  const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (res.status === 404 || res.status === 410) throw documentNotFound(url);
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText} for ${url}`);
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

/** Create the default reader; `maxBytes` caps a single read. */
export function createDefaultReader(options: { maxBytes: number }): DocumentReader {
  return (pathOrUrl) => (isHttpUrl(pathOrUrl) ? fetchText(pathOrUrl, options.maxBytes) : readLocalFile(pathOrUrl, options.maxBytes));
}

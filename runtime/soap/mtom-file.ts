/** A file sent as a streamed MTOM attachment (Node only): read in 256 KiB chunks while the request is sent. */
import { mtomStream, type MtomSourceOptions } from "../codec/xop-hook.js";

export function mtomFile(path: string, options?: MtomSourceOptions): Uint8Array {
  return mtomStream(() => fileChunks(path), options);
}

async function* fileChunks(path: string): AsyncIterable<Uint8Array> {
  // Loaded on first use: the runtime does not load node:fs for calls without files.
  const { createReadStream } = await import("node:fs");
  yield* createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>;
}

/**
 * Byte values of the EMail agent that may be streamed (`StreamedBytes` from `soapkit/mock`):
 * a deterministic generated attachment, its MIME base64 lines, and the concatenation of a
 * message's parts — each produced chunk by chunk when answered, never held whole.
 */
import { createCipheriv, createHash } from "node:crypto";
import { StreamedBytes, streamedBytes } from "soapkit/mock";

const CHUNK = 64 * 1024;
/** MIME base64 line length (RFC 2045). */
const LINE = 76;

/** The size of a byte value, streamed or not. */
export function sizeOf(bytes: Uint8Array): number {
  return bytes instanceof StreamedBytes ? bytes.byteSize : bytes.byteLength;
}

/**
 * `byteSize` pseudo-random bytes from `seed` (the AES-128-CTR keystream under a key derived
 * from the seed): the same seed gives the same bytes, in any process.
 */
export function deterministicBytes(byteSize: number, seed: number): StreamedBytes {
  return streamedBytes(byteSize, function* () {
    const key = createHash("sha256").update(`soapkit large mail ${seed}`).digest().subarray(0, 16);
    const cipher = createCipheriv("aes-128-ctr", key, Buffer.alloc(16));
    const zeros = Buffer.alloc(CHUNK);
    for (let at = 0; at < byteSize; at += CHUNK) yield cipher.update(zeros.subarray(0, Math.min(CHUNK, byteSize - at)));
  });
}

/** Size of `n` bytes as MIME base64: lines of 76 characters joined by CRLF (no trailing CRLF). */
function mimeBase64Size(n: number): number {
  const chars = 4 * Math.ceil(n / 3);
  return chars === 0 ? 0 : chars + 2 * (Math.ceil(chars / LINE) - 1);
}

/** `bytes` as MIME base64 lines (CRLF between lines), streamed when `bytes` is. */
export function mimeBase64(bytes: Uint8Array): Uint8Array {
  if (!(bytes instanceof StreamedBytes)) {
    const lines =
      Buffer.from(bytes)
        .toString("base64")
        .match(/.{1,76}/g) ?? [];
    return new Uint8Array(Buffer.from(lines.join("\r\n"), "latin1"));
  }
  return streamedBytes(mimeBase64Size(bytes.byteSize), async function* () {
    let column = 0;
    for await (const text of bytes.base64()) {
      let out = "";
      for (let at = 0; at < text.length;) {
        if (column === LINE) {
          out += "\r\n";
          column = 0;
        }
        const take = Math.min(LINE - column, text.length - at);
        out += text.slice(at, at + take);
        at += take;
        column += take;
      }
      yield Buffer.from(out, "latin1");
    }
  });
}

/** The parts one after the other: plain bytes when none is streamed, else one streamed value. */
export function concatBytes(parts: readonly (string | Uint8Array)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : p));
  if (!bytes.some((p) => p instanceof StreamedBytes)) return new Uint8Array(Buffer.concat(bytes));
  const total = bytes.reduce((sum, p) => sum + sizeOf(p), 0);
  return streamedBytes(total, async function* () {
    for (const p of bytes) {
      if (p instanceof StreamedBytes) yield* p.chunks();
      else yield p;
    }
  });
}

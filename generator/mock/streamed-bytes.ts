/**
 * Large `xs:base64Binary` values a handler answers without holding them: a `StreamedBytes` is a
 * tiny `Uint8Array` (a random marker the codec base64-encodes like any bytes) that names a size
 * and a chunk source. After the envelope (or JSON) is encoded around the marker, the answer is
 * split at it and the base64 of the chunks is written in its place as the response goes out.
 */
import { randomInt } from "node:crypto";

/** A chunk source; called once per answer that writes the value. */
export type ByteChunks = () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** A part of a streamed answer body: text as it is, or a value written as base64. */
export type MockBodyPart = string | StreamedBytes;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 24 alphanumeric base64 characters: never escaped by XML or JSON, 18 bytes. */
function markerBytes(): Buffer {
  let text = "";
  for (let i = 0; i < 24; i++) text += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return Buffer.from(text, "base64");
}

export class StreamedBytes extends Uint8Array {
  /** The size of the streamed value (`length` is the marker's). */
  readonly byteSize: number;
  readonly chunks: ByteChunks;
  /** The base64 text of the marker, as it appears in the encoded answer. */
  readonly marker: string;

  // subarray/map/slice make plain Uint8Arrays (not a streamed value with the wrong arguments).
  static get [Symbol.species](): Uint8ArrayConstructor {
    return Uint8Array;
  }

  constructor(byteSize: number, chunks: ByteChunks) {
    const marker = markerBytes();
    super(marker.length);
    this.set(marker);
    this.byteSize = byteSize;
    this.chunks = chunks;
    this.marker = marker.toString("base64");
  }

  /** The value as base64 text, chunk by chunk (0–2 bytes carried to the next chunk). */
  async *base64(): AsyncGenerator<string> {
    let carry = Buffer.alloc(0);
    let total = 0;
    for await (const chunk of this.chunks()) {
      total += chunk.byteLength;
      const bytes = carry.length === 0 ? Buffer.from(chunk) : Buffer.concat([carry, chunk]);
      const whole = bytes.length - (bytes.length % 3);
      if (whole > 0) yield bytes.toString("base64", 0, whole);
      carry = Buffer.from(bytes.subarray(whole));
    }
    if (total !== this.byteSize) throw new Error(`streamed value produced ${total} bytes, ${this.byteSize} announced`);
    if (carry.length > 0) yield carry.toString("base64");
  }
}

/** A value of `byteSize` bytes written from `chunks` when answered. */
export function streamedBytes(byteSize: number, chunks: ByteChunks): StreamedBytes {
  return new StreamedBytes(byteSize, chunks);
}

/** Every `StreamedBytes` in an output value (objects and arrays walked). */
function collect(value: unknown, out: StreamedBytes[], seen: Set<object>): void {
  if (value instanceof StreamedBytes) out.push(value);
  else if (typeof value === "object" && value !== null && !ArrayBuffer.isView(value) && !seen.has(value)) {
    seen.add(value);
    for (const v of Array.isArray(value) ? value : Object.values(value)) collect(v, out, seen);
  }
}

/** The encoded answer split at the markers of the output's streamed values (the text itself when there are none). */
export function bodyParts(text: string, output: unknown): string | MockBodyPart[] {
  const found: StreamedBytes[] = [];
  collect(output, found, new Set());
  if (found.length === 0) return text;
  const byMarker = new Map(found.map((s) => [s.marker, s]));
  const pattern = new RegExp([...byMarker.keys()].join("|"), "g");
  const parts: MockBodyPart[] = [];
  let at = 0;
  for (const m of text.matchAll(pattern)) {
    parts.push(text.slice(at, m.index), byMarker.get(m[0])!);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return parts;
}

/** A streamed body as recorded text: each streamed value as a short note. */
export function recordedBody(body: string | readonly MockBodyPart[]): string {
  if (typeof body === "string") return body;
  return body.map((p) => (typeof p === "string" ? p : `[${p.byteSize} bytes streamed]`)).join("");
}

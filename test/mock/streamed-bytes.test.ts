/**
 * `StreamedBytes` (soapkit/mock) and the emulator's streamed mail parts, unit by unit: chunked
 * base64 equals the whole value's base64 whatever the chunk sizes, a source that breaks its
 * announced size fails, an answer splits at the markers only, and the streamed MIME lines equal
 * the buffered ones byte for byte.
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { StreamedBytes, streamedBytes } from "soapkit/mock";
import { bodyParts, recordedBody } from "../../generator/mock/streamed-bytes.js";
import { concatBytes, deterministicBytes, mimeBase64, sizeOf } from "../../emulator/streamed-mail.js";

async function text(s: StreamedBytes): Promise<string> {
  let out = "";
  for await (const t of s.base64()) out += t;
  return out;
}

async function bytes(s: Uint8Array): Promise<Buffer> {
  if (!(s instanceof StreamedBytes)) return Buffer.from(s);
  const parts: Buffer[] = [];
  for await (const c of s.chunks()) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/** `data` cut into chunks of the given sizes (cycled). */
function chunked(data: Buffer, sizes: number[]): StreamedBytes {
  return streamedBytes(data.length, function* () {
    for (let at = 0, i = 0; at < data.length; i++) {
      const n = sizes[i % sizes.length]!;
      yield data.subarray(at, at + n);
      at += n;
    }
  });
}

describe("StreamedBytes", () => {
  it.each([
    [1000, [1]],
    [1001, [2, 5]],
    [65_537, [4096, 7, 1]],
    [0, [3]],
  ])("writes %i bytes in chunks %j as the base64 of the whole", async (size, sizes) => {
    const data = randomBytes(size);
    expect(await text(chunked(data, sizes))).toBe(data.toString("base64"));
  });

  it("is a small marker for the codec and says its real size", () => {
    const s = chunked(randomBytes(10), [10]);
    expect(s.byteLength).toBe(18);
    expect(s.byteSize).toBe(10);
    expect(s.marker).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(Buffer.from(s).toString("base64")).toBe(s.marker);
    expect(s.subarray(0, 2)).not.toBeInstanceOf(StreamedBytes);
  });

  it("fails when the source gives another size than announced", async () => {
    const s = streamedBytes(5, () => [new Uint8Array(4)]);
    await expect(text(s)).rejects.toThrow(/produced 4 bytes, 5 announced/);
  });

  it("an answer splits at the markers of the output's values only; the record names the sizes", () => {
    const a = chunked(randomBytes(3), [3]);
    const b = chunked(randomBytes(4), [4]);
    const output = { Response: { Attachments: [{ Stream: a }, { Stream: b }, { Stream: new Uint8Array(2) }] } };
    const encoded = `<x>${a.marker}</x><y>${b.marker}</y><z>AAA=</z>`;
    const parts = bodyParts(encoded, output);
    expect(parts).toEqual(["<x>", a, "</x><y>", b, "</y><z>AAA=</z>"]);
    expect(recordedBody(parts)).toBe("<x>[3 bytes streamed]</x><y>[4 bytes streamed]</y><z>AAA=</z>");
    expect(bodyParts("<plain/>", { Response: new Uint8Array(3) })).toBe("<plain/>");
  });
});

describe("the emulator's streamed mail parts", () => {
  it("deterministicBytes gives the same bytes for a seed, other bytes for another", async () => {
    const one = await bytes(deterministicBytes(100_000, 1));
    expect(one).toHaveLength(100_000);
    expect(await bytes(deterministicBytes(100_000, 1))).toEqual(one);
    expect(await bytes(deterministicBytes(100_000, 2))).not.toEqual(one);
  });

  it.each([0, 1, 56, 57, 58, 100_001])(
    "MIME base64 of %i bytes streams exactly what the buffered form is",
    async (n) => {
      const data = await bytes(deterministicBytes(n, 9));
      const streamed = mimeBase64(chunked(data, [1000, 17]));
      const buffered = mimeBase64(data);
      expect(sizeOf(streamed)).toBe(buffered.byteLength);
      expect(await bytes(streamed)).toEqual(Buffer.from(buffered));
    },
  );

  it("concatenation stays plain without a streamed part and announces the sum with one", async () => {
    expect(concatBytes(["ab", new Uint8Array([1])])).not.toBeInstanceOf(StreamedBytes);
    const data = randomBytes(10);
    const joined = concatBytes(["head\r\n", chunked(data, [3]), "\r\ntail"]);
    expect(sizeOf(joined)).toBe(6 + 10 + 6);
    expect(await bytes(joined)).toEqual(Buffer.concat([Buffer.from("head\r\n"), data, Buffer.from("\r\ntail")]));
  });
});

/**
 * Issue 16, the multipart/related reader and the XOP resolver on their own: framing per RFC 2046
 * whatever the chunking (every split point, one byte at a time), delimiter-like bytes inside a
 * body, folded headers, a part without headers, truncation and junk reported, Includes resolved.
 */
import { describe, expect, it } from "vitest";
import { ProtocolError } from "../../runtime/index.js";
import { MultipartError, MultipartReader, type MultipartEvent } from "../../runtime/soap/mtom-multipart.js";
import { splitMultipart, unpackMtom } from "../../runtime/soap/mtom.js";
import { XOP_NS, resolveIncludes } from "../../runtime/soap/mtom-xop.js";

const B = "MIMEBoundary_abc";
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder("latin1").decode(b);

const MESSAGE =
  `preamble\r\n--${B}\r\nContent-ID: <root>\r\nContent-Type: application/xop+xml;\r\n type="text/xml"\r\n\r\n<r/>\r\n` +
  `--${B}  \r\nContent-ID: <a@x>\r\n\r\nbody with \r\n--${B.slice(0, 5)} and \r\n-- inside\r\n` +
  `--${B}\r\n\r\nno headers\r\n--${B}--\r\nepilogue`;

/** Feed `chunks` and collect parts as {headers, body} (body joined across data events). */
function parts(chunks: readonly Uint8Array[]): { headers: Record<string, string>; body: string }[] {
  const r = new MultipartReader(B);
  const out: { headers: Record<string, string>; body: string }[] = [];
  const events: MultipartEvent[] = [];
  for (const c of chunks)
    events.push(...r.push(c).map((e) => (e.kind === "data" ? { ...e, bytes: e.bytes.slice() } : e)));
  r.end();
  for (const e of events) {
    if (e.kind === "headers") out.push({ headers: { ...e.headers }, body: "" });
    else if (e.kind === "data") out[out.length - 1]!.body += text(e.bytes);
  }
  return out;
}

const EXPECTED = [
  { headers: { "content-id": "<root>", "content-type": 'application/xop+xml; type="text/xml"' }, body: "<r/>" },
  { headers: { "content-id": "<a@x>" }, body: `body with \r\n--${B.slice(0, 5)} and \r\n-- inside` },
  { headers: {}, body: "no headers" },
];

describe("MultipartReader", () => {
  it("reads a message in one chunk", () => {
    expect(parts([enc(MESSAGE)])).toEqual(EXPECTED);
  });

  it("reads the same parts at every split point and byte by byte", () => {
    const all = enc(MESSAGE);
    for (let i = 1; i < all.length; i++) expect(parts([all.subarray(0, i), all.subarray(i)])).toEqual(EXPECTED);
    expect(parts([...all].map((b) => new Uint8Array([b])))).toEqual(EXPECTED);
  });

  it("starts at a delimiter on the first line (no preamble)", () => {
    expect(parts([enc(`--${B}\r\nContent-ID: <x>\r\n\r\nX\r\n--${B}--`)])).toEqual([
      { headers: { "content-id": "<x>" }, body: "X" },
    ]);
  });

  it("reports a body cut before the closing delimiter, a missing delimiter and junk after one", () => {
    const cut = new MultipartReader(B);
    cut.push(enc(`--${B}\r\n\r\npartial`));
    expect(() => cut.end()).toThrow(/before its closing delimiter/);
    const none = new MultipartReader(B);
    none.push(enc("no parts here"));
    expect(() => none.end()).toThrow(MultipartError);
    expect(() => new MultipartReader(B).push(enc(`--${B}junk\r\n\r\nx`))).toThrow(/junk/);
    expect(() => new MultipartReader("bad\r\nboundary")).toThrow(/boundary/);
  });

  it("splitMultipart decodes a Content-Transfer-Encoding: base64 part", () => {
    const msg = `--${B}\r\nContent-ID: <p>\r\nContent-Transfer-Encoding: base64\r\n\r\naGVs\r\nbG8=\r\n--${B}--\r\n`;
    const [p] = splitMultipart(enc(msg), B);
    expect(p!.id).toBe("p");
    expect(text(p!.bytes)).toBe("hello");
  });
});

describe("XOP resolution", () => {
  const root = (href: string): string =>
    `<e xmlns:x="${XOP_NS}"><c><x:Include href="${href}"/></c><d><y:Include xmlns:y="urn:other" href="cid:a"/></d></e>`;

  it("replaces an Include of the XOP namespace by base64 of its part (URL-decoded cid), not a foreign one", () => {
    const { envelope, used } = resolveIncludes(root("cid:a%40b"), (id) => (id === "a@b" ? enc("hi") : undefined), "w");
    expect(envelope).toBe(`<e xmlns:x="${XOP_NS}"><c>aGk=</c><d><y:Include xmlns:y="urn:other" href="cid:a"/></d></e>`);
    expect([...used]).toEqual(["a@b"]);
  });

  it("a missing part is a ProtocolError naming the cid; a missing root part too", () => {
    expect(() => resolveIncludes(root("cid:gone"), () => undefined, "Op")).toThrow(ProtocolError);
    expect(() => resolveIncludes(root("cid:gone"), () => undefined, "Op")).toThrow(/cid:gone/);
    const msg = enc(`--${B}\r\nContent-ID: <a>\r\n\r\n<x/>\r\n--${B}--`);
    expect(() => unpackMtom(msg, `multipart/related; boundary=${B}; start="<b>"`, "Op")).toThrow(ProtocolError);
    expect(() => unpackMtom(msg, `multipart/related; boundary=${B}`, "Op")).not.toThrow();
    expect(() => unpackMtom(enc(`--${B}\r\n\r\nx`), `multipart/related; boundary=${B}`, "Op")).toThrow(
      /broken multipart/,
    );
  });
});

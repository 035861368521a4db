/** The streaming pieces on their own: base64 in pieces of any size, the XML and JSON cutters at every chunk boundary. */
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Base64Error, Base64StreamDecoder } from "../../runtime/stream/base64-decoder.js";
import { XmlCutter, type CutHandler } from "../../runtime/stream/xml-cut.js";
import { JsonCutter } from "../../runtime/stream/json-cut.js";

function decodeInPieces(text: string, size: number): Buffer {
  const d = new Base64StreamDecoder();
  const out: Buffer[] = [];
  for (let i = 0; i < text.length; i += size) out.push(Buffer.from(d.push(text.slice(i, i + size))));
  d.end();
  return Buffer.concat(out);
}

describe("Base64StreamDecoder", () => {
  it.each([1, 2, 3, 5, 7, 64])("decodes pieces of %i characters with whitespace anywhere", (size) => {
    for (const n of [0, 1, 2, 3, 100, 1001]) {
      const bytes = randomBytes(n);
      const text = bytes.toString("base64").replace(/(.{7})/g, "$1\r\n ");
      expect(decodeInPieces(text, size).equals(bytes)).toBe(true);
    }
  });

  it.each([
    ["QUJD*REVG", "character '*' is not base64"],
    ["QUJDRA==QUJD", "padding '=' before the end"],
    ["QUJDRA=A", "padding"],
    ["QUJDRB==", "not canonical"],
    ["QUJDR", "ends inside a 4-character group (1 left over)"],
    ["QUJD&#13;", "character '&' is not base64"],
  ])("rejects %s", (text, message) => {
    expect(() => decodeInPieces(text, 3)).toThrow(Base64Error);
    expect(() => decodeInPieces(text, 3)).toThrow(message);
  });
});

class Recorder implements CutHandler {
  readonly events: string[] = [];
  async open(target: number, nil: boolean) {
    this.events.push(`open ${target}${nil ? " nil" : ""}`);
  }
  async data(text: string) {
    const last = this.events.at(-1);
    if (last?.startsWith("data ")) this.events[this.events.length - 1] = last + text;
    else this.events.push(`data ${text}`);
  }
  async close() {
    this.events.push("close");
  }
}

const DOC =
  `<?xml version="1.0"?><s:Envelope xmlns:s="urn:s"><s:Header><X>1</X></s:Header><s:Body><R xmlns="urn:t">` +
  `<Response a="x>y" b='<'><!-- <Stream> --><Items><Item><Stream>QUJD<!-- c -->REVG</Stream></Item>` +
  `<Item><Stream i:nil="true" xmlns:i="urn:i"/></Item><Item><Stream/></Item>` +
  `<Item><Stream><![CDATA[QUJD]]></Stream><Other>keep</Other></Item></Items></Response></R></s:Body></s:Envelope>`;

describe("XmlCutter", () => {
  it.each([1, 2, 3, 9, 10_000])("cuts the same content at every chunk size (%i)", async (size) => {
    const rec = new Recorder();
    const cutter = new XmlCutter([["Response", "Items", "Item", "Stream"]], rec, 10_000);
    for (let i = 0; i < DOC.length; i += size) await cutter.write(DOC.slice(i, i + size));
    const kept = cutter.end();
    expect(rec.events).toEqual([
      "open 0",
      "data QUJDREVG",
      "close",
      "open 0 nil",
      "close",
      "open 0",
      "close",
      "open 0",
      "data QUJD",
      "close",
    ]);
    expect(kept).toBe(DOC.replace("QUJD<!-- c -->REVG", "<!-- c -->").replace("<![CDATA[QUJD]]>", ""));
  });

  it("reports a document that ends inside an element or markup", async () => {
    for (const cut of [DOC.indexOf("REVG"), DOC.indexOf("<Other") + 3, DOC.length - 3]) {
      const cutter = new XmlCutter([["Response", "Items", "Item", "Stream"]], new Recorder(), 10_000);
      await cutter.write(DOC.slice(0, cut));
      expect(() => cutter.end()).toThrow(/ended/);
    }
  });

  it("bounds the kept text", async () => {
    const cutter = new XmlCutter([["Response"]], new Recorder(), 100);
    await expect(cutter.write(DOC)).rejects.toThrow("exceeds 100 characters");
  });
});

const JSON_DOC =
  `{"Subject":"a \\"quoted\\" {[x]}","Attachments":[{"Name":"n","Stream":"QU\\/J\\u0044REVG"},` +
  `{"Stream":null},{"Stream":""}],"Nested":{"Stream":"keep"},"Stream":"root"}`;

describe("JsonCutter", () => {
  it.each([1, 2, 3, 7, 10_000])("cuts string values by key path at every chunk size (%i)", async (size) => {
    const rec = new Recorder();
    const cutter = new JsonCutter([["Attachments", "EMailAttachment", "Stream"]], rec, 10_000);
    for (let i = 0; i < JSON_DOC.length; i += size) await cutter.write(JSON_DOC.slice(i, i + size));
    const kept = cutter.end();
    expect(rec.events).toEqual(["open 0", "data QU/JDREVG", "close", "open 0 nil", "close", "open 0", "close"]);
    expect(kept).toBe(JSON_DOC.replace("QU\\/J\\u0044REVG", ""));
    expect(JSON.parse(kept).Attachments[0].Stream).toBe("");
  });

  it("matches a root string value with an empty path, and reports an incomplete document", async () => {
    const rec = new Recorder();
    const cutter = new JsonCutter([[]], rec, 100);
    await cutter.write('"QUJD"');
    expect(cutter.end()).toBe('""');
    expect(rec.events).toEqual(["open 0", "data QUJD", "close"]);
    const cut = new JsonCutter([[]], new Recorder(), 100);
    await cut.write('"QUJ');
    expect(() => cut.end()).toThrow("inside a streamed value");
  });
});

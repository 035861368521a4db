/**
 * Issue 16, MTOM/XOP and SwA responses over the three SOAP transports, streamed and buffered:
 * an `xs:base64Binary` chosen by `streamBase64` whose content is an `xop:Include` gets its part's
 * bytes at its destination (also when the part comes before the root); SwA parts no Include names
 * are the call result's `attachments`; a missing part is a ProtocolError and opens no file.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProtocolError } from "../../runtime/index.js";
import { SOAP11_ENV_NS } from "../../runtime/metadata.js";
import { TNS, demoMeta } from "./fixtures/demo.js";
import { startServer, type TestServer } from "./fixtures/server.js";
import { soapCore } from "../helpers/soap-core.js";

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer();
  dir = await mkdtemp(join(tmpdir(), "soapkit-mtom-stream-"));
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const XOP = "http://www.w3.org/2004/08/xop/include";
const BOUNDARY = "uuid:5c2f+id=7";

interface Part {
  readonly id: string;
  readonly type: string;
  readonly body: Buffer | string;
}

function envelope(contentCid: string): string {
  return (
    `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><GetEMailResponse xmlns="${TNS}"><Response><Id>9</Id>` +
    `<Subject>s</Subject><Content>\n  <xop:Include xmlns:xop="${XOP}" href="cid:${contentCid}"></xop:Include>\n</Content>` +
    `</Response></GetEMailResponse></s:Body></s:Envelope>`
  );
}

function multipart(parts: readonly Part[]): Buffer {
  return Buffer.concat([
    ...parts.map((p) =>
      Buffer.concat([
        Buffer.from(`--${BOUNDARY}\r\nContent-ID: <${p.id}>\r\nContent-Type: ${p.type}\r\n\r\n`),
        Buffer.from(p.body),
        Buffer.from("\r\n"),
      ]),
    ),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);
}

const ROOT_TYPE = 'application/xop+xml; charset=UTF-8; type="text/xml"';

/** Serve `body` in 1000-byte writes so delimiters fall across chunks. */
function serve(body: Buffer, start = "root@x"): void {
  server.handler = async (_req, res) => {
    res.writeHead(200, {
      "Content-Type": `multipart/related; type="application/xop+xml"; boundary="${BOUNDARY}"; start="<${start}>"`,
    });
    for (let i = 0; i < body.length; i += 1000) {
      res.write(body.subarray(i, i + 1000));
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  };
}

describe.each(["http", "fetch", "node"] as const)("MTOM responses streamed over the %s transport", (kind) => {
  const core = () =>
    soapCore(demoMeta, {
      endpoint: server.url,
      fetch: kind === "fetch",
      node: kind === "node",
      maxResponseBytes: 4096,
    });

  it("writes the Included part to a file, byte for byte, with the rest under a 4 KiB limit; keeps SwA parts", async () => {
    const bytes = randomBytes(600_000);
    bytes.write("\r\n--uuid:5c2f+id=", 1000, "latin1"); // most of a delimiter is content
    serve(
      multipart([
        { id: "root@x", type: ROOT_TYPE, body: envelope("c%40x") },
        { id: "swa-1", type: "text/plain", body: "an attachment" },
        { id: "c@x", type: "application/octet-stream", body: bytes },
      ]),
    );
    const file = join(dir, `${kind}-content.bin`);
    const r = await core().invoke<{ Id: number; Subject: string; Content: Uint8Array }>(
      "GetEMail",
      { EMailId: 1 },
      { streamBase64: { path: "Response/Content", to: { file } } },
    );
    expect(r.result.Id).toBe(9);
    expect(r.result.Subject).toBe("s");
    expect(r.streamed).toEqual([{ path: "Response/Content", index: 0, bytes: 600_000, nil: false, file }]);
    expect((await readFile(file)).equals(bytes)).toBe(true);
    expect(r.attachments?.map((a) => [a.id, a.contentType, Buffer.from(a.bytes).toString()])).toEqual([
      ["swa-1", "text/plain", "an attachment"],
    ]);
  });

  it("streams a part that comes before the root (start names the second part) to a consumer", async () => {
    const bytes = randomBytes(3000); // held until the root names it: within the 4 KiB limit
    serve(
      multipart([
        { id: "c@x", type: "application/octet-stream", body: bytes },
        { id: "root@x", type: ROOT_TYPE, body: envelope("c@x") },
      ]),
    );
    const got: Buffer[] = [];
    const r = await core().invoke(
      "GetEMail",
      { EMailId: 1 },
      {
        streamBase64: {
          path: "Response/Content",
          to: {
            consume: async (_p, chunks) =>
              void (await (async () => {
                for await (const c of chunks) got.push(Buffer.from(c));
              })()),
          },
        },
      },
    );
    expect(Buffer.concat(got).equals(bytes)).toBe(true);
    expect(r.attachments).toBeUndefined();
  });

  it("decodes a streamed part sent with Content-Transfer-Encoding: base64", async () => {
    const bytes = randomBytes(10_000);
    const b64 = bytes.toString("base64").replace(/(.{76})/g, "$1\r\n");
    serve(
      multipart([
        { id: "root@x", type: ROOT_TYPE, body: envelope("c@x") },
        { id: "c@x", type: "application/octet-stream\r\nContent-Transfer-Encoding: base64", body: b64 },
      ]),
    );
    const file = join(dir, `${kind}-b64.bin`);
    const r = await core().invoke(
      "GetEMail",
      { EMailId: 1 },
      { streamBase64: { path: "Response/Content", to: { file } } },
    );
    expect(r.streamed?.[0]?.bytes).toBe(10_000);
    expect((await readFile(file)).equals(bytes)).toBe(true);
  });

  it("puts an Include outside the streamed elements back as base64 in a streamed call", async () => {
    const bytes = randomBytes(2000);
    serve(
      multipart([
        { id: "root@x", type: ROOT_TYPE, body: envelope("c@x") },
        { id: "c@x", type: "application/octet-stream", body: bytes },
      ]),
    );
    const file = join(dir, `${kind}-other.bin`);
    const r = await core().invoke<{ Content: Uint8Array }>(
      "GetEMail",
      { EMailId: 1 },
      { streamBase64: { path: "Response/Attachments/EMailAttachment/Stream", to: { file } }, maxResponseBytes: 8192 },
    );
    expect(Buffer.from(r.result.Content).equals(bytes)).toBe(true);
    expect(r.streamed).toEqual([]);
  });

  it("an Include naming a missing part is a ProtocolError and leaves no file", async () => {
    serve(multipart([{ id: "root@x", type: ROOT_TYPE, body: envelope("gone@x") }]));
    const file = join(dir, `${kind}-missing.bin`);
    const e = await core()
      .invoke("GetEMail", { EMailId: 1 }, { streamBase64: { path: "Response/Content", to: { file } } })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as Error).message).toContain("cid:gone@x");
    expect((await readdir(dir)).filter((f) => f.startsWith(`${kind}-missing`))).toEqual([]);
  });

  it("a buffered (not streamed) SwA response gives its attachments on the result", async () => {
    serve(
      multipart([
        { id: "root@x", type: ROOT_TYPE, body: envelope("c@x") },
        { id: "c@x", type: "application/octet-stream", body: "abc" },
        { id: "swa-2", type: "image/png", body: Buffer.from([0, 1, 2]) },
      ]),
    );
    const r = await core().invoke<{ Content: Uint8Array }>("GetEMail", { EMailId: 1 });
    expect(Buffer.from(r.result.Content).toString()).toBe("abc");
    expect(r.attachments?.map((a) => [a.id, a.contentType, [...a.bytes]])).toEqual([["swa-2", "image/png", [0, 1, 2]]]);
  });
});

/**
 * Large mail: base64 content of GetEMail attachments and GetEMailAsStream streamed to files,
 * writables and consumers through the generated EMail client, against a local server that
 * writes the attachments while the client reads them. The bytes that arrive must hash to what
 * was sent, and every broken response must fail with a typed error and leave no file behind.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import {
  SoapkitError,
  StreamError,
  SuperOfficeError,
  TransportError,
  soapFetchTransport,
  nodeHttpTransport,
  restTransport,
  soapHttpTransport,
  type Transport,
} from "../../runtime/index.js";
import { startLargeMailServer, type LargeMailServer } from "../helpers/large-mail-server.js";

const MiB = 1024 * 1024;
const ATTACHMENTS = "Response/Attachments/EMailAttachment/Stream";

let server: LargeMailServer;
let dir: string;

beforeAll(async () => {
  server = await startLargeMailServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  dir = await mkdtemp(join(tmpdir(), "soapkit-large-mail-"));
});

const transports: Record<string, () => Transport> = {
  "soap-http": () => soapHttpTransport({ endpoint: server.endpoint }),
  "soap-fetch": () => soapFetchTransport({ endpoint: server.endpoint }),
  "soap-node-http": () => nodeHttpTransport({ endpoint: server.endpoint }),
};

function client(transport: Transport) {
  return createEMailClient({ transport, headers: { Credentials: { Ticket: "7T:large-mail-ticket" } } });
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

describe.each(Object.keys(transports))("over %s", (name) => {
  const make = transports[name]!;

  it("streams each GetEMail attachment to its own file; the rest decodes as usual", async () => {
    server.next = { attachments: [24 * MiB, 5, 0] };
    const files = (i: number) => join(dir, `part-${i}.bin`);
    const r = await client(make()).call(
      "GetEMail",
      { Id: 7, IncludeAttachments: true },
      { streamBase64: { path: ATTACHMENTS, to: { file: (p) => files(p.index) } } },
    );
    expect(r.result?.Subject).toBe("Large mail");
    expect(r.result?.ServerId).toBe(7);
    const atts = r.result?.Attachments ?? [];
    expect(atts.map((a) => a?.Filename)).toEqual(["part-0.bin", "part-1.bin", "part-2.bin", "none"]);
    expect(atts.map((a) => a?.Stream?.length ?? a?.Stream)).toEqual([0, 0, 0, null]);
    expect(r.streamed).toEqual([
      { path: ATTACHMENTS, index: 0, bytes: 24 * MiB, nil: false, file: files(0) },
      { path: ATTACHMENTS, index: 1, bytes: 5, nil: false, file: files(1) },
      { path: ATTACHMENTS, index: 2, bytes: 0, nil: false, file: files(2) },
      { path: ATTACHMENTS, index: 3, bytes: 0, nil: true },
    ]);
    expect(await Promise.all([0, 1, 2].map((i) => sha256(files(i))))).toEqual(server.sent.map((s) => s.sha256));
    expect((await readdir(dir)).sort()).toEqual(["part-0.bin", "part-1.bin", "part-2.bin"]);
  });

  it("streams GetEMailAsStream to a consumer at the pace it reads", async () => {
    server.next = { attachments: [7 * MiB + 1] };
    const hash = createHash("sha256");
    let chunks = 0;
    let largest = 0;
    const r = await client(make()).call(
      "GetEMailAsStream",
      {},
      {
        streamBase64: {
          path: "Response",
          to: {
            consume: async (_part, body) => {
              for await (const c of body) {
                hash.update(c);
                chunks++;
                largest = Math.max(largest, c.byteLength);
                await new Promise((resolve) => setImmediate(resolve));
              }
            },
          },
        },
      },
    );
    expect(r.result?.length).toBe(0);
    expect(r.streamed).toEqual([{ path: "Response", index: 0, bytes: 7 * MiB + 1, nil: false }]);
    expect(hash.digest("hex")).toBe(server.sent[0]!.sha256);
    expect(chunks).toBeGreaterThan(10);
    expect(largest).toBeLessThan(2 * MiB);
  });

  it("streams into a Writable", async () => {
    server.next = { attachments: [3 * MiB + 2] };
    const hash = createHash("sha256");
    const sink = new Writable({
      highWaterMark: 64 * 1024,
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        setImmediate(done);
      },
    });
    const r = await client(make()).call(
      "GetEMailAsStream",
      {},
      {
        streamBase64: { path: "Response", to: { writable: () => sink } },
      },
    );
    expect(r.streamed?.[0]?.bytes).toBe(3 * MiB + 2);
    expect(hash.digest("hex")).toBe(server.sent[0]!.sha256);
  });

  it.each([
    ["drop-connection", "truncated"],
    ["end-document", "truncated"],
    ["bad-base64", "base64"],
  ] as const)("a response with %s fails with StreamError %s and leaves no file", async (fault, kind) => {
    server.next = { attachments: [1 * MiB, 9 * MiB], fault };
    const err = await client(make())
      .call("GetEMail", {}, { streamBase64: { path: ATTACHMENTS, to: { file: (p) => join(dir, `f${p.index}`) } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).kind).toBe(kind);
    expect((err as StreamError).message).toMatch(/^GetEMail: response from http:\/\/127\.0\.0\.1:\d+\//);
    if (kind === "base64") expect((err as StreamError).message).toContain("character '*' is not base64");
    expect(await readdir(dir)).toEqual([]);
  });

  it("a service error after the attachment (Succeeded=false) removes the finished file", async () => {
    server.next = { attachments: [2 * MiB], fault: "succeeded-false" };
    const err = await client(make())
      .call("GetEMail", {}, { streamBase64: { path: ATTACHMENTS, to: { file: join(dir, "only.bin") } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SuperOfficeError);
    expect(await readdir(dir)).toEqual([]);
  });

  it("the call's deadline stops a slow stream: TransportError timeout, no file left", async () => {
    server.next = { attachments: [64 * MiB] };
    const email = createEMailClient({ transport: make(), timeoutMs: 300 });
    const slow = async (_p: unknown, chunks: AsyncIterable<Uint8Array>) => {
      for await (const _c of chunks) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const started = Date.now();
    const err = await email
      .call("GetEMailAsStream", {}, { streamBase64: { path: "Response", to: { consume: slow } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(5_000);
    const err2 = await email
      .call(
        "GetEMailAsStream",
        {},
        { streamBase64: { path: "Response", to: { file: join(dir, "slow.bin") } }, timeoutMs: 50 },
      )
      .catch((e: unknown) => e);
    expect((err2 as TransportError).kind).toBe("timeout");
    expect(await readdir(dir)).toEqual([]);
  });

  it("per-element maxBytes stops an oversized attachment", async () => {
    server.next = { attachments: [4 * MiB] };
    const err = await client(make())
      .call(
        "GetEMailAsStream",
        {},
        {
          streamBase64: { path: "Response", to: { file: join(dir, "x") }, maxBytes: MiB },
        },
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).kind).toBe("too-large");
    expect(await readdir(dir)).toEqual([]);
  });
});

describe("response limits", () => {
  it("the 10 MiB default rejects a 12 MiB attachment; a per-operation or per-call limit lets it through", async () => {
    server.next = { attachments: [12 * MiB] };
    const transport = soapHttpTransport({ endpoint: server.endpoint });
    const err = await client(transport)
      .getEMailAsStream({})
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe("too-large");
    const limited = createEMailClient({ transport, responseLimits: { GetEMailAsStream: 20 * MiB } });
    expect((await limited.getEMailAsStream({}))?.length).toBe(12 * MiB);
    expect((await client(transport).getEMailAsStream({}, { maxResponseBytes: 20 * MiB }))?.length).toBe(12 * MiB);
  });

  it("with streaming the limit bounds the rest of the response, not the streamed content", async () => {
    server.next = { attachments: [12 * MiB] };
    const transport = soapHttpTransport({ endpoint: server.endpoint, maxResponseBytes: 4096 });
    const r = await client(transport).call(
      "GetEMailAsStream",
      {},
      {
        streamBase64: { path: "Response", to: { file: join(dir, "ok.bin") } },
      },
    );
    expect(r.streamed?.[0]?.bytes).toBe(12 * MiB);
    server.next = { attachments: [12 * MiB] };
    const err = await client(soapHttpTransport({ endpoint: server.endpoint, maxResponseBytes: 100 }))
      .call("GetEMailAsStream", {}, { streamBase64: { path: "Response", to: { file: join(dir, "no.bin") } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe("too-large");
    expect(await readdir(dir)).toEqual(["ok.bin"]);
  });

  it("an unknown operation in responseLimits and a transport without streaming are configuration errors", async () => {
    expect(() => createEMailClient({ responseLimits: { GetEmail: 1 } })).toThrow(/unknown operation GetEmail/);
    const plain: Transport = { kind: "plain", target: () => "x", unary: () => Promise.reject(new Error("unreached")) };
    const err = await client(plain)
      .call("GetEMailAsStream", {}, { streamBase64: { path: "Response", to: { file: join(dir, "x") } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapkitError);
    expect((err as SoapkitError).message).toBe("GetEMailAsStream: the plain transport cannot stream responses");
  });
});

describe("over the REST twin (superoffice-rest)", () => {
  const rest = () => restTransport({ baseUrl: server.restBaseUrl });

  it("streams GetEMail attachments out of the JSON body; the rest decodes as usual", async () => {
    server.next = { attachments: [12 * MiB, 4] };
    const files = (i: number) => join(dir, `rest-${i}.bin`);
    const r = await client(rest()).call(
      "GetEMail",
      { Id: 7 },
      {
        streamBase64: { path: ATTACHMENTS, to: { file: (p) => files(p.index) } },
      },
    );
    expect(r.result?.Subject).toBe("Large mail");
    expect(r.result?.ServerId).toBe(7);
    expect(r.result?.Attachments?.map((a) => [a?.Filename, a?.Size, a?.Stream?.length ?? a?.Stream])).toEqual([
      ["part-0.bin", 12 * MiB, 0],
      ["part-1.bin", 4, 0],
      ["none", undefined, null],
    ]);
    expect(r.streamed).toEqual([
      { path: ATTACHMENTS, index: 0, bytes: 12 * MiB, nil: false, file: files(0) },
      { path: ATTACHMENTS, index: 1, bytes: 4, nil: false, file: files(1) },
      { path: ATTACHMENTS, index: 2, bytes: 0, nil: true },
    ]);
    expect(await Promise.all([0, 1].map((i) => sha256(files(i))))).toEqual(server.sent.map((s) => s.sha256));
  });

  it.each([false, true])("streams GetEMailAsStream (binary body: %s) to a file", async (restBinary) => {
    server.next = { attachments: [11 * MiB + 1], restBinary };
    const file = join(dir, "mime.eml");
    const r = await client(rest()).call("GetEMailAsStream", {}, { streamBase64: { path: "Response", to: { file } } });
    expect(r.streamed).toEqual([{ path: "Response", index: 0, bytes: 11 * MiB + 1, nil: false, file }]);
    expect(await sha256(file)).toBe(server.sent[0]!.sha256);
  });

  it.each([
    ["drop-connection", "truncated"],
    ["end-document", "truncated"],
    ["bad-base64", "base64"],
  ] as const)("a JSON response with %s fails with StreamError %s and leaves no file", async (fault, kind) => {
    server.next = { attachments: [1 * MiB, 9 * MiB], fault };
    const err = await client(rest())
      .call("GetEMail", {}, { streamBase64: { path: ATTACHMENTS, to: { file: (p) => join(dir, `r${p.index}`) } } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StreamError);
    expect((err as StreamError).kind).toBe(kind);
    expect(await readdir(dir)).toEqual([]);
  });

  it("a path that does not start with the result element is a configuration error", async () => {
    server.next = { attachments: [10] };
    const err = await client(rest())
      .call("GetEMail", {}, { streamBase64: { path: "Attachments/Stream", to: { file: join(dir, "x") } } })
      .catch((e: unknown) => e);
    expect((err as SoapkitError).code).toBe("ERR_SOAP_CONFIG");
    expect((err as SoapkitError).message).toContain("must start with the result element Response");
  });
});

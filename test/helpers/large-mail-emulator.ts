/**
 * Acceptance (issue 14): a 200 MiB GetEMail attachment from the project **emulator** (in a child
 * process, with its ticket and application-token checks) streams to a file with peak client RSS
 * growth under 64 MiB, and the file hashes to the emulator's deterministic source bytes. The
 * emulator writes the base64 while it is read, so its own RSS stays bounded too (measured in the
 * child, asserted under 64 MiB). Client RSS is sampled every 10 ms; the figures are printed.
 * One test file per transport: RSS never shrinks, so a second transport in the same process
 * would measure nothing. A warm-up call first loads the transport's modules (undici for fetch).
 */
import { spawn, type ChildProcessByStdio } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { afterAll, beforeAll, expect, it } from "vitest";
import { deterministicBytes } from "../../emulator/index.js";
import { createEMailClient } from "../../generated/index.js";
import { nodeHttpExchange, restTransport, soapHttpTransport } from "../../runtime/index.js";
import { peakRssGrowth } from "./rss-peak.js";

const MiB = 1024 * 1024;
const SIZE = 200 * MiB;
const SEED = 14;
const ATTACHMENTS = "Response/Attachments/EMailAttachment/Stream";

interface Hello {
  endpoint: string;
  restBaseUrl: string;
  appToken: string;
  ticket: string;
}

let child: ChildProcessByStdio<Writable, Readable, null>;
let lines: AsyncIterator<string>;
let hello: Hello;
let dir: string;

async function ask<T>(command: unknown): Promise<T> {
  if (command !== undefined) child.stdin.write(`${JSON.stringify(command)}\n`);
  const { value, done } = await lines.next();
  if (done === true) throw new Error("the emulator process ended");
  return JSON.parse(value) as T;
}

async function sha256(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<string> {
  const hash = createHash("sha256");
  for await (const c of chunks) hash.update(c);
  return hash.digest("hex");
}

export type LargeMailTransport = "soap-http" | "rest-over-node-http" | "rest-over-fetch";

function client(kind: LargeMailTransport) {
  const transport =
    kind === "soap-http"
      ? soapHttpTransport({ endpoint: hello.endpoint })
      : kind === "rest-over-node-http"
        ? restTransport({ baseUrl: hello.restBaseUrl, exchange: nodeHttpExchange() })
        : restTransport({ baseUrl: hello.restBaseUrl });
  const headers = { ApplicationToken: hello.appToken, Credentials: { Ticket: hello.ticket } };
  return createEMailClient({ transport, headers, timeoutMs: 0 });
}

/** The test of one transport (call it at the top level of a test file); client growth must stay under `limitMiB`. */
export function emulatorLargeMailTest(kind: LargeMailTransport, limitMiB = 64): void {
  beforeAll(async () => {
    const main = new URL("./large-mail-emulator-main.ts", import.meta.url).pathname;
    child = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "--conditions=soapkit-source", main], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    hello = await ask<Hello>(undefined);
    await ask({ add: { id: 2000, bytes: SIZE, seed: SEED } });
    dir = await mkdtemp(join(tmpdir(), "soapkit-emulator-large-mail-"));
  });
  afterAll(async () => {
    child.stdin.end();
    child.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it(`streams a 200 MiB attachment from the emulator to a file over ${kind} with peak RSS growth under ${limitMiB} MiB`, async () => {
    const email = client(kind);
    const file = join(dir, `attachment-${kind}.bin`);
    // Warm-up: the first call loads the transport's modules, which is not the attachment's memory.
    await email.call(
      "GetEMail",
      { Id: 101, IncludeAttachments: true },
      { streamBase64: { path: ATTACHMENTS, to: { file } } },
    );
    await ask({ measure: true }); // starts the emulator's measurement
    const { growth, seconds } = await peakRssGrowth(async () => {
      const r = await email.call(
        "GetEMail",
        { Id: 2000, IncludeAttachments: true },
        { streamBase64: { path: ATTACHMENTS, to: { file } } },
      );
      expect(r.streamed).toEqual([{ path: ATTACHMENTS, index: 0, bytes: SIZE, nil: false, file }]);
      expect(r.result?.Attachments?.[0]?.Size).toBe(SIZE);
    });
    const server = await ask<{ baseRss: number; peakRss: number }>({ measure: true });
    const serverGrowth = (server.peakRss - server.baseRss) / MiB;
    console.log(
      `200 MiB attachment from the emulator over ${kind}: ${seconds.toFixed(2)} s, ` +
        `client peak RSS growth ${growth.toFixed(1)} MiB, emulator peak RSS growth ${serverGrowth.toFixed(1)} MiB ` +
        `(emulator RSS ${(server.baseRss / MiB).toFixed(0)} → peak ${(server.peakRss / MiB).toFixed(0)} MiB)`,
    );
    expect((await stat(file)).size).toBe(SIZE);
    expect(await sha256(createReadStream(file) as AsyncIterable<Buffer>)).toBe(
      await sha256(deterministicBytes(SIZE, SEED).chunks()),
    );
    expect(growth).toBeLessThan(limitMiB);
    expect(serverGrowth).toBeLessThan(64);
  });
}

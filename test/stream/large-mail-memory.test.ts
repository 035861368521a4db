/**
 * Acceptance: a 200 MiB GetEMail attachment (about 270 MiB of base64 inside the SOAP response)
 * streams to a file with peak RSS growth under 64 MiB, and the file hashes to what was sent.
 * The server runs in a child process; RSS of this (client) process is sampled every 10 ms; the
 * measured figures are printed.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn, type ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import { restTransport, soapHttpTransport } from "../../runtime/index.js";
import type { LargeMailPlan, SentAttachment } from "../helpers/large-mail-server.js";
import { peakRssGrowth } from "../helpers/rss-peak.js";

const MiB = 1024 * 1024;
let child: ChildProcessByStdio<Writable, Readable, null>;
let endpoint: string;
let restBaseUrl: string;
let lines: AsyncIterator<string>;
let dir: string;

async function nextMessage(): Promise<{ endpoint?: string; restBaseUrl?: string; sent?: SentAttachment[] }> {
  const { value, done } = await lines.next();
  if (done === true) throw new Error("the server process ended");
  return JSON.parse(value) as { endpoint?: string; restBaseUrl?: string; sent?: SentAttachment[] };
}

function plan(p: LargeMailPlan): void {
  child.stdin.write(`${JSON.stringify(p)}\n`);
}

beforeAll(async () => {
  const main = new URL("../helpers/large-mail-server-main.ts", import.meta.url).pathname;
  child = spawn(process.execPath, ["--import", "tsx", main], { stdio: ["pipe", "pipe", "inherit"] });
  lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const hello = await nextMessage();
  endpoint = hello.endpoint!;
  restBaseUrl = hello.restBaseUrl!;
  dir = await mkdtemp(join(tmpdir(), "soapkit-large-mail-rss-"));
});
afterAll(async () => {
  child.stdin.end();
  child.kill();
  await rm(dir, { recursive: true, force: true });
});

it.each(["soap-http", "superoffice-rest"])(
  "streams a 200 MiB attachment to a file over %s with peak RSS growth under 64 MiB",
  async (kind) => {
    plan({ attachments: [200 * MiB] });
    const transport = kind === "soap-http" ? soapHttpTransport({ endpoint }) : restTransport({ baseUrl: restBaseUrl });
    const email = createEMailClient({ transport, timeoutMs: 0 });
    const file = join(dir, `attachment-${kind}.bin`);
    const { growth, seconds } = await peakRssGrowth(async () => {
      const r = await email.call(
        "GetEMail",
        { Id: 1, IncludeAttachments: true },
        {
          streamBase64: { path: "Response/Attachments/EMailAttachment/Stream", to: { file } },
        },
      );
      expect(r.streamed?.[0]).toEqual({
        path: "Response/Attachments/EMailAttachment/Stream",
        index: 0,
        bytes: 200 * MiB,
        nil: false,
        file,
      });
    });
    console.log(`200 MiB attachment over ${kind}: ${seconds.toFixed(2)} s, peak RSS growth ${growth.toFixed(1)} MiB`);
    expect((await stat(file)).size).toBe(200 * MiB);
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const { sent } = await nextMessage();
    expect(sent).toEqual([{ bytes: 200 * MiB, sha256: hash.digest("hex") }]);
    expect(growth).toBeLessThan(64);
  },
);

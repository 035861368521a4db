/**
 * An MTOM echo server in a process of its own (so that a test measures the client's memory
 * alone), on 127.0.0.1: reads an MTOM request part by part, writes its binary part to a temporary
 * file while hashing it, then answers a `GetEMailResponse` whose `Content` is an `xop:Include` of
 * that file, streamed. Prints `{"endpoint"}` when listening and `{"received": {bytes, sha256}}` per
 * request; exits when stdin closes.
 */
import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { MultipartReader } from "../../runtime/soap/mtom-multipart.js";

const TNS = "http://example.com/demo";
const XOP = "http://www.w3.org/2004/08/xop/include";
const dir = await mkdtemp(join(tmpdir(), "soapkit-mtom-echo-"));

/** Write every non-root part of the request to `file`; returns its size and SHA-256. */
async function receive(req: IncomingMessage, file: string): Promise<{ bytes: number; sha256: string }> {
  const boundary = /boundary="([^"]+)"/.exec(req.headers["content-type"] ?? "")?.[1] ?? "";
  const reader = new MultipartReader(boundary);
  const out = createWriteStream(file);
  const hash = createHash("sha256");
  let part = -1;
  let bytes = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    for (const e of reader.push(chunk)) {
      if (e.kind === "headers") part++;
      else if (e.kind === "data" && part > 0) {
        hash.update(e.bytes);
        bytes += e.bytes.byteLength;
        if (!out.write(Buffer.from(e.bytes))) await once(out, "drain");
      }
    }
  }
  reader.end();
  out.end();
  await once(out, "finish");
  return { bytes, sha256: hash.digest("hex") };
}

async function answer(res: ServerResponse, file: string): Promise<void> {
  const boundary = `echo-${randomUUID()}`;
  res.writeHead(200, {
    "Content-Type": `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<root@echo>"; start-info="text/xml"`,
  });
  res.write(
    `--${boundary}\r\nContent-ID: <root@echo>\r\nContent-Type: application/xop+xml; charset=UTF-8; type="text/xml"\r\n\r\n` +
      `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetEMailResponse xmlns="${TNS}">` +
      `<Response><Id>1</Id><Content><xop:Include xmlns:xop="${XOP}" href="cid:echo@echo"/></Content></Response>` +
      `</GetEMailResponse></s:Body></s:Envelope>\r\n--${boundary}\r\nContent-ID: <echo@echo>\r\n` +
      `Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n\r\n`,
  );
  for await (const chunk of createReadStream(file)) if (!res.write(chunk)) await once(res, "drain");
  res.end(`\r\n--${boundary}--\r\n`);
}

const server = createServer((req, res) => {
  const file = join(dir, `${randomUUID()}.bin`);
  receive(req, file)
    .then(async (received) => {
      process.stdout.write(`${JSON.stringify({ received })}\n`);
      await answer(res, file);
      await rm(file, { force: true });
    })
    .catch((e: unknown) => {
      res.statusCode = 500;
      res.end(String(e));
    });
});
server.listen(0, "127.0.0.1");
await once(server, "listening");
const { port } = server.address() as AddressInfo;
process.stdout.write(`${JSON.stringify({ endpoint: `http://127.0.0.1:${port}/Demo.svc` })}\n`);
process.stdin.resume();
await once(process.stdin, "end");
server.close();
await rm(dir, { recursive: true, force: true });

/** The mock's `node:http` listener: reads each request whole (gunzipped) into a `MockHttpExchange`. */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { MockBodyPart } from "./streamed-bytes.js";
import type { MockHttpExchange } from "./types.js";

export type ExchangeHandler = (ex: MockHttpExchange) => Promise<void>;

export interface Listening {
  readonly url: string;
  close(): Promise<void>;
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
}

function exchange(req: http.IncomingMessage, res: http.ServerResponse, body: string): MockHttpExchange {
  return {
    method: req.method ?? "GET",
    url: req.url ?? "/",
    headers: flattenHeaders(req.headers),
    body,
    respond(status, body, headers) {
      res.writeHead(status, headers);
      if (typeof body === "string") res.end(body);
      else writeParts(res, body).catch(() => res.destroy());
    },
    drop() {
      req.socket.destroy();
    },
  };
}

/** Resolves when the response takes more (backpressure); rejects when the client went away. */
function write(res: http.ServerResponse, text: string): Promise<void> {
  if (res.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onClose = (): void => reject(new Error("the client went away"));
    res.once("close", onClose);
    res.once("drain", () => {
      res.off("close", onClose);
      resolve();
    });
  });
}

/** A streamed body: text parts as they are, streamed values as base64 written chunk by chunk. */
async function writeParts(res: http.ServerResponse, parts: readonly MockBodyPart[]): Promise<void> {
  for (const part of parts) {
    if (typeof part === "string") await write(res, part);
    else for await (const text of part.base64()) await write(res, text);
  }
  res.end();
}

async function onRequest(req: http.IncomingMessage, res: http.ServerResponse, handler: ExchangeHandler): Promise<void> {
  let body: string;
  try {
    body = await readBody(req);
  } catch (err) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end(`unreadable request body: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  await handler(exchange(req, res, body));
}

export async function listen(host: string, port: number, handler: ExchangeHandler): Promise<Listening> {
  const server = http.createServer((req, res) => {
    onRequest(req, res, handler).catch((err: unknown) => {
      // A mock failure is answered, never left hanging.
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`mock failure: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

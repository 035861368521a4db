/**
 * A plain `node:http` server on 127.0.0.1 whose behaviour each test sets (`handler`), for
 * responses no well-behaved SOAP server would send: HTML error pages, truncated bodies,
 * reset connections, silence, trickles, oversized or hostile XML. Every request is recorded;
 * `close()` destroys open sockets, so hanging handlers cannot keep the test alive.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export type HostileHandler = (req: Recorded, res: ServerResponse, socket: Socket) => void;

export interface HostileServer {
  readonly url: string;
  readonly requests: Recorded[];
  handler: HostileHandler;
  close(): Promise<void>;
}

export async function startHostileServer(): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const state: { handler: HostileHandler; requests: Recorded[] } = {
    handler: (_req, res) => {
      res.statusCode = 500;
      res.end("no handler installed");
    },
    requests: [],
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rec: Recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      state.requests.push(rec);
      try {
        state.handler(rec, res, req.socket);
      } catch {
        req.socket.destroy();
      }
    });
  });
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: state.requests,
    get handler() {
      return state.handler;
    },
    set handler(h: HostileHandler) {
      state.handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Write `chunk` every `everyMs` until the socket closes (a slow-trickle response). */
export function trickle(res: ServerResponse, chunk: string, everyMs: number): void {
  const timer = setInterval(() => {
    if (res.destroyed || res.writableEnded) {
      clearInterval(timer);
      return;
    }
    res.write(chunk);
  }, everyMs);
  res.on("close", () => clearInterval(timer));
}

/** A port that was bound and released: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

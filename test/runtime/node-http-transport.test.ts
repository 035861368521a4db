/**
 * `nodeHttpTransport` (SOAP over node:http) and `nodeHttpExchange` under `restTransport`, each
 * behaviour against a real server on 127.0.0.1: keep-alive, deadline and AbortSignal, the
 * response size limit (declared and streamed, decompressed), gzip both ways, TLS client
 * certificates and trust, the CONNECT proxy, Basic and URL credentials (never in errors),
 * redirects reported, NTLM refused, SOAP faults mapped like the other transports.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import type { TLSSocket } from "node:tls";
import { deflateSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ClientCore,
  SoapFaultError,
  SoapkitError,
  TransportError,
  nodeHttpExchange,
  nodeHttpTransport,
  restTransport,
  type HttpOptions,
  type RequestEvent,
} from "../../runtime/index.js";
import { demoMeta } from "./fixtures/demo.js";
import { responseEnvelope, sendXml, startServer, type TestServer } from "./fixtures/server.js";
import { soapCore } from "../helpers/soap-core.js";
import { fromExpanded } from "../helpers/metadata.js";
import { startConnectProxy, type ConnectProxy } from "../helpers/connect-proxy.js";
import { makePki, PFX_PASSPHRASE, type TestPki } from "../helpers/tls-certs.js";

const OK = responseEnvelope("GetEMail", { Response: null });
const TICKET = "7T:node-http-ticket-4242";

function node(endpoint: string, extra: Parameters<typeof soapCore>[1] = {}) {
  return soapCore(demoMeta, { endpoint, node: true, ...extra });
}

async function call(endpoint: string, http: HttpOptions = {}): Promise<unknown> {
  return (await node(endpoint, { http }).invoke("GetEMail", { EMailId: 7 })).result;
}

async function failure(p: Promise<unknown>): Promise<SoapkitError> {
  const e = await p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SoapkitError);
  return e as SoapkitError;
}

function everything(e: unknown): string {
  return `${String(e)}\n${(e as Error).stack ?? ""}\n${JSON.stringify(e)}\n${String((e as Error).cause)}`;
}

describe("nodeHttpTransport: calls, keep-alive, errors", () => {
  let server: TestServer;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.handler = (req, res) => {
      sockets.add(res.socket as Socket);
      sendXml(res, OK);
    };
  });

  it("sends the same envelope and SOAP headers as the other transports, over one kept-alive socket", async () => {
    sockets.clear();
    const client = node(server.url, { headers: { Credentials: { Ticket: TICKET } } });
    for (let i = 0; i < 3; i++) expect((await client.invoke("GetEMail", { EMailId: 7 })).result).toBeNull();
    const req = server.requests.at(-1)!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(req.headers["soapaction"]).toBe('"http://example.com/demo/Demo/GetEMail"');
    expect(req.headers["user-agent"]).toBe("soapkit (node:http)");
    expect(Number(req.headers["content-length"])).toBe(req.raw.length);
    expect(req.body).toContain("<tns:EMailId>7</tns:EMailId>");
    expect(req.body).toContain(`<tns:Ticket>${TICKET}</tns:Ticket>`);
    expect(sockets.size).toBe(1);
  });

  it("is the default transport of a client built without one", async () => {
    const meta = { ...demoMeta, address: server.url };
    const client = new ClientCore(fromExpanded(meta));
    expect(client.transport.kind).toBe("soap-node-http");
    await client.invoke("GetEMail", { EMailId: 7 });
    expect(server.requests).toHaveLength(1);
  });

  it("a SOAP fault is a SoapFaultError; an HTML 502 a TransportError http", async () => {
    server.handler = (_req, res) =>
      sendXml(
        res,
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>no such mail</faultstring></s:Fault></s:Body></s:Envelope>`,
        500,
      );
    const fault = await failure(call(server.url));
    expect(fault).toBeInstanceOf(SoapFaultError);
    expect(fault.message).toContain("no such mail");
    server.handler = (_req, res) => sendXml(res, "<html><body>bad gateway</body></html>", 502, "text/html");
    const http = (await failure(call(server.url))) as TransportError;
    expect(http.kind).toBe("http");
    expect(http.status).toBe(502);
  });

  it("a redirect is reported, not followed", async () => {
    server.handler = (_req, res) => {
      res.writeHead(307, { Location: "/elsewhere" });
      res.end();
    };
    const e = (await failure(call(server.url))) as TransportError;
    expect(e.kind).toBe("http");
    expect(e.status).toBe(307);
    expect(server.requests).toHaveLength(1);
  });

  it("the deadline: no answer within timeoutMs is a timeout, also for a trickling body", async () => {
    server.handler = () => undefined;
    const t0 = Date.now();
    const e = (await failure(
      node(server.url, { timeoutMs: 150 }).invoke("GetEMail", { EMailId: 1 }),
    )) as TransportError;
    expect(e.kind).toBe("timeout");
    expect(e.message).toBe(`GetEMail: no response from ${server.url} within 150 ms`);
    expect(Date.now() - t0).toBeLessThan(3000);
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/xml" });
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    };
    const trickle = (await failure(
      node(server.url, { timeoutMs: 200 }).invoke("GetEMail", { EMailId: 1 }),
    )) as TransportError;
    expect(trickle.kind).toBe("timeout");
  });

  it("the caller's AbortSignal aborts the exchange", async () => {
    server.handler = () => undefined;
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const e = (await failure(
      node(server.url).invoke("GetEMail", { EMailId: 1 }, { signal: ac.signal }),
    )) as TransportError;
    expect(e.kind).toBe("aborted");
  });

  it("connection refused and reset are TransportError network", async () => {
    const tmp = await startServer();
    await tmp.close();
    const refused = (await failure(call(tmp.url))) as TransportError;
    expect(refused.kind).toBe("network");
    expect(refused.message).toMatch(/ECONNREFUSED/);
    server.handler = (_req, res) => void res.socket?.destroy();
    const reset = (await failure(call(server.url))) as TransportError;
    expect(reset.kind).toBe("network");
    expect(reset.message).toMatch(/socket hang up|ECONNRESET/);
  });

  it("the size limit: a declared Content-Length and a streamed (chunked) body above it are too-large", async () => {
    const big = responseEnvelope("Echo", { Response: "x".repeat(50_000) });
    server.handler = (_req, res) => sendXml(res, big);
    const declared = (await failure(
      node(server.url, { maxResponseBytes: 10_000 }).invoke("Echo", { Text: "a" }),
    )) as TransportError;
    expect(declared.kind).toBe("too-large");
    expect(declared.message).toMatch(/exceeds the limit of 10000 bytes/);
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" }); // no Content-Length: chunked
      for (let i = 0; i < big.length; i += 4096) res.write(big.slice(i, i + 4096));
      res.end();
    };
    const streamed = (await failure(
      node(server.url, { maxResponseBytes: 10_000 }).invoke("Echo", { Text: "a" }),
    )) as TransportError;
    expect(streamed.kind).toBe("too-large");
    const ok = await node(server.url, { maxResponseBytes: 100_000 }).invoke("Echo", { Text: "a" });
    expect((ok.result as string).length).toBe(50_000);
  });

  it("gzip: request bodies compressed on request; gzip and deflate responses decompressed, limit on decompressed bytes", async () => {
    await call(server.url, { gzip: true });
    const req = server.requests.at(-1)!;
    expect(req.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(req.raw).toString("utf8")).toContain("<tns:EMailId>7</tns:EMailId>");
    expect(req.headers["accept-encoding"]).toBe("gzip, deflate");
    const echo = responseEnvelope("Echo", { Response: "y".repeat(20_000) });
    for (const [coding, zip] of [
      ["gzip", gzipSync],
      ["deflate", deflateSync],
    ] as const) {
      server.handler = (_req, res) => {
        res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": coding });
        res.end(zip(echo));
      };
      const r = await node(server.url).invoke("Echo", { Text: "a" });
      expect((r.result as string).length).toBe(20_000);
      // compressed it is about 100 bytes: the limit counts what it expands to
      const e = (await failure(
        node(server.url, { maxResponseBytes: 5_000 }).invoke("Echo", { Text: "a" }),
      )) as TransportError;
      expect(e.kind).toBe("too-large");
    }
  });

  it("Basic and URL credentials: sent as Authorization, never in errors or hook events", async () => {
    server.handler = (req, res) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`denied: ${req.headers.authorization}`);
    };
    const basic = await failure(
      call(server.url, { auth: { kind: "basic", username: "bob", password: "basic-secret-42" } }),
    );
    const sent = server.requests.at(-1)!.headers.authorization!;
    expect(sent).toBe(`Basic ${Buffer.from("bob:basic-secret-42").toString("base64")}`);
    expect(everything(basic)).not.toContain("basic-secret-42");
    expect(everything(basic)).not.toContain(sent.slice(6));

    const events: RequestEvent[] = [];
    const withUser = server.url.replace("http://", "http://carol:url-pass-9090@");
    const e = await failure(
      node(withUser, { hooks: { onRequest: (ev) => events.push(ev) } }).invoke("GetEMail", { EMailId: 7 }),
    );
    const fromUrl = server.requests.at(-1)!.headers.authorization!;
    expect(fromUrl).toBe(`Basic ${Buffer.from("carol:url-pass-9090").toString("base64")}`);
    expect(everything(e)).not.toContain("url-pass-9090");
    expect(everything(e)).not.toContain(fromUrl.slice(6));
    expect(JSON.stringify(events)).not.toContain(fromUrl.slice(6));
    expect(events[0]!.url).toBe(server.url);
  });

  it("NTLM is refused when the transport is created (soapHttpTransport speaks it)", () => {
    expect(() => nodeHttpTransport({ http: { auth: { kind: "ntlm", username: "u", password: "p" } } })).toThrow(
      /nodeHttpTransport: NTLM is not supported here; use soapHttpTransport/,
    );
  });
});

describe("nodeHttpTransport: TLS and proxy", () => {
  let pki: TestPki;
  let tlsServer: HttpsServer;
  let tlsUrl: string;
  let target: TestServer;
  let proxy: ConnectProxy;
  const peers: string[] = [];
  beforeAll(async () => {
    pki = makePki();
    tlsServer = createHttpsServer(
      { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        peers.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? ""));
        req.resume();
        req.on("end", () => sendXml(res, OK));
      },
    );
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    tlsUrl = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/Demo.svc`;
    target = await startServer();
    target.handler = (_req, res) => sendXml(res, OK);
    proxy = await startConnectProxy();
  }, 30_000);
  afterAll(async () => {
    tlsServer.closeAllConnections();
    await Promise.all([new Promise((r) => tlsServer.close(r)), target.close(), proxy.close()]);
  });

  it("a client certificate (PEM, or PFX with passphrase) trusted through a custom CA; the passphrase never in errors", async () => {
    peers.length = 0;
    await call(tlsUrl, { tls: { cert: pki.clientCert, key: pki.clientKey, ca: pki.caCert } });
    await call(tlsUrl, { tls: { pfx: pki.clientPfx, passphrase: PFX_PASSPHRASE, ca: pki.caCert } });
    expect(peers).toEqual(["soapkit client", "soapkit client"]);
    const e = await failure(call(tlsUrl, { tls: { pfx: pki.clientPfx, passphrase: PFX_PASSPHRASE } }));
    expect(e.name).toBe("TransportError");
    expect(e.message).toMatch(/certificate/i);
    expect(everything(e)).not.toContain(PFX_PASSPHRASE);
  });

  it("an http: endpoint through the CONNECT proxy; noProxy bypasses it", async () => {
    proxy.connects.length = 0;
    await call(target.url, { proxy: proxy.url });
    expect(proxy.connects).toEqual([{ target: `127.0.0.1:${target.port}`, authorization: undefined }]);
    await call(target.url, { proxy: { url: proxy.url, noProxy: ["127.0.0.1"] } });
    expect(proxy.connects).toHaveLength(1);
  });
});

describe("restTransport over nodeHttpExchange", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  const restMeta = fromExpanded({ ...demoMeta, restAgent: "Demo" });

  it("posts JSON with SOTicket and reads 204 and JSON results; errors keep the ticket out", async () => {
    const client = new ClientCore(restMeta, {
      transport: restTransport({ baseUrl: `http://127.0.0.1:${server.port}`, exchange: nodeHttpExchange() }),
      headers: { Credentials: { Ticket: TICKET } },
    });
    server.handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    expect((await client.invoke("GetEMail", { EMailId: 7 })).result).toBeUndefined();
    const req = server.requests.at(-1)!;
    expect(req.url).toBe("/api/v1/Agents/Demo/GetEMail");
    expect(req.headers.authorization).toBe(`SOTicket ${TICKET}`);
    expect(req.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(req.body)).toEqual({ EMailId: 7 });
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(JSON.stringify("echoed"));
    };
    expect((await client.invoke("Echo", { Text: "a" })).result).toBe("echoed");
    server.handler = (r, res) => {
      res.writeHead(401, { "Content-Type": "text/plain" });
      res.end(`bad ticket ${r.headers.authorization}`);
    };
    const e = (await failure(client.invoke("Echo", { Text: "a" }))) as TransportError;
    expect(e.status).toBe(401);
    expect(everything(e)).not.toContain(TICKET);
  });
});

describe("nodeHttpExchange: request bytes on the wire", () => {
  /** One raw request (head and body bytes) as a plain TCP server receives it, answered with 204. */
  async function capture(headers: Record<string, string>, body: string): Promise<{ head: Buffer; body: Buffer }> {
    const got = new Promise<Buffer>((resolve) => {
      const server = createNetServer((socket) => {
        const chunks: Buffer[] = [];
        socket.on("data", (c: Buffer) => {
          chunks.push(c);
          const all = Buffer.concat(chunks);
          const end = all.indexOf("\r\n\r\n");
          const length = /content-length: (\d+)/i.exec(all.subarray(0, end).toString("latin1"));
          if (end < 0 || length === null || all.length < end + 4 + Number(length[1])) return;
          socket.end("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
          server.close();
          resolve(all);
        });
      });
      server.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        const exchange = nodeHttpExchange({ keepAlive: false });
        const signal = new AbortController().signal;
        void exchange({
          url: `http://127.0.0.1:${port}/x`,
          headers,
          body,
          signal,
          maxBytes: 1000,
          operation: "Op",
          safeUrl: "u",
        });
      });
    });
    const all = await got;
    const end = all.indexOf("\r\n\r\n") + 4;
    return { head: all.subarray(0, end), body: all.subarray(end) };
  }

  it("a string body is sent as UTF-8 with its byte length, after an ASCII head and after a Latin-1 one", async () => {
    const text = "<a>grüße €</a>";
    const ascii = await capture(Object.freeze({ "Content-Type": "text/xml" }), text);
    expect(ascii.body.toString("utf8")).toBe(text);
    expect(ascii.head.toString("latin1")).toContain(`Content-Length: ${Buffer.byteLength(text)}\r\n`);
    // A Latin-1 header value keeps its one byte (0xE9), not UTF-8's two.
    const latin = await capture(Object.freeze({ "Content-Type": "text/xml", "X-Name": "Ren\u00e9" }), text);
    expect(latin.head.includes(Buffer.from("X-Name: Ren\u00e9\r\n", "latin1"))).toBe(true);
    expect(latin.body.toString("utf8")).toBe(text);
    const perCall = await capture({ "X-Name": "Ren\u00e9" }, text);
    expect(perCall.head.includes(Buffer.from("X-Name: Ren\u00e9\r\n", "latin1"))).toBe(true);
    expect(perCall.body.toString("utf8")).toBe(text);
  });
});

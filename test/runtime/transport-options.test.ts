/**
 * Issue 16, transport options of `soapHttpTransport({ http })`, each against a real server on
 * 127.0.0.1: an HTTPS server that demands a client certificate (a PKI made by openssl in the
 * test), a CONNECT proxy that records each tunnel, gzip both ways, Basic, and an NTLM server
 * (a test implementation of the handshake; the client side is the real axios-ntlm).
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { TLSSocket } from "node:tls";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SoapkitError, type HttpOptions } from "../../runtime/index.js";
import { demoMeta } from "./fixtures/demo.js";
import { responseEnvelope, sendXml, startServer, type TestServer } from "./fixtures/server.js";
import { soapCore } from "../helpers/soap-core.js";
import { startConnectProxy, type ConnectProxy } from "../helpers/connect-proxy.js";
import { makePki, PFX_PASSPHRASE, type TestPki } from "../helpers/tls-certs.js";
import { startNtlmServer, type NtlmServer } from "../helpers/ntlm-server.js";

const OK = responseEnvelope("GetEMail", { Response: null });

async function call(endpoint: string, http: HttpOptions): Promise<unknown> {
  const client = soapCore(demoMeta, { endpoint, http });
  return (await client.invoke("GetEMail", { EMailId: 7 })).result;
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
  return `${String(e)}\n${(e as Error).stack ?? ""}\n${JSON.stringify(e)}`;
}

describe("TLS client certificates and trust", () => {
  let pki: TestPki;
  let server: HttpsServer;
  let url: string;
  const peers: string[] = [];
  beforeAll(async () => {
    pki = makePki();
    server = createHttpsServer(
      { cert: pki.serverCert, key: pki.serverKey, ca: pki.caCert, requestCert: true, rejectUnauthorized: true },
      (req, res) => {
        peers.push(String((req.socket as TLSSocket).getPeerCertificate().subject?.CN ?? ""));
        req.resume();
        req.on("end", () => sendXml(res, OK));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/Demo.svc`;
  }, 30_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("a PEM client certificate trusted through a custom CA is accepted", async () => {
    peers.length = 0;
    await call(url, { tls: { cert: pki.clientCert, key: pki.clientKey, ca: pki.caCert } });
    expect(peers).toEqual(["soapkit client"]);
  });

  it("a PFX with its passphrase works, and the passphrase never shows in an error", async () => {
    await call(url, { tls: { pfx: pki.clientPfx, passphrase: PFX_PASSPHRASE, ca: pki.caCert } });
    const e = await failure(call(url, { tls: { pfx: pki.clientPfx, passphrase: PFX_PASSPHRASE } }));
    expect(everything(e)).not.toContain(PFX_PASSPHRASE);
  });

  it("without a client certificate the server refuses the handshake: a TransportError", async () => {
    const e = await failure(call(url, { tls: { ca: pki.caCert } }));
    expect(e.name).toBe("TransportError");
  });

  it("server certificates are verified by default; only an explicit rejectUnauthorized: false skips it", async () => {
    const e = await failure(call(url, { tls: { cert: pki.clientCert, key: pki.clientKey } }));
    expect(e.message).toMatch(/certificate/i);
    await call(url, { tls: { cert: pki.clientCert, key: pki.clientKey, rejectUnauthorized: false } });
  });
});

describe("HTTP proxy (CONNECT tunnel)", () => {
  let target: TestServer;
  let proxy: ConnectProxy;
  let guarded: ConnectProxy;
  const PROXY_PASSWORD = "proxy-pass-5150";
  beforeAll(async () => {
    target = await startServer();
    target.handler = (_req, res) => sendXml(res, OK);
    proxy = await startConnectProxy();
    guarded = await startConnectProxy(`Basic ${Buffer.from(`alice:${PROXY_PASSWORD}`).toString("base64")}`);
  });
  afterAll(async () => {
    await Promise.all([target.close(), proxy.close(), guarded.close()]);
  });

  it("an http: endpoint is reached through a CONNECT tunnel the proxy records", async () => {
    proxy.connects.length = 0;
    target.requests.length = 0;
    await call(target.url, { proxy: proxy.url });
    expect(proxy.connects).toEqual([{ target: `127.0.0.1:${target.port}`, authorization: undefined }]);
    expect(target.requests).toHaveLength(1);
  });

  it("proxy credentials from the URL go in Proxy-Authorization; a refusal is a TransportError without them", async () => {
    const withAuth = `http://alice:${PROXY_PASSWORD}@${new URL(guarded.url).host}`;
    await call(target.url, { proxy: withAuth });
    expect(guarded.connects.at(-1)?.authorization).toBe(
      `Basic ${Buffer.from(`alice:${PROXY_PASSWORD}`).toString("base64")}`,
    );
    const wrong = `http://alice:wrong-pass-77@${new URL(guarded.url).host}`;
    const e = await failure(call(target.url, { proxy: wrong }));
    expect(e.name).toBe("TransportError");
    expect(e.message).toContain("407");
    expect(everything(e)).not.toContain("wrong-pass-77");
  });

  it("noProxy hosts bypass the proxy", async () => {
    proxy.connects.length = 0;
    await call(target.url, { proxy: { url: proxy.url, noProxy: ["127.0.0.1"] } });
    expect(proxy.connects).toEqual([]);
  });

  it("an https: endpoint runs TLS end to end inside the tunnel", async () => {
    const pki = makePki();
    const tlsServer = createHttpsServer({ cert: pki.serverCert, key: pki.serverKey }, (req, res) => {
      req.resume();
      req.on("end", () => sendXml(res, OK));
    });
    await new Promise<void>((resolve) => tlsServer.listen(0, "127.0.0.1", resolve));
    try {
      const port = (tlsServer.address() as AddressInfo).port;
      proxy.connects.length = 0;
      await call(`https://127.0.0.1:${port}/Demo.svc`, { proxy: proxy.url, tls: { ca: pki.caCert } });
      expect(proxy.connects.map((c) => c.target)).toEqual([`127.0.0.1:${port}`]);
    } finally {
      tlsServer.closeAllConnections();
      await new Promise((resolve) => tlsServer.close(resolve));
    }
  }, 30_000);

  it("no proxy unless asked: HTTP_PROXY in the environment is ignored by default", async () => {
    const saved = process.env.HTTP_PROXY;
    process.env.HTTP_PROXY = proxy.url;
    try {
      proxy.connects.length = 0;
      await call(target.url, {});
      expect(proxy.connects).toEqual([]);
      await call(target.url, { proxy: "env" });
      expect(proxy.connects).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved;
    }
  });
});

describe("gzip and Basic", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());

  it("gzip: true compresses the request body; the server sees Content-Encoding gzip", async () => {
    server.handler = (_req, res) => sendXml(res, OK);
    await call(server.url, { gzip: true });
    const req = server.requests.at(-1)!;
    expect(req.headers["content-encoding"]).toBe("gzip");
    expect(Number(req.headers["content-length"])).toBe(req.raw.length);
    expect(gunzipSync(req.raw).toString("utf8")).toContain("<tns:EMailId>7</tns:EMailId>");
  });

  it("a gzip response is decompressed (and the size limit applies to the decompressed bytes)", async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": "gzip" });
      res.end(gzipSync(OK));
    };
    await call(server.url, {});
    const client = soapCore(demoMeta, { endpoint: server.url, maxResponseBytes: 64 });
    const e = await failure(client.invoke("GetEMail", { EMailId: 7 }));
    expect(e.message).toContain("exceeds the limit of 64 bytes");
  });

  it("Basic sends Authorization; the password never shows in an error, even when the server echoes it", async () => {
    server.handler = (req, res) => {
      res.writeHead(500, { "Content-Type": "text/plain" });
      res.end(`denied: ${req.headers.authorization}`);
    };
    const e = await failure(
      call(server.url, { auth: { kind: "basic", username: "bob", password: "basic-secret-42" } }),
    );
    const sent = server.requests.at(-1)!.headers.authorization;
    expect(sent).toBe(`Basic ${Buffer.from("bob:basic-secret-42").toString("base64")}`);
    expect(everything(e)).not.toContain("basic-secret-42");
    expect(everything(e)).not.toContain(sent!.slice(6));
  });
});

describe("NTLM", () => {
  let server: NtlmServer;
  const bodies: string[] = [];
  beforeAll(async () => {
    server = await startNtlmServer({
      domain: "CRONUS",
      username: "nav-user",
      password: "Nav-Pa55word!",
      respond: (_req, body, res) => {
        bodies.push(body);
        sendXml(res, OK);
      },
    });
  });
  afterAll(() => server.close());

  it("the real client completes the handshake; the request body arrives once authenticated", async () => {
    const auth = { kind: "ntlm", username: "nav-user", password: "Nav-Pa55word!", domain: "CRONUS" } as const;
    await call(server.url, { auth });
    expect(server.logins).toEqual([{ user: "nav-user", domain: "CRONUS", ok: true }]);
    expect(bodies.at(-1)).toContain("<tns:EMailId>7</tns:EMailId>");
  });

  it("a wrong password ends as an HTTP 401 error, without the password", async () => {
    const auth = { kind: "ntlm", username: "nav-user", password: "Wrong-Pa55!", domain: "CRONUS" } as const;
    const e = await failure(call(server.url, { auth }));
    expect(e.message).toContain("401");
    expect(server.logins.at(-1)).toEqual({ user: "nav-user", domain: "CRONUS", ok: false });
    expect(everything(e)).not.toContain("Wrong-Pa55!");
  });
});

/**
 * Regression tests of issue 10: the declared charset of a SOAP response, the element-count
 * limit per response, and timeouts beyond setTimeout's 2^31−1 ms — through the real client
 * against a node:http server on 127.0.0.1. Charset and element limit over both SOAP transports
 * (`soapHttpTransport`, `soapFetchTransport`).
 */
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProtocolError, SoapkitError, TransportError } from "../../runtime/index.js";
import { SOAP11_ENV_NS } from "../../runtime/metadata.js";
import { TNS, demoMeta } from "./fixtures/demo.js";
import { startServer, type TestServer } from "./fixtures/server.js";
import { soapCore, type SoapCoreOptions } from "../helpers/soap-core.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

const TEXT = "Größe café — ½ €";

function envelope(inner: string, decl = '<?xml version="1.0"?>'): string {
  return `${decl}<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><GetEMailResponse xmlns="${TNS}"><Response>${inner}</Response></GetEMailResponse></s:Body></s:Envelope>`;
}

function serve(bytes: Buffer, contentType: string, status = 200): void {
  server.handler = (_req, res: ServerResponse) => {
    res.writeHead(status, { "Content-Type": contentType });
    res.end(bytes);
  };
}

/** Over `soapHttpTransport`, or `soapFetchTransport` while `overFetch` is set. */
let overFetch = false;

async function call(options: SoapCoreOptions<Record<string, unknown>> = {}): Promise<unknown> {
  const client = soapCore(demoMeta, { endpoint: server.url, fetch: overFetch, ...options });
  return (await client.invoke("GetEMail", { EMailId: 1 })).result;
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    (v) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(v)}`);
    },
    (e: unknown) => e,
  );
}

describe.each([
  ["soapHttpTransport", false],
  ["soapFetchTransport", true],
] as const)("over %s", (_name, fetch) => {
  beforeAll(() => {
    overFetch = fetch;
  });
  afterAll(() => {
    overFetch = false;
  });

  describe("declared charset", () => {
    it("decodes an ISO-8859-1 body declared in Content-Type", async () => {
      serve(Buffer.from(envelope("<Subject>Größe café</Subject>"), "latin1"), "text/xml; charset=ISO-8859-1");
      expect(await call()).toEqual({ Subject: "Größe café" });
    });

    it("uses the XML declaration when Content-Type has no charset", async () => {
      serve(
        Buffer.from(envelope("<Subject>Größe café</Subject>", '<?xml version="1.0" encoding="ISO-8859-1"?>'), "latin1"),
        "text/xml",
      );
      expect(await call()).toEqual({ Subject: "Größe café" });
    });

    it("decodes windows-1252, quoted charsets, UTF-16 with a BOM, and UTF-8 by default", async () => {
      serve(
        Buffer.from(envelope(`<Subject>€ café</Subject>`).replace("€", "\x80"), "latin1"),
        'text/xml; charset="windows-1252"',
      );
      expect(await call()).toEqual({ Subject: "€ café" });
      serve(
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(envelope(`<Subject>${TEXT}</Subject>`), "utf16le")]),
        "text/xml; charset=utf-16",
      );
      expect(await call()).toEqual({ Subject: TEXT });
      serve(Buffer.from(envelope(`<Subject>${TEXT}</Subject>`), "utf8"), "text/xml");
      expect(await call()).toEqual({ Subject: TEXT });
    });

    it("rejects an unknown charset and bytes that are invalid in the declared one (ProtocolError)", async () => {
      serve(Buffer.from(envelope("<Subject>x</Subject>")), "text/xml; charset=x-klingon");
      const e1 = await failure(call());
      expect(e1).toBeInstanceOf(ProtocolError);
      expect((e1 as Error).message).toMatch(/GetEMail: unsupported charset "x-klingon"/);
      serve(Buffer.from(envelope("<Subject>Größe</Subject>"), "latin1"), "text/xml; charset=utf-8");
      const e2 = await failure(call());
      expect(e2).toBeInstanceOf(ProtocolError);
      expect((e2 as Error).message).toMatch(/response body is not valid utf-8/);
    });

    it("still reports an HTTP error whose body is in an unknown charset", async () => {
      serve(Buffer.from("<html>oops</html>"), "text/html; charset=x-klingon", 503);
      const e = await failure(call());
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).status).toBe(503);
    });
  });

  describe("element-count limit per response", () => {
    it("stops a 300,000-element response early with TransportError too-large", async () => {
      serve(Buffer.from(envelope("<Future/>".repeat(300_000))), "text/xml");
      const started = performance.now();
      const e = await failure(call());
      const ms = performance.now() - started;
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).kind).toBe("too-large");
      expect((e as Error).message).toMatch(/too many elements \(limit 200000\)/);
      console.log(`300,000 empty elements: rejected in ${ms.toFixed(0)} ms`);
    });

    it("is configurable per client (maxResponseElements)", async () => {
      serve(Buffer.from(envelope("<Id>1</Id><Subject>s</Subject>")), "text/xml");
      expect(await call()).toEqual({ Id: 1, Subject: "s" });
      const e = await failure(call({ maxResponseElements: 5 }));
      expect(e).toBeInstanceOf(TransportError);
      expect((e as TransportError).kind).toBe("too-large");
    });
  });
});

describe("timeoutMs", () => {
  it("beyond 2^31-1 ms does not time out at once", async () => {
    server.handler = (_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { "Content-Type": "text/xml" });
        res.end(envelope("<Id>7</Id>"));
      }, 30);
    };
    expect(await call({ timeoutMs: 2 ** 31 })).toEqual({ Id: 7 });
    expect(await call({ timeoutMs: 30 * 24 * 3600 * 1000 })).toEqual({ Id: 7 });
  });

  it("NaN is a configuration error", async () => {
    const e = await failure(call({ timeoutMs: Number.NaN }));
    expect(e).toBeInstanceOf(SoapkitError);
    expect((e as SoapkitError).code).toBe("ERR_SOAP_CONFIG");
  });
});

/**
 * Issue 14, the resilience policy of the call pipeline, over both SOAP transports against a
 * real server: 429/503 retried for every operation with `Retry-After` honoured, uncertain
 * failures (502) retried only for operations marked safe, every retry reported to
 * `hooks.onRetry`, waits bounded by the call's deadline, and a per-endpoint concurrency cap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TransportError, type RetryEvent } from "../../runtime/index.js";
import { demoMeta } from "./fixtures/demo.js";
import { responseEnvelope, sendXml, startServer, type TestServer } from "./fixtures/server.js";
import { soapCore, type SoapCoreOptions } from "../helpers/soap-core.js";

const OK = responseEnvelope("GetEMail", { Response: null });
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** Answer the first `failures.length` requests with those statuses (and Retry-After), then OK. */
function script(failures: readonly { status: number; retryAfter?: string }[]): void {
  let n = 0;
  server.requests.length = 0;
  server.handler = (_req, res) => {
    const f = failures[n++];
    if (f === undefined) return sendXml(res, OK);
    res.writeHead(f.status, { "Content-Type": "text/plain", ...(f.retryAfter ? { "Retry-After": f.retryAfter } : {}) });
    res.end("busy");
  };
}

describe.each([false, true])("retries (fetch transport: %s)", (fetch) => {
  const call = (options: SoapCoreOptions<Record<string, unknown>>, events: RetryEvent[] = []) =>
    soapCore(demoMeta, {
      endpoint: server.url,
      fetch,
      hooks: { onRetry: (e) => void events.push(e) },
      ...options,
    }).invoke("GetEMail", { EMailId: 1 });

  it("429 with Retry-After is retried for any operation after the time the server asked", async () => {
    script([{ status: 429, retryAfter: "1" }]);
    const events: RetryEvent[] = [];
    const t0 = performance.now();
    await call({ retry: {} }, events);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(990);
    expect(events).toEqual([{ operation: "GetEMail", attempt: 1, delayMs: 1000, reason: "http 429" }]);
    expect(server.requests).toHaveLength(2);
  });

  it("a 503 burst is retried up to the attempt limit, then the last error is thrown", async () => {
    script([
      { status: 503, retryAfter: "0" },
      { status: 503, retryAfter: "0" },
    ]);
    await call({ retry: { attempts: 3 } });
    expect(server.requests).toHaveLength(3);
    script([{ status: 503 }, { status: 503 }, { status: 503 }]);
    const e = await call({ retry: { attempts: 3, baseDelayMs: 1 } }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransportError);
    expect((e as TransportError).status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it("502 is retried only for operations marked safe", async () => {
    script([{ status: 502 }]);
    expect(await call({ retry: {} }).catch((e: unknown) => (e as TransportError).status)).toBe(502);
    expect(server.requests).toHaveLength(1);
    script([{ status: 502 }]);
    const events: RetryEvent[] = [];
    await call({ retry: { safe: ["GetEMail"], random: () => 0.5, baseDelayMs: 40 } }, events);
    expect(events).toEqual([{ operation: "GetEMail", attempt: 1, delayMs: 20, reason: "http 502" }]);
    expect(server.requests).toHaveLength(2);
  });

  it("no retry without a policy", async () => {
    script([{ status: 429, retryAfter: "0" }]);
    expect(await call({}).catch((e: unknown) => (e as TransportError).status)).toBe(429);
    expect(server.requests).toHaveLength(1);
  });

  it("waiting stays inside the call's deadline", async () => {
    script([{ status: 503, retryAfter: "10" }]);
    const t0 = performance.now();
    const e = await call({ retry: {}, timeoutMs: 300 }).catch((err: unknown) => err);
    expect((e as TransportError).kind).toBe("timeout");
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe("maxConcurrency", () => {
  it("caps calls in flight per endpoint; the rest queue and all complete", async () => {
    let inFlight = 0;
    let peak = 0;
    server.handler = async (_req, res) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      sendXml(res, OK);
    };
    const core = soapCore(demoMeta, { endpoint: server.url, maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 10 }, () => core.invoke("GetEMail", { EMailId: 1 })));
    expect(peak).toBe(2);
  });
});

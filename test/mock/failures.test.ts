/**
 * Failure injection and latency: `mock.fail` (fault, HTTP error, dropped connection, counted by
 * `times`), `mock.delay`, and `httpError` thrown by a handler; `reset` forgets them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { httpError, startMock, type MockServer } from "soapkit/mock";
import { SoapFaultError, TransportError, soapHttpTransport } from "@soapkit/runtime";
import { createEMailClient, type EMailOperations } from "../../generated/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";

let m: MockServer<EMailOperations>;
beforeAll(async () => {
  m = await startMock<EMailOperations>(EMailMetadata);
});
afterAll(() => m.close());
beforeEach(() => {
  m.reset();
  m.handle("HasNewMail", () => false);
});

const client = (attempts = 1) =>
  createEMailClient({ transport: soapHttpTransport({ endpoint: m.endpoint() }), retry: { attempts, baseDelayMs: 1 } });
const hasNewMail = (options?: { timeoutMs: number }) =>
  client()
    .hasNewMail({ FolderId: 1 }, options)
    .then(
      (v) => v,
      (e: unknown) => e,
    );

describe("failure injection", () => {
  it("answers an injected fault for `times` calls, then the handler again", async () => {
    m.fail("HasNewMail", { fault: { code: "Server", message: "try later" }, times: 2 });
    const first = await hasNewMail();
    const second = await hasNewMail();
    expect(first).toBeInstanceOf(SoapFaultError);
    expect((second as SoapFaultError).faultString).toBe("try later");
    expect(await hasNewMail()).toBe(false);
    expect(m.calls.map((c) => c.outcome)).toEqual(["fault", "fault", "ok"]);
  });

  it("answers an injected HTTP error with its status and body", async () => {
    m.fail("HasNewMail", { http: { status: 503, body: "maintenance" }, times: 1 });
    const err = await hasNewMail();
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).status).toBe(503);
    expect(m.calls[0]).toMatchObject({ outcome: "http-error", statusCode: 503, rawResponse: "maintenance" });
    expect(await hasNewMail()).toBe(false);
    // A client that retries 503 gets through an injected one-off outage.
    m.fail("HasNewMail", { http: { status: 503 }, times: 1 });
    expect(await client(2).hasNewMail({ FolderId: 1 })).toBe(false);
    expect(m.calls.slice(-2).map((c) => c.statusCode)).toEqual([503, 200]);
  });

  it("drops the connection without an answer", async () => {
    m.fail("HasNewMail", { drop: true, times: 1 });
    const err = await hasNewMail();
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe("network");
    expect(m.calls[0]).toMatchObject({ outcome: "dropped", statusCode: 0 });
  });

  it("delays the answer: a call whose deadline is shorter times out, and reset removes the delay", async () => {
    m.delay(2_000, "HasNewMail");
    const err = await hasNewMail({ timeoutMs: 200 });
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe("timeout");
    m.reset();
    m.handle("HasNewMail", () => true);
    expect(await hasNewMail({ timeoutMs: 5_000 })).toBe(true);
  });

  it("answers httpError thrown by a handler", async () => {
    m.handle("HasNewMail", () => {
      throw httpError(401, "who are you", { "www-authenticate": "Basic" });
    });
    const err = await hasNewMail();
    expect((err as TransportError).status).toBe(401);
    expect(m.calls[0]).toMatchObject({ outcome: "http-error", statusCode: 401, error: "HTTP 401" });
  });

  it("answers a plain error thrown by a handler as a Server fault naming it", async () => {
    m.handle("HasNewMail", () => {
      throw new RangeError("out of range");
    });
    const err = await hasNewMail();
    expect((err as SoapFaultError).faultString).toBe("RangeError: out of range");
    expect((err as SoapFaultError).faultCode.local).toBe("Server");
  });
});

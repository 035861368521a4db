/**
 * Profiles on the generic mock: authenticate rejects before the handler (recorded "rejected"),
 * mapError turns a handler's own error into an outcome, route answers extra HTTP routes first and
 * may use the same dispatch (a REST-style twin) and recording.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockProfile, type MockServer } from "soapkit/mock";
import { SoapFaultError, TransportError, soapHttpTransport } from "@soapkit/runtime";
import { createEMailClient, type EMailOperations } from "../../generated/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";

class Teapot extends Error {}

const profile: MockProfile = {
  name: "test",
  authenticate(request, ctx) {
    ctx.state.set("user", "anne");
    return request.headers["ApplicationToken"] === "good"
      ? undefined
      : { kind: "fault", fault: { code: "Client", message: "bad application token" } };
  },
  mapError: (error) => (error instanceof Teapot ? { kind: "http", status: 418, body: "teapot" } : undefined),
  async route(http, runtime) {
    if (!http.url.startsWith("/json/")) return false;
    const service = runtime.services[0]!;
    const name = http.url.slice("/json/".length);
    const operation = Object.values(service.metadata.operations).find((o) => o.name === name)!;
    const input = JSON.parse(http.body) as unknown;
    const request = {
      transport: "rest" as const,
      service,
      operation,
      input,
      headers: { ApplicationToken: "good" },
      httpHeaders: http.headers,
    };
    const outcome = await runtime.dispatch(request);
    const body = JSON.stringify(outcome.kind === "ok" ? outcome.output : outcome.kind);
    http.respond(200, body, { "content-type": "application/json" });
    runtime.record({
      transport: "rest",
      service: "WcfEMailService",
      port: "BasicHttpBinding_EMail",
      operation: name,
      input,
      headers: {},
      httpHeaders: { ...http.headers },
      rawRequest: http.body,
      rawResponse: body,
      statusCode: 200,
      outcome: outcome.kind === "ok" ? "ok" : "fault",
    });
    return true;
  },
};

let m: MockServer<EMailOperations>;
beforeAll(async () => {
  m = await startMock<EMailOperations>(EMailMetadata, { profiles: [profile] });
});
afterAll(() => m.close());

const client = (token: string) =>
  createEMailClient({
    transport: soapHttpTransport({ endpoint: m.endpoint() }),
    headers: { ApplicationToken: token },
    retry: { attempts: 1 },
  });

describe("profiles", () => {
  it("authenticate runs before the handler; its outcome is recorded as rejected", async () => {
    m.reset();
    let handled = 0;
    m.handle("HasNewMail", (_input, ctx) => {
      handled++;
      return ctx.state.get("user") === "anne";
    });
    expect(await client("good").hasNewMail({ FolderId: 1 })).toBe(true);
    const err = await client("bad")
      .hasNewMail({ FolderId: 1 })
      .catch((e: unknown) => e);
    expect((err as SoapFaultError).faultString).toBe("bad application token");
    expect(handled).toBe(1);
    expect(m.calls.map((c) => c.outcome)).toEqual(["ok", "rejected"]);
  });

  it("mapError turns a handler's own error into the outcome", async () => {
    m.reset();
    m.handle("HasNewMail", () => {
      throw new Teapot("short and stout");
    });
    const err = await client("good")
      .hasNewMail({ FolderId: 1 })
      .catch((e: unknown) => e);
    expect((err as TransportError).status).toBe(418);
    expect(m.calls[0]).toMatchObject({ outcome: "http-error", statusCode: 418, rawResponse: "teapot" });
  });

  it("route answers first and dispatches through the same handlers", async () => {
    m.reset();
    m.handle("HasNewMail", (input) => input.FolderId === 5);
    const res = await fetch(`${m.url}/json/HasNewMail`, { method: "POST", body: JSON.stringify({ FolderId: 5 }) });
    expect(await res.json()).toEqual({ Response: true });
    expect(m.calls.map((c) => [c.transport, c.operation, c.outcome])).toEqual([["rest", "HasNewMail", "ok"]]);
  });
});

/**
 * The profile's REST adapter against a fake `MockRuntime`: routing answers (404, 405, 415, 400),
 * the typed request it dispatches, how each outcome is written, and the recorded call.
 */
import { describe, expect, it } from "vitest";
import type { MockCall, MockHttpExchange, MockOutcome, MockRequest, MockRuntime } from "soapkit/mock";
import { superOfficeProfile, type RestCall } from "soapkit/mock/superoffice";
import { echoMetadata } from "../../emulator/fixtures/metadata.js";

const meta = { ...echoMetadata, restAgent: "Echo" };

function harness(outcome: MockOutcome = { kind: "ok", output: { Response: "hi" }, responseHeaders: {} }) {
  const dispatched: MockRequest[] = [];
  const recorded: MockCall[] = [];
  const runtime: MockRuntime = {
    services: [{ metadata: meta, path: "/Echo.svc" }],
    dispatch: (r) => {
      dispatched.push(r);
      return Promise.resolve(outcome);
    },
    record: (c) => recorded.push(c),
  };
  const route = superOfficeProfile().route!;
  async function send(method: string, url: string, body = "", headers: Record<string, string> = {}) {
    let answer: { status: number; body: string; headers: Record<string, string> } | undefined;
    const ex: MockHttpExchange = {
      method,
      url,
      headers: { "content-type": "application/json", ...headers },
      body,
      respond: (status, b, h) =>
        (answer = { status, body: typeof b === "string" ? b : "(streamed)", headers: h ?? {} }),
      drop: () => undefined,
    };
    const handled = await route(ex, runtime);
    return { handled, answer, call: recorded.at(-1) as RestCall | undefined };
  }
  return { send, dispatched, recorded };
}

describe("REST adapter", () => {
  it("leaves other paths to the SOAP adapter", async () => {
    const { send, recorded } = harness();
    expect((await send("POST", "/Echo.svc")).handled).toBe(false);
    expect(recorded).toEqual([]);
  });

  it("dispatches a typed request (case-insensitive route, tenant prefix) and writes the JSON result", async () => {
    const { send, dispatched } = harness();
    const { answer, call } = await send("POST", "/Cust1/api/v1/agents/echo/ECHO?x=1", '{"Message":"m","Count":2}', {
      "so-apptoken": "app",
      authorization: "SOTicket 7T:t",
    });
    expect(answer).toEqual({
      status: 200,
      body: '"hi"',
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
    expect(dispatched[0]!.operation.name).toBe("Echo");
    expect(dispatched[0]!.input).toEqual({ Message: "m", Count: 2 });
    expect(dispatched[0]!.headers).toEqual({ ApplicationToken: "app", Credentials: { Ticket: "7T:t" } });
    expect(call).toMatchObject({
      transport: "rest",
      method: "POST",
      url: "/Cust1/api/v1/agents/echo/ECHO?x=1",
      operation: "Echo",
      outcome: "ok",
      statusCode: 200,
      rawRequest: '{"Message":"m","Count":2}',
      rawResponse: '"hi"',
      output: { Response: "hi" },
    });
  });

  it("answers 204 for a void result", async () => {
    const { send } = harness({ kind: "ok", output: undefined, responseHeaders: {} });
    const { answer, call } = await send("POST", "/api/v1/Agents/Echo/Ping", "");
    expect([answer?.status, answer?.body, call?.outcome]).toEqual([204, "", "ok"]);
  });

  it("answers routing errors like ASP.NET and records them as invalid", async () => {
    const { send, dispatched } = harness();
    const nf = await send("POST", "/api/v1/Agents/Nope/Echo", "{}");
    const na = await send("GET", "/api/v1/Agents/Echo/Echo");
    const ct = await send("POST", "/api/v1/Agents/Echo/Echo", "<x/>", { "content-type": "text/xml" });
    const bad = await send("POST", "/api/v1/Agents/Echo/Echo", '{"Count": ');
    expect([nf, na, ct, bad].map((r) => [r.answer?.status, r.call?.outcome])).toEqual([
      [404, "invalid"],
      [405, "invalid"],
      [415, "invalid"],
      [400, "invalid"],
    ]);
    expect(na.answer?.headers["Allow"]).toBe("POST");
    expect(JSON.parse(bad.answer!.body)).toMatchObject({ ErrorType: "SuperOffice.WebApi.BadRequestException" });
    expect(dispatched).toEqual([]);
  });

  it("writes a fault as a WebAPI error and a rejected outcome as recorded rejected", async () => {
    const fault = await harness({ kind: "fault", fault: { code: "Client", message: "no", statusCode: 200 } }).send(
      "POST",
      "/api/v1/Agents/Echo/Echo",
      "{}",
    );
    expect(fault.answer?.status).toBe(500);
    expect(JSON.parse(fault.answer!.body)).toMatchObject({
      Message: "no",
      ErrorType: "System.ServiceModel.FaultException",
    });
    expect([fault.call?.outcome, fault.call?.error]).toEqual(["fault", "no"]);
    const body = JSON.stringify({ Message: "Invalid ticket" });
    const rejected = await harness({ kind: "http", status: 401, body, rejected: true }).send(
      "POST",
      "/api/v1/Agents/Echo/Echo",
      "{}",
    );
    expect([rejected.answer?.status, rejected.call?.outcome, rejected.call?.error]).toEqual([
      401,
      "rejected",
      "Invalid ticket",
    ]);
  });
});

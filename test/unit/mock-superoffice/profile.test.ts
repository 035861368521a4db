/**
 * The SuperOffice profile's parts on their own (no server): the access policy, exception
 * outcomes per transport, the ticket store, and authenticate/mapError of the profile.
 */
import { describe, expect, it } from "vitest";
import type { MockContext, MockRequest } from "soapkit/mock";
import { ServiceException, superOfficeProfile, ticketOf, TicketStore } from "soapkit/mock/superoffice";
import { echoMetadata } from "../../emulator/fixtures/metadata.js";

const APP = "app-1";
const GOOD = "7T:good==";

function request(
  op: string,
  headers: Record<string, unknown>,
  transport: "soap" | "rest" = "soap",
  httpHeaders: Record<string, string> = {},
): MockRequest {
  const operation = echoMetadata.operations[op]!;
  return { transport, service: { metadata: echoMetadata }, operation, input: {}, headers, httpHeaders };
}

function context(req: MockRequest): MockContext {
  return {
    operation: req.operation.name,
    service: echoMetadata.service,
    port: echoMetadata.port,
    transport: req.transport,
    headers: req.headers,
    httpHeaders: req.httpHeaders,
    responseHeaders: {},
    state: new Map(),
    sample: () => undefined,
  };
}

const profile = superOfficeProfile({
  applicationToken: APP,
  validTickets: [GOOD],
  users: [{ userName: "anne", password: "pw-SECRET" }],
});

async function authenticate(req: MockRequest) {
  const ctx = context(req);
  return { outcome: await profile.authenticate!(req, ctx), ctx };
}

describe("authenticate (SOAP)", () => {
  it("lets a valid ticket through, hands it to the handler and presets Succeeded=true", async () => {
    const { outcome, ctx } = await authenticate(
      request("Echo", { ApplicationToken: APP, Credentials: { Ticket: GOOD } }),
    );
    expect(outcome).toBeUndefined();
    expect(ticketOf(ctx)).toBe(GOOD);
    expect(ctx.responseHeaders).toEqual({ Succeeded: true });
  });

  it("echoes TimeZone when the operation declares it on both sides", async () => {
    const tz = { SoTimeZoneId: 37, SoTimeZoneLocationCode: "NO" };
    const { ctx } = await authenticate(
      request("Echo", { ApplicationToken: APP, Credentials: { Ticket: GOOD }, TimeZone: tz }),
    );
    expect(ctx.responseHeaders).toEqual({ Succeeded: true, TimeZone: tz });
  });

  it("answers a wrong, missing or absent ticket with Succeeded=false + ExceptionInfo (HTTP 200, empty wrapper)", async () => {
    for (const [credentials, inner] of [
      [{ Ticket: "7T:nope" }, "The ticket is not recognized or has expired"],
      [{ Ticket: "" }, "No ticket was supplied in the Credentials header"],
      [undefined, "No ticket was supplied in the Credentials header"],
    ] as const) {
      const { outcome } = await authenticate(request("Echo", { ApplicationToken: APP, Credentials: credentials }));
      expect(outcome?.kind).toBe("ok");
      if (outcome?.kind !== "ok") continue;
      expect(outcome.output).toBeUndefined();
      expect(outcome.responseHeaders["Succeeded"]).toBe(false);
      const info = outcome.responseHeaders["ExceptionInfo"] as Record<string, Record<string, unknown>>;
      expect(info["Message"]).toBe("Invalid ticket");
      expect(info["ExceptionType"]).toBe("SoSessionException");
      expect(info["InnerException"]!["Message"]).toBe(inner);
      expect(JSON.stringify(outcome)).not.toContain("7T:nope");
    }
  });

  it("checks the application token before the ticket", async () => {
    for (const [token, message] of [
      ["wrong", "Invalid application token"],
      [undefined, "Application token is missing"],
    ] as const) {
      const { outcome } = await authenticate(
        request("Ping", { ApplicationToken: token, Credentials: { Ticket: GOOD } }),
      );
      expect(outcome?.kind === "ok" && (outcome.responseHeaders["ExceptionInfo"] as { Message: string }).Message).toBe(
        message,
      );
    }
  });

  it("keeps only the fields the port's ExceptionInfo type declares", async () => {
    const req = request("Echo", { ApplicationToken: APP, Credentials: { Ticket: GOOD } });
    const ex = new ServiceException("boom", { parameters: { a: "1" } });
    (ex.info as Record<string, unknown>)["NotInTheSchema"] = "x";
    const outcome = profile.mapError!(ex, req, context(req));
    expect(outcome?.kind).toBe("ok");
    const info = (outcome as { responseHeaders: Record<string, Record<string, unknown>> }).responseHeaders[
      "ExceptionInfo"
    ]!;
    expect(Object.keys(info).sort()).toEqual([
      "ExceptionType",
      "FriendlyText",
      "Message",
      "Parameters",
      "Source",
      "StackTrace",
    ]);
    expect(info["Parameters"]).toEqual([{ Key: "a", Value: "1" }]);
  });

  it("maps any other error to ExceptionInfo named after it", () => {
    const req = request("Echo", {});
    const ctx = context(req);
    ctx.responseHeaders["Succeeded"] = true;
    const outcome = profile.mapError!(new TypeError("bad"), req, ctx);
    expect(outcome).toMatchObject({
      kind: "ok",
      responseHeaders: { Succeeded: false, ExceptionInfo: { Message: "bad", ExceptionType: "TypeError" } },
    });
  });

  it("answers a Server fault on a port without the SuperOffice error headers", () => {
    const { errorHeaders: _unused, ...plain } = { ...echoMetadata, operations: {} };
    const op = { ...echoMetadata.operations["Ping"]!, outputHeaders: [] };
    const req: MockRequest = { ...request("Ping", {}), service: { metadata: plain }, operation: op };
    expect(profile.mapError!(new ServiceException("nope"), req, context(req))).toEqual({
      kind: "fault",
      fault: { code: "Server", message: "nope" },
    });
  });
});

describe("authenticate (REST)", () => {
  const rest = (headers: Record<string, unknown>, authorization?: string) =>
    request("Echo", headers, "rest", authorization === undefined ? {} : { authorization });

  it("answers 401 with a WebAPI error body for a missing or unknown ticket, 403 for a bad app token", async () => {
    const missing = (await authenticate(rest({ ApplicationToken: APP }))).outcome;
    expect(missing).toMatchObject({ kind: "http", status: 401 });
    expect(missing?.kind === "http" && missing.headers?.["WWW-Authenticate"]).toContain("SOTicket");
    const body = JSON.parse(missing?.kind === "http" ? missing.body! : "{}") as Record<string, unknown>;
    expect(body).toMatchObject({ ErrorType: "SoSessionException", Message: "Invalid ticket" });
    const unknown = (
      await authenticate(rest({ ApplicationToken: APP, Credentials: { Ticket: "7T:x" } }, "SOTicket 7T:x"))
    ).outcome;
    expect(unknown).toMatchObject({ kind: "http", status: 401 });
    const app = (await authenticate(rest({ ApplicationToken: "no" }, `SOTicket ${GOOD}`))).outcome;
    expect(app).toMatchObject({ kind: "http", status: 403 });
  });

  it("accepts SOTicket/Bearer tickets and Basic users; refuses a wrong password or an unknown scheme", async () => {
    const ticket = { ApplicationToken: APP, Credentials: { Ticket: GOOD } };
    expect((await authenticate(rest(ticket, `Bearer ${GOOD}`))).outcome).toBeUndefined();
    const basic = (user: string) => `Basic ${Buffer.from(user).toString("base64")}`;
    expect((await authenticate(rest({ ApplicationToken: APP }, basic("ANNE:pw-SECRET")))).outcome).toBeUndefined();
    const wrong = (await authenticate(rest({ ApplicationToken: APP }, basic("anne:nope")))).outcome;
    expect(wrong).toMatchObject({ kind: "http", status: 401 });
    expect(JSON.stringify(wrong)).not.toContain("nope");
    expect((await authenticate(rest({ ApplicationToken: APP }, "Digest abc"))).outcome).toMatchObject({ status: 401 });
  });
});

describe("TicketStore", () => {
  it("issues SuperOffice-looking tickets, adds, revokes, and asks the predicate", () => {
    const store = new TicketStore(["7T:a"], (t) => t.endsWith("-ok"));
    const t = store.issue();
    expect(t).toMatch(/^7T:[A-Za-z0-9+/]{32}$/);
    expect(store.issue()).not.toBe(t);
    expect([store.isValid(t), store.isValid("7T:a"), store.isValid("x-ok"), store.isValid("7T:b")]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    store.revoke(t);
    store.add("7T:b");
    expect([store.isValid(t), store.isValid("7T:b")]).toEqual([false, true]);
  });
});

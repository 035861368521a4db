/**
 * The generated EMail REST client: the exact wire request of SyncEmailAccount (against the
 * seed's sample) through the emulator's REST routes, and the client's behaviour on a stub
 * HTTP server: error mapping (WebAPI JSON → SuperOfficeError, HTML / 404 → TransportError,
 * bad 2xx bodies → ProtocolError), CR/LF header rejection, timeout, abort, size limit, and
 * secrets kept out of errors and hook events.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { emailOverRest } from "./helpers/rest-client.js";
import {
  EMailAgentStore,
  createEMailImplementation,
  startEmulator,
  type Emulator,
  type OperationHandler,
} from "../../emulator/index.js";
import type { RestCall } from "soapkit/mock/superoffice";
import {
  ProtocolError,
  ClientCore,
  restTransport,
  SerializationError,
  SoapkitError,
  SuperOfficeError,
  TransportError,
  WebApiError,
  type RequestEvent,
  type ResponseEvent,
} from "../../runtime/index.js";
import { startServer, type TestServer } from "../runtime/fixtures/server.js";
import { requireShared } from "../helpers/shared.js";

const APP_TOKEN = "app-token-1234567-1234-9876";
const TICKET = "7T:rest-ticket-SECRET==";
const seedPath = requireShared("seeds/001_3e26cd10d574d26e.txt");

/** The seed's "Sample request": request line, headers, JSON body. */
async function seedSample(): Promise<{ method: string; path: string; headers: Record<string, string>; body: unknown }> {
  const text = await readFile(seedPath!, "utf8");
  const block = /## Sample request\s*```http!?\n([\s\S]*?)\n```/.exec(text)?.[1];
  if (block === undefined) throw new Error("no sample request in the seed");
  const [head, ...rest] = block.split(/\n\n/);
  const [requestLine, ...headerLines] = head!.split("\n");
  const [method, path] = requestLine!.split(" ");
  const headers = Object.fromEntries(
    headerLines.map((l) => [l.slice(0, l.indexOf(":")).trim(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { method: method!, path: path!, headers, body: JSON.parse(rest.join("\n\n")) };
}

describe("SyncEmailAccount over REST through the emulator", () => {
  let emulator: Emulator;
  const store = new EMailAgentStore();
  const impl = createEMailImplementation(store) as Record<string, OperationHandler>;
  const seen: unknown[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      applicationToken: APP_TOKEN,
      validTickets: [TICKET],
      users: [{ userName: "tje0", password: "Tje0" }],
      services: [
        {
          metadata: loadMetadata(EMailMetadata),
          wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
          path: "/Remote/Services84/EMail.svc",
          implementation: {
            ...impl,
            // the seed sample sends `"SyncUserAccount": null`; the store would refuse it
            SyncEmailAccount: (input, ctx) => {
              seen.push(input["SyncUserAccount"]);
              return input["SyncUserAccount"] === null ? undefined : impl["SyncEmailAccount"]!(input, ctx);
            },
          },
        },
      ],
    });
  });
  afterAll(() => emulator?.close());
  beforeEach(() => emulator.clear());

  it.skipIf(!seedPath)("sends exactly the seed's sample request and resolves the 204 to undefined", async () => {
    const sample = await seedSample();
    expect(sample.method).toBe("POST");
    // Basic dGplMDpUamUw = tje0:Tje0
    const client = emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "Basic", username: "tje0", password: "Tje0" },
      applicationToken: APP_TOKEN,
      acceptLanguage: "fr,de,ru,zh",
    });
    const result = await client.syncEmailAccount({ SyncUserAccount: null });
    expect(result).toBeUndefined();

    const call = emulator.calls("SyncEmailAccount")[0] as RestCall | undefined;
    expect(call!.transport).toBe("rest");
    expect(call!.outcome).toBe("ok");
    expect(call!.method).toBe(sample.method);
    expect(call!.url).toBe(sample.path);
    expect(call!.url).toBe("/api/v1/Agents/EMail/SyncEmailAccount");
    for (const [name, value] of Object.entries(sample.headers)) {
      expect(call!.httpHeaders[name.toLowerCase()], name).toBe(value);
    }
    expect(call!.httpHeaders["authorization"]).toBe("Basic dGplMDpUamUw");
    expect(call!.httpHeaders["so-apptoken"]).toBe(APP_TOKEN);
    expect(call!.httpHeaders["content-type"]).toBe("application/json; charset=utf-8");
    expect(call!.httpHeaders["accept"]).toBe("application/json; charset=utf-8");
    expect(JSON.parse(call!.rawRequest)).toStrictEqual(sample.body);
    expect(call!.rawRequest).toBe('{"SyncUserAccount":null}');
    expect(call!.input).toStrictEqual({ SyncUserAccount: null });
    expect(call!.statusCode).toBe(204);
    expect(call!.rawResponse).toBe("");
    expect(seen.at(-1)).toBeNull();
  });

  it("sends a populated account in schema order with a ticket; call() reports the 204", async () => {
    const client = emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "SOTicket", ticket: TICKET },
      applicationToken: APP_TOKEN,
    });
    const { result, status } = await client.call("SyncEmailAccount", {
      SyncUserAccount: { AssociateId: 5, AssociateName: "ANNE", AccountId: 42 },
    });
    expect(result).toBeUndefined();
    expect(status).toBe(204);
    const [call] = emulator.calls("SyncEmailAccount");
    expect(call!.httpHeaders["authorization"]).toBe(`SOTicket ${TICKET}`);
    expect(call!.rawRequest).toBe('{"SyncUserAccount":{"AccountId":42,"AssociateName":"ANNE","AssociateId":5}}');
    expect(call!.headers).toStrictEqual({ ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } });
    expect(store.syncRecords.at(-1)?.account).toStrictEqual({ AccountId: 42, AssociateName: "ANNE", AssociateId: 5 });
  });

  it("sends $select and Bearer tokens; a typed result comes back", async () => {
    const client = emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "Bearer", token: TICKET },
      applicationToken: APP_TOKEN,
    });
    const mail = await client.getEMail(
      { Id: 102, IncludeAttachments: false },
      { query: { select: ["Subject", "From/Address"] } },
    );
    expect(mail?.Subject).toBe("Lunch? (smørbrød & kaffe)");
    expect(mail?.Flags).toStrictEqual(["Seen", "Flagged"]);
    const call = emulator.calls("GetEMail")[0] as RestCall | undefined;
    expect(call!.url).toBe("/api/v1/Agents/EMail/GetEMail?$select=Subject,From/Address");
    expect(call!.rawResponse).toContain('"Flags":"Seen, Flagged"');
  });

  it("wrong Basic password, missing auth and a wrong SO-AppToken are typed WebAPI errors (401/403)", async () => {
    const wrong = await emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "Basic", username: "tje0", password: "nope-SECRET" },
      applicationToken: APP_TOKEN,
    })
      .hasNewMail({ MailItemId: 1, FolderId: 0 })
      .catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(WebApiError);
    expect(wrong).toBeInstanceOf(SuperOfficeError);
    expect((wrong as WebApiError).status).toBe(401);
    expect((wrong as WebApiError).exceptionType).toBe("SoSessionException");
    expect(`${(wrong as Error).message} ${JSON.stringify(wrong)}`).not.toContain("nope-SECRET");

    const none = await emailOverRest({ baseUrl: emulator.url, applicationToken: APP_TOKEN })
      .hasNewMail({})
      .catch((e: unknown) => e);
    expect((none as WebApiError).status).toBe(401);
    expect((none as WebApiError).inner?.message).toMatch(/No ticket/);

    const app = await emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "SOTicket", ticket: TICKET },
      applicationToken: "wrong-app-SECRET",
    })
      .hasNewMail({})
      .catch((e: unknown) => e);
    expect((app as WebApiError).status).toBe(403);
    expect((app as WebApiError).message).toBe("Invalid application token");
    expect(emulator.received.map((c) => [c.outcome, c.statusCode, c.error])).toEqual([
      ["rejected", 401, "Invalid ticket"],
      ["rejected", 401, "Invalid ticket"],
      ["rejected", 403, "Invalid application token"],
    ]);
  });

  it("a handler exception is a 500 WebAPI error with the same fields as the SOAP ExceptionInfo", async () => {
    const err = await emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "SOTicket", ticket: TICKET },
      applicationToken: APP_TOKEN,
    })
      .syncEmailAccount({ SyncUserAccount: { AccountId: "1" as unknown as number } })
      .catch((e: unknown) => e);
    // a value that does not fit the schema is refused before sending
    expect(err).toBeInstanceOf(SerializationError);
    expect((err as SerializationError).path).toBe("SyncUserAccount.AccountId");
    expect(emulator.received).toHaveLength(0);

    const restErr = await emailOverRest({
      baseUrl: emulator.url,
      auth: { scheme: "SOTicket", ticket: TICKET },
      applicationToken: APP_TOKEN,
    })
      .call("SyncEmailAccount", {})
      .catch((e: unknown) => e);
    expect(restErr).toBeInstanceOf(WebApiError);
    expect((restErr as WebApiError).status).toBe(500);
    expect((restErr as WebApiError).exceptionType).toBe("System.ArgumentNullException");
    expect((restErr as WebApiError).friendlyText).toBe("No account to synchronize was given.");
  });

  it("emulator REST routes answer like the WebAPI: 405, 415, 400, 404, case-insensitive routing, credentials in the URL", async () => {
    const url = `${emulator.url}/api/v1/Agents/EMail/HasNewMail`;
    const headers = { Authorization: `SOTicket ${TICKET}`, "SO-AppToken": APP_TOKEN };
    const get = await fetch(url, { headers });
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    const xml = await fetch(url, { method: "POST", headers: { ...headers, "Content-Type": "text/xml" }, body: "<x/>" });
    expect(xml.status).toBe(415);
    const bad = await fetch(url, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: '{"MailItemId": ',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { ErrorType: string }).ErrorType).toMatch(/BadRequest/);
    const lower = await fetch(`${emulator.url}/api/v1/agents/email/hasnewmail`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: '{"MailItemId":0,"FolderId":0}',
    });
    expect([lower.status, await lower.text()]).toEqual([200, "true"]);
    const missing = await fetch(`${emulator.url}/api/v1/Agents/Nope/HasNewMail`, {
      method: "POST",
      headers,
      body: "{}",
    });
    expect(missing.status).toBe(404);
    expect(emulator.received.map((c) => c.statusCode)).toEqual([405, 415, 400, 200, 404]);
    // user info in the base URL becomes Basic auth (fetch refuses such URLs)
    const viaUrl = emailOverRest({
      baseUrl: emulator.url.replace("http://", "http://tje0:Tje0@"),
      applicationToken: APP_TOKEN,
    });
    expect(await viaUrl.hasNewMail({ MailItemId: 0, FolderId: 0 })).toBe(true);
    expect(emulator.received.at(-1)!.httpHeaders["authorization"]).toBe("Basic dGplMDpUamUw");
  });

  it("unknown agent methods are a 404 TransportError", async () => {
    const core = new ClientCore(
      {
        ...EMailMetadata,
        ops: { ...EMailMetadata.ops, Nope: { in: "HasNewMailRequest", out: "HasNewMailResponse", h: 0 } },
      },
      {
        transport: restTransport({ baseUrl: emulator.url, auth: { scheme: "SOTicket", ticket: TICKET } }),
      },
    );
    const err = await core.invoke("Nope", {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).kind).toBe("http");
    expect((err as TransportError).status).toBe(404);
  });
});

describe("REST client on a stub server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const base = (): string => `http://127.0.0.1:${server.port}/Cust1`;
  const client = (over: Parameters<typeof emailOverRest>[0] = {}) =>
    emailOverRest({
      baseUrl: base(),
      auth: { scheme: "SOTicket", ticket: TICKET },
      applicationToken: APP_TOKEN,
      ...over,
    });
  const reply = (status: number, body: string, contentType = "application/json; charset=utf-8") => {
    server.handler = (_req, res) => {
      res.writeHead(status, contentType === "" ? {} : { "Content-Type": contentType });
      res.end(body);
    };
  };

  it("derives the base URL from the WSDL address", () => {
    const meta = loadMetadata(EMailMetadata);
    const op = meta.operations["HasNewMail"]!;
    expect(restTransport().target(op, meta)).toBe(
      "https://sod.superoffice.com/Cust12345/api/v1/Agents/EMail/HasNewMail",
    );
  });

  it("maps a WebAPI exception body to WebApiError (a SuperOfficeError) with the inner chain", async () => {
    reply(
      500,
      JSON.stringify({
        Error: "Something failed",
        ErrorType: "SoException",
        Message: "Object reference not set",
        Source: "SoCore",
        StackTrace: "at X",
        Parameters: { id: "7" },
        InnerException: {
          Error: null,
          ErrorType: "NullReferenceException",
          Message: "inner",
          Source: null,
          StackTrace: null,
        },
      }),
    );
    const err = (await client()
      .hasNewMail({})
      .catch((e: unknown) => e)) as WebApiError;
    expect(err).toBeInstanceOf(SuperOfficeError);
    expect(err.status).toBe(500);
    expect(err.operation).toBe("HasNewMail");
    expect(err.message).toBe("Object reference not set");
    expect(err.friendlyText).toBe("Something failed");
    expect(err.exceptionType).toBe("SoException");
    expect(err.parameters).toStrictEqual({ id: "7" });
    expect(err.inner?.exceptionType).toBe("NullReferenceException");
    expect(err.inner?.message).toBe("inner");
  });

  it("HTML error pages and non-exception JSON are TransportError kind http, with a redacted snippet", async () => {
    reply(401, "<html><body>401 - Unauthorized</body></html>", "text/html");
    const html = (await client()
      .hasNewMail({})
      .catch((e: unknown) => e)) as TransportError;
    expect(html).toBeInstanceOf(TransportError);
    expect(html.kind).toBe("http");
    expect(html.status).toBe(401);
    expect(html.message).toContain("HTML");

    reply(403, JSON.stringify({ Message: "denied", Ticket: TICKET }));
    const json = (await client()
      .hasNewMail({})
      .catch((e: unknown) => e)) as TransportError;
    expect(json.kind).toBe("http");
    expect(json.status).toBe(403);
    expect(json.bodySnippet).toContain('"Ticket":"***"');
    expect(JSON.stringify({ ...json, m: json.message, s: json.stack })).not.toContain(TICKET);

    reply(500, "", "");
    expect(
      (
        (await client()
          .hasNewMail({})
          .catch((e: unknown) => e)) as TransportError
      ).status,
    ).toBe(500);
  });

  it("bad 2xx bodies: HTML → TransportError bad-response, malformed JSON / wrong type → ProtocolError", async () => {
    reply(200, "<html>login</html>", "text/html");
    expect(
      (
        (await client()
          .hasNewMail({})
          .catch((e: unknown) => e)) as TransportError
      ).kind,
    ).toBe("bad-response");
    reply(200, "{not json");
    expect(
      await client()
        .hasNewMail({})
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ProtocolError);
    reply(200, "true", "text/plain");
    expect(
      await client()
        .hasNewMail({})
        .catch((e: unknown) => e),
    ).toBeInstanceOf(ProtocolError);
    reply(200, '"yes"');
    const e = (await client()
      .hasNewMail({})
      .catch((x: unknown) => x)) as ProtocolError;
    expect(e).toBeInstanceOf(ProtocolError);
    expect(e.message).toMatch(/not a valid xs:boolean/);
    reply(200, "true");
    expect(await client().hasNewMail({})).toBe(true);
    reply(204, "");
    expect(await client().hasNewMail({})).toBeUndefined();
  });

  it("a binary body stands for a base64 result (GetEMailAsStream with Accept: octet-stream servers)", async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "application/octet-stream" });
      res.end(Buffer.from([0, 255, 10]));
    };
    const bytes = await client().getEMailAsStream({ MessageServerId: 1 });
    expect(bytes).toStrictEqual(Buffer.from([0, 255, 10]));
    reply(200, '"AP8K"');
    expect(await client().getEMailAsStream({ MessageServerId: 1 })).toStrictEqual(Buffer.from([0, 255, 10]));
  });

  it("rejects CR/LF in header values before sending, naming the header but never echoing the value", async () => {
    reply(204, "");
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => client({ auth: { scheme: "SOTicket", ticket: "7T:abc\r\nX-Injected: 1" } }).hasNewMail({}),
        "Authorization",
      ],
      [() => client().hasNewMail({}, { headers: { ApplicationToken: "tok\nX-Injected: 1" } }), "ApplicationToken"],
      [() => client().hasNewMail({}, { httpHeaders: { "Accept-Language": "en\r" } }), "Accept-Language"],
      [() => client().hasNewMail({}, { httpHeaders: { "X-Trace": "a\r\nb" } }), "X-Trace"],
      [() => client({ auth: { scheme: "Bearer", token: "t\u0000" } }).hasNewMail({}), "Authorization"],
    ];
    for (const [run, header] of cases) {
      const err = (await Promise.resolve()
        .then(run)
        .catch((e: unknown) => e)) as SerializationError;
      expect(err, header).toBeInstanceOf(SerializationError);
      expect(err.path).toContain(header);
      expect(err.message).toContain(header);
      expect(err.message).not.toMatch(/X-Injected|7T:abc|tok/);
    }
    // client-level HTTP headers fail at construction
    expect(() => client({ httpHeaders: { "X-Trace": "a\nb" } })).toThrow(SerializationError);
    expect(server.requests).toHaveLength(0);
  });

  it("timeout and abort: TransportError kinds timeout / aborted", async () => {
    server.handler = () => undefined; // never answers
    const t0 = performance.now();
    const timeout = (await client({ timeoutMs: 150 })
      .hasNewMail({})
      .catch((e: unknown) => e)) as TransportError;
    expect(timeout).toBeInstanceOf(TransportError);
    expect(timeout.kind).toBe("timeout");
    expect(performance.now() - t0).toBeLessThan(5_000);

    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const aborted = (await client()
      .hasNewMail({}, { signal: ac.signal })
      .catch((e: unknown) => e)) as TransportError;
    expect(aborted.kind).toBe("aborted");

    const pre = (await client()
      .hasNewMail({}, { signal: AbortSignal.abort() })
      .catch((e: unknown) => e)) as TransportError;
    expect(pre.kind).toBe("aborted");
    expect(pre.message).toMatch(/before it started/);

    // per-call deadline overrides the client's
    const perCall = (await client({ timeoutMs: 60_000 })
      .hasNewMail({}, { timeoutMs: 100 })
      .catch((e: unknown) => e)) as TransportError;
    expect(perCall.kind).toBe("timeout");
  });

  it("size limit and network errors", async () => {
    reply(200, JSON.stringify("x".repeat(5000)));
    const big = (await client({ maxResponseBytes: 1000 })
      .hasNewMail({})
      .catch((e: unknown) => e)) as TransportError;
    expect(big.kind).toBe("too-large");
    const spare = await startServer();
    await spare.close(); // a port nobody listens on
    const closed = (await emailOverRest({ baseUrl: `http://127.0.0.1:${spare.port}/x` })
      .hasNewMail({})
      .catch((e: unknown) => e)) as TransportError;
    expect(closed).toBeInstanceOf(TransportError);
    expect(closed.kind).toBe("network");
    expect(closed.message).toMatch(/ECONNREFUSED/);
  });

  it("hooks see the request line, redacted headers and body, and the response", async () => {
    reply(200, JSON.stringify([{ ServerId: 1, Subject: "s", Flags: "Seen", Sent: "2021-11-30T13:22:10" }]));
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const envelopes = await emailOverRest({
      baseUrl: `http://user:pw-SECRET@127.0.0.1:${server.port}/Cust1`,
      auth: { scheme: "Basic", username: "anne", password: "pw-SECRET" },
      applicationToken: APP_TOKEN,
      hooks: { onRequest: (e) => requests.push(e), onResponse: (e) => responses.push(e) },
    }).getEMailEnvelopes({
      ConnectionInfo: { ServerName: "imap", UserName: "anne", Password: "imap-SECRET", Folder: "INBOX", UseSSL: true },
      MessageServerIds: [1],
    });
    expect(envelopes).toStrictEqual([{ ServerId: 1, Subject: "s", Flags: ["Seen"], Sent: "2021-11-30T13:22:10" }]);
    const [req] = requests;
    expect(req!.method).toBe("POST");
    expect(new URL(req!.url).pathname).toBe("/Cust1/api/v1/Agents/EMail/GetEMailEnvelopes");
    expect(req!.httpHeaders["Authorization"]).toBe("***");
    expect(req!.httpHeaders["SO-AppToken"]).toBe("***");
    expect(req!.httpHeaders["Content-Type"]).toBe("application/json; charset=utf-8");
    expect(req!.body).toContain('"Password":"***"');
    expect(responses[0]!.status).toBe(200);
    const everything = JSON.stringify([requests, responses]);
    for (const secret of ["pw-SECRET", "imap-SECRET", APP_TOKEN, "YW5uZTpwdy1TRUNSRVQ="])
      expect(everything).not.toContain(secret);
    // the server did get them
    expect(server.requests[0]!.headers["so-apptoken"]).toBe(APP_TOKEN);
    expect(server.requests[0]!.body).toContain("imap-SECRET");
  });

  it("unknown operations and REST-less metadata are configuration errors", async () => {
    await expect(
      new ClientCore(EMailMetadata, { transport: restTransport({ baseUrl: base() }) }).invoke("Nope"),
    ).rejects.toThrow(SoapkitError);
    const { restAgent: _drop, ...noRest } = EMailMetadata;
    await expect(
      new ClientCore(noRest, { transport: restTransport({ baseUrl: base() }) }).invoke("HasNewMail", {}),
    ).rejects.toThrow(/no REST agent/);
    expect(() => restTransport({ baseUrl: "ftp://x" })).toThrow(/invalid REST base URL/);
  });
});

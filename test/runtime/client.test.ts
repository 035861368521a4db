import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ProtocolError,
  SerializationError,
  type ClientCore,
  SoapFaultError,
  SoapkitError,
  SuperOfficeError,
  TransportError,
  decodeBody,
  decodeHeaders,
  parseEnvelope,
  type RequestEvent,
  type ResponseEvent,
} from "../../runtime/index.js";
import { ACTION, TNS, demoMeta } from "./fixtures/demo.js";
import { soapCore, type SoapCoreOptions } from "../helpers/soap-core.js";
import { responseEnvelope, sendXml, startServer, type RecordedRequest, type TestServer } from "./fixtures/server.js";

interface DemoRequestHeaders {
  ApplicationToken?: string | null;
  Credentials?: { Ticket?: string | null } | null;
  TimeZone?: { SoTimeZoneId?: number; SoTimeZoneLocationCode?: string | null } | null;
}
interface DemoResponseHeaders {
  ExceptionInfo?: unknown;
  ExtraInfo?: { Key: string; Value: string | null }[] | null;
  Succeeded?: boolean;
  TimeZone?: unknown;
}

const SECRET_TICKET = "7T:c2VjcmV0LXRpY2tldA==";
const SECRET_TOKEN = "app-token-very-secret";

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

function client(
  options: SoapCoreOptions<DemoRequestHeaders> = {},
): ClientCore<DemoRequestHeaders, DemoResponseHeaders> {
  return soapCore<DemoRequestHeaders, DemoResponseHeaders>(demoMeta, { endpoint: server.url, ...options });
}

/** Decode what the server received. */
function received(
  req: RecordedRequest,
  operation: string,
): { headers: Record<string, unknown>; body: Record<string, unknown> } {
  const op = demoMeta.operations[operation]!;
  const env = parseEnvelope(req.body);
  return {
    headers: decodeHeaders(demoMeta, op.inputHeaders, env.header),
    body: decodeBody(demoMeta, op.input, env.firstBodyChild!),
  };
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SoapkitError);
    return e as Error;
  }
  throw new Error("expected the call to fail");
}

/** Assert that no secret appears anywhere in an error (message, fields, cause, inspect output). */
function expectNoSecrets(err: unknown, secrets: readonly string[]): void {
  const views = [String(err), JSON.stringify(err), inspect(err, { depth: 10, showHidden: true })];
  for (const view of views) for (const s of secrets) expect(view).not.toContain(s);
}

describe("ClientCore over SOAP: requests", () => {
  it("sends a SOAP 1.1 request and unwraps the result", async () => {
    server.handler = (_req, res) =>
      sendXml(res, responseEnvelope("GetEMail", { Response: { Id: 5, Subject: "s", Size: 2n ** 62n } }));
    const c = client({ headers: { ApplicationToken: "app", Credentials: { Ticket: "t1" } } });
    const { result, headers, status } = await c.invoke("GetEMail", { EMailId: 5 });
    expect(result).toEqual({ Id: 5, Subject: "s", Size: 2n ** 62n });
    expect(headers).toEqual({ Succeeded: true });
    expect(status).toBe(200);

    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/Demo.svc");
    expect(req.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(req.headers["soapaction"]).toBe(`"${ACTION}GetEMail"`);
    expect(
      req.body.startsWith(
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"',
      ),
    ).toBe(true);
    expect(req.body).toContain(
      "<soap:Header><tns:ApplicationToken>app</tns:ApplicationToken><tns:Credentials><tns:Ticket>t1</tns:Ticket></tns:Credentials></soap:Header>",
    );
    expect(received(req, "GetEMail").body).toEqual({ EMailId: 5 });
  });

  it("decodes a WCF-style response (default namespaces, i: prefix, whitespace, xsi:type)", async () => {
    const I = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance"';
    server.handler = (_req, res) =>
      sendXml(
        res,
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
  <s:Header>
    <ExceptionInfo i:nil="true" xmlns="${TNS}" ${I}/>
    <ExtraInfo xmlns="${TNS}" ${I}/>
    <Succeeded xmlns="${TNS}">true</Succeeded>
    <TimeZone i:nil="true" xmlns="${TNS}" ${I}/>
  </s:Header>
  <s:Body>
    <GetEMailResponse xmlns="${TNS}">
      <Response ${I}>
        <Id>7</Id>
        <Subject>Re: caf\u00e9 \u{1F600}</Subject>
        <Flags>Seen Answered</Flags>
        <Sent>2021-11-30T13:22:10</Sent>
        <Folders xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:int>1</a:int><a:int>2</a:int></Folders>
        <Owner i:type="PersonCarrier"><TableRight i:nil="true"/><PersonId>3</PersonId><Name>Ann</Name></Owner>
        <Attachments><Name>a.txt</Name><Stream>aGVsbG8=</Stream></Attachments>
      </Response>
    </GetEMailResponse>
  </s:Body>
</s:Envelope>`,
      );
    const { result, headers } = await client().invoke("GetEMail", { EMailId: 7 });
    expect(headers).toEqual({ ExceptionInfo: null, ExtraInfo: [], Succeeded: true, TimeZone: null });
    expect(result).toEqual({
      Id: 7,
      Subject: "Re: caf\u00e9 \u{1F600}",
      Flags: ["Seen", "Answered"],
      Sent: "2021-11-30T13:22:10",
      Folders: [1, 2],
      Owner: { $type: "PersonCarrier", TableRight: null, PersonId: 3, Name: "Ann" },
      Attachments: [{ Name: "a.txt", Stream: Buffer.from("hello") }],
    });
  });

  it("uses SOAP 1.2 when asked (action in Content-Type, no SOAPAction)", async () => {
    server.handler = (_req, res) =>
      sendXml(
        res,
        responseEnvelope("HasNewMail", { Response: true }, { Succeeded: true }, "1.2"),
        200,
        "application/soap+xml; charset=utf-8",
      );
    const c = client({ soapVersion: "1.2" });
    const { result } = await c.invoke("HasNewMail", undefined);
    expect(result).toBe(true);
    const req = server.requests[0]!;
    expect(req.headers["content-type"]).toBe(`application/soap+xml; charset=utf-8; action="${ACTION}HasNewMail"`);
    expect(req.headers["soapaction"]).toBeUndefined();
    expect(req.body).toContain('xmlns:soap="http://www.w3.org/2003/05/soap-envelope"');
    expect(req.body).not.toContain("<soap:Header>");
  });

  it("merges per-call headers over client headers part by part", async () => {
    server.handler = (_req, res) => sendXml(res, responseEnvelope("SaveEMail", {}));
    const c = client({
      headers: {
        ApplicationToken: "client-app",
        Credentials: { Ticket: "client-ticket" },
        TimeZone: { SoTimeZoneId: 1 },
      },
    });
    await c.invoke(
      "SaveEMail",
      {},
      { headers: { Credentials: { Ticket: "call-ticket" }, TimeZone: null, ApplicationToken: undefined } },
    );
    await c.invoke("SaveEMail", {});
    expect(received(server.requests[0]!, "SaveEMail").headers).toEqual({
      ApplicationToken: "client-app",
      Credentials: { Ticket: "call-ticket" },
      TimeZone: null,
    });
    // the client's own headers are unchanged by the previous call
    expect(received(server.requests[1]!, "SaveEMail").headers).toEqual({
      ApplicationToken: "client-app",
      Credentials: { Ticket: "client-ticket" },
      TimeZone: { SoTimeZoneId: 1 },
    });
  });

  it("is not affected by later mutation of the options object", async () => {
    server.handler = (_req, res) => sendXml(res, responseEnvelope("SaveEMail", {}));
    const headers: DemoRequestHeaders = { ApplicationToken: "a" };
    const c = client({ headers });
    headers.ApplicationToken = "b";
    await c.invoke("SaveEMail", {});
    expect(received(server.requests[0]!, "SaveEMail").headers).toEqual({ ApplicationToken: "a" });
  });

  it("keeps 200 concurrent calls with distinct tickets apart", async () => {
    server.handler = async (req, res) => {
      const { headers } = received(req, "Echo");
      const ticket = (headers.Credentials as { Ticket: string }).Ticket;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20)));
      sendXml(
        res,
        responseEnvelope(
          "Echo",
          { Response: ticket },
          { Succeeded: true, ExtraInfo: [{ Key: "ticket", Value: ticket }] },
        ),
      );
    };
    const c = client({ headers: { ApplicationToken: "shared" } });
    const calls = Array.from({ length: 200 }, (_, i) =>
      c.invoke("Echo", { Text: `call-${i}` }, { headers: { Credentials: { Ticket: `ticket-${i}` } } }),
    );
    const results = await Promise.all(calls);
    results.forEach((r, i) => {
      expect(r.result).toBe(`ticket-${i}`);
      expect(r.headers.ExtraInfo).toEqual([{ Key: "ticket", Value: `ticket-${i}` }]);
    });
    expect(server.requests).toHaveLength(200);
    for (const req of server.requests) {
      const { headers, body } = received(req, "Echo");
      expect(headers.ApplicationToken).toBe("shared");
      expect(`call-${(headers.Credentials as { Ticket: string }).Ticket.slice(7)}`).toBe(body.Text);
    }
  });

  it("returns undefined for void operations, the wrapper when not unwrapped, and handles one-way", async () => {
    server.handler = (req, res) => {
      if (req.headers["soapaction"] === `"${ACTION}GetTwo"`) {
        sendXml(res, responseEnvelope("GetTwo", { First: null, Second: 12n }));
      } else if (req.headers["soapaction"] === `"${ACTION}Notify"`) {
        res.writeHead(202);
        res.end();
      } else {
        sendXml(res, responseEnvelope("SaveEMail", {}));
      }
    };
    const c = client();
    expect((await c.invoke("SaveEMail", { EMail: { Id: 1 } })).result).toBeUndefined();
    expect((await c.invoke("GetTwo", {})).result).toEqual({ First: null, Second: 12n });
    const oneWay = await c.invoke("Notify", { Message: "m" });
    expect(oneWay.result).toBeUndefined();
    expect(oneWay.status).toBe(202);
  });

  it("sends custom HTTP headers but never lets them override Content-Type/SOAPAction", async () => {
    server.handler = (_req, res) => sendXml(res, responseEnvelope("SaveEMail", {}));
    const c = client({ httpHeaders: { "X-Client": "c", "content-type": "text/plain" } });
    await c.invoke("SaveEMail", {}, { httpHeaders: { "X-Call": "k", SOAPAction: "evil" } });
    const req = server.requests[0]!;
    expect(req.headers["x-client"]).toBe("c");
    expect(req.headers["x-call"]).toBe("k");
    expect(req.headers["content-type"]).toBe("text/xml; charset=utf-8");
    expect(req.headers["soapaction"]).toBe(`"${ACTION}SaveEMail"`);
  });

  it("asks for XML and compressed responses, and decodes gzip", async () => {
    const { gzipSync } = await import("node:zlib");
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": "gzip" });
      res.end(gzipSync(responseEnvelope("Echo", { Response: "z\u00fcrich ".repeat(1000) })));
    };
    const { result } = await client().invoke("Echo", { Text: "x" });
    expect(result).toBe("z\u00fcrich ".repeat(1000));
    const req = server.requests[0]!;
    expect(req.headers["accept"]).toBe("text/xml, application/soap+xml, application/xml;q=0.9, */*;q=0.1");
    expect(req.headers["accept-encoding"]).toBe("gzip, deflate");
    // callers can replace the defaults (case-insensitively)
    await client({ httpHeaders: { accept: "text/xml" } }).invoke("Echo", { Text: "x" });
    expect(server.requests[1]!.headers["accept"]).toBe("text/xml");
  });

  it("rejects bad input before sending, naming operation and path", async () => {
    const c = client();
    const err = await rejection(c.invoke("SaveEMail", { EMail: { Bogus: 1 } }));
    expect(err).toBeInstanceOf(SerializationError);
    expect(err.message).toMatch(
      /^SaveEMail: EMail\.Bogus: unknown property for type EMailEntity; expected one of: Id, Subject, Priority, /,
    );
    expect((err as SerializationError).operation).toBe("SaveEMail");
    const hdr = await rejection(c.invoke("SaveEMail", {}, { headers: { Ticket: "x" } as DemoRequestHeaders }));
    expect(hdr).toBeInstanceOf(SerializationError);
    expect((hdr as SerializationError).path).toBe("Ticket");
    const unknownOp = await rejection(c.invoke("Nope", {}));
    expect((unknownOp as SoapkitError).code).toBe("ERR_SOAP_UNKNOWN_OPERATION");
    expect(server.requests).toHaveLength(0);
  });

  it("rejects an invalid endpoint at construction", () => {
    expect(() => soapCore(demoMeta, { endpoint: "::not a url::" })).toThrow(/invalid endpoint URL/);
  });
});

describe("ClientCore over SOAP: errors", () => {
  it("raises SuperOfficeError from Succeeded=false with the InnerException chain", async () => {
    server.handler = (_req, res) =>
      sendXml(
        res,
        responseEnvelope(
          "GetEMail",
          { Response: null },
          {
            Succeeded: false,
            ExceptionInfo: {
              Message: "Outer failed",
              ExceptionType: "SoException",
              FriendlyText: "Something went wrong",
              Source: "NetServer",
              StackTrace: "at X",
              Parameters: [{ Key: "id", Value: "5" }],
              InnerException: {
                Message: "Inner cause",
                ExceptionType: "SqlException",
                InnerException: { Message: "Root" },
              },
            },
          },
        ),
      );
    const err = await rejection(client().invoke("GetEMail", { EMailId: 5 }));
    expect(err).toBeInstanceOf(SuperOfficeError);
    const so = err as SuperOfficeError;
    expect(so.message).toBe("Outer failed");
    expect(so.exceptionType).toBe("SoException");
    expect(so.friendlyText).toBe("Something went wrong");
    expect(so.source).toBe("NetServer");
    expect(so.remoteStackTrace).toBe("at X");
    expect(so.parameters).toEqual({ id: "5" });
    expect(so.operation).toBe("GetEMail");
    expect(so.inner?.message).toBe("Inner cause");
    expect(so.inner?.exceptionType).toBe("SqlException");
    expect(so.inner?.inner?.message).toBe("Root");
    expect(so.inner?.inner?.inner).toBeUndefined();
    expect(so.exceptionInfo.Message).toBe("Outer failed");
  });

  it("raises SoapFaultError for a 500 fault envelope", async () => {
    server.handler = (_req, res) =>
      sendXml(
        res,
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>`,
        500,
      );
    const err = await rejection(client().invoke("GetEMail", { EMailId: 1 }));
    expect(err).toBeInstanceOf(SoapFaultError);
    expect((err as SoapFaultError).status).toBe(500);
    expect((err as SoapFaultError).faultCode.local).toBe("Server");
    expect(err.message).toBe("GetEMail: SOAP fault s:Server: boom");
  });

  it("raises TransportError http for a 500 HTML page, with status and redacted snippet", async () => {
    server.handler = (_req, res) => {
      res.writeHead(500, { "Content-Type": "text/html" });
      res.end(`<html><body>Server Error<Ticket>${SECRET_TICKET}</Ticket></body></html>`);
    };
    const err = await rejection(client().invoke("GetEMail", { EMailId: 1 }));
    expect(err).toBeInstanceOf(TransportError);
    const te = err as TransportError;
    expect(te.kind).toBe("http");
    expect(te.status).toBe(500);
    expect(te.contentType).toBe("text/html");
    expect(te.message).toBe(`GetEMail: HTTP 500 from ${server.url} (HTML)`);
    expect(te.bodySnippet).toContain("Server Error<Ticket>***</Ticket>");
    expectNoSecrets(te, [SECRET_TICKET]);
  });

  it("raises TransportError http for other non-2xx responses (incl. redirects)", async () => {
    server.handler = (_req, res) => {
      res.writeHead(302, { Location: "http://127.0.0.1:1/elsewhere" });
      res.end();
    };
    const redirect = (await rejection(client().invoke("GetEMail", { EMailId: 1 }))) as TransportError;
    expect(redirect.kind).toBe("http");
    expect(redirect.status).toBe(302);
    server.handler = (_req, res) => sendXml(res, "<notsoap/>", 503);
    const unavailable = (await rejection(client().invoke("GetEMail", { EMailId: 1 }))) as TransportError;
    expect(unavailable.kind).toBe("http");
    expect(unavailable.status).toBe(503);
  });

  it("raises TransportError bad-response for a 200 HTML page", async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html><body>Login</body></html>");
    };
    const err = (await rejection(client().invoke("GetEMail", { EMailId: 1 }))) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe("bad-response");
    expect(err.status).toBe(200);
  });

  it("raises ProtocolError for 200 responses that are not valid SOAP", async () => {
    const cases: [(res: ServerResponse) => void, RegExp][] = [
      [(res) => sendXml(res, ""), /empty response body/],
      [
        (res) => sendXml(res, "<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Body>"),
        /malformed XML/,
      ],
      [(res) => sendXml(res, '{"a":1}', 200, "application/json"), /unexpected content type "application\/json"/],
      [
        (res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }, { Succeeded: true }, "1.2")),
        /expected a SOAP 1.1 envelope, got SOAP 1.2/,
      ],
      [(res) => sendXml(res, responseEnvelope("SaveEMail", {})), /expected body element .*GetEMailResponse/],
      [
        (res) =>
          sendXml(
            res,
            `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><GetEMailResponse xmlns="${TNS}"><Response><Id>x</Id></Response></GetEMailResponse></s:Body></s:Envelope>`,
          ),
        /Response\.Id: not a valid xs:int lexical form/,
      ],
      [
        (res) => sendXml(res, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
        /DOCTYPE is not allowed/,
      ],
    ];
    for (const [handler, re] of cases) {
      server.handler = (_req, res) => handler(res);
      const err = await rejection(client().invoke("GetEMail", { EMailId: 1 }));
      expect(err).toBeInstanceOf(ProtocolError);
      expect(err.message).toMatch(re);
      expect((err as ProtocolError).status).toBe(200);
      expect((err as ProtocolError).operation).toBe("GetEMail");
    }
  });

  it("times out with TransportError timeout (overall deadline)", async () => {
    server.handler = () => {
      /* never answer */
    };
    const c = client({ timeoutMs: 5_000 });
    const t0 = Date.now();
    const err = (await rejection(c.invoke("GetEMail", { EMailId: 1 }, { timeoutMs: 150 }))) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe("timeout");
    expect(err.message).toBe(`GetEMail: no response from ${server.url} within 150 ms`);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it("reports a trickling response that exceeds the deadline as timeout", async () => {
    server.handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/xml" });
      const timer = setInterval(() => res.write(" "), 20);
      res.on("close", () => clearInterval(timer));
    };
    const err = (await rejection(client({ timeoutMs: 200 }).invoke("GetEMail", { EMailId: 1 }))) as TransportError;
    expect(err.kind).toBe("timeout");
  });

  it("reports caller aborts as TransportError aborted", async () => {
    server.handler = () => {
      /* never answer */
    };
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const err = (await rejection(client().invoke("GetEMail", { EMailId: 1 }, { signal: ac.signal }))) as TransportError;
    expect(err.kind).toBe("aborted");
    const pre = (await rejection(
      client().invoke("GetEMail", { EMailId: 1 }, { signal: AbortSignal.abort() }),
    )) as TransportError;
    expect(pre.kind).toBe("aborted");
    expect(pre.message).toMatch(/aborted before it started/);
  });

  it("reports connection refused as TransportError network", async () => {
    const tmp = await startServer();
    const url = tmp.url;
    await tmp.close();
    const err = (await rejection(
      soapCore(demoMeta, { endpoint: url }).invoke("GetEMail", { EMailId: 1 }),
    )) as TransportError;
    expect(err).toBeInstanceOf(TransportError);
    expect(err.kind).toBe("network");
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.status).toBeUndefined();
  });

  it("reports a connection reset as TransportError network", async () => {
    server.handler = (_req, res) => {
      res.socket?.destroy();
    };
    const err = (await rejection(client().invoke("GetEMail", { EMailId: 1 }))) as TransportError;
    expect(err.kind).toBe("network");
    expect(err.message).toMatch(/socket hang up|ECONNRESET/);
  });

  it("reports responses above maxResponseBytes as TransportError too-large", async () => {
    server.handler = (_req, res) => sendXml(res, responseEnvelope("Echo", { Response: "x".repeat(50_000) }));
    const err = (await rejection(client({ maxResponseBytes: 10_000 }).invoke("Echo", { Text: "a" }))) as TransportError;
    expect(err.kind).toBe("too-large");
    expect(err.message).toMatch(/exceeds the limit of 10000 bytes/);
    const ok = await client({ maxResponseBytes: 100_000 }).invoke("Echo", { Text: "a" });
    expect((ok.result as string).length).toBe(50_000);
  });
});

describe("ClientCore over SOAP: secrets", () => {
  it("redacts tickets, tokens and credential headers in hook events", async () => {
    server.handler = (_req, res) =>
      sendXml(
        res,
        responseEnvelope("Echo", { Response: "ok" }, { Succeeded: true, ExtraInfo: [{ Key: "Ticket", Value: "v" }] }),
      );
    const requests: RequestEvent[] = [];
    const responses: ResponseEvent[] = [];
    const c = client({
      headers: { ApplicationToken: SECRET_TOKEN, Credentials: { Ticket: SECRET_TICKET } },
      httpHeaders: { Authorization: "SOTicket " + SECRET_TICKET, "SO-AppToken": SECRET_TOKEN },
      hooks: { onRequest: (e) => requests.push(e), onResponse: (e) => responses.push(e) },
    });
    await c.invoke("Echo", { Text: "hello" });
    expect(requests).toHaveLength(1);
    expect(responses).toHaveLength(1);
    const rq = requests[0]!;
    expect(rq.operation).toBe("Echo");
    expect(rq.url).toBe(server.url);
    expect(rq.transport).toBe("soap-http");
    expect(rq.body).toContain("<tns:Ticket>***</tns:Ticket>");
    expect(rq.body).toContain("<tns:ApplicationToken>***</tns:ApplicationToken>");
    expect(rq.body).toContain("<tns:Text>hello</tns:Text>");
    expect(rq.httpHeaders.Authorization).toBe("***");
    expect(rq.httpHeaders["SO-AppToken"]).toBe("***");
    expect(rq.httpHeaders.SOAPAction).toBe(`"${ACTION}Echo"`);
    const rs = responses[0]!;
    expect(rs.status).toBe(200);
    expect(rs.durationMs).toBeGreaterThanOrEqual(0);
    expect(rs.httpHeaders["content-type"]).toBe("text/xml; charset=utf-8");
    expect(rs.body).toContain("<tns:Response>ok</tns:Response>");
    const all = JSON.stringify([requests, responses]);
    for (const s of [SECRET_TICKET, SECRET_TOKEN]) expect(all).not.toContain(s);
    // the real request did carry the secrets
    expect(server.requests[0]!.body).toContain(SECRET_TICKET);
    expect(server.requests[0]!.headers.authorization).toBe("SOTicket " + SECRET_TICKET);
  });

  it("keeps secrets out of errors (messages, snippets, causes)", async () => {
    const endpoint = server.url.replace("http://", "http://user:pw-secret@") + "?token=query-secret";
    const opts = {
      endpoint,
      headers: { ApplicationToken: SECRET_TOKEN, Credentials: { Ticket: SECRET_TICKET } },
      httpHeaders: { Authorization: "Basic " + Buffer.from("user:pw-secret").toString("base64") },
    };
    const secrets = [
      SECRET_TICKET,
      SECRET_TOKEN,
      "pw-secret",
      "query-secret",
      Buffer.from("user:pw-secret").toString("base64"),
    ];

    // 200 with malformed XML echoing the ticket
    server.handler = (_req, res) => sendXml(res, `<a><Ticket>${SECRET_TICKET}</Ticket><b>`);
    const protocol = await rejection(client(opts).invoke("GetEMail", { EMailId: 1 }));
    expect(protocol).toBeInstanceOf(ProtocolError);
    expect((protocol as ProtocolError).bodySnippet).toContain("<Ticket>***</Ticket>");
    expectNoSecrets(protocol, secrets);

    // timeout carries the axios error only as a sanitised cause
    server.handler = () => {
      /* never answer */
    };
    const timeout = await rejection(client({ ...opts, timeoutMs: 100 }).invoke("GetEMail", { EMailId: 1 }));
    expect((timeout as TransportError).kind).toBe("timeout");
    expectNoSecrets(timeout, secrets);

    // fault detail echoing the ticket
    server.handler = (_req, res) =>
      sendXml(
        res,
        `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>bad</faultstring><detail><Ticket>${SECRET_TICKET}</Ticket></detail></s:Fault></s:Body></s:Envelope>`,
        500,
      );
    const faultErr = await rejection(client(opts).invoke("GetEMail", { EMailId: 1 }));
    expect(faultErr).toBeInstanceOf(SoapFaultError);
    expectNoSecrets(faultErr, secrets);

    // network error
    const tmp = await startServer();
    const deadUrl = tmp.url.replace("http://", "http://user:pw-secret@");
    await tmp.close();
    const network = await rejection(client({ ...opts, endpoint: deadUrl }).invoke("GetEMail", { EMailId: 1 }));
    expect((network as TransportError).kind).toBe("network");
    expectNoSecrets(network, secrets);
  });

  it("never shows URL credentials in hook events", async () => {
    server.handler = (_req, res) => sendXml(res, responseEnvelope("Echo", { Response: "ok" }));
    const events: unknown[] = [];
    const c = client({
      endpoint: server.url.replace("http://", "http://user:pw-secret@") + "?k=query-secret",
      hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) },
    });
    await c.invoke("Echo", { Text: "x" });
    expect(events).toHaveLength(2);
    expect((events[0] as RequestEvent).url).toBe(`${server.url}?…`);
    const all = JSON.stringify(events);
    expect(all).not.toContain("pw-secret");
    expect(all).not.toContain("query-secret");
    // axios turned the URL credentials into Basic auth on the wire
    expect(server.requests[0]!.headers.authorization).toBe("Basic " + Buffer.from("user:pw-secret").toString("base64"));
    expect(server.requests[0]!.url).toBe("/Demo.svc?k=query-secret");
  });

  it("ignores exceptions thrown by hooks", async () => {
    server.handler = (_req, res) => sendXml(res, responseEnvelope("Echo", { Response: "ok" }));
    const c = client({
      hooks: {
        onRequest: () => {
          throw new Error("hook failed");
        },
        onResponse: () => {
          throw new Error("hook failed");
        },
      },
    });
    expect((await c.invoke("Echo", { Text: "x" })).result).toBe("ok");
  });
});

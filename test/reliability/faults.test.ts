/**
 * Runtime fault matrix: the generated EMail client against real servers on 127.0.0.1 — the
 * emulator (node-soap) where the failure is one a SuperOffice service really produces, a
 * plain node:http server for hostile or broken ones. Every case must end in the right typed
 * error (class, kind, status), within a bounded time, without an unhandled rejection, and
 * without any secret set on the client (ticket, application token, Authorization header)
 * in the error (message, String, stack, JSON, util.inspect with causes), in hook events or
 * on the console.
 */
import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEMailClient, type EMailClient } from "../../generated/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { createEMailImplementation, EMailAgentStore, startEmulator, type Emulator } from "../../emulator/index.js";
import { soapFault } from "soapkit/mock";
import { ServiceException } from "soapkit/mock/superoffice";
import {
  ProtocolError,
  SoapFaultError,
  SoapkitError,
  soapHttpTransport,
  SuperOfficeError,
  TransportError,
  XmlParseError,
  type RequestEvent,
  type ResponseEvent,
  type TransportErrorKind,
} from "../../runtime/index.js";
import {
  closedPort,
  startHostileServer,
  trickle,
  type HostileServer,
  type Recorded,
} from "./helpers/hostile-server.js";
import { recordSection, type ResultRow } from "./helpers/results.js";

const APP_TOKEN = "app-token-SECRET-5b2e8c41";
const TICKET = "7T:SECRET-ticket-9d41aa0f==";
const BEARER = "Bearer SECRET-bearer-77c0e1";
const SECRETS = [APP_TOKEN, TICKET, BEARER, "SECRET-"];
const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
const S11 = "http://schemas.xmlsoap.org/soap/envelope/";
const S12 = "http://www.w3.org/2003/05/soap-envelope";
const PATH = "/Remote/Services84/EMail.svc";

let hostile: HostileServer;
let emulator: Emulator;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
const hookEvents: (RequestEvent | ResponseEvent)[] = [];
const consoleLines: string[] = [];
const rows: ResultRow[] = [];

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  for (const m of ["log", "info", "warn", "error", "debug", "trace"] as const) {
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 10 }))).join(" "));
    });
  }
  hostile = await startHostileServer();
  const store = new EMailAgentStore();
  const implementation = {
    ...createEMailImplementation(store),
    // AccountId selects the failure the emulator's service reports.
    SyncEmailAccount: (input: Record<string, unknown>) => {
      const id = (input["SyncUserAccount"] as { AccountId?: number } | undefined)?.AccountId;
      if (id === 1) throw soapFault("The database is not available");
      if (id === 2) {
        throw new ServiceException("Could not synchronize the account", {
          exceptionType: "SoException",
          friendlyText: "The mail account could not be synchronized.",
          parameters: { AccountId: "2" },
          inner: {
            Message: "The IMAP server refused the login",
            ExceptionType: "MailKit.Security.AuthenticationException",
            Source: "MailKit",
            StackTrace: "   at MailKit.Net.Imap.ImapClient.Authenticate()",
            FriendlyText: null,
            InnerException: {
              Message: "Connection closed by the remote host",
              ExceptionType: "System.IO.IOException",
              Source: "System",
              StackTrace: "   at System.Net.Sockets.NetworkStream.Read()",
              FriendlyText: null,
            },
          },
        });
      }
      return undefined;
    },
  };
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    services: [
      {
        metadata: loadMetadata(EMailMetadata),
        wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
        path: PATH,
        implementation,
      },
    ],
  });
});

afterAll(async () => {
  // Give stray promises a chance to reject before checking.
  await new Promise((r) => setTimeout(r, 300));
  process.off("unhandledRejection", onUnhandled);
  vi.restoreAllMocks();
  await hostile.close();
  await emulator.close();
  await recordSection("faults", {
    title: "Runtime fault matrix (generated EMail client, real servers on 127.0.0.1)",
    rows,
    notes: [
      "Every case: typed SoapkitError, no unhandled rejection, no secret (ticket, application token, Authorization) in message/String/stack/JSON/inspect, hook events or console.",
      "ms = time from the call to the rejection.",
    ],
  });
});

function client(
  endpoint: string,
  options: { timeoutMs?: number; maxResponseBytes?: number; soapVersion?: "1.2" } = {},
): EMailClient {
  const { maxResponseBytes, soapVersion } = options;
  return createEMailClient({
    transport: soapHttpTransport({
      endpoint,
      ...(maxResponseBytes !== undefined ? { maxResponseBytes } : {}),
      ...(soapVersion !== undefined ? { soapVersion } : {}),
    }),
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
    httpHeaders: { Authorization: BEARER },
    hooks: { onRequest: (e) => hookEvents.push(e), onResponse: (e) => hookEvents.push(e) },
    timeoutMs: options.timeoutMs ?? 5_000,
  });
}

/** Every view of an error a program or a log could produce. */
function errorViews(err: unknown): string[] {
  const e = err as Error;
  return [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 20, showHidden: true })];
}

function expectNoSecrets(err: unknown): void {
  for (const view of errorViews(err)) for (const s of SECRETS) expect(view, `secret ${s} leaked`).not.toContain(s);
  for (const ev of hookEvents) for (const s of SECRETS) expect(JSON.stringify(ev)).not.toContain(s);
  for (const line of consoleLines) for (const s of SECRETS) expect(line).not.toContain(s);
}

const okEnvelope = (
  body = `<GetReadySyncEmailAccountsResponse xmlns="${TNS}"><Response/></GetReadySyncEmailAccountsResponse>`,
) =>
  `<s:Envelope xmlns:s="${S11}"><s:Header><Succeeded xmlns="${TNS}">true</Succeeded></s:Header><s:Body>${body}</s:Body></s:Envelope>`;

const html = (status: number, title: string) =>
  `<!DOCTYPE html>\n<html><head><title>${status} ${title}</title></head><body><h1>${title}</h1><p>IIS 10.0 Detailed Error</p></body></html>`;

function sendHtml(res: ServerResponse, status: number, title: string): void {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8" });
  res.end(html(status, title));
}

const BOMB = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<s:Envelope xmlns:s="${S11}"><s:Body><GetReadySyncEmailAccountsResponse xmlns="${TNS}"><Response>&lol9;</Response></GetReadySyncEmailAccountsResponse></s:Body></s:Envelope>`;

type ErrorClass = typeof SoapFaultError | typeof SuperOfficeError | typeof TransportError | typeof ProtocolError;

interface FaultCase {
  readonly name: string;
  /** Where the call goes: the emulator, the hostile server with a handler, or a closed port. */
  readonly target: "emulator" | "refused" | ((res: ServerResponse, socket: Socket, req: Recorded) => void);
  /** The call (default: getReadySyncEmailAccounts). */
  readonly call?: (c: EMailClient, signal: AbortSignal | undefined) => Promise<unknown>;
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  /** SOAP version of the transport (default: the binding's 1.1). */
  readonly soapVersion?: "1.2";
  /** Abort the call after this many ms. */
  readonly abortAfterMs?: number;
  readonly expect: { readonly cls: ErrorClass; readonly kind?: TransportErrorKind; readonly status?: number };
  /** Bound on the time to the rejection (hang guard). */
  readonly withinMs?: number;
  /** At least this long (deadline cases must not fire early). */
  readonly notBeforeMs?: number;
  readonly check?: (err: SoapkitError) => void;
}

const getReady = (c: EMailClient, signal: AbortSignal | undefined) =>
  c.getReadySyncEmailAccounts({}, signal !== undefined ? { signal } : {});

const CASES: readonly FaultCase[] = [
  {
    name: "SOAP 1.1 fault (emulator, HTTP 500)",
    target: "emulator",
    call: (c) => c.syncEmailAccount({ SyncUserAccount: { AccountId: 1 } }),
    expect: { cls: SoapFaultError, status: 500 },
    check: (e) => {
      const f = e as SoapFaultError;
      expect(f.soapVersion).toBe("1.1");
      expect(f.faultCode.local).toBe("Server");
      expect(f.faultString).toBe("The database is not available");
      expect(f.operation).toBe("SyncEmailAccount");
    },
  },
  {
    name: "SOAP 1.2 fault with subcode (HTTP 400)",
    target: (res) => {
      res.writeHead(400, { "Content-Type": "application/soap+xml; charset=utf-8" });
      res.end(
        `<s:Envelope xmlns:s="${S12}" xmlns:a="http://www.w3.org/2005/08/addressing"><s:Body><s:Fault>` +
          `<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>a:InvalidTicket</s:Value></s:Subcode></s:Code>` +
          `<s:Reason><s:Text xml:lang="en-US">The ticket has expired</s:Text></s:Reason>` +
          `<s:Detail><Info xmlns="${TNS}"><Ticket>${TICKET}</Ticket></Info></s:Detail></s:Fault></s:Body></s:Envelope>`,
      );
    },
    soapVersion: "1.2",
    call: (c) => c.call("GetReadySyncEmailAccounts", {}),
    expect: { cls: SoapFaultError, status: 400 },
    check: (e) => {
      const f = e as SoapFaultError;
      expect(f.soapVersion).toBe("1.2");
      expect(f.faultCode.local).toBe("Sender");
      expect(f.subcodes.map((s) => s.local)).toEqual(["InvalidTicket"]);
      expect(f.reason).toBe("The ticket has expired");
      expect(f.detail).toContain("<Ticket>***</Ticket>"); // echoed ticket redacted in the detail
    },
  },
  {
    name: "Succeeded=false + ExceptionInfo, InnerException 2 deep (emulator)",
    target: "emulator",
    call: (c) => c.syncEmailAccount({ SyncUserAccount: { AccountId: 2 } }),
    expect: { cls: SuperOfficeError },
    check: (e) => {
      const s = e as SuperOfficeError;
      expect(s.message).toBe("Could not synchronize the account");
      expect(s.exceptionType).toBe("SoException");
      expect(s.parameters).toEqual({ AccountId: "2" });
      expect(s.inner?.message).toBe("The IMAP server refused the login");
      expect(s.inner?.exceptionType).toBe("MailKit.Security.AuthenticationException");
      expect(s.inner?.inner?.message).toBe("Connection closed by the remote host");
      expect(s.inner?.inner?.exceptionType).toBe("System.IO.IOException");
      expect(s.inner?.inner?.inner).toBeUndefined();
    },
  },
  {
    name: "ticket rejected by the service (emulator)",
    target: "emulator",
    call: (c) =>
      c.syncEmailAccount(
        { SyncUserAccount: { AccountId: 3 } },
        { headers: { Credentials: { Ticket: "7T:SECRET-revoked-ticket" } } },
      ),
    expect: { cls: SuperOfficeError },
    check: (e) => expect((e as SuperOfficeError).inner?.exceptionType).toMatch(/Security/),
  },
  ...(
    [
      [401, "Unauthorized"],
      [403, "Forbidden"],
      [404, "Not Found"],
      [500, "Internal Server Error"],
    ] as const
  ).map(([status, title]): FaultCase => ({
    name: `HTTP ${status} with an HTML body`,
    target: (res) => sendHtml(res, status, title),
    expect: { cls: TransportError, kind: "http", status },
    check: (e) => {
      expect((e as TransportError).contentType).toMatch(/text\/html/);
      expect(e.message).toContain(`HTTP ${status}`);
    },
  })),
  {
    name: "HTTP 302 redirect (not followed)",
    target: (res) => {
      res.writeHead(302, { Location: "http://127.0.0.1:1/elsewhere", "Content-Type": "text/html" });
      res.end("<html>moved</html>");
    },
    expect: { cls: TransportError, kind: "http", status: 302 },
  },
  {
    name: "HTTP 200 with an HTML body",
    target: (res) => sendHtml(res, 200, "Please sign in"),
    expect: { cls: TransportError, kind: "bad-response", status: 200 },
  },
  {
    name: "empty body (HTTP 200 text/xml)",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Length": "0" });
      res.end();
    },
    expect: { cls: ProtocolError, status: 200 },
    check: (e) => expect(e.message).toMatch(/empty response body/),
  },
  {
    name: "malformed XML",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(`<s:Envelope xmlns:s="${S11}"><s:Body><oops></s:Body></s:Envelope>`);
    },
    expect: { cls: ProtocolError, status: 200 },
    check: (e) => expect(e.cause).toBeInstanceOf(XmlParseError),
  },
  {
    name: "truncated body (complete HTTP response, envelope cut off)",
    target: (res) => {
      const full = okEnvelope();
      const cut = full.slice(0, Math.floor(full.length / 2));
      res.writeHead(200, {
        "Content-Type": "text/xml; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(cut)),
      });
      res.end(cut);
    },
    expect: { cls: ProtocolError, status: 200 },
    check: (e) => expect(e.cause).toBeInstanceOf(XmlParseError),
  },
  {
    name: "well-formed XML that is not a SOAP envelope",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "application/xml" });
      res.end(`<error><message>maintenance</message></error>`);
    },
    expect: { cls: ProtocolError, status: 200 },
  },
  {
    name: "wrong content type (application/json)",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(`{"Succeeded":true}`);
    },
    expect: { cls: ProtocolError, status: 200 },
    check: (e) => expect(e.message).toContain("application/json"),
  },
  {
    name: "connection refused (port bound, then closed)",
    target: "refused",
    expect: { cls: TransportError, kind: "network" },
    check: (e) => expect((e.cause as { code?: string }).code).toBe("ECONNREFUSED"),
  },
  {
    name: "connection reset mid-body",
    target: (res, socket) => {
      const full = okEnvelope(
        `<GetReadySyncEmailAccountsResponse xmlns="${TNS}"><Response>${"<SyncUserAccount><AccountId>1</AccountId></SyncUserAccount>".repeat(100)}</Response></GetReadySyncEmailAccountsResponse>`,
      );
      res.writeHead(200, {
        "Content-Type": "text/xml; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(full)),
      });
      res.write(full.slice(0, 1000));
      setTimeout(() => socket.destroy(), 30);
    },
    expect: { cls: TransportError, kind: "network" },
  },
  {
    name: "server never answers (timeoutMs 400)",
    target: () => undefined,
    timeoutMs: 400,
    expect: { cls: TransportError, kind: "timeout" },
    notBeforeMs: 380,
    withinMs: 3_000,
  },
  {
    name: "slow trickle, a byte every 100 ms (overall deadline 800 ms)",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.write(`<s:Envelope xmlns:s="${S11}"><s:Body>`);
      trickle(res, " ", 100);
    },
    timeoutMs: 800,
    expect: { cls: TransportError, kind: "timeout" },
    notBeforeMs: 780,
    withinMs: 3_000,
  },
  {
    name: "response over maxResponseBytes (Content-Length, 2 MB > 64 KiB)",
    target: (res) => {
      const big = okEnvelope(
        `<GetReadySyncEmailAccountsResponse xmlns="${TNS}"><Response>${"<SyncUserAccount><AccountId>1</AccountId></SyncUserAccount>".repeat(40_000)}</Response></GetReadySyncEmailAccountsResponse>`,
      );
      res.writeHead(200, {
        "Content-Type": "text/xml; charset=utf-8",
        "Content-Length": String(Buffer.byteLength(big)),
      });
      res.end(big);
    },
    maxResponseBytes: 64 * 1024,
    expect: { cls: TransportError, kind: "too-large" },
  },
  {
    name: "response over maxResponseBytes (chunked, endless)",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.write(`<s:Envelope xmlns:s="${S11}"><s:Body>`);
      trickle(res, "<x>".repeat(10_000), 1);
    },
    maxResponseBytes: 64 * 1024,
    expect: { cls: TransportError, kind: "too-large" },
  },
  {
    name: "gzip bomb (100 MB of zeros, 100 KB compressed; limit 1 MiB)",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8", "Content-Encoding": "gzip" });
      res.end(GZIP_BOMB);
    },
    maxResponseBytes: 1024 * 1024,
    expect: { cls: TransportError, kind: "too-large" },
  },
  {
    name: "entity expansion bomb in the response (DOCTYPE)",
    target: (res) => {
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(BOMB);
    },
    expect: { cls: ProtocolError, status: 200 },
    check: (e) => {
      expect(e.cause).toBeInstanceOf(XmlParseError);
      expect((e.cause as Error).message).toMatch(/DOCTYPE/);
    },
  },
  {
    name: "server echoes the ticket, token and Authorization in a fault (string and escaped request dump)",
    target: (res, _socket, req) => {
      const ticket = /<tns:Ticket>([^<]*)</.exec(req.body)?.[1] ?? "";
      res.writeHead(500, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(
        `<s:Envelope xmlns:s="${S11}"><s:Body><s:Fault><faultcode>s:Client</faultcode>` +
          `<faultstring>Ticket ${ticket} is not valid for ${req.headers["authorization"] ?? ""}</faultstring>` +
          `<detail><RequestDump>${escapeXml(req.body)}</RequestDump></detail></s:Fault></s:Body></s:Envelope>`,
      );
    },
    expect: { cls: SoapFaultError, status: 500 },
    check: (e) => expect((e as SoapFaultError).faultString).toBe("Ticket *** is not valid for Bearer ***"),
  },
  {
    name: "server echoes the ticket in ExceptionInfo (Succeeded=false)",
    target: (res, _socket, req) => {
      const ticket = /<tns:Ticket>([^<]*)</.exec(req.body)?.[1] ?? "";
      res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
      res.end(
        `<s:Envelope xmlns:s="${S11}"><s:Header><Succeeded xmlns="${TNS}">false</Succeeded>` +
          `<ExceptionInfo xmlns="${TNS}"><Message>Ticket ${ticket} has expired</Message><FriendlyText>Log in again</FriendlyText>` +
          `<InnerException><Message>lookup of ${ticket} failed</Message></InnerException></ExceptionInfo></s:Header>` +
          `<s:Body><GetReadySyncEmailAccountsResponse xmlns="${TNS}"/></s:Body></s:Envelope>`,
      );
    },
    expect: { cls: SuperOfficeError },
    check: (e) => {
      expect(e.message).toBe("Ticket *** has expired");
      expect((e as SuperOfficeError).inner?.message).toBe("lookup of *** failed");
    },
  },
  {
    name: "server echoes the request headers in an HTML error page",
    target: (res, _socket, req) => {
      res.writeHead(500, { "Content-Type": "text/html" });
      res.end(
        `<html><body><pre>Authorization: ${req.headers["authorization"] ?? ""}\n${escapeXml(req.body)}</pre></body></html>`,
      );
    },
    expect: { cls: TransportError, kind: "http", status: 500 },
    check: (e) => expect((e as TransportError).bodySnippet).toContain("Authorization: Bearer ***"),
  },
  {
    name: "aborted by the caller's AbortSignal while waiting",
    target: () => undefined,
    abortAfterMs: 150,
    expect: { cls: TransportError, kind: "aborted" },
    withinMs: 3_000,
  },
  {
    name: "AbortSignal already aborted (nothing is sent)",
    target: () => undefined,
    abortAfterMs: 0,
    expect: { cls: TransportError, kind: "aborted" },
  },
];

let GZIP_BOMB: Buffer;

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

describe("runtime fault matrix", () => {
  beforeAll(() => {
    GZIP_BOMB = gzipSync(Buffer.alloc(100 * 1024 * 1024), { level: 9 });
  });

  it("has at least 15 kinds of failure", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    let endpoint: string;
    if (c.target === "emulator") endpoint = emulator.endpoint(PATH);
    else if (c.target === "refused") endpoint = `http://127.0.0.1:${await closedPort()}${PATH}`;
    else {
      const serve = c.target;
      hostile.handler = (req, res, socket) => serve(res, socket, req);
      endpoint = `${hostile.url}${PATH}`;
    }
    const requestsBefore = hostile.requests.length;
    hookEvents.length = 0;
    const controller = c.abortAfterMs !== undefined ? new AbortController() : undefined;
    if (controller !== undefined) {
      if (c.abortAfterMs === 0) controller.abort();
      else setTimeout(() => controller.abort(), c.abortAfterMs);
    }
    const cl = client(endpoint, {
      ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
      ...(c.maxResponseBytes !== undefined ? { maxResponseBytes: c.maxResponseBytes } : {}),
      ...(c.soapVersion !== undefined ? { soapVersion: c.soapVersion } : {}),
    });
    const t0 = performance.now();
    const err = await (c.call ?? getReady)(cl, controller?.signal).then(
      () => undefined,
      (e: unknown) => e,
    );
    const ms = performance.now() - t0;

    expect(err, "the call must fail").toBeInstanceOf(SoapkitError);
    expect(err).toBeInstanceOf(c.expect.cls);
    const e = err as SoapkitError & { kind?: string; status?: number };
    if (c.expect.kind !== undefined) expect(e.kind).toBe(c.expect.kind);
    if (c.expect.status !== undefined) expect(e.status).toBe(c.expect.status);
    c.check?.(e);
    expect(ms).toBeLessThan(c.withinMs ?? 5_000);
    if (c.notBeforeMs !== undefined) expect(ms).toBeGreaterThanOrEqual(c.notBeforeMs);
    if (c.abortAfterMs === 0) expect(hostile.requests.length).toBe(requestsBefore);
    expectNoSecrets(err);

    rows.push({
      case: c.name,
      outcome: `${e.name}${e.kind !== undefined ? ` kind=${e.kind}` : ""}${e.status !== undefined ? ` status=${e.status}` : ""}`,
      ms: Math.round(ms),
    });
  });

  it("no unhandled rejection and no console output with secrets during the matrix", async () => {
    await new Promise((r) => setTimeout(r, 200));
    expect(unhandled).toEqual([]);
    for (const line of consoleLines) for (const s of SECRETS) expect(line).not.toContain(s);
  });
});

/**
 * Regression tests, one per finding of issue 10's "High" section (secrets in errors and
 * hooks). Each echoes a secret from a real server on 127.0.0.1 and looks for any 6-character
 * piece of it in the error (message, stack, JSON, util.inspect) and in the hook events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type TestServer } from "../runtime/fixtures/server.js";
import { errorViews, findLeak } from "./helpers/leaks.js";
import { htmlPage, soapReply, type Reply } from "./helpers/responses.js";
import { login, restClient, soapClient, type Creds } from "./helpers/clients.js";

const TICKET = "7T:Zm9vYmFyLXNlY3JldC10aWNrZXQtMDEyMzQ1Njc4OWFiY2RlZg0123456";
const APP_TOKEN = "Qz81xv0Lw77Kp2mNa9";
const PASSWORD = "Corr3ct-Horse-Battery-Staple!";

let server: TestServer;
let reply: Reply;
beforeAll(async () => {
  server = await startServer();
  server.handler = (_req, res) => {
    res.writeHead(reply.status, reply.headers);
    res.end(reply.body);
  };
});
afterAll(() => server.close());

const base = (): string => `http://127.0.0.1:${server.port}`;
const creds = (): Creds => ({ ticket: TICKET, appToken: APP_TOKEN, events: [] });

async function observed(run: () => Promise<unknown>, events: unknown[]): Promise<string> {
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  return `${err === undefined ? "(resolved)" : errorViews(err)}\n${JSON.stringify(events)}`;
}

function expectNoLeak(text: string, secrets: readonly string[]): void {
  expect(findLeak(text, secrets)).toBeUndefined();
}

describe("issue 10, High: secrets in errors and hooks", () => {
  it("authenticate(): a SOAP fault echoing the password (not a SuperOfficeError) does not show it", async () => {
    reply = soapReply("fault", PASSWORD, 0);
    const events: unknown[] = [];
    expectNoLeak(await observed(() => login(base(), PASSWORD, events), events), [PASSWORD]);
  });

  it("a Password field of a request (EMailConnectionInfo.Password) echoed in a fault is masked, also in onResponse", async () => {
    reply = soapReply("fault", PASSWORD, 0);
    const c = creds();
    const ConnectionInfo = { ServerName: "imap", UserName: "anne", Password: PASSWORD, Folder: "INBOX", UseSSL: true };
    const text = await observed(
      () => soapClient(base(), c).getEMailEnvelopes({ ConnectionInfo, MessageServerIds: [1] }),
      c.events,
    );
    expect(c.events.length).toBe(2);
    expectNoLeak(text, [PASSWORD]);
  });

  it("REST: an echoed ticket and token stay out of WebApiError.message, bodySnippet, stack and hooks", async () => {
    reply = {
      status: 500,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ ErrorType: "SoException", Message: `bad ${TICKET} ${APP_TOKEN}`, StackTrace: TICKET }),
    };
    const c = creds();
    expectNoLeak(await observed(() => restClient(base(), c).getReadySyncEmailAccounts({}), c.events), [
      TICKET,
      APP_TOKEN,
    ]);
    reply = { status: 502, headers: { "Content-Type": "text/html" }, body: htmlPage(`${TICKET} ${APP_TOKEN}`, 0) };
    const d = creds();
    expectNoLeak(await observed(() => restClient(base(), d).getReadySyncEmailAccounts({}), d.events), [
      TICKET,
      APP_TOKEN,
    ]);
  });

  it("SOAP: a ticket at the 200-character snippet cut leaves no piece of it in bodySnippet", async () => {
    for (let offset = 0; offset <= TICKET.length; offset += 7) {
      reply = { status: 500, headers: { "Content-Type": "text/html" }, body: htmlPage(TICKET, offset) };
      const c = creds();
      expectNoLeak(await observed(() => soapClient(base(), c).getReadySyncEmailAccounts({}), c.events), [TICKET]);
    }
  });

  it("SOAP: a decoder error on a ticket echoed into an xs:int field does not quote it", async () => {
    reply = soapReply("int-field", TICKET, 0);
    const c = creds();
    expectNoLeak(await observed(() => soapClient(base(), c).getReadySyncEmailAccounts({}), c.events), [TICKET]);
  });

  it("response headers in hooks are masked by value (x-debug-token), not only by name", async () => {
    reply = soapReply("header", APP_TOKEN, 0);
    const c = creds();
    expectNoLeak(await observed(() => soapClient(base(), c).getReadySyncEmailAccounts({}), c.events), [APP_TOKEN]);
  });

  it("escaped and split echoes (&#55;T:…, a comment inside, URL-encoded) are masked", async () => {
    const forms = [
      `&#55;${TICKET.slice(1)}`,
      `${TICKET.slice(0, 20)}<!-- -->${TICKET.slice(20)}`,
      encodeURIComponent(TICKET),
    ];
    for (const form of forms) {
      reply = soapReply("fault", form, 0);
      const c = creds();
      expectNoLeak(await observed(() => soapClient(base(), c).getReadySyncEmailAccounts({}), c.events), [TICKET]);
    }
  });
});

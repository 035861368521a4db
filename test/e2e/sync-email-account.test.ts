/**
 * End-to-end: the generated EMail client (generated/, from wsdl/) against the embedded
 * emulator on a real soap.listen server. Asserts the exact wire request of SyncEmailAccount.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient, type EMailRequestHeaders } from "../../generated/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { EMail } from "../../generated/index.js";
import { createEMailImplementation, EMailAgentStore, startEmulator, type Emulator } from "../../emulator/index.js";
import { nodeSoapView } from "../emulator/node-soap-view.js";
import { SuperOfficeError, loadMetadata, soapHttpTransport, type RequestEvent } from "../../runtime/index.js";

const APP_TOKEN = "app-token-1234567-1234-9876";
const TICKET = "7T:1234abcxyzExample==";
const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
const PATH = "/Remote/Services84/EMail.svc";

let emulator: Emulator;
let store: EMailAgentStore;

beforeAll(async () => {
  store = new EMailAgentStore();
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET, "7T:second"],
    services: [
      {
        metadata: loadMetadata(EMailMetadata),
        wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
        path: PATH,
        implementation: createEMailImplementation(store),
      },
    ],
  });
});
afterAll(() => emulator.close());

function client(headers: EMailRequestHeaders = { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } }) {
  return createEMailClient({ transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }), headers });
}

describe("SyncEmailAccount over SOAP 1.1", () => {
  it("sends exactly the expected envelope, SOAPAction and content type", async () => {
    emulator.clear();
    // keys deliberately out of schema order: the wire must follow xs:sequence order
    const result = await client().syncEmailAccount({
      SyncUserAccount: { AssociateId: 5, AssociateName: "ANNE", AccountId: 42 },
    });
    expect(result).toBeUndefined();

    const [call] = emulator.calls("SyncEmailAccount");
    expect(call).toBeDefined();
    expect(call!.outcome).toBe("ok");
    expect(call!.httpHeaders["soapaction"]).toBe(
      `"http://www.superoffice.net/ws/crm/NetServer/Services84/EMail/SyncEmailAccount"`,
    );
    expect(call!.httpHeaders["content-type"]).toBe("text/xml; charset=utf-8");
    expect(call!.rawRequest).toBe(
      `<?xml version="1.0" encoding="utf-8"?>` +
        `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:tns="${TNS}" xmlns:q1="http://schemas.microsoft.com/2003/10/Serialization/Arrays">` +
        `<soap:Header>` +
        `<tns:ApplicationToken>${APP_TOKEN}</tns:ApplicationToken>` +
        `<tns:Credentials><tns:Ticket>${TICKET}</tns:Ticket></tns:Credentials>` +
        `</soap:Header>` +
        `<soap:Body>` +
        `<tns:SyncEmailAccount>` +
        `<tns:SyncUserAccount><tns:AccountId>42</tns:AccountId><tns:AssociateName>ANNE</tns:AssociateName><tns:AssociateId>5</tns:AssociateId></tns:SyncUserAccount>` +
        `</tns:SyncEmailAccount>` +
        `</soap:Body>` +
        `</soap:Envelope>`,
    );
    // the server side decoded the same typed value (and its own node-soap parse agrees)
    expect(call!.input).toEqual({ SyncUserAccount: { AccountId: 42, AssociateName: "ANNE", AssociateId: 5 } });
    expect(call!.headers).toEqual({ ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } });
    const wsdl = await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8");
    const view = await nodeSoapView(wsdl, call!.rawRequest);
    expect(JSON.stringify(view.args)).toContain('"AccountId":42');
    expect(store.syncRecords.at(-1)?.account).toMatchObject({ AccountId: 42, AssociateId: 5, AssociateName: "ANNE" });
  });

  it("matches the seed sample's body: empty string and zeros are sent, not omitted", async () => {
    emulator.clear();
    await client().syncEmailAccount({ SyncUserAccount: { AccountId: 0, AssociateName: "", AssociateId: 0 } });
    const xml = emulator.calls("SyncEmailAccount")[0]!.rawRequest;
    expect(xml).toContain(
      "<tns:SyncUserAccount><tns:AccountId>0</tns:AccountId><tns:AssociateName/><tns:AssociateId>0</tns:AssociateId></tns:SyncUserAccount>",
    );
  });

  it("null is sent as xsi:nil, undefined is omitted", async () => {
    emulator.clear();
    // an explicit `undefined` (allowed at run time even where exactOptionalPropertyTypes forbids it)
    const account = { AccountId: 1, AssociateName: null, AssociateId: undefined } as unknown as EMail.SyncUserAccount;
    await client().syncEmailAccount({ SyncUserAccount: account });
    const xml = emulator.calls("SyncEmailAccount")[0]!.rawRequest;
    expect(xml).toContain(
      `<tns:SyncUserAccount><tns:AccountId>1</tns:AccountId><tns:AssociateName xsi:nil="true"/></tns:SyncUserAccount>`,
    );
  });

  it("per-call headers override the client's without leaking into other calls", async () => {
    emulator.clear();
    const c = client();
    await Promise.all([
      c.syncEmailAccount({ SyncUserAccount: { AccountId: 1 } }, { headers: { Credentials: { Ticket: "7T:second" } } }),
      c.syncEmailAccount({ SyncUserAccount: { AccountId: 2 } }),
    ]);
    const byAccount = new Map(
      emulator
        .calls("SyncEmailAccount")
        .map((r) => [((r.input as Record<string, unknown>)["SyncUserAccount"] as { AccountId: number }).AccountId, r]),
    );
    expect((byAccount.get(1)!.headers["Credentials"] as { Ticket: string }).Ticket).toBe("7T:second");
    expect((byAccount.get(2)!.headers["Credentials"] as { Ticket: string }).Ticket).toBe(TICKET);
    expect(byAccount.get(1)!.headers["ApplicationToken"]).toBe(APP_TOKEN);
  });

  it("returns typed response headers through call()", async () => {
    const { result, headers, status } = await client().call("SyncEmailAccount", { SyncUserAccount: { AccountId: 3 } });
    expect(result).toBeUndefined();
    expect(status).toBe(200);
    expect(headers.Succeeded).toBe(true);
  });

  it("a bad ticket becomes a typed SuperOfficeError (Succeeded=false + ExceptionInfo), without the ticket in the message", async () => {
    // Random-looking, like real tickets: secrets are masked by every 6-character fragment.
    const secret = "7T:bm90LWEtdmFsaWQ-SECRET";
    const err = await client({ ApplicationToken: APP_TOKEN, Credentials: { Ticket: secret } })
      .syncEmailAccount({ SyncUserAccount: { AccountId: 9 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SuperOfficeError);
    const e = err as SuperOfficeError;
    expect(e.operation).toBe("SyncEmailAccount");
    expect(e.exceptionType).toMatch(/Exception$/);
    expect(e.message).toMatch(/ticket/i);
    expect(`${e.message} ${e.stack ?? ""} ${JSON.stringify(e)}`).not.toContain(secret);
    expect(emulator.calls("SyncEmailAccount").at(-1)!.outcome).toBe("rejected");
  });

  it("redacts the ticket and the application token in the request hook", async () => {
    const events: RequestEvent[] = [];
    const c = createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
      headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
      hooks: { onRequest: (e) => events.push(e) },
    });
    await c.syncEmailAccount({ SyncUserAccount: { AccountId: 4 } });
    expect(events).toHaveLength(1);
    expect(events[0]!.body).toContain("<tns:Ticket>***</tns:Ticket>");
    expect(events[0]!.body).not.toContain(TICKET);
    expect(events[0]!.body).not.toContain(APP_TOKEN);
  });

  it("exports enum value lists and typed flags", () => {
    expect(EMail.EMailPriorityValues).toContain("High");
    const flags: EMail.EMailFlags = ["Seen", "Answered"];
    expect(flags).toHaveLength(2);
  });
});

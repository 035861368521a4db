/**
 * `startMock` on the generated EMail metadata, called by the generated client: typed handlers,
 * sample responses, recorded calls, faults, isolation between instances, port release.
 */
import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sampleOutput, startMock, soapFault, type MockServer } from "soapkit/mock";
import { createEMailClient, type EMailOperations } from "../../generated/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { SoapFaultError, loadMetadata, soapHttpTransport } from "@soapkit/runtime";

const TNS = "http://www.superoffice.net/ws/crm/NetServer/Services84";
const open: MockServer<EMailOperations>[] = [];

async function mock(seed?: number): Promise<MockServer<EMailOperations>> {
  const m = await startMock<EMailOperations>(EMailMetadata, seed === undefined ? {} : { seed });
  open.push(m);
  return m;
}

function client(m: MockServer<EMailOperations>) {
  return createEMailClient({
    transport: soapHttpTransport({ endpoint: m.endpoint() }),
    headers: { ApplicationToken: "app-token", Credentials: { Ticket: "7T:abc" } },
  });
}

afterEach(async () => {
  for (const m of open.splice(0)) await m.close();
});

describe("startMock with generated metadata", () => {
  it("serves the port on its WSDL address path and answers a typed handler", async () => {
    const m = await mock();
    expect(m.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(m.endpoint()).toBe(`${m.url}/Cust12345/Remote/Services84/EMail.svc`);
    m.handle("HasNewMail", (input, ctx) => {
      expect(ctx.operation).toBe("HasNewMail");
      return input.FolderId === 3 && ctx.headers["ApplicationToken"] === "app-token";
    });
    m.handle("SyncEmailAccount", () => undefined);
    const c = client(m);
    expect(await c.hasNewMail({ MailItemId: 1, FolderId: 3 })).toBe(true);
    await c.syncEmailAccount({ SyncUserAccount: { AssociateId: 5, AssociateName: "ANNE", AccountId: 42 } });

    expect(m.calls.map((x) => [x.operation, x.outcome, x.statusCode])).toEqual([
      ["HasNewMail", "ok", 200],
      ["SyncEmailAccount", "ok", 200],
    ]);
    const sync = m.callsOf("SyncEmailAccount")[0]!;
    expect(sync.input).toEqual({ SyncUserAccount: { AssociateId: 5, AssociateName: "ANNE", AccountId: 42 } });
    expect(sync.headers).toEqual({ ApplicationToken: "app-token", Credentials: { Ticket: "7T:abc" } });
    expect(sync.rawRequest).toContain(`<tns:SyncEmailAccount>`);
    expect(sync.rawResponse).toContain(`<tns:SyncEmailAccountResponse`);
    expect(sync.service).toBe("WcfEMailService");
    expect(sync.port).toBe("BasicHttpBinding_EMail");
  });

  it("answers without a handler with the seeded deterministic sample, equal to ctx.sample()", async () => {
    const a = await mock(7);
    const b = await mock(7);
    const c = await mock(8);
    const ra = await client(a).getEMail({ Id: 1 });
    const rb = await client(b).getEMail({ Id: 1 });
    const rc = await client(c).getEMail({ Id: 1 });
    expect(ra).toEqual(rb);
    expect(ra).not.toEqual(rc);
    let sample: unknown;
    a.handle("GetEMail", (_in, ctx) => {
      sample = ctx.sample();
      return ctx.sample() as never;
    });
    expect(await client(a).getEMail({ Id: 1 })).toEqual(ra);
    expect(sample).toEqual(ra);
    expect(ra!.To?.length).toBeGreaterThan(0);
  });

  it("answers a thrown soapFault as a SOAP fault and records it", async () => {
    const m = await mock();
    m.handle("GetEMail", () => {
      throw soapFault("no such mail", { code: "Client" });
    });
    const err = await client(m)
      .getEMail({ Id: 9 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapFaultError);
    expect((err as SoapFaultError).faultString).toBe("no such mail");
    expect((err as SoapFaultError).faultCode.local).toBe("Client");
    expect(m.calls[0]).toMatchObject({
      operation: "GetEMail",
      outcome: "fault",
      statusCode: 500,
      error: "no such mail",
    });
  });

  it("checks handler shapes at compile time", async () => {
    const m = await mock();
    m.handle("HasNewMail", () => false);
    // @ts-expect-error HasNewMail answers a boolean, not a string
    m.handle("HasNewMail", () => "yes");
    // @ts-expect-error no such operation
    expect(() => m.handle("NoSuchOperation", () => undefined)).toThrow(/NoSuchOperation/);
  });

  it("keeps instances apart and frees the port on close", async () => {
    const a = await mock();
    const b = await mock();
    const sample = sampleOutput(loadMetadata(EMailMetadata), "HasNewMail")!["Response"];
    a.handle("HasNewMail", () => !sample);
    expect(await client(a).hasNewMail({ FolderId: 1 })).toBe(!sample);
    expect(await client(b).hasNewMail({ FolderId: 1 })).toBe(sample); // no handler on b: the sample
    expect(a.calls).toHaveLength(1);
    expect(b.calls).toHaveLength(1);
    const port = Number(new URL(a.url).port);
    await a.close();
    open.splice(open.indexOf(a), 1);
    const again = net.createServer();
    await new Promise<void>((resolve, reject) => {
      again.once("error", reject);
      again.listen(port, "127.0.0.1", () => resolve());
    });
    await new Promise<void>((resolve) => again.close(() => resolve()));
  });

  it("reads expanded metadata too and answers ?wsdl with 404 when no document is known", async () => {
    const m = await startMock(loadMetadata(EMailMetadata));
    open.push(m as never);
    const res = await fetch(`${m.endpoint()}?wsdl`);
    expect(res.status).toBe(404);
    const bad = await fetch(m.endpoint(), {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8", soapaction: `"${TNS}/EMail/Nope"` },
      body: "<not-xml",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("<faultcode>soap:Client</faultcode>");
    expect(m.calls[0]!.outcome).toBe("invalid");
  });
});

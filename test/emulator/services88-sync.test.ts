/**
 * The Services88 EMail sync operations against the emulator: the generated Services88 client
 * calls SyncEmailAccount, SyncEmailAccounts, GetReadySyncEmailAccounts and GetEMailEnvelopes over
 * SOAP with Services88 namespaces and actions, and the emulator's EMail store records the syncs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as V88 from "../../generated/services88/index.js";
import { EMailAgentStore, startEmulator, type Emulator } from "../../emulator/index.js";
import { emailService } from "./email-service.js";
import { soapHttpTransport } from "../../runtime/index.js";

const APP_TOKEN = "app-token-S88-4471";
const TICKET = "7T:S88-sync-Kq2==";
const NS88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const PATH = "/Cust12345/Remote/Services88/EMail.svc";

let emulator: Emulator;
let store: EMailAgentStore;

beforeAll(async () => {
  store = new EMailAgentStore();
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    services: [await emailService(PATH, { store, version: "services88" })],
  });
});
afterAll(() => emulator.close());

function client() {
  return V88.createEMailClient({
    transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
  });
}

describe("Services88 EMail sync operations over SOAP", () => {
  it("SyncEmailAccount sends a Services88 envelope and the store records the sync", async () => {
    emulator.clear();
    const before = store.syncRecords.length;
    const result = await client().syncEmailAccount({
      SyncUserAccount: { AccountId: 88, AssociateName: "ANNE", AssociateId: 5 },
    });
    expect(result).toBeUndefined();
    const [call] = emulator.calls("SyncEmailAccount");
    expect(call!.outcome).toBe("ok");
    expect(call!.httpHeaders["soapaction"]).toBe(`"${NS88}/EMail/SyncEmailAccount"`);
    expect(call!.rawRequest).toContain(NS88);
    expect(call!.rawRequest).not.toContain("Services84");
    expect(call!.input).toEqual({ SyncUserAccount: { AccountId: 88, AssociateName: "ANNE", AssociateId: 5 } });
    expect(store.syncRecords.length).toBe(before + 1);
    expect(store.syncRecord(88)).toMatchObject({
      account: { AccountId: 88, AssociateName: "ANNE", AssociateId: 5 },
      syncCount: 1,
    });
  });

  it("SyncEmailAccounts and GetReadySyncEmailAccounts round-trip the accounts", async () => {
    await client().syncEmailAccounts({
      SyncUserAccounts: [
        { AccountId: 89, AssociateName: "BOB", AssociateId: 6 },
        { AccountId: 88, AssociateName: "ANNE", AssociateId: 5 },
      ],
    });
    expect(store.syncRecord(88)?.syncCount).toBe(2);
    const ready = await client().getReadySyncEmailAccounts({});
    expect(ready?.map((a) => [a?.AccountId, a?.AssociateName, a?.AssociateId])).toEqual([
      [88, "ANNE", 5],
      [89, "BOB", 6],
    ]);
  });

  it("GetEMailEnvelopes answers the envelopes of the asked server ids", async () => {
    const envelopes = await client().getEMailEnvelopes({ ConnectionInfo: null, MessageServerIds: [5002, 5001] });
    expect(envelopes?.map((e) => [e?.ServerId, e?.Subject])).toEqual([
      [5001, "Quarterly report"],
      [5002, "Lunch? (smørbrød & kaffe)"],
    ]);
    expect(emulator.calls("GetEMailEnvelopes").at(-1)?.httpHeaders["soapaction"]).toBe(
      `"${NS88}/EMail/GetEMailEnvelopes"`,
    );
  });

  it("a wrong ticket is refused the SuperOffice way", async () => {
    const bad = V88.createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
      headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: "7T:unknown" } },
    });
    await expect(bad.syncEmailAccount({ SyncUserAccount: { AccountId: 1 } })).rejects.toThrow();
    expect(emulator.calls("SyncEmailAccount").at(-1)?.outcome).toBe("rejected");
  });
});

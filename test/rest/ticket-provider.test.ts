/**
 * Issue 14, the ticket lifecycle against the emulator, over SOAP and REST: one login shared by
 * every call, exactly one re-login when a burst of 200 concurrent calls meets an expired ticket
 * (each refused call retried once and succeeding), renewal before the sliding 6-hour window
 * ends, and no retry for errors that are not about the ticket.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import {
  createSession,
  restTransport,
  soapHttpTransport,
  SuperOfficeError,
  ticketProvider,
  type TicketProvider,
} from "../../runtime/index.js";
import { loadMetadata } from "../../runtime/metadata/load.js";

const APP_TOKEN = "ticket-provider-app-token";
const EMAIL_PATH = "/Cust12345/Remote/Services84/EMail.svc";
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    services: [
      {
        metadata: loadMetadata(EMailMetadata),
        wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
        path: EMAIL_PATH,
        implementation: { SyncEmailAccount: () => ({}) },
      },
    ],
  });
});
afterAll(() => emulator?.close());

/** A provider whose login asks the emulator for a fresh ticket; `tickets` lists them in order. */
function provider(clock?: () => number): { p: TicketProvider; tickets: string[] } {
  const tickets: string[] = [];
  const p = ticketProvider({
    login: async () => {
      const ticket = emulator.issueTicket();
      tickets.push(ticket);
      return createSession(ticket, APP_TOKEN);
    },
    ...(clock === undefined ? {} : { now: clock }),
  });
  return { p, tickets };
}

const clients = {
  soap: (credentials: TicketProvider) =>
    createEMailClient({ transport: soapHttpTransport({ endpoint: emulator.endpoint(EMAIL_PATH) }), credentials }),
  rest: (credentials: TicketProvider) =>
    createEMailClient({ transport: restTransport({ baseUrl: `${emulator.url}/Cust12345` }), credentials }),
};
const SYNC = { SyncUserAccount: { AccountId: 1, AssociateId: 5, AssociateName: "ANNE" } };

describe.each(["soap", "rest"] as const)("ticketProvider over %s", (kind) => {
  it("200 concurrent calls after the ticket expired: exactly one re-login, every call succeeds", async () => {
    const { p, tickets } = provider();
    const client = clients[kind](p);
    await client.syncEmailAccount(SYNC);
    expect(p.logins).toBe(1);
    emulator.revokeTicket(tickets[0]!); // the server forgets it: expired
    emulator.clear();
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => client.syncEmailAccount(SYNC)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(p.logins).toBe(2);
    const outcomes = emulator.received.map((c) => c.outcome);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(200);
    expect(outcomes.filter((o) => o === "rejected").length).toBeGreaterThan(0);
  });

  it("renews before the sliding lifetime ends, without a refused call; use slides the window", async () => {
    let t = 0;
    const { p } = provider(() => t);
    const client = clients[kind](p);
    await client.syncEmailAccount(SYNC);
    t += 5 * 60 * 60 * 1000; // 5 h later: still fresh, and this use slides the window
    await client.syncEmailAccount(SYNC);
    t += 5 * 60 * 60 * 1000; // 10 h after login, 5 h after last use
    await client.syncEmailAccount(SYNC);
    expect(p.logins).toBe(1);
    emulator.clear();
    t += 6 * 60 * 60 * 1000; // unused for 6 h
    await client.syncEmailAccount(SYNC);
    expect(p.logins).toBe(2);
    expect(emulator.received.map((c) => c.outcome)).toEqual(["ok"]);
  });

  it("an error that is not about the ticket is not retried", async () => {
    const { p } = provider();
    const client = clients[kind](p);
    await client.syncEmailAccount(SYNC);
    emulator.clear();
    const e = await client.syncEmailAccount(SYNC, { headers: { ApplicationToken: "wrong-app-token" } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(SuperOfficeError);
    expect(p.logins).toBe(1);
    expect(emulator.received).toHaveLength(1);
  });
});

/**
 * Issue 14, tickets that expire at the emulator: a ticket lives 6 hours, sliding (each accepted
 * call restarts the window), by the emulator's clock; an expired one is refused the SuperOffice
 * way (SOAP: Succeeded=false + SoSessionException; REST: 401), which the ticket provider takes as
 * a rejection. 200 concurrent calls after expiry — through tenantTransport (state API) and
 * ticketProvider with the system-user login — cause exactly one login at the emulator, and every
 * call succeeds, over SOAP and over REST. No secret reaches a hook or an error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import type { Emulator } from "../../emulator/index.js";
import {
  createSession,
  isTicketRejection,
  restTransport,
  soapHttpTransport,
  SuperOfficeError,
  systemUserLogin,
  tenantResolver,
  tenantTransport,
  ticketProvider,
  WebApiError,
  type ClientHooks,
  type Transport,
} from "../../runtime/index.js";
import { CTX, loginOptions, SECRETS, startOnlineEmulator, ticketsSeen } from "./online-setup.js";

const HOUR = 3600_000;
const SYNC = { SyncUserAccount: { AccountId: 9, AssociateId: 5, AssociateName: "SYSTEM" } };
const transports = {
  soap: (root: string): Transport => soapHttpTransport({ endpoint: `${root}/Remote/Services84/EMail.svc` }),
  rest: (root: string): Transport => restTransport({ baseUrl: root }),
};
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startOnlineEmulator();
});
afterAll(() => emulator?.close());

/** Everything the hooks saw, as one string. */
function recordingHooks(): { hooks: ClientHooks; text: () => string } {
  const events: unknown[] = [];
  return {
    hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e), onRetry: (e) => events.push(e) },
    text: () => JSON.stringify(events),
  };
}

/** A client for the tenant, with a fixed ticket. */
function fixedTicketClient(kind: "soap" | "rest", ticket: string) {
  return createEMailClient({
    transport: transports[kind](`${emulator.url}/${CTX}`),
    headers: createSession(ticket, SECRETS.applicationToken).soapHeaders(),
  });
}

describe.each(["soap", "rest"] as const)("tickets over %s", (kind) => {
  it("live 6 hours, sliding; an expired one is refused as a ticket rejection", async () => {
    const ticket = emulator.issueTicket();
    const email = fixedTicketClient(kind, ticket);
    emulator.clock.advance(5 * HOUR);
    await email.syncEmailAccount(SYNC); // used at 5 h: the window restarts
    emulator.clock.advance(5 * HOUR);
    await email.syncEmailAccount(SYNC); // 10 h after issue, 5 h after use: still valid
    emulator.clock.advance(6 * HOUR + 1);
    const e = await email.syncEmailAccount(SYNC).catch((err: unknown) => err);
    if (kind === "soap") {
      expect(e).toBeInstanceOf(SuperOfficeError);
      expect((e as SuperOfficeError).exceptionType).toBe("SoSessionException");
    } else {
      expect(e).toBeInstanceOf(WebApiError);
      expect((e as WebApiError).status).toBe(401);
    }
    expect(isTicketRejection(e as SuperOfficeError)).toBe(true);
    expect(`${String(e)} ${JSON.stringify(e)}`).not.toContain(ticket);
    expect(emulator.tickets.isValid(ticket)).toBe(false);
  });

  it("200 concurrent calls after expiry: exactly one re-login at the emulator, every call succeeds", async () => {
    const logins = () => emulator.systemUser!.logins.filter((l) => l.ok).length;
    const provider = ticketProvider({ login: () => systemUserLogin(loginOptions(emulator, { via: kind })) });
    const resolver = tenantResolver({ contextIdentifier: CTX, stateBaseUrl: emulator.url });
    const { hooks, text } = recordingHooks();
    const email = createEMailClient({
      transport: tenantTransport(resolver, transports[kind]),
      credentials: provider,
      hooks,
    });
    const before = logins();
    await email.syncEmailAccount(SYNC);
    expect(logins() - before).toBe(1);

    // The provider's clock is real time: it does not know; the emulator refuses the ticket.
    emulator.clock.advance(6 * HOUR + 60_000);
    emulator.clear();
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => email.syncEmailAccount(SYNC)));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(logins() - before).toBe(2);
    expect(provider.logins).toBe(2);
    const outcomes = emulator.calls("SyncEmailAccount").map((c) => c.outcome);
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(200);
    expect(outcomes.filter((o) => o === "rejected")).toHaveLength(200); // all sent with the expired ticket
    expect(emulator.calls("SyncEmailAccount").every((c) => c.transport === kind)).toBe(true);

    const secrets = [...ticketsSeen(emulator), SECRETS.applicationToken, SECRETS.systemUserToken];
    expect(secrets.length).toBe(4); // two tickets, the app token, the system user token
    for (const s of secrets) expect(text()).not.toContain(s);
  });

  it("a provider on the emulator's clock renews just before expiry (6 h - 4 min): one login, no refused call", async () => {
    const provider = ticketProvider({
      login: () => systemUserLogin(loginOptions(emulator, { via: kind })),
      now: emulator.clock.now,
    });
    const email = createEMailClient({ transport: transports[kind](`${emulator.url}/${CTX}`), credentials: provider });
    await email.syncEmailAccount(SYNC);
    emulator.clock.advance(6 * HOUR - 4 * 60_000); // inside the provider's 5-minute margin, not yet expired
    emulator.clear();
    await Promise.all(Array.from({ length: 50 }, () => email.syncEmailAccount(SYNC)));
    expect(provider.logins).toBe(2);
    expect(emulator.calls("SyncEmailAccount").map((c) => c.outcome)).toEqual(Array(50).fill("ok"));
  });
});

/**
 * Tenant discovery against the emulator (issue 14): the SuperOffice profile serves the Online
 * state API (`GET /api/state/{contextId}`); the runtime's `tenantResolver` + `tenantTransport`
 * follow a tenant that moved (404 at the old root, re-resolved once) and refuse a tenant that is
 * not running with a typed error, without calling it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { emailService } from "./email-service.js";
import { TenantUnavailableError, nodeHttpTransport, tenantResolver, tenantTransport } from "../../runtime/index.js";

const APP_TOKEN = "app-token-tenant-7788";
const TICKET = "7T:tenant-ticket==";
const CTX = "Cust12345";

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    // the tenant lives on sod3 only; the state API first says sod2
    services: [await emailService(`/sod3/${CTX}/Remote/Services84/EMail.svc`)],
  });
});
afterAll(() => emulator.close());

function client(stateBaseUrl: string) {
  const resolver = tenantResolver({ contextIdentifier: CTX, stateBaseUrl });
  const transport = tenantTransport(resolver, (root) =>
    nodeHttpTransport({ endpoint: `${root}/Remote/Services84/EMail.svc` }),
  );
  const email = createEMailClient({
    transport,
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
  });
  return { resolver, email };
}

describe("the emulator's state API", () => {
  it("answers Endpoint, State, IsRunning and ValidUntil; an unknown tenant is a 404", async () => {
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/sod2/${CTX}` });
    const res = await fetch(`${emulator.url}/api/state/${CTX}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect({ ...body, ValidUntil: typeof body["ValidUntil"] }).toEqual({
      ContextIdentifier: CTX,
      Endpoint: `${emulator.url}/sod2/${CTX}`,
      State: "Running",
      IsRunning: true,
      ValidUntil: "string",
    });
    expect(Date.parse(body["ValidUntil"] as string)).toBeGreaterThan(Date.now());
    expect((await fetch(`${emulator.url}/api/state/Cust99999`)).status).toBe(404);
  });

  it("a moved tenant is followed: 404 at the old root, one re-resolve, the call succeeds at the new one", async () => {
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/sod2/${CTX}` });
    const { resolver, email } = client(emulator.url);
    expect((await resolver.resolve()).endpoint).toBe(`${emulator.url}/sod2/${CTX}`); // cached: sod2
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/sod3/${CTX}` }); // the tenant moves
    emulator.tenants.queries.clear();
    emulator.clear();
    expect(typeof (await email.hasNewMail({ MailItemId: 0, FolderId: 0 }))).toBe("boolean");
    expect(emulator.tenants.queries.get(CTX)).toBe(1);
    expect(emulator.calls("HasNewMail").map((c) => c.outcome)).toEqual(["ok"]);
  });

  it("a tenant that is not running is refused with TenantUnavailableError before any call", async () => {
    emulator.tenants.set(CTX, { endpoint: `${emulator.url}/sod3/${CTX}`, state: "OfflineMaintenance" });
    emulator.clear();
    const { email } = client(emulator.url);
    const err = await email.hasNewMail({ MailItemId: 0, FolderId: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TenantUnavailableError);
    expect((err as TenantUnavailableError).state).toBe("OfflineMaintenance");
    expect(emulator.received).toHaveLength(0);
  });
});

/**
 * Throttling against the emulator (issue 14): the emulator answers a burst with 429 +
 * `Retry-After` (the mock's failure injection under the SuperOffice profile); the generated
 * EMail client's retry policy completes every call within its deadline, each retry visible in
 * `hooks.onRetry`, and never repeats a non-safe operation after a 502 — while a safe one is.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { emailService } from "./email-service.js";
import { TransportError, nodeHttpTransport, type RetryEvent } from "../../runtime/index.js";

const APP_TOKEN = "app-token-throttle-5566";
const TICKET = "7T:throttled-ticket==";
const PATH = "/Remote/Services84/EMail.svc";
const BURST = 12;

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    validTickets: [TICKET],
    services: [await emailService(PATH)],
  });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.clear());

function client(retries: RetryEvent[], safe: readonly string[] = []) {
  return createEMailClient({
    transport: nodeHttpTransport({ endpoint: emulator.endpoint(PATH) }),
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
    retry: { attempts: BURST + 1, baseDelayMs: 5, maxDelayMs: 2_000, safe },
    hooks: { onRetry: (e) => retries.push(e) },
    timeoutMs: 10_000,
  });
}

describe("a throttled burst", () => {
  it("completes within the deadline: every 429 is retried after Retry-After, each retry visible", async () => {
    emulator.mock.fail("HasNewMail", { http: { status: 429, headers: { "Retry-After": "0" } }, times: BURST });
    const retries: RetryEvent[] = [];
    const email = client(retries);
    const results = await Promise.all(
      Array.from({ length: BURST }, () => email.hasNewMail({ MailItemId: 0, FolderId: 0 })),
    );
    expect(results).toHaveLength(BURST);
    expect(results.every((r) => typeof r === "boolean")).toBe(true);
    // one retry per throttled answer, all for 429, none for anything else
    expect(retries).toHaveLength(BURST);
    expect(new Set(retries.map((r) => `${r.operation} ${r.reason}`))).toEqual(new Set(["HasNewMail http 429"]));
    const received = emulator.calls("HasNewMail");
    expect(received.filter((c) => c.statusCode === 429)).toHaveLength(BURST);
    expect(received.filter((c) => c.outcome === "ok")).toHaveLength(BURST);
  });

  it("never repeats a non-safe operation after a 502; a safe one is repeated", async () => {
    const retries: RetryEvent[] = [];
    emulator.mock.fail("SyncEmailAccount", { http: { status: 502 }, times: 1 });
    const err = await client(retries)
      .syncEmailAccount({ SyncUserAccount: { AccountId: 7, AssociateName: "ANNE", AssociateId: 5 } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransportError);
    expect((err as TransportError).status).toBe(502);
    expect(emulator.calls("SyncEmailAccount")).toHaveLength(1);
    expect(retries).toEqual([]);

    emulator.mock.fail("HasNewMail", { http: { status: 502 }, times: 1 });
    await client(retries, ["HasNewMail"]).hasNewMail({ MailItemId: 0, FolderId: 0 });
    expect(retries.map((r) => `${r.operation} ${r.reason}`)).toEqual(["HasNewMail http 502"]);
    expect(emulator.calls("HasNewMail")).toHaveLength(2);
  });
});

/**
 * OIDC access tokens as credentials: `bearerProvider` puts `Authorization: Bearer` on REST calls,
 * refreshes through its callback before the token expires, and after a 401 refreshes once for
 * any number of refused calls, each of which is retried once. The token never shows in errors.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import { SoapkitError, bearerProvider, restTransport, type BearerToken } from "../../runtime/index.js";

let server: http.Server;
let baseUrl: string;
let valid = new Set<string>();
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const auth = req.headers.authorization ?? "";
      seen.push(auth);
      const ok = auth.startsWith("Bearer ") && valid.has(auth.slice(7));
      if (!ok || !req.url!.endsWith("/api/v1/Agents/EMail/HasNewMail")) {
        res.writeHead(401, { "content-type": "application/json" });
        res.end(JSON.stringify({ Error: "Unauthorized", ErrorType: "SoSessionException", Message: "token refused" }));
        return;
      }
      // let concurrent calls overlap before answering
      setTimeout(() => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end("true");
      }, 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/Cust12345`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function tokens() {
  let n = 0;
  const calls: (BearerToken | undefined)[] = [];
  const refresh = async (previous: BearerToken | undefined): Promise<BearerToken> => {
    calls.push(previous);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const accessToken = `8A:Cust12345.access-token-${++n}-Zq9`;
    valid.add(accessToken);
    return { accessToken, expiresAt: clock.now + 20 * 60_000 };
  };
  return { refresh, calls };
}
const clock = { now: 1_000_000 };

describe("bearerProvider", () => {
  it("sends the token, refreshes before expiry, and refreshes once for 50 calls refused together", async () => {
    valid = new Set();
    seen.length = 0;
    const t = tokens();
    const credentials = bearerProvider({ refresh: t.refresh, now: () => clock.now });
    const email = createEMailClient({ transport: restTransport({ baseUrl }), credentials });

    expect(await email.hasNewMail({ MailItemId: 1, FolderId: 0 })).toBe(true);
    expect(seen).toEqual(["Bearer 8A:Cust12345.access-token-1-Zq9"]);
    expect(credentials.refreshes).toBe(1);

    clock.now += 19.5 * 60_000; // within the 60 s margin of expiry: refreshed before the call
    await email.hasNewMail({ MailItemId: 1, FolderId: 0 });
    expect(credentials.refreshes).toBe(2);
    expect(t.calls[1]?.accessToken).toBe("8A:Cust12345.access-token-1-Zq9");

    valid.clear(); // the server revokes every token
    seen.length = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => email.hasNewMail({ MailItemId: 1, FolderId: 0 })),
    );
    expect(results.every((r) => r === true)).toBe(true);
    expect(credentials.refreshes).toBe(3);
    expect(seen.filter((a) => a.endsWith("-2-Zq9"))).toHaveLength(50);
    expect(seen.filter((a) => a.endsWith("-3-Zq9"))).toHaveLength(50);
  });

  it("starts from an initial token, and a token refused after its refresh fails the call without leaking it", async () => {
    valid = new Set(["8A:Cust12345.initial-token-Wk3"]);
    seen.length = 0;
    const credentials = bearerProvider({
      initial: { accessToken: "8A:Cust12345.initial-token-Wk3" },
      refresh: async () => ({ accessToken: "8A:Cust12345.refused-token-Wk3" }),
    });
    const email = createEMailClient({ transport: restTransport({ baseUrl }), credentials });
    expect(await email.hasNewMail({ MailItemId: 1, FolderId: 0 })).toBe(true);
    expect(credentials.refreshes).toBe(0);
    valid.clear();
    const err = await email.hasNewMail({ MailItemId: 1, FolderId: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapkitError);
    expect((err as { status?: number }).status).toBe(401);
    expect(credentials.refreshes).toBe(1);
    expect(seen).toEqual([
      "Bearer 8A:Cust12345.initial-token-Wk3",
      "Bearer 8A:Cust12345.initial-token-Wk3",
      "Bearer 8A:Cust12345.refused-token-Wk3",
    ]);
    expect(JSON.stringify({ m: (err as Error).message, s: (err as Error).stack })).not.toMatch(/token-Wk3/);
  });
});

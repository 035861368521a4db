/**
 * Issue 14, system-user login (SuperOffice CRM Online, server to server): signing with a PEM
 * and an RSA-XML key, the REST and SOAP exchanges, and a typed failure for each JWT check,
 * against a local partner system user service (test/helpers/system-user-server.ts).
 */
import { generateKeyPairSync } from "node:crypto";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SystemUserError, systemUserLogin, type SystemUserLoginOptions } from "../../runtime/index.js";
import { rsaXml, startSystemUserServer, type SystemUserServer } from "../helpers/system-user-server.js";

const partner = generateKeyPairSync("rsa", { modulusLength: 2048 });
const SECRETS = {
  applicationToken: "app-client-secret-4411",
  systemUserToken: "Soapkit Demo-pzqc70604i",
  ticket: "7T:MQA1ADEAOwAxADkAMAA=",
};
let server: SystemUserServer;

beforeAll(async () => {
  server = await startSystemUserServer({
    partnerPublicKey: partner.publicKey,
    applicationToken: SECRETS.applicationToken,
    systemUserToken: SECRETS.systemUserToken,
    contextIdentifier: "Cust12345",
    ticket: SECRETS.ticket,
  });
});
afterAll(() => server.close());

function options(over: Partial<SystemUserLoginOptions> = {}): SystemUserLoginOptions {
  return {
    loginBaseUrl: server.url,
    contextIdentifier: "Cust12345",
    applicationToken: SECRETS.applicationToken,
    systemUserToken: SECRETS.systemUserToken,
    privateKey: partner.privateKey.export({ format: "pem", type: "pkcs8" }) as string,
    ...over,
  };
}

async function failure(o: SystemUserLoginOptions): Promise<SystemUserError> {
  const e = await systemUserLogin(o).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SystemUserError);
  const text = `${String(e)} ${(e as Error).stack} ${JSON.stringify(e)}`;
  for (const s of Object.values(SECRETS)) expect(text).not.toContain(s);
  return e as SystemUserError;
}

describe("system-user login", () => {
  it("PEM key over REST: the ticket, endpoints and claims come from the validated JWT", async () => {
    const session = await systemUserLogin(options());
    expect(session.ticket).toBe(SECRETS.ticket);
    expect(session.soapHeaders()).toEqual({
      ApplicationToken: SECRETS.applicationToken,
      Credentials: { Ticket: SECRETS.ticket },
    });
    expect(session.netserverUrl).toBe("https://sod.superoffice.com/Cust12345/Remote/Services88/");
    expect(session.webapiUrl).toBe("https://sod.superoffice.com/Cust12345/api/");
    expect(session.contextIdentifier).toBe("Cust12345");
    expect(session.claims).not.toHaveProperty("http://schemes.superoffice.net/identity/ticket");
    expect(`${JSON.stringify(session)} ${inspect(session)}`).not.toContain(SECRETS.ticket);
    expect(server.logins.at(-1)).toEqual({ via: "rest", ok: true });
  });

  it("RSA-XML key over SOAP", async () => {
    const session = await systemUserLogin(options({ privateKey: rsaXml(partner.privateKey), via: "soap" }));
    expect(session.ticket).toBe(SECRETS.ticket);
    expect(server.logins.at(-1)).toEqual({ via: "soap", ok: true });
  });

  it("a key the service does not know: rejected, and the echoed signed token is masked", async () => {
    const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    for (const via of ["rest", "soap"] as const) {
      const e = await failure(options({ privateKey: rsaXml(other), via }));
      expect(e.reason).toBe("rejected");
      expect(e.message).toContain("invalid signed token ***");
    }
  });

  it.each([
    [
      "a tampered payload",
      "signature",
      {
        tamper: (j: string) => {
          // Same signature, another tenant in the claims.
          const [h, p, sig] = j.split(".") as [string, string, string];
          const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
          claims["http://schemes.superoffice.net/identity/ctx"] = "Cust666";
          return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`;
        },
      },
    ],
    [
      "an expired token",
      "expired",
      { mint: (c: Record<string, unknown>) => void (c.exp = Math.floor(Date.now() / 1000) - 3600) },
    ],
    ["a wrong audience", "audience", { mint: (c: Record<string, unknown>) => void (c.aud = "spn:999") }],
    ["a wrong issuer", "issuer", { mint: (c: Record<string, unknown>) => void (c.iss = "Mallory") }],
    [
      "an unknown key id",
      "key-not-found",
      { mint: (_c: unknown, h: Record<string, unknown>) => void (h.kid = "other") },
    ],
    [
      "alg none",
      "algorithm",
      { tamper: (j: string) => `${Buffer.from('{"alg":"none"}').toString("base64url")}.${j.split(".")[1]}.` },
    ],
    [
      "no ticket claim",
      "claims",
      { mint: (c: Record<string, unknown>) => void delete c["http://schemes.superoffice.net/identity/ticket"] },
    ],
  ] as const)("%s is a SystemUserError (%s)", async (_what, reason, change) => {
    const saved = server.options;
    server.options = { ...saved, ...change };
    try {
      expect((await failure(options())).reason).toBe(reason);
    } finally {
      server.options = saved;
    }
  });
});

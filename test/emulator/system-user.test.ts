/**
 * Issue 14, the system-user flow against the emulator: it verifies the signed system user token
 * against the partner's registered public key (PEM and RSA-XML private keys sign alike), checks
 * the application token, the tenant and the timestamp, and answers a JWT signed with its own key
 * (published at /login/.well-known/jwks) whose ticket then works for SyncEmailAccount over SOAP and
 * REST. A tampered, expired or wrong-audience JWT (test-only knobs) is a typed SystemUserError.
 */
import { inspect } from "node:util";
import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient } from "../../generated/index.js";
import type { Emulator } from "../../emulator/index.js";
import {
  restTransport,
  soapHttpTransport,
  SystemUserError,
  systemUserLogin,
  type SystemUserFailure,
  type SystemUserLoginOptions,
} from "../../runtime/index.js";
import type { SystemUserTestKnobs } from "soapkit/mock/superoffice";
import { rsaXml } from "../helpers/system-user-server.js";
import { startEmulator } from "../../emulator/index.js";
import { emailService } from "./email-service.js";
import { CTX, loginOptions, partner, partnerPem, SECRETS, startOnlineEmulator } from "./online-setup.js";

const CLAIMS = "http://schemes.superoffice.net/identity/";
const SYNC = { SyncUserAccount: { AccountId: 7, AssociateId: 5, AssociateName: "SYSTEM" } };
let emulator: Emulator;

beforeAll(async () => {
  emulator = await startOnlineEmulator();
});
afterAll(() => emulator?.close());

/** The login's error; it never carries a secret (nor the ticket the emulator put in the JWT). */
async function failure(o: SystemUserLoginOptions, alsoSecret: string[] = []): Promise<SystemUserError> {
  const e = await systemUserLogin(o).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SystemUserError);
  const text = `${String(e)} ${(e as Error).stack} ${JSON.stringify(e)} ${inspect(e)}`;
  for (const s of [...Object.values(SECRETS), partnerPem, ...alsoSecret]) expect(text).not.toContain(s);
  return e as SystemUserError;
}

describe("the emulator's partner system user service", () => {
  it("publishes its key set: one public RSA signing key, no private parts", async () => {
    const res = await fetch(`${emulator.url}/login/.well-known/jwks`);
    expect(res.status).toBe(200);
    const { keys } = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: "RSA", use: "sig", alg: "RS256", e: "AQAB" });
    expect(keys[0]).not.toHaveProperty("d");
    expect(String(keys[0]!["kid"])).toMatch(/^soapkit-emulator-/);
  });

  it("takes the partner's public key registered as .NET RSA XML (Modulus, Exponent)", async () => {
    const jwk = partner.publicKey.export({ format: "jwk" });
    const b64 = (v: string | undefined): string => Buffer.from(v ?? "", "base64url").toString("base64");
    const xml = `<RSAKeyValue><Modulus>${b64(jwk.n)}</Modulus><Exponent>${b64(jwk.e)}</Exponent></RSAKeyValue>`;
    const other = await startEmulator({
      applicationToken: SECRETS.applicationToken,
      services: [await emailService(`/${CTX}/Remote/Services88/EMail.svc`)],
      systemUser: { partnerPublicKey: xml, systemUserTokens: { [CTX]: SECRETS.systemUserToken } },
    });
    try {
      const session = await systemUserLogin(loginOptions(other, { privateKey: rsaXml(partner.privateKey) }));
      expect(session.ticket).toMatch(/^7T:/);
      expect(session.netserverUrl).toBe(`${other.url}/${CTX}/Remote/Services88/`); // the default path
      expect(other.systemUser!.logins.map((l) => l.ok)).toEqual([true]);
    } finally {
      await other.close();
    }
  });

  it("answers malformed requests like the service: 400 (REST JSON), a SOAP Client fault, 405 for GET", async () => {
    const rest = `${emulator.url}/Login/api/PartnerSystemUser/Authenticate`;
    const bad = await fetch(rest, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect([bad.status, ((await bad.json()) as { Message: string }).Message]).toEqual([
      400,
      "The request body is not a JSON object.",
    ]);
    expect((await fetch(rest)).status).toBe(405);
    const soap = await fetch(`${emulator.url}/login/services/PartnerSystemUserService.svc`, {
      method: "POST",
      headers: { "content-type": "text/xml; charset=utf-8" },
      body: "<not-an-envelope/>",
    });
    expect(soap.status).toBe(500);
    expect(await soap.text()).toContain("<faultcode>s:Client</faultcode>");
  });

  it("PEM key over REST → ticket → SyncEmailAccount over SOAP at the netserver_url claim", async () => {
    const before = emulator.systemUser!.logins.length;
    const session = await systemUserLogin(loginOptions(emulator));
    expect(session.ticket).toMatch(/^7T:/);
    expect(session.contextIdentifier).toBe(CTX);
    expect(session.netserverUrl).toBe(`${emulator.url}/${CTX}/Remote/Services84/`);
    expect(session.webapiUrl).toBe(`${emulator.url}/${CTX}/api/`);
    expect(session.claims).toMatchObject({ iss: "SuperOffice AS", aud: "spn:1801550193" });
    expect(session.claims).not.toHaveProperty(`${CLAIMS}ticket`);
    expect(emulator.systemUser!.logins.slice(before)).toEqual([
      { via: "rest", contextIdentifier: CTX, ok: true, at: expect.any(Number) as number },
    ]);
    const email = createEMailClient({
      transport: soapHttpTransport({ endpoint: `${session.netserverUrl}EMail.svc` }),
      headers: session.soapHeaders(),
    });
    const { headers } = await email.call("SyncEmailAccount", SYNC);
    expect(headers.Succeeded).toBe(true);
    const call = emulator.calls("SyncEmailAccount").at(-1)!;
    expect([call.transport, call.outcome]).toEqual(["soap", "ok"]);
    expect((call.headers["Credentials"] as { Ticket: string }).Ticket).toBe(session.ticket);
  });

  it("RSA-XML key over SOAP → ticket → SyncEmailAccount over REST at the webapi_url claim", async () => {
    const session = await systemUserLogin(
      loginOptions(emulator, { privateKey: rsaXml(partner.privateKey), via: "soap" }),
    );
    expect(emulator.systemUser!.logins.at(-1)).toMatchObject({ via: "soap", ok: true });
    const rest = createEMailClient({
      transport: restTransport({ baseUrl: session.webapiUrl!.replace(/\/api\/$/, "") }),
      headers: session.soapHeaders(),
    });
    expect(await rest.syncEmailAccount(SYNC)).toBeUndefined();
    const call = emulator.calls("SyncEmailAccount").at(-1)!;
    expect([call.transport, call.outcome, call.statusCode]).toEqual(["rest", "ok", 204]);
  });

  it.each([
    [
      "another partner's key",
      () => ({ privateKey: rsaXml(generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey) }),
      /signature .* does not verify/,
    ],
    ["a wrong application token", () => ({ applicationToken: "not-the-client-secret" }), /Invalid application token/],
    ["an unknown tenant", () => ({ contextIdentifier: "Cust99999" }), /Unknown context identifier 'Cust99999'/],
    ["another tenant's system user token", () => ({ systemUserToken: "Other App-abc" }), /not valid for this tenant/],
    [
      "a stale timestamp (10 minutes old)",
      () => ({ now: () => new Date(emulator.clock.now() - 10 * 60_000) }),
      /timestamp is too far/,
    ],
  ] as const)("refuses %s (rest and soap), and says why without a secret", async (_what, over, why) => {
    for (const via of ["rest", "soap"] as const) {
      const before = emulator.systemUser!.logins.length;
      const e = await failure(loginOptions(emulator, { ...over(), via }), ["not-the-client-secret", "Other App-abc"]);
      expect(e.reason).toBe("rejected");
      expect(e.message).toMatch(why);
      const records = emulator.systemUser!.logins.slice(before);
      expect(records).toEqual([
        expect.objectContaining({ via, ok: false, error: expect.stringMatching(why) as string }),
      ]);
      expect(JSON.stringify(records)).not.toContain(SECRETS.systemUserToken);
    }
  });

  const brokenJwts: [string, SystemUserFailure, SystemUserTestKnobs][] = [
    [
      "a tampered JWT",
      "signature",
      {
        tamper: (jwt) => {
          const [h, p, s] = jwt.split(".") as [string, string, string];
          const claims = JSON.parse(Buffer.from(p, "base64url").toString()) as Record<string, unknown>;
          claims[`${CLAIMS}associateid`] = "1"; // same signature, more rights
          return `${h}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${s}`;
        },
      },
    ],
    ["an expired JWT", "expired", { mint: (c) => void (c["exp"] = Math.floor(emulator.clock.now() / 1000) - 3600) }],
    ["a wrong-audience JWT", "audience", { mint: (c) => void (c["aud"] = "spn:666") }],
  ];
  it.each(brokenJwts)(
    "%s is rejected with SystemUserError (%s), the ticket in it never shown",
    async (_what, reason, knob) => {
      const tickets: string[] = [];
      emulator.systemUser!.testOnly = {
        ...knob,
        mint: (claims, header) => {
          tickets.push(String(claims[`${CLAIMS}ticket`]));
          knob.mint?.(claims, header);
        },
      };
      try {
        for (const via of ["rest", "soap"] as const) {
          const e = await failure(loginOptions(emulator, { via }), tickets);
          expect(e.reason).toBe(reason);
          expect(e.code).toBe("ERR_SYSTEM_USER");
        }
        expect(tickets).toHaveLength(2);
      } finally {
        emulator.systemUser!.testOnly = {};
      }
    },
  );
});

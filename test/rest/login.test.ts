/**
 * Ticket login through the GENERATED SoPrincipal client, then the same ticket on both
 * transports: login → ticket → SyncEmailAccount over SOAP and over REST; a wrong password
 * and a revoked ticket give typed errors over both, and no secret leaks into errors.
 */
import { readFile } from "node:fs/promises";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEMailClient, createSoPrincipalClient } from "../../generated/index.js";
import { SoPrincipalRestMetadata, soPrincipalOverRest } from "./helpers/so-principal-rest.js";
import { emailOverRest } from "./helpers/rest-client.js";
import { EMailAgentStore, createEMailImplementation, startEmulator, type Emulator } from "../../emulator/index.js";
import {
  AuthenticationError,
  SuperOfficeError,
  WebApiError,
  authenticate,
  soapHttpTransport,
  type RequestEvent,
} from "../../runtime/index.js";
import { EMailMetadata } from "../../generated/email/metadata.js";
import { loadMetadata } from "../../runtime/metadata/load.js";

const APP_TOKEN = "login-app-token";
const PASSWORD = "correct horse battery staple";
const EMAIL_PATH = "/Cust12345/Remote/Services84/EMail.svc";

let emulator: Emulator;
const store = new EMailAgentStore();

beforeAll(async () => {
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    users: [{ userName: "anne", password: PASSWORD, associateId: 5, fullName: "Anne Admin" }],
    services: [
      {
        metadata: loadMetadata(EMailMetadata),
        wsdlXml: await readFile(new URL("../../wsdl/services84/EMail.wsdl", import.meta.url), "utf8"),
        path: EMAIL_PATH,
        implementation: createEMailImplementation(store),
      },
      {
        metadata: loadMetadata(SoPrincipalRestMetadata),
        wsdlXml: await readFile(new URL("../../wsdl/services84/SoPrincipal.wsdl", import.meta.url), "utf8"),
        path: "/Cust12345/Remote/Services84/SoPrincipal.svc",
        implementation: {},
      },
    ],
  });
});
afterAll(() => emulator?.close());

const baseUrl = (): string => `${emulator.url}/Cust12345`;

describe("login → ticket → both transports", () => {
  it("logs in through the generated SoPrincipal SOAP client and syncs over SOAP and REST with the same ticket", async () => {
    const soapEvents: RequestEvent[] = [];
    const session = await authenticate({
      baseUrl: baseUrl(),
      servicesVersion: "Services84",
      username: "anne",
      password: PASSWORD,
      applicationToken: APP_TOKEN,
      createClient: createSoPrincipalClient,
      hooks: { onRequest: (e) => soapEvents.push(e) },
    });
    expect(session.ticket).toMatch(/^7T:/);
    expect(session.associateId).toBe(5);
    expect(session.associate).toBe("ANNE");
    // the login went through the generated client's AuthenticateUsernamePassword
    expect(emulator.calls("AuthenticateUsernamePassword")[0]!.transport).toBe("soap");
    expect(soapEvents[0]!.body).toContain("<tns:Password>***</tns:Password>");
    expect(JSON.stringify(soapEvents)).not.toContain(PASSWORD);
    // the session does not print its secrets
    expect(JSON.stringify(session)).not.toContain(session.ticket);
    expect(inspect(session)).not.toContain(session.ticket);
    expect(`${JSON.stringify({ ...session })}`).not.toContain(session.ticket);
    expect(`${JSON.stringify({ ...session })} ${JSON.stringify(session)} ${inspect(session)}`).not.toContain(APP_TOKEN);
    expect(session.applicationToken).toBe(APP_TOKEN);

    const soap = createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(EMAIL_PATH) }),
      headers: session.soapHeaders(),
    });
    const rest = emailOverRest({ baseUrl: baseUrl(), auth: session.restAuth, applicationToken: APP_TOKEN });
    emulator.clear();
    await soap.syncEmailAccount({ SyncUserAccount: { AccountId: 11, AssociateName: "ANNE", AssociateId: 5 } });
    await rest.syncEmailAccount({ SyncUserAccount: { AccountId: 12, AssociateName: "ANNE", AssociateId: 5 } });
    const [overSoap, overRest] = emulator.calls("SyncEmailAccount");
    expect(overSoap!.transport).toBe("soap");
    expect(overRest!.transport).toBe("rest");
    expect(overSoap!.headers).toStrictEqual({ ApplicationToken: APP_TOKEN, Credentials: { Ticket: session.ticket } });
    expect(overRest!.headers).toStrictEqual(overSoap!.headers);
    expect(overRest!.httpHeaders["authorization"]).toBe(`SOTicket ${session.ticket}`);
    expect([overSoap!.outcome, overRest!.outcome]).toEqual(["ok", "ok"]);
    expect(store.syncRecord(11)?.syncCount).toBe(1);
    expect(store.syncRecord(12)?.syncCount).toBe(1);

    // the same agent interface for both: one function, either transport
    const both = [soap, rest] as const;
    const results = await Promise.all(both.map((agent) => agent.getReadySyncEmailAccounts({})));
    expect(results[1]).toStrictEqual(results[0]);
  });

  it("also logs in through the generated SoPrincipal REST client", async () => {
    const session = await authenticate({
      client: soPrincipalOverRest({ baseUrl: baseUrl(), applicationToken: APP_TOKEN }),
      username: "ANNE",
      password: PASSWORD,
    });
    expect(session.ticket).toMatch(/^7T:/);
    expect(emulator.calls("AuthenticateUsernamePassword").at(-1)!.transport).toBe("rest");
    await emailOverRest({ baseUrl: baseUrl(), auth: session.restAuth, applicationToken: APP_TOKEN }).hasNewMail({
      MailItemId: 0,
      FolderId: 0,
    });
  });

  it("a wrong password is an AuthenticationError over both transports, without the password anywhere", async () => {
    const wrong = "wrong-password-SECRET";
    const viaSoap = await authenticate({
      baseUrl: baseUrl(),
      servicesVersion: "Services84",
      username: "anne",
      password: wrong,
      applicationToken: APP_TOKEN,
      createClient: createSoPrincipalClient,
    }).catch((e: unknown) => e);
    const viaRest = await authenticate({
      client: soPrincipalOverRest({ baseUrl: baseUrl(), applicationToken: APP_TOKEN }),
      username: "anne",
      password: wrong,
    }).catch((e: unknown) => e);
    for (const err of [viaSoap, viaRest]) {
      expect(err).toBeInstanceOf(AuthenticationError);
      expect(err).toBeInstanceOf(SuperOfficeError);
      const e = err as AuthenticationError;
      expect(e.code).toBe("ERR_AUTHENTICATION");
      expect(e.operation).toBe("AuthenticateUsernamePassword");
      expect(e.exceptionType).toBe("SuperOffice.CRM.Security.SoSecurityException");
      expect(e.inner?.exceptionType).toBe("SuperOffice.CRM.Security.SoAuthenticationException");
      expect(`${e.message} ${e.stack ?? ""} ${JSON.stringify(e)} ${inspect(e, { depth: 5 })}`).not.toContain(wrong);
    }
    expect((viaRest as AuthenticationError).message).toBe((viaSoap as AuthenticationError).message);
    expect((viaSoap as AuthenticationError).cause).toBeInstanceOf(SuperOfficeError);
    expect((viaRest as AuthenticationError).cause).toBeInstanceOf(WebApiError);
    // an unknown user is the same error (no user enumeration)
    const unknown = (await authenticate({
      baseUrl: baseUrl(),
      servicesVersion: "Services84",
      username: "nobody",
      password: "x",
      applicationToken: APP_TOKEN,
      createClient: createSoPrincipalClient,
    }).catch((e: unknown) => e)) as AuthenticationError;
    expect(unknown.message).toBe((viaSoap as AuthenticationError).message);
  });

  it("a revoked (expired) ticket is a typed SuperOfficeError over both transports, the ticket never in it", async () => {
    const session = await authenticate({
      baseUrl: baseUrl(),
      servicesVersion: "Services84",
      username: "anne",
      password: PASSWORD,
      applicationToken: APP_TOKEN,
      createClient: createSoPrincipalClient,
    });
    const soap = createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(EMAIL_PATH) }),
      headers: session.soapHeaders(),
    });
    const restEvents: RequestEvent[] = [];
    const rest = emailOverRest({
      baseUrl: baseUrl(),
      auth: session.restAuth,
      applicationToken: APP_TOKEN,
      hooks: { onRequest: (e) => restEvents.push(e) },
    });
    await soap.hasNewMail({ MailItemId: 0, FolderId: 0 });
    await rest.hasNewMail({ MailItemId: 0, FolderId: 0 });

    emulator.revokeTicket(session.ticket);
    const soapErr = (await soap
      .syncEmailAccount({ SyncUserAccount: { AccountId: 1 } })
      .catch((e: unknown) => e)) as SuperOfficeError;
    const restErr = (await rest
      .syncEmailAccount({ SyncUserAccount: { AccountId: 1 } })
      .catch((e: unknown) => e)) as WebApiError;
    expect(soapErr).toBeInstanceOf(SuperOfficeError);
    expect(restErr).toBeInstanceOf(SuperOfficeError);
    expect(restErr.status).toBe(401);
    for (const key of [
      "message",
      "exceptionType",
      "friendlyText",
      "source",
      "remoteStackTrace",
      "operation",
    ] as const) {
      expect(restErr[key], key).toBe(soapErr[key]);
    }
    expect(restErr.inner?.message).toBe(soapErr.inner?.message);
    expect(restErr.inner?.exceptionType).toBe(soapErr.inner?.exceptionType);
    for (const e of [soapErr, restErr])
      expect(`${e.message} ${e.stack ?? ""} ${JSON.stringify(e)}`).not.toContain(session.ticket);
    expect(JSON.stringify(restEvents)).not.toContain(session.ticket);
    expect(
      emulator
        .calls("SyncEmailAccount")
        .slice(-2)
        .map((c) => [c.transport, c.outcome]),
    ).toEqual([
      ["soap", "rejected"],
      ["rest", "rejected"],
    ]);
  });
});

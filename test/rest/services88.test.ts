/**
 * Services88 next to Services84: the generated Services88 clients call a local server with
 * Services88 namespaces, SOAP actions and paths; login builds the SoPrincipal path from a
 * version parameter (Services88 by default, as SuperOffice asks apps to use the latest) and
 * still reaches Services84 when asked.
 */
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as V84 from "../../generated/index.js";
import * as V88 from "../../generated/services88/index.js";
import { EMailMetadata as EMail88Metadata } from "../../generated/services88/email/metadata.js";
import { SoPrincipalMetadata as SoPrincipal88Metadata } from "../../generated/services88/so-principal/metadata.js";
import { SoPrincipalMetadata as SoPrincipal84Metadata } from "../../generated/so-principal/metadata.js";
import { EMailAgentStore, createEMailImplementation, startEmulator, type Emulator } from "../../emulator/index.js";
import {
  AuthenticationError,
  accessTokenLogin,
  authenticate,
  loadMetadata,
  restTransport,
  servicePath,
  soapHttpTransport,
  LATEST_SERVICES_VERSION,
  type RequestEvent,
} from "../../runtime/index.js";
import { soap11, startCannedServer } from "../helpers/canned-server.js";

const APP_TOKEN = "services88-app-token";
const PASSWORD = "S88-Kq7-value-Zx";
const NS88 = "http://www.superoffice.net/ws/crm/NetServer/Services88";
const users = [{ userName: "anne", password: PASSWORD, associateId: 5, fullName: "Anne Admin" }];

let emulator: Emulator;
const wsdl = (p: string) => readFile(new URL(`../../wsdl/${p}`, import.meta.url), "utf8");

beforeAll(async () => {
  emulator = await startEmulator({
    applicationToken: APP_TOKEN,
    users, // the SuperOffice profile's login answers AuthenticateUsernamePassword on both versions
    services: [
      {
        metadata: loadMetadata(EMail88Metadata),
        wsdlXml: await wsdl("services88/EMail.wsdl"),
        path: "/Cust12345/Remote/Services88/EMail.svc",
        implementation: createEMailImplementation(new EMailAgentStore()),
      },
      {
        metadata: loadMetadata(SoPrincipal88Metadata),
        wsdlXml: await wsdl("services88/SoPrincipal.wsdl"),
        path: "/Cust12345/Remote/Services88/SoPrincipal.svc",
        implementation: {},
      },
      {
        metadata: loadMetadata(SoPrincipal84Metadata),
        wsdlXml: await wsdl("services84/SoPrincipal.wsdl"),
        path: "/Cust12345/Remote/Services84/SoPrincipal.svc",
        implementation: {},
      },
    ],
  });
});
afterAll(() => emulator?.close());

describe("login paths follow a services version", () => {
  it("logs in at Services88 by default and at Services84 when asked", async () => {
    const seen: RequestEvent[] = [];
    const hooks = { onRequest: (e: RequestEvent) => seen.push(e) };
    const common = { baseUrl: `${emulator.url}/Cust12345`, username: "anne", password: PASSWORD, hooks };
    const latest = await authenticate({
      ...common,
      applicationToken: APP_TOKEN,
      createClient: V88.createSoPrincipalClient,
    });
    const older = await authenticate({
      ...common,
      applicationToken: APP_TOKEN,
      servicesVersion: "Services84",
      createClient: V84.createSoPrincipalClient,
    });
    expect(latest.ticket).toMatch(/^7T:/);
    expect(older.ticket).toMatch(/^7T:/);
    expect(seen.map((e) => new URL(e.url).pathname)).toEqual([
      "/Cust12345/Remote/Services88/SoPrincipal.svc",
      "/Cust12345/Remote/Services84/SoPrincipal.svc",
    ]);
    expect(seen[0]!.httpHeaders["SOAPAction"]).toBe(`"${NS88}/SoPrincipal/AuthenticateUsernamePassword"`);
    expect(seen[0]!.body).toContain(`xmlns:tns="${NS88}"`);
  });

  it("builds service paths from a version and refuses what is not one", () => {
    expect(LATEST_SERVICES_VERSION).toBe("Services88");
    expect(servicePath("EMail")).toBe("/Remote/Services88/EMail.svc");
    expect(servicePath("SoPrincipal", "Services84")).toBe("/Remote/Services84/SoPrincipal.svc");
    expect(() => servicePath("EMail", "Services8/../x" as "Services8")).toThrow(/invalid SuperOffice services version/);
  });
});

describe("the generated Services88 EMail client", () => {
  it("calls HasNewMail over SOAP and REST with a Services88 ticket", async () => {
    const session = await authenticate({
      baseUrl: `${emulator.url}/Cust12345`,
      username: "anne",
      password: PASSWORD,
      applicationToken: APP_TOKEN,
      createClient: V88.createSoPrincipalClient,
    });
    const soap = V88.createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint("/Cust12345/Remote/Services88/EMail.svc") }),
      headers: session.soapHeaders(),
    });
    const rest = V88.createEMailClient({
      transport: restTransport({ baseUrl: `${emulator.url}/Cust12345`, auth: session.restAuth }),
      headers: { ApplicationToken: APP_TOKEN },
    });
    expect(await soap.hasNewMail({ MailItemId: 0, FolderId: 0 })).toBe(true);
    expect(await rest.hasNewMail({ MailItemId: 0, FolderId: 0 })).toBe(true);
    expect(await soap.hasNewMail({ MailItemId: 1_000_000, FolderId: 0 })).toBe(false);
  });

  it("decodes the fields Services88 added to EMailEntity", async () => {
    const server = await startCannedServer(() => ({
      body: soap11(
        `<GetEMailResponse xmlns="${NS88}"><Response><Subject>Invite</Subject><RepliedAt>2026-11-29T10:00:00Z</RepliedAt>` +
          `<HasCalendarData>true</HasCalendarData><CalMethod>Request</CalMethod><CalReplyStatus>Tentative</CalReplyStatus>` +
          `</Response></GetEMailResponse>`,
      ),
    }));
    try {
      const email = V88.createEMailClient({ transport: soapHttpTransport({ endpoint: server.endpoint }) });
      const mail = await email.getEMail({ Id: 3, IncludeAttachments: false });
      expect(mail).toMatchObject({
        Subject: "Invite",
        HasCalendarData: true,
        CalMethod: "Request",
        CalReplyStatus: "Tentative",
      });
      expect(server.requests[0]!.headers["soapaction"]).toBe(`"${NS88}/EMail/GetEMail"`);
      expect(server.requests[0]!.body).toContain(`<tns:GetEMail><tns:Id>3</tns:Id>`);
    } finally {
      await server.close();
    }
  });
});

describe("accessTokenLogin (OIDC access token → ticket for SOAP)", () => {
  const TOKEN = "8A:Cust12345.oidc-access-token-Pq4";
  it("exchanges the token through the generated Services88 client, and a refusal is an AuthenticationError without it", async () => {
    let accept = true;
    const server = await startCannedServer(() =>
      accept
        ? {
            body: soap11(
              `<AuthenticateResponse xmlns="${NS88}"><Response><Associate>ANNE</Associate><AssociateId>5</AssociateId></Response>` +
                `<Credentials><Ticket>7T:from-access-token</Ticket></Credentials><AuthenticationSucceeded>true</AuthenticationSucceeded></AuthenticateResponse>`,
            ),
          }
        : {
            body: soap11(
              `<AuthenticateResponse xmlns="${NS88}"><AuthenticationSucceeded>false</AuthenticationSucceeded></AuthenticateResponse>`,
            ),
          },
    );
    try {
      const endpoint = server.endpoint;
      const session = await accessTokenLogin({
        accessToken: TOKEN,
        endpoint,
        createClient: V88.createSoPrincipalClient,
      });
      expect(session.ticket).toBe("7T:from-access-token");
      expect(session.associateId).toBe(5);
      expect(server.requests[0]!.headers["soapaction"]).toBe(`"${NS88}/SoPrincipal/AuthenticateWithAccessToken"`);
      expect(server.requests[0]!.body).toContain(`<tns:AccessToken>${TOKEN}</tns:AccessToken>`);
      accept = false;
      const err = await accessTokenLogin({
        accessToken: TOKEN,
        endpoint,
        createClient: V88.createSoPrincipalClient,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AuthenticationError);
      expect((err as AuthenticationError).operation).toBe("AuthenticateWithAccessToken");
      expect(JSON.stringify({ m: (err as Error).message, s: (err as Error).stack })).not.toContain("Pq4");
    } finally {
      await server.close();
    }
  });
});

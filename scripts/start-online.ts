/**
 * The SuperOffice Online part of `npm start`, against the emulator: system-user login with a
 * partner key generated at start (signed token → PartnerSystemUser REST → JWT verified against the
 * emulator's key set), the tenant's state (`GET /api/state/{contextId}`), then SyncEmailAccount
 * over SOAP and over REST through `tenantTransport` + `ticketProvider`. Prints no secret: the
 * ticket, the tokens, the key, the signed token and the JWT are never written; hook data is
 * masked by the runtime.
 */
import { generateKeyPairSync } from "node:crypto";
import type { Emulator } from "../emulator/index.js";
import {
  restTransport,
  soapHttpTransport,
  systemUserLogin,
  tenantResolver,
  tenantTransport,
  ticketProvider,
  type RequestEvent,
  type ResponseEvent,
  type SystemUserSession,
  type Transport,
} from "../runtime/index.js";

type Generated = typeof import("../generated/index.js");

export const ONLINE_TENANT = "Cust12345";
/** The demo's system user token (from an admin's consent, in real life) — a secret, never printed. */
export const SYSTEM_USER_TOKEN = "Soapkit Demo-pzqc70604i";

/** The partner's key pair, generated for this run (SuperOffice would register the public half). */
export function demoPartnerKey(): { publicPem: string; privatePem: string } {
  const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    publicPem: pair.publicKey.export({ format: "pem", type: "spki" }) as string,
    privatePem: pair.privateKey.export({ format: "pem", type: "pkcs8" }) as string,
  };
}

function claim(session: SystemUserSession, name: string): string {
  return String(session.claims[`http://schemes.superoffice.net/identity/${name}`] ?? "?");
}

/** One line per call: the request line, the masked credential headers, the status. */
function describeCall(request: RequestEvent, response: ResponseEvent, extra: string): string {
  const path = new URL(request.url).pathname;
  const shown = Object.entries(request.httpHeaders).filter(([k]) => /^(authorization|so-apptoken)$/i.test(k));
  const inBody = [...request.body.matchAll(/<(?:\w+:)?(ApplicationToken|Ticket)>([^<]*)</g)].map((m) => [m[1]!, m[2]!]);
  const creds = [...shown, ...inBody].map(([k, v]) => `${k}: ${v}`).join(", ");
  return `${request.method} ${path} [${creds}] → HTTP ${response.status}${extra}`;
}

export async function onlineFlow(
  generated: Generated,
  emulator: Emulator,
  key: { privatePem: string },
  applicationToken: string,
): Promise<boolean> {
  const login = (): Promise<SystemUserSession> =>
    systemUserLogin({
      loginBaseUrl: emulator.url,
      contextIdentifier: ONLINE_TENANT,
      applicationToken,
      systemUserToken: SYSTEM_USER_TOKEN,
      privateKey: key.privatePem,
    });
  console.log(`\n== SuperOffice Online: system-user login for ${ONLINE_TENANT} (partner RSA key generated at start)`);
  const session = await login();
  console.log(
    `POST /Login/api/PartnerSystemUser/Authenticate (signed token ***, application token ***) → JWT *** ` +
      `verified against /login/.well-known/jwks: iss=${String(session.claims["iss"])}, aud=${String(session.claims["aud"])}, ` +
      `ctx=${claim(session, "ctx")}, ticket *** (${session.ticket.length} characters)`,
  );

  const state = await (await fetch(`${emulator.url}/api/state/${ONLINE_TENANT}`)).json();
  console.log(`\n== tenant state: GET /api/state/${ONLINE_TENANT}\n${JSON.stringify(state)}`);

  let kept: SystemUserSession | undefined = session; // the provider starts from this login
  const credentials = ticketProvider({
    login: async () => {
      const s = kept ?? (await login());
      kept = undefined;
      return s;
    },
  });
  const resolver = tenantResolver({ contextIdentifier: ONLINE_TENANT, stateBaseUrl: emulator.url });
  console.log("\n== SyncEmailAccount through tenantTransport + ticketProvider (secrets masked)");
  const soap = await onlineCall(
    generated,
    tenantTransport(resolver, (root) => soapHttpTransport({ endpoint: `${root}/Remote/Services84/EMail.svc` })),
    credentials,
    "SOAP",
  );
  const rest = await onlineCall(
    generated,
    tenantTransport(resolver, (root) => restTransport({ baseUrl: root })),
    credentials,
    "REST",
  );
  const logins = emulator.systemUser?.logins.filter((l) => l.ok).length ?? 0;
  console.log(`system-user logins at the emulator: ${logins} (one ticket for both transports)`);
  return soap && rest && logins === 1;
}

async function onlineCall(
  generated: Generated,
  transport: Transport,
  credentials: ReturnType<typeof ticketProvider>,
  label: string,
): Promise<boolean> {
  let request: RequestEvent | undefined;
  let response: ResponseEvent | undefined;
  const email = generated.createEMailClient({
    transport,
    credentials,
    timeoutMs: 10_000,
    hooks: { onRequest: (e) => (request = e), onResponse: (e) => (response = e) },
  });
  const { headers } = await email.call("SyncEmailAccount", {
    SyncUserAccount: { AccountId: 44, AssociateName: "SYSTEM", AssociateId: 5 },
  });
  if (request === undefined || response === undefined) throw new Error(`${label} hooks did not fire`);
  const succeeded = (headers as { Succeeded?: unknown }).Succeeded;
  const extra = succeeded === undefined ? "" : `, Succeeded=${String(succeeded)}`;
  console.log(`${label}: ${describeCall(request, response, extra)}`);
  return response.status < 300 && succeeded !== false;
}

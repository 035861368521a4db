/**
 * `npm start`: regenerate `generated/` from `wsdl/`, start the embedded SuperOffice emulator
 * on 127.0.0.1 (ephemeral port), log in through SoPrincipal, execute `SyncEmailAccount`
 * through the generated client with a ticket and an application token, print both envelopes
 * (secrets redacted) and a one-line summary; then the same call through the same generated
 * client class over the REST transport (`POST /api/v1/Agents/EMail/SyncEmailAccount`, same
 * ticket, same emulator port):
 * request line, headers (secrets redacted), JSON body and the `204 No Content`; then the
 * SuperOffice Online flow (scripts/start-online.ts): system-user login → tenant state →
 * SyncEmailAccount over SOAP and REST through tenantTransport + ticketProvider.
 */
import { readFile } from "node:fs/promises";
import { STATUS_CODES } from "node:http";
import { main as cli } from "../generator/cli/main.js";
import { createEMailImplementation, EMailAgentStore, startEmulator, type Emulator } from "../emulator/index.js";
import { demoPartnerKey, ONLINE_TENANT, onlineFlow, SYSTEM_USER_TOKEN } from "./start-online.js";
import {
  authenticate,
  loadMetadata,
  parseJson,
  restTransport,
  soapHttpTransport,
  stringifyJson,
  type RequestEvent,
  type ResponseEvent,
} from "../runtime/index.js";

const root = new URL("../", import.meta.url);
type Generated = typeof import("../generated/index.js");
type Session = Awaited<ReturnType<typeof authenticate>>;
const APPLICATION_TOKEN = "1234567-1234-9876";

async function run(): Promise<number> {
  console.log("== soapkit generate (wsdl/ → generated/)");
  const code = await cli(["generate"]);
  if (code !== 0) return code;

  // Imported after generation so the run always uses what was just written.
  const generated = await import("../generated/index.js");

  const store = new EMailAgentStore();
  const partnerKey = demoPartnerKey();
  const emulator = await startDemoEmulator(store, partnerKey.publicPem);
  try {
    console.log(`\n== emulator listening on ${emulator.url}`);
    // Ticket login through the generated SoPrincipal client; the ticket serves SOAP and REST.
    const session = await authenticate({
      endpoint: emulator.endpoint("/Remote/Services84/SoPrincipal.svc"),
      username: "anne",
      password: "demo-password",
      applicationToken: APPLICATION_TOKEN,
      createClient: generated.createSoPrincipalClient,
    });
    const ticket = session.ticket;
    console.log(`== logged in through SoPrincipal as anne (ticket received, ${ticket.length} characters)`);

    const soapOk = await soapCall(generated, emulator, store, session);
    const restOk = await restCall(generated, emulator, store, session);
    const onlineOk = await onlineFlow(generated, emulator, partnerKey, APPLICATION_TOKEN);
    return soapOk && restOk && onlineOk ? 0 : 1;
  } finally {
    await emulator.close();
  }
}

/** The emulator serving the generated EMail and SoPrincipal ports (metadata read after generation), on-site and as an Online tenant. */
async function startDemoEmulator(store: EMailAgentStore, partnerPublicKey: string): Promise<Emulator> {
  // metadata.ts is internal to each module (not re-exported); the emulator reads the expanded form.
  const { EMailMetadata } = await import("../generated/email/metadata.js");
  const { SoPrincipalMetadata } = await import("../generated/so-principal/metadata.js");
  const email = {
    metadata: loadMetadata(EMailMetadata),
    wsdlXml: await readFile(new URL("wsdl/services84/EMail.wsdl", root), "utf8"),
    implementation: createEMailImplementation(store),
  };
  return startEmulator({
    applicationToken: APPLICATION_TOKEN,
    users: [{ userName: "anne", password: "demo-password", associateId: 5, fullName: "Anne Admin" }],
    tenants: { [ONLINE_TENANT]: {} },
    systemUser: {
      partnerPublicKey,
      systemUserTokens: { [ONLINE_TENANT]: SYSTEM_USER_TOKEN },
      netserverPath: "/Remote/Services84/",
    },
    services: [
      { ...email, path: "/Remote/Services84/EMail.svc" },
      { ...email, path: `/${ONLINE_TENANT}/Remote/Services84/EMail.svc` },
      {
        metadata: loadMetadata(SoPrincipalMetadata),
        wsdlXml: await readFile(new URL("wsdl/services84/SoPrincipal.wsdl", root), "utf8"),
        path: "/Remote/Services84/SoPrincipal.svc",
        implementation: {},
      },
    ],
  });
}

/** SyncEmailAccount over SOAP: both envelopes and a summary line; true when Succeeded=true and recorded ok. */
async function soapCall(
  generated: Generated,
  emulator: Emulator,
  store: EMailAgentStore,
  session: Session,
): Promise<boolean> {
  const { createEMailClient } = generated;
  let requestEnvelope = "";
  let responseEnvelope = "";
  let status = 0;
  const email = createEMailClient({
    transport: soapHttpTransport({ endpoint: emulator.endpoint("/Remote/Services84/EMail.svc") }),
    headers: session.soapHeaders(),
    timeoutMs: 10_000,
    hooks: {
      onRequest: (e) => (requestEnvelope = e.body),
      onResponse: (e) => {
        responseEnvelope = e.body;
        status = e.status;
      },
    },
  });
  const t0 = performance.now();
  const { headers } = await email.call("SyncEmailAccount", {
    SyncUserAccount: { AccountId: 42, AssociateName: "ANNE", AssociateId: 5 },
  });
  const ms = performance.now() - t0;
  console.log("\n== SOAP request (secrets redacted)\n" + pretty(requestEnvelope));
  console.log("\n== SOAP response\n" + pretty(responseEnvelope));
  const recorded = emulator.calls("SyncEmailAccount").at(-1);
  const synced = store.syncRecords.at(-1);
  console.log(
    `\nSyncEmailAccount: HTTP ${status}, Succeeded=${String(headers.Succeeded)}, ` +
      `emulator recorded AccountId=${String(synced?.account.AccountId ?? (recorded?.input as Record<string, unknown> | undefined)?.["SyncUserAccount"])} ` +
      `with a valid ticket (${recorded?.outcome ?? "?"}), ${ms.toFixed(1)} ms`,
  );

  return headers.Succeeded === true && recorded?.outcome === "ok";
}

/** The same call over the REST WebAPI: request line, headers, JSON body and the 204; true when recorded ok. */
async function restCall(
  generated: Generated,
  emulator: Emulator,
  store: EMailAgentStore,
  session: Session,
): Promise<boolean> {
  const { createEMailClient } = generated;
  // The same call over the REST WebAPI: same agent interface, same ticket, same emulator port.
  let restRequest: RequestEvent | undefined;
  let restResponse: ResponseEvent | undefined;
  const rest = createEMailClient({
    transport: restTransport({ baseUrl: emulator.url }),
    headers: session.soapHeaders(),
    timeoutMs: 10_000,
    hooks: { onRequest: (e) => (restRequest = e), onResponse: (e) => (restResponse = e) },
  });
  const t1 = performance.now();
  const restResult = await rest.syncEmailAccount({
    SyncUserAccount: { AccountId: 43, AssociateName: "ANNE", AssociateId: 5 },
  });
  const restMs = performance.now() - t1;
  if (restRequest === undefined || restResponse === undefined) throw new Error("REST hooks did not fire");
  console.log(
    "\n== REST request (secrets redacted)\n" +
      `${restRequest.method} ${new URL(restRequest.url).pathname} HTTP/1.1\n` +
      Object.entries(restRequest.httpHeaders)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n") +
      `\n\n${stringifyJson(parseJson(restRequest.body), 2)}`,
  );
  console.log(
    `\n== REST response\nHTTP/1.1 ${restResponse.status} ${STATUS_CODES[restResponse.status] ?? ""}${restResponse.body !== "" ? `\n\n${restResponse.body}` : ""}`,
  );
  const restRecorded = emulator.calls("SyncEmailAccount").at(-1);
  console.log(
    `\nSyncEmailAccount over REST: HTTP ${restResponse.status}, result=${String(restResult)}, ` +
      `emulator recorded AccountId=${String(store.syncRecords.at(-1)?.account.AccountId)} ` +
      `(${restRecorded?.transport ?? "?"}, ${restRecorded?.outcome ?? "?"}), ${restMs.toFixed(1)} ms`,
  );
  return (
    restResponse.status === 204 &&
    restResult === undefined &&
    restRecorded?.transport === "rest" &&
    restRecorded.outcome === "ok"
  );
}

/** Indent an XML string one element per line (display only). */
function pretty(xml: string): string {
  let depth = 0;
  return xml
    .replace(/>\s*</g, ">\n<")
    .split("\n")
    .map((line) => {
      if (/^<\//.test(line)) depth = Math.max(0, depth - 1);
      const out = "  ".repeat(depth) + line;
      if (/^<[^/?!][^>]*[^/]>$/.test(line) && !/<\/[^>]+>$/.test(line)) depth++;
      return out;
    })
    .join("\n");
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
    process.exitCode = 1;
  },
);

/** Run one scenario through the generated clients (or `authenticate()`) and collect everything observable. */
import { createEMailClient, createSoPrincipalClient } from "../../../generated/index.js";
import {
  authenticate,
  restTransport,
  nodeHttpExchange,
  nodeHttpTransport,
  soapFetchTransport,
  soapHttpTransport,
  type ClientHooks,
  type Transport,
} from "../../../runtime/index.js";
import { errorViews } from "./leaks.js";
import type { Scenario } from "./scenarios.js";

export interface Observed {
  readonly text: string;
  readonly rejected: boolean;
}

function transportOf(s: Scenario, baseUrl: string): Transport {
  const endpoint = `${baseUrl}/Remote/Services84/EMail.svc`;
  if (s.transport === "soap-fetch") return soapFetchTransport({ endpoint });
  if (s.transport === "soap-node") return nodeHttpTransport({ endpoint });
  if (s.transport === "rest") return restTransport({ baseUrl });
  if (s.transport === "rest-node") return restTransport({ baseUrl, exchange: nodeHttpExchange() });
  return soapHttpTransport({ endpoint });
}

async function callOnce(s: Scenario, baseUrl: string, hooks: ClientHooks): Promise<unknown> {
  const { ticket, appToken, password } = s.secrets;
  if (s.transport === "login") {
    return authenticate({
      endpoint: `${baseUrl}/Remote/Services84/SoPrincipal.svc`,
      username: "anne",
      password,
      applicationToken: appToken,
      createClient: createSoPrincipalClient,
      hooks,
      timeoutMs: 5_000,
    });
  }
  const client = createEMailClient({
    transport: transportOf(s, baseUrl),
    headers: { ApplicationToken: appToken, Credentials: { Ticket: ticket } },
    hooks,
    timeoutMs: 5_000,
  });
  if (!s.passwordInInput) return client.call("GetReadySyncEmailAccounts", {});
  const ConnectionInfo = {
    ServerName: "imap.example.com",
    UserName: "anne",
    Password: password,
    Folder: "INBOX",
    UseSSL: true,
  };
  return client.call("GetEMailEnvelopes", { ConnectionInfo, MessageServerIds: [1] });
}

export async function runScenario(s: Scenario, baseUrl: string): Promise<Observed> {
  const events: unknown[] = [];
  const hooks: ClientHooks = { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) };
  let outcome: string;
  let rejected = false;
  try {
    outcome = JSON.stringify(await callOnce(s, baseUrl, hooks), (_k, v: unknown) =>
      typeof v === "bigint" ? String(v) : v,
    );
  } catch (e) {
    rejected = true;
    outcome = errorViews(e);
  }
  return { text: `${outcome}\n${JSON.stringify(events)}`, rejected };
}

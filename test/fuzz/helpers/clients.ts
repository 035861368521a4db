/**
 * The clients the regression tests drive, behind three small functions (so the same tests
 * can be pointed at another client API, e.g. to check that they fail on an older runtime).
 */
import { createEMailClient, createSoPrincipalClient } from "../../../generated/index.js";
import { authenticate, restTransport, soapHttpTransport } from "../../../runtime/index.js";

export interface Creds {
  readonly ticket: string;
  readonly appToken: string;
  readonly events: unknown[];
}

export function soapClient(baseUrl: string, c: Creds) {
  return createEMailClient({
    transport: soapHttpTransport({ endpoint: `${baseUrl}/Remote/Services84/EMail.svc` }),
    headers: { ApplicationToken: c.appToken, Credentials: { Ticket: c.ticket } },
    hooks: { onRequest: (e) => c.events.push(e), onResponse: (e) => c.events.push(e) },
  });
}

export function restClient(baseUrl: string, c: Creds) {
  return createEMailClient({
    transport: restTransport({ baseUrl }),
    headers: { ApplicationToken: c.appToken, Credentials: { Ticket: c.ticket } },
    hooks: { onRequest: (e) => c.events.push(e), onResponse: (e) => c.events.push(e) },
  });
}

export function login(baseUrl: string, password: string, events: unknown[]) {
  return authenticate({
    endpoint: `${baseUrl}/Remote/Services84/SoPrincipal.svc`,
    username: "anne",
    password,
    applicationToken: "Qz81xv0Lw77Kp2mNa9",
    createClient: createSoPrincipalClient,
    hooks: { onRequest: (e) => events.push(e), onResponse: (e) => events.push(e) },
  });
}

/**
 * Issue 14, tenant discovery: the state API answer is cached until ValidUntil, a tenant that is
 * not running is refused before any call, and a moved tenant (the old endpoint answers 404 or
 * refuses connections) is followed with one re-resolve — over both SOAP transports.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClientCore,
  soapFetchTransport,
  soapHttpTransport,
  superOfficeProfile,
  tenantResolver,
  tenantTransport,
  TenantUnavailableError,
  TransportError,
} from "../../runtime/index.js";
import { demoMeta } from "../runtime/fixtures/demo.js";
import { responseEnvelope, sendXml, startServer, type TestServer } from "../runtime/fixtures/server.js";
import { fromExpanded } from "../helpers/metadata.js";

let a: TestServer;
let b: TestServer;
let stateApi: Server;
let stateUrl: string;
const state = {
  endpoint: "",
  state: "Running",
  running: true,
  validForMs: 60_000,
  queries: 0,
  /** Endpoints for the next answers, before `endpoint`. */
  next: [] as string[],
};

beforeAll(async () => {
  [a, b] = await Promise.all([startServer(), startServer()]);
  for (const s of [a, b]) s.handler = (_req, res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }));
  stateApi = createServer((req, res) => {
    state.queries++;
    res.writeHead(req.url === "/api/state/Cust12345" ? 200 : 404, { "Content-Type": "application/json" });
    res.end(
      JSON.stringify({
        ContextIdentifier: "Cust12345",
        Endpoint: state.next.shift() ?? state.endpoint,
        State: state.state,
        IsRunning: state.running,
        ValidUntil: new Date(Date.now() + state.validForMs).toISOString(),
      }),
    );
  });
  await new Promise<void>((resolve) => stateApi.listen(0, "127.0.0.1", resolve));
  stateUrl = `http://127.0.0.1:${(stateApi.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([a.close(), b.close(), new Promise((r) => stateApi.close(r))]);
});

const root = (s: TestServer): string => `http://127.0.0.1:${s.port}/Cust12345`;

describe.each([
  ["soapHttpTransport", (endpoint: string) => soapHttpTransport({ endpoint })],
  ["soapFetchTransport", (endpoint: string) => soapFetchTransport({ endpoint })],
] as const)("tenantTransport over %s", (_name, make) => {
  const client = () => {
    const resolver = tenantResolver({ contextIdentifier: "Cust12345", stateBaseUrl: stateUrl });
    const transport = tenantTransport(resolver, (r) => make(`${r}/Remote/Services88/Demo.svc`));
    return new ClientCore(fromExpanded(demoMeta), { transport, profile: superOfficeProfile });
  };

  it("resolves once, caches until ValidUntil, and follows a tenant that moved (404 at the old endpoint)", async () => {
    Object.assign(state, { endpoint: root(a), running: true, state: "Running", queries: 0 });
    a.requests.length = 0;
    b.requests.length = 0;
    const core = client();
    await core.invoke("GetEMail", { EMailId: 1 });
    await core.invoke("GetEMail", { EMailId: 2 });
    expect(state.queries).toBe(1);
    expect(a.requests.map((r) => r.url)).toEqual([
      "/Cust12345/Remote/Services88/Demo.svc",
      "/Cust12345/Remote/Services88/Demo.svc",
    ]);
    a.handler = (_req, res) => {
      res.writeHead(404);
      res.end();
    };
    state.endpoint = root(b);
    await core.invoke("GetEMail", { EMailId: 3 });
    expect(state.queries).toBe(2);
    expect(b.requests).toHaveLength(1);
    a.handler = (_req, res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }));
  });

  it("a refused connection at the old endpoint is followed too", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    Object.assign(state, { endpoint: root(b), next: [`http://127.0.0.1:${port}/Cust12345`], queries: 0 });
    b.requests.length = 0;
    await client().invoke("GetEMail", { EMailId: 1 });
    expect(state.queries).toBe(2);
    expect(b.requests).toHaveLength(1);
  });

  it("a tenant in maintenance is refused with TenantUnavailableError before any call", async () => {
    Object.assign(state, { endpoint: root(a), running: false, state: "OfflineMaintenance" });
    a.requests.length = 0;
    const e = await client()
      .invoke("GetEMail", { EMailId: 1 })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TenantUnavailableError);
    expect((e as TenantUnavailableError).state).toBe("OfflineMaintenance");
    expect(a.requests).toHaveLength(0);
  });

  it("an endpoint that fails for other reasons is not re-resolved forever", async () => {
    Object.assign(state, { endpoint: root(a), running: true, state: "Running", queries: 0 });
    a.handler = (_req, res) => {
      res.writeHead(404);
      res.end();
    };
    const e = await client()
      .invoke("GetEMail", { EMailId: 1 })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransportError);
    expect(state.queries).toBe(2);
    a.handler = (_req, res) => sendXml(res, responseEnvelope("GetEMail", { Response: null }));
  });
});

/**
 * One call-benchmark process: builds one client, warms it up, then measures SyncEmailAccount
 * at each requested concurrency (fixed call count, bounded time) and prints one JSON line; or,
 * served (`serve: true`), runs blocks of calls as its parent asks over stdin, so that a client
 * and its floor can alternate in short blocks (bench/calls-paired.ts).
 *
 *   node --import tsx bench/calls-worker.ts '<json WorkerConfig>'
 *
 * Clients:
 *  - soapkit:      the generated client (generated/index.ts, from wsdl/services84/EMail.wsdl) over
 *                  `nodeHttpTransport` (node:http, keep-alive), the default transport
 *  - soapkit-soap: the same client over `soapHttpTransport` (soap's HttpClient, axios)
 *  - soap:         raw node-soap, `soap.createClientAsync(wsdl)` + `addSoapHeader` + `SyncEmailAccountAsync`
 *  - fetch:        hand-written `fetch` + template string
 *  - http:         hand-written `node:http` request + template string (keep-alive agent): the SOAP floor
 *  - http-xml:     the same, and the response parsed as XML (the runtime's `parseXml`) with its `Succeeded`
 *                  header read: the floor plus the least XML work a SOAP client must do (reference only)
 *  - rest:         the generated client over `restTransport` with `nodeHttpExchange()` (node:http)
 *  - rest-fetch-transport: the same over `restTransport` with fetch (its default)
 *  - rest-fetch / rest-http: hand-written fetch / node:http + JSON.stringify (the REST floor is rest-http)
 */
import * as http from "node:http";
import { pinSelf } from "./calls-pin.js";
import { blocksResult, type Block, type ConfigResult } from "./calls-blocks.js";

export type { ConfigResult } from "./calls-blocks.js";
import { APP_TOKEN, PROJECT_WSDL, SYNC_ACTION, SYNC_INPUT, TICKET, TNS } from "./config.js";

export type ClientKind =
  | "soapkit"
  | "soapkit-soap"
  | "soap"
  | "fetch"
  | "http"
  | "http-xml"
  | "rest"
  | "rest-fetch-transport"
  | "rest-fetch"
  | "rest-http";

export interface WorkerConfig {
  client: ClientKind;
  url: string;
  /** [concurrency, calls] pairs, measured in this order. */
  configs: Array<[number, number]>;
  warmup: number;
  maxConfigMs: number;
  /** Run blocks on request over stdin instead of `configs` (see `serve`). */
  serve?: boolean;
  /** CPUs to pin this process (all its threads) to, a `taskset -c` list (bench/calls-pin.ts); absent: not pinned. */
  cpus?: string;
}

type Call = () => Promise<void>;

async function soapkitClient(url: string, over: "node" | "soap"): Promise<Call> {
  const { createEMailClient } = await import("../generated/index.js");
  const { nodeHttpTransport, soapHttpTransport } = await import("@soapkit/runtime");
  const client = createEMailClient({
    transport: over === "node" ? nodeHttpTransport({ endpoint: url }) : soapHttpTransport({ endpoint: url }),
    headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
  });
  return async () => {
    await client.syncEmailAccount(SYNC_INPUT);
  };
}

async function soapClient(url: string): Promise<Call> {
  const soap = await import("soap");
  const client = await soap.createClientAsync(PROJECT_WSDL, { endpoint: url });
  client.addSoapHeader({ ApplicationToken: APP_TOKEN }, "", "tns", TNS);
  client.addSoapHeader({ Credentials: { Ticket: TICKET } }, "", "tns", TNS);
  const call = (
    client as unknown as { SyncEmailAccountAsync(args: unknown): Promise<[unknown, string, Record<string, unknown>]> }
  ).SyncEmailAccountAsync;
  return async () => {
    const [, , headers] = await call.call(client, SYNC_INPUT);
    if (String(headers?.["Succeeded"]) !== "true") throw new Error("soap: Succeeded header missing");
  };
}

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The request envelope, built by hand with a template string. */
function envelope(): string {
  const a = SYNC_INPUT.SyncUserAccount;
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="${TNS}">` +
    `<soap:Header><tns:ApplicationToken>${esc(APP_TOKEN)}</tns:ApplicationToken><tns:Credentials><tns:Ticket>${esc(TICKET)}</tns:Ticket></tns:Credentials></soap:Header>` +
    `<soap:Body><tns:SyncEmailAccount><tns:SyncUserAccount><tns:AccountId>${a.AccountId}</tns:AccountId><tns:AssociateName>${esc(a.AssociateName)}</tns:AssociateName><tns:AssociateId>${a.AssociateId}</tns:AssociateId></tns:SyncUserAccount></tns:SyncEmailAccount></soap:Body></soap:Envelope>`
  );
}

/** `true` when the response is a SyncEmailAccount response (cheap text test, or parsed with `parseXml`). */
type Check = (text: string) => boolean;
const textCheck: Check = (text) => text.includes("SyncEmailAccountResponse");

async function xmlCheck(): Promise<Check> {
  const { parseXml } = await import("@soapkit/runtime");
  return (text) => {
    const env = parseXml(text);
    const header = env.children.find((c) => c.local === "Header");
    const body = env.children.find((c) => c.local === "Body");
    return header?.children[0]?.text === "true" && body?.children[0]?.local === "SyncEmailAccountResponse";
  };
}

function httpClient(url: string, check: Check): Call {
  const agent = new http.Agent({ keepAlive: true });
  const target = new URL(url);
  return () =>
    new Promise<void>((resolve, reject) => {
      const body = Buffer.from(envelope(), "utf8");
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "Content-Type": "text/xml; charset=utf-8",
            SOAPAction: `"${SYNC_ACTION}"`,
            "Content-Length": body.length,
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => (text += d));
          res.on("end", () =>
            res.statusCode === 200 && check(text) ? resolve() : reject(new Error(`http: HTTP ${res.statusCode}`)),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
}

function fetchClient(url: string): Call {
  const headers = { "Content-Type": "text/xml; charset=utf-8", SOAPAction: `"${SYNC_ACTION}"` };
  return async () => {
    const body = envelope();
    const res = await fetch(url, { method: "POST", headers, body });
    const text = await res.text();
    if (!res.ok || !text.includes("SyncEmailAccountResponse")) throw new Error(`fetch: HTTP ${res.status}`);
  };
}

async function restClients(kind: ClientKind & `rest${string}`, url: string): Promise<Call> {
  const rest = await import("./rest-clients.js");
  switch (kind) {
    case "rest":
      return rest.restTransportCall(url, "node");
    case "rest-fetch-transport":
      return rest.restTransportCall(url, "fetch");
    case "rest-fetch":
      return rest.restFetchCall(url);
    case "rest-http":
      return rest.restHttpCall(url);
  }
}

async function makeClient(kind: ClientKind, url: string): Promise<Call> {
  switch (kind) {
    case "soapkit":
      return soapkitClient(url, "node");
    case "soapkit-soap":
      return soapkitClient(url, "soap");
    case "soap":
      return soapClient(url);
    case "fetch":
      return fetchClient(url);
    case "http":
      return httpClient(url, textCheck);
    case "http-xml":
      return httpClient(url, await xmlCheck());
    case "rest":
    case "rest-fetch-transport":
    case "rest-fetch":
    case "rest-http":
      return restClients(kind, url);
  }
}

async function runBlock(call: Call, concurrency: number, calls: number, maxMs: number): Promise<Block> {
  const lat = new Float64Array(calls);
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const deadline = t0 + maxMs;
  const lane = async (): Promise<void> => {
    while (next < calls && performance.now() < deadline) {
      next++;
      const s = performance.now();
      await call();
      lat[done++] = performance.now() - s;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  const elapsedMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { latencies: Array.from(lat.subarray(0, done)), elapsedMs, cpuUs: cpu.user + cpu.system };
}

/** The lean responder's CPU time so far (µs), or undefined when the server does not report it. */
function serverCpu(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(new URL("/__cpu", url), { agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => {
        const v = res.statusCode === 200 ? Number((JSON.parse(text) as { cpuUs?: unknown }).cpuUs) : NaN;
        resolve(Number.isFinite(v) ? v : undefined);
      });
    });
    req.on("error", () => resolve(undefined));
  });
}

/** `runBlock`, with the server's CPU time over the block when the server reports it. */
async function measureBlock(call: Call, url: string, c: number, n: number, maxMs: number): Promise<Block> {
  const s0 = await serverCpu(url);
  const r = await runBlock(call, c, n, maxMs);
  const s1 = s0 === undefined ? undefined : await serverCpu(url);
  return s1 === undefined ? r : { ...r, serverCpuUs: s1 - s0! };
}

/** Warm-up: JIT, connection pool (both concurrency levels), lazy initialisation. */
async function warmUp(call: Call, cfg: WorkerConfig): Promise<void> {
  await runBlock(call, 1, Math.ceil(cfg.warmup / 2), cfg.maxConfigMs);
  await runBlock(call, 50, Math.ceil(cfg.warmup / 2), cfg.maxConfigMs);
}

/**
 * Served blocks (`cfg.serve`): prints `READY` once warm, then runs one block per stdin line
 * `[concurrency, calls]` and answers `BLOCK <json Block>`, until stdin closes.
 */
async function serve(call: Call, cfg: WorkerConfig): Promise<void> {
  await warmUp(call, cfg);
  process.stdout.write("READY\n");
  let buffered = "";
  for await (const chunk of process.stdin.setEncoding("utf8")) {
    buffered += chunk as string;
    for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
      const [c, n] = JSON.parse(buffered.slice(0, nl)) as [number, number];
      buffered = buffered.slice(nl + 1);
      const block = await measureBlock(call, cfg.url, c, n, cfg.maxConfigMs);
      process.stdout.write(`BLOCK ${JSON.stringify(block)}\n`);
    }
  }
}

async function main(): Promise<void> {
  const cfg = JSON.parse(process.argv[2] ?? "{}") as WorkerConfig;
  pinSelf(cfg.cpus);
  const call = await makeClient(cfg.client, cfg.url);
  if (cfg.serve === true) return serve(call, cfg);
  await warmUp(call, cfg);
  const results: ConfigResult[] = [];
  for (const [c, n] of cfg.configs)
    results.push(blocksResult(c, [await measureBlock(call, cfg.url, c, n, cfg.maxConfigMs)]));
  process.stdout.write(`RESULT ${JSON.stringify(results)}\n`);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`calls-worker: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);

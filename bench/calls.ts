/**
 * The calls section of the benchmark (bench/run.ts, section 2): SyncEmailAccount on 127.0.0.1
 * through each client, fresh processes per client per round (bench/calls-worker.ts), rounds
 * interleaved with the order rotated, and the issue's call goals against the raw `node:http`
 * keep-alive floor: each goal client runs paired with its floor (bench/calls-paired.ts) and the
 * goal ratio is the median of the per-round ratios. Workers load `@soapkit/runtime` compiled (runtime/dist), as users do: tsx
 * only compiles the worker and the generated client. Run alone (builds the runtime first):
 *
 *   npx tsx --conditions=soapkit-source bench/calls.ts [rounds]
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { ClientKind, ConfigResult, WorkerConfig } from "./calls-worker.js";
import { pinnedCpus } from "./calls-pin.js";
import { BLOCKS, pairedRound } from "./calls-paired.js";
import { BENCH, ROOT, TUNE } from "./config.js";
import { runNode, startServer } from "./lib/proc.js";
import { fmtSummary, int, ms, pairedRatio, ratio, summarize, type Summary } from "./lib/stats.js";
import { restAvailable } from "./rest-clients.js";

export const TSX = ["--import", "tsx", "--conditions=soapkit-source"];
/** Call workers: tsx for the TypeScript of the worker and generated/, the runtime from runtime/dist. */
const WORKER = ["--import", "tsx"];
export const SOAP_PATH = "/Remote/Services84/EMail.svc";
/** The issue's bound: a Node transport within this factor of raw node:http keep-alive. */
const FLOOR_FACTOR = 1.3;

export interface CallRow {
  client: ClientKind;
  concurrency: number;
  p50: Summary;
  p99: Summary;
  throughput: Summary;
  /** CPU µs of the client process per call (user + system): steadier than wall time under other load. */
  cpu: Summary;
  /** CPU µs of the server process per call (the lean responder reports it). */
  serverCpu: Summary;
  calls: number;
  /** This client's result of each round, in round order (round i of a client ran beside round i of its floor). */
  rounds: ConfigResult[];
}

export const SOAP_CLIENTS: ClientKind[] = ["soapkit", "soapkit-soap", "soap", "fetch", "http", "http-xml"];
export const REST_CLIENTS: ClientKind[] = ["rest", "rest-fetch-transport", "rest-fetch", "rest-http"];

export const isRest = (c: ClientKind): boolean => c.startsWith("rest");

export async function runWorker(
  client: ClientKind,
  url: string,
  configs: Array<[number, number]>,
  extraNodeArgs: string[] = [],
  warmup = TUNE.warmupCalls,
  root = ROOT,
): Promise<ConfigResult[]> {
  const cpus = pinnedCpus("client");
  const cfg: WorkerConfig = { client, url, configs, warmup, maxConfigMs: TUNE.maxConfigMs, ...(cpus ? { cpus } : {}) };
  const r = await runNode([...extraNodeArgs, ...WORKER, join(root, "bench", "calls-worker.ts"), JSON.stringify(cfg)], {
    cwd: root,
    rss: false,
    timeoutMs: 300_000,
  });
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (r.code !== 0 || !line) throw new Error(`calls-worker ${client} failed (${r.code})\n${r.stderr.slice(-2000)}`);
  return JSON.parse(line.slice("RESULT ".length)) as ConfigResult[];
}

export function callRows(results: Map<ClientKind, ConfigResult[][]>): CallRow[] {
  const rows: CallRow[] = [];
  for (const [client, rounds] of results) {
    const concs = [...new Set(rounds.flat().map((r) => r.concurrency))];
    for (const c of concs) {
      const rs = rounds.flat().filter((r) => r.concurrency === c);
      rows.push({
        client,
        concurrency: c,
        p50: summarize(rs.map((r) => r.p50)),
        p99: summarize(rs.map((r) => r.p99)),
        throughput: summarize(rs.map((r) => r.throughput)),
        cpu: summarize(rs.map((r) => r.cpuUs)),
        serverCpu: summarize(rs.flatMap((r) => (r.serverCpuUs === undefined ? [] : [r.serverCpuUs]))),
        calls: Math.min(...rs.map((r) => r.calls)),
        rounds: rs,
      });
    }
  }
  return rows;
}

/** The clients to run: SOAP always, REST when the generated client has a REST twin. */
export async function callClients(): Promise<ClientKind[]> {
  return [...SOAP_CLIENTS, ...((await restAvailable()) ? REST_CLIENTS : [])];
}

/** Each goal client with its floor: in every round the two run back to back, so that each round gives a ratio. */
export const GOAL_PAIRS: ReadonlyArray<readonly [ClientKind, ClientKind]> = [
  ["soapkit", "http"],
  ["rest", "rest-http"],
];
/** Rounds of the goal pairs (at least `rounds`): the ratio's median needs more rounds than the table. */
export const goalRounds = (): number =>
  Math.max(1, Number.parseInt(process.env["SOAPKIT_BENCH_GOAL_ROUNDS"] ?? "", 10) || 9);

/**
 * The units of one round, rotated per round: each goal client with its floor (run as a paired
 * round, bench/calls-paired.ts), then the other clients alone. From round `rounds` on, only the
 * goal pairs run.
 */
export function roundUnits(clients: readonly ClientKind[], round: number, rounds: number): ClientKind[][] {
  const paired = GOAL_PAIRS.filter(([a, f]) => clients.includes(a) && clients.includes(f));
  const inPair = new Set(paired.flat());
  const units: ClientKind[][] = [
    ...paired.map(([a, f]) => [a, f]),
    ...(round < rounds ? clients.filter((c) => !inPair.has(c)).map((c) => [c]) : []),
  ];
  return units.map((_, i) => units[(i + round) % units.length]!);
}

/**
 * Rounds over every client against the lean responder at `baseUrl` (see `roundUnits`); the goal
 * pairs run `max(rounds, goalRounds())` rounds (`SOAPKIT_BENCH_GOAL_ROUNDS`, default 9).
 */
export async function runCallRounds(
  baseUrl: string,
  clients: readonly ClientKind[],
  rounds: number,
  log: (s: string) => void,
  warmup = TUNE.warmupCalls,
): Promise<Map<ClientKind, ConfigResult[][]>> {
  const results = new Map<ClientKind, ConfigResult[][]>(clients.map((c) => [c, []]));
  const total = Math.max(rounds, goalRounds());
  const configs: Array<[number, number]> = [
    [1, TUNE.callsC1],
    [50, TUNE.callsC50],
  ];
  const urlOf = (c: ClientKind): string => (isRest(c) ? baseUrl : `${baseUrl}${SOAP_PATH}`);
  for (let round = 0; round < total; round++) {
    for (const unit of roundUnits(clients, round, rounds)) {
      log(`calls round ${round + 1}/${total}: ${unit.join(" + ")} (lean responder, load ${loadavg()[0]!.toFixed(2)})`);
      if (unit.length === 2) {
        const [a, f] = unit as [ClientKind, ClientKind];
        const [ra, rf] = await pairedRound(a, f, urlOf(a), configs, warmup, round);
        results.get(a)!.push(ra);
        results.get(f)!.push(rf);
      } else results.get(unit[0]!)!.push(await runWorker(unit[0]!, urlOf(unit[0]!), configs, [], warmup));
    }
  }
  return results;
}

const row = (rows: readonly CallRow[], c: ClientKind, conc: number): CallRow | undefined =>
  rows.find((r) => r.client === c && r.concurrency === conc);
/** Time per call from throughput (ms). */
const perCall = (r: CallRow | undefined): number => (r ? 1000 / r.throughput.median : NaN);
const pass = (ok: boolean): string => (ok ? "✅ met" : "❌ missed");

/**
 * Per-round ratios of `a` to its floor `f` (round i of each ran back to back): p50 and time per
 * call (1/throughput), as median (min–max) over rounds.
 */
export function pairedRatios(a: CallRow, f: CallRow): { p50: Summary; perCall: Summary } {
  return {
    p50: pairedRatio(
      a.rounds.map((r) => r.p50),
      f.rounds.map((r) => r.p50),
    ),
    perCall: pairedRatio(
      f.rounds.map((r) => r.throughput),
      a.rounds.map((r) => r.throughput),
    ),
  };
}

const fmtRatio = (s: Summary): string => fmtSummary(s, ratio);

/** The issue's call goals; `window` names the measured window when it is not the default one. */
export function callTargetRows(rows: readonly CallRow[], window = ""): string[] {
  const out: string[] = [];
  const floorRow = (label: string, client: ClientKind, floor: ClientKind): void => {
    for (const c of [1, 50]) {
      const a = row(rows, client, c);
      const f = row(rows, floor, c);
      if (a === undefined || f === undefined) continue;
      const r = pairedRatios(a, f);
      const met = r.p50.median <= FLOOR_FACTOR && r.perCall.median <= FLOOR_FACTOR;
      out.push(
        `| ${label} ≤ ${FLOOR_FACTOR}× raw node:http keep-alive (c=${c}, p50 and 1/throughput${window}; median of ${r.p50.n} paired rounds) | p50 ${ms(a.p50.median)} vs ${ms(f.p50.median)} ms; ${int(a.throughput.median)} vs ${int(f.throughput.median)} calls/s | p50 ${fmtRatio(r.p50)}, per call ${fmtRatio(r.perCall)} | ${pass(met)} |`,
      );
    }
  };
  floorRow("SOAP: generated client over `nodeHttpTransport`", "soapkit", "http");
  floorRow("REST: generated client over `restTransport` + `nodeHttpExchange`", "rest", "rest-http");
  for (const c of [1, 50]) {
    const a = row(rows, "soapkit-soap", c);
    const s = row(rows, "soap", c);
    if (a === undefined || s === undefined) continue;
    const p50 = a.p50.median / s.p50.median;
    const per = perCall(a) / perCall(s);
    out.push(
      `| \`soapHttpTransport\` no slower than raw soap (c=${c}, p50 and 1/throughput) | p50 ${ms(a.p50.median)} vs ${ms(s.p50.median)} ms; ${int(a.throughput.median)} vs ${int(s.throughput.median)} calls/s | p50 ${ratio(p50)}, per call ${ratio(per)} | ${pass(p50 <= 1 && per <= 1)} |`,
    );
  }
  return out;
}

/** How the goal ratios are computed (prose for bench/RESULTS.md). */
export function callsRatioNote(): string {
  const pin =
    pinnedCpus("client") !== undefined
      ? "the responder pinned to CPU 0, every client to the other CPUs"
      : "no CPU pinning (`SOAPKIT_BENCH_PIN=1` pins the responder to CPU 0 and the clients to the others, bench/calls-pin.ts)";
  return (
    `The goal ratios (Targets table) are **paired**: in each of ${goalRounds()} rounds the goal client and its floor start as two fresh processes, warm up one after the other, then alternate in short blocks of calls (c=1: ${BLOCKS.c1} blocks each, c=50: ${BLOCKS.c50}; A B, B A, …; bench/calls-paired.ts), so that other load on this shared 2-core machine falls on both alike. ` +
    `A round's ratio is the client's p50 over all its calls of the round / the floor's, and the floor's throughput / the client's (time per call); the table gives the **median (min–max) of the per-round ratios**. ` +
    `The calls table below gives medians of each client's own figures over rounds, and its "vs floor" columns are ratios of those medians. ` +
    `Server CPU µs/call is the lean responder's CPU time over a client's calls (its \`GET /__cpu\`): at c=50 the client and the server compete for the 2 cores. ${pin}.`
  );
}

const DESCRIPTIONS: Record<ClientKind, string> = {
  soapkit: "generated client over `nodeHttpTransport` (node:http keep-alive; the default transport)",
  "soapkit-soap": "generated client over `soapHttpTransport` (soap's HttpClient, axios)",
  soap: "raw node-soap 1.13 (`createClientAsync(wsdl)`, `addSoapHeader`, `SyncEmailAccountAsync`)",
  fetch: "hand-written `fetch` + template string",
  http: "hand-written `node:http` request + template string, keep-alive agent: **the SOAP floor**",
  "http-xml":
    "the SOAP floor, plus the response parsed with the runtime's `parseXml` and its `Succeeded` header read (a reference: the least XML work a SOAP client does; the goal is against `http`)",
  rest: "generated client over `restTransport({ exchange: nodeHttpExchange() })` (node:http, 204 response)",
  "rest-fetch-transport": "generated client over `restTransport` with its default, fetch",
  "rest-fetch": "hand-written `fetch` + `JSON.stringify`",
  "rest-http": "hand-written `node:http` request + `JSON.stringify`, keep-alive agent: **the REST floor**",
};

/** The calls table: every client, its floor-relative figures. */
export function callsTable(rows: readonly CallRow[]): string[] {
  const out = [
    `Clients: ${[...new Set(rows.map((r) => r.client))].map((c) => `**${c}** = ${DESCRIPTIONS[c]}`).join("; ")}.`,
    "",
    "| client | concurrency | rounds × calls | p50 ms | p99 ms | calls/s | CPU µs/call | server CPU µs/call | p50 vs floor | per call vs floor | CPU vs floor |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    const floor = row(rows, isRest(r.client) ? "rest-http" : "http", r.concurrency);
    const p50 = r.p50.median / (floor?.p50.median ?? NaN);
    const per = perCall(r) / perCall(floor);
    const cpu = r.cpu.median / (floor?.cpu.median ?? NaN);
    out.push(
      `| ${r.client} | ${r.concurrency} | ${r.rounds.length} × ${int(r.calls)} | ${fmtSummary(r.p50, ms)} | ${fmtSummary(r.p99, ms)} | ${fmtSummary(r.throughput, int)} | ${fmtSummary(r.cpu, int)} | ${fmtSummary(r.serverCpu, int)} | ${ratio(p50)} | ${ratio(per)} | ${ratio(cpu)} |`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? TUNE.callRounds);
  const log = (s: string): void => void process.stderr.write(`[calls] ${s}\n`);
  execFileSync("npx", ["tsc", "-b", "runtime"], { cwd: ROOT, stdio: "inherit" });
  const load0 = loadavg();
  const lean = await startServer([...TSX, join(BENCH, "responder.ts")], { cwd: ROOT });
  try {
    const rows = callRows(await runCallRounds(lean.url, await callClients(), rounds, log));
    const load1 = loadavg();
    const text = [
      `Load average ${load0.map((l) => l.toFixed(2)).join(" / ")} at start, ${load1.map((l) => l.toFixed(2)).join(" / ")} at end; ${rounds} rounds.`,
      "",
      callsRatioNote(),
      "",
      "| target | measured | ratio | status |",
      "|---|---|---:|---|",
      ...callTargetRows(rows),
      "",
      ...callsTable(rows),
    ];
    process.stdout.write(`${text.join("\n")}\n`);
  } finally {
    await lean.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((e: unknown) => {
    process.stderr.write(`calls failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}

/**
 * Load: 10,000 `SyncEmailAccount` calls at concurrency 100 through the generated client
 * against the emulator, over SOAP and over REST, every call with its own ticket (10,000
 * registered tickets), all calls sharing one client (the ticket is given per call).
 *
 * The emulator runs in a child process (helpers/emulator-process.ts), as a server would:
 * client and server can use both cores, and the client's memory is measured alone.
 *
 * Asserts: zero failures; every server-side record carries the ticket its caller sent
 * (AccountId ↔ ticket, each account exactly once, outcome ok); the client process's memory
 * after the run and a forced GC stays bounded (rss growth < RSS_GROWTH_LIMIT_MB, heap growth
 * < HEAP_GROWTH_LIMIT_MB). Figures are printed and recorded in test/reliability/.results.json
 * for RELIABILITY.md.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailOverRest } from "../rest/helpers/rest-client.js";
import { createEMailClient } from "../../generated/index.js";
import type { ChildMessage, CompactRecord, ParentMessage } from "./helpers/emulator-process.js";
import { recordSection, type ResultRow } from "./helpers/results.js";
import { soapHttpTransport } from "../../runtime/index.js";

const CALLS = 10_000;
const CONCURRENCY = 100;
/** Bounds on the client process's growth after the run and a GC (measured figures: RELIABILITY.md). */
const RSS_GROWTH_LIMIT_MB = 200;
const HEAP_GROWTH_LIMIT_MB = 50;
const APP_TOKEN = "load-app-token-3f9d1c";
const PATH = "/Remote/Services84/EMail.svc";

const tickets: string[] = Array.from(
  { length: CALLS },
  (_, i) => `7T:load-${i.toString(36)}-${((i * 2654435761) >>> 0).toString(16)}==`,
);
const rows: ResultRow[] = [];
const figures: Record<string, string | number> = {};

/** A real GC when the flag can be turned on at run time (it can in Node 20), else undefined. */
const gc: (() => void) | undefined = (() => {
  try {
    setFlagsFromString("--expose-gc");
    return runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
})();

const mb = (bytes: number): number => Math.round((bytes / 1024 / 1024) * 10) / 10;

// ------------------------------------------------------------------- emulator child process

let child: ChildProcess;
let baseUrl: string;
const waiters: ((m: ChildMessage) => void)[] = [];

function request(m: ParentMessage): Promise<ChildMessage> {
  return new Promise((resolve, reject) => {
    waiters.push((reply) =>
      reply.type === "error" ? reject(new Error(`emulator child: ${reply.message}`)) : resolve(reply),
    );
    child.send(m);
  });
}

beforeAll(async () => {
  child = fork(fileURLToPath(new URL("./helpers/emulator-process.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx", "--conditions=soapkit-source"],
    env: { ...process.env, SOAPKIT_EMULATOR_CHILD: "1" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  child.on("message", (m: ChildMessage) => waiters.shift()?.(m));
  const ready = await request({ type: "start", tickets, applicationToken: APP_TOKEN });
  if (ready.type !== "ready") throw new Error("emulator child did not start");
  baseUrl = ready.url;
}, 60_000);

afterAll(async () => {
  if (child.connected) {
    const exited = new Promise((r) => child.once("exit", r));
    child.send({ type: "stop" } satisfies ParentMessage);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  }
  if (child.exitCode === null) child.kill();
  await recordSection("load", {
    title: `Load: ${CALLS.toLocaleString("en-US")} SyncEmailAccount calls at concurrency ${CONCURRENCY}, one ticket per call`,
    rows,
    figures,
    notes: [
      "Generated EMail client (one shared client, ticket per call) → emulator in a child process on 127.0.0.1 (node-soap for SOAP, the emulator's REST routes for REST).",
      `Memory is the client process's: rss/heap after the run and a forced GC; bounds: rss growth < ${RSS_GROWTH_LIMIT_MB} MB, heap growth < ${HEAP_GROWTH_LIMIT_MB} MB.`,
      "cpu s = CPU time (user + system) of the client process during the run.",
    ],
  });
});

// ---------------------------------------------------------------------------------- helpers

/** Run `n` tasks with at most `concurrency` in flight; returns the failures. */
async function pool(
  n: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<{ index: number; error: unknown }[]> {
  const failures: { index: number; error: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < n; i = next++) {
      try {
        await task(i);
      } catch (error) {
        failures.push({ index: i, error });
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return failures;
}

interface RunFigures {
  readonly ms: number;
  readonly cpuMs: number;
  readonly rssBefore: number;
  readonly rssPeak: number;
  readonly rssAfter: number;
  readonly heapBefore: number;
  readonly heapAfter: number;
  readonly failures: { index: number; error: unknown }[];
}

function settle(): void {
  gc?.();
  gc?.();
}

/** Run the calls, timed, sampling rss; then GC and measure again. */
async function measured(task: (i: number) => Promise<void>): Promise<RunFigures> {
  settle();
  const before = process.memoryUsage();
  let rssPeak = before.rss;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let failures: { index: number; error: unknown }[];
  try {
    failures = await pool(CALLS, CONCURRENCY, task);
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  await new Promise((r) => setTimeout(r, 50));
  settle();
  const after = process.memoryUsage();
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBefore: before.rss,
    rssPeak,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
    failures,
  };
}

/** The server's records of the run: outcome ok, the ticket its caller sent, each account exactly once. */
function checkRecords(records: readonly CompactRecord[], transport: "soap" | "rest", firstAccountId: number): void {
  const mine = records.filter((r) => r.transport === transport && r.operation === "SyncEmailAccount");
  expect(mine).toHaveLength(CALLS);
  const seen = new Set<number>();
  const problems: string[] = [];
  for (const r of mine) {
    const i = (r.accountId ?? Number.NaN) - firstAccountId;
    if (!(i >= 0 && i < CALLS) || seen.has(i))
      problems.push(`unexpected or duplicate AccountId ${String(r.accountId)}`);
    seen.add(i);
    if (r.outcome !== "ok") problems.push(`AccountId ${String(r.accountId)}: outcome ${r.outcome}`);
    if (r.ticket !== tickets[i]) problems.push(`AccountId ${String(r.accountId)}: server saw another caller's ticket`);
    if (r.applicationToken !== APP_TOKEN) problems.push(`AccountId ${String(r.accountId)}: wrong application token`);
  }
  expect(problems.slice(0, 5)).toEqual([]);
  expect(seen.size).toBe(CALLS);
}

function report(transport: string, f: RunFigures, serverRss: number): void {
  const rate = Math.round(CALLS / (f.ms / 1000));
  const rssGrowth = mb(f.rssAfter - f.rssBefore);
  const heapGrowth = mb(f.heapAfter - f.heapBefore);
  process.stdout.write(
    `[load] ${transport}: ${CALLS} calls, concurrency ${CONCURRENCY}: ${(f.ms / 1000).toFixed(2)} s, ${rate} calls/s, ${f.failures.length} failures; ` +
      `client cpu ${(f.cpuMs / 1000).toFixed(1)} s, rss before ${mb(f.rssBefore)} MB, peak ${mb(f.rssPeak)} MB, after GC ${mb(f.rssAfter)} MB (growth ${rssGrowth} MB), ` +
      `heap ${mb(f.heapBefore)} → ${mb(f.heapAfter)} MB; emulator rss ${mb(serverRss)} MB${gc === undefined ? " (no GC available)" : ""}\n`,
  );
  rows.push({
    case: `${transport}: ${CALLS.toLocaleString("en-US")} calls, concurrency ${CONCURRENCY}`,
    outcome: f.failures.length === 0 ? "0 failures, every ticket matched" : `${f.failures.length} failures`,
    "duration s": Number((f.ms / 1000).toFixed(2)),
    "calls/s": rate,
    "client cpu s": Number((f.cpuMs / 1000).toFixed(1)),
    "rss before MB": mb(f.rssBefore),
    "rss peak MB": mb(f.rssPeak),
    "rss after GC MB": mb(f.rssAfter),
    "rss growth MB": rssGrowth,
    "heap growth MB": heapGrowth,
    "emulator rss MB": mb(serverRss),
  });
  figures[`${transport} duration s`] = Number((f.ms / 1000).toFixed(2));
  figures[`${transport} calls/s`] = rate;
  figures[`${transport} rss growth MB`] = rssGrowth;
  figures[`${transport} heap growth MB`] = heapGrowth;
}

async function collect(): Promise<{ records: CompactRecord[]; rss: number }> {
  const reply = await request({ type: "collect" });
  if (reply.type !== "records") throw new Error("emulator child: unexpected reply");
  return { records: reply.records, rss: reply.rss };
}

function expectBounded(f: RunFigures): void {
  expect(f.failures.map((x) => `${x.index}: ${String(x.error)}`).slice(0, 5)).toEqual([]);
  expect(mb(f.rssAfter - f.rssBefore)).toBeLessThan(RSS_GROWTH_LIMIT_MB);
  expect(mb(f.heapAfter - f.heapBefore)).toBeLessThan(HEAP_GROWTH_LIMIT_MB);
}

// ------------------------------------------------------------------------------------ tests

describe("load", () => {
  it(`SOAP: ${CALLS} SyncEmailAccount calls at concurrency ${CONCURRENCY}, one ticket each`, async () => {
    const client = createEMailClient({
      transport: soapHttpTransport({ endpoint: `${baseUrl}${PATH}` }),
      headers: { ApplicationToken: APP_TOKEN },
      timeoutMs: 30_000,
    });
    const f = await measured((i) =>
      client.syncEmailAccount(
        { SyncUserAccount: { AccountId: i + 1, AssociateName: `user-${i}`, AssociateId: i % 97 } },
        { headers: { Credentials: { Ticket: tickets[i]! } } },
      ),
    );
    const { records, rss } = await collect();
    report("SOAP", f, rss);
    expectBounded(f); // failed calls first: their errors say more than a missing record
    checkRecords(records, "soap", 1);
  }, 180_000);

  it(`REST: ${CALLS} SyncEmailAccount calls at concurrency ${CONCURRENCY}, one ticket each`, async () => {
    const client = emailOverRest({ baseUrl, applicationToken: APP_TOKEN, timeoutMs: 30_000 });
    const FIRST = 100_001;
    const f = await measured((i) =>
      client.syncEmailAccount(
        { SyncUserAccount: { AccountId: FIRST + i, AssociateName: `user-${i}`, AssociateId: i % 97 } },
        { headers: { Credentials: { Ticket: tickets[i]! } } },
      ),
    );
    const { records, rss } = await collect();
    report("REST", f, rss);
    expectBounded(f); // failed calls first: their errors say more than a missing record
    checkRecords(records, "rest", FIRST);
  }, 180_000);
});

/**
 * The four clients of the call goals only (soapkit, http, rest, rest-http), for quick
 * before/after comparisons while tuning the runtime (the full section is bench/calls.ts):
 *
 *   npx tsx --conditions=soapkit-source bench/calls-goal.ts [rounds] [warm-up calls]
 *
 * The goal pairs run `rounds` rounds (GOAL_ROUNDS does not apply here); `SOAPKIT_BENCH_PIN=1` pins.
 */
import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { callRows, callsTable, callTargetRows, runCallRounds, TSX } from "./calls.js";
import type { ClientKind } from "./calls-worker.js";
import { BENCH, ROOT, TUNE } from "./config.js";
import { startServer } from "./lib/proc.js";

const CLIENTS: ClientKind[] = ["soapkit", "http", "rest", "rest-http"];

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 3);
  const warmup = Number(process.argv[3] ?? TUNE.warmupCalls);
  process.env["SOAPKIT_BENCH_GOAL_ROUNDS"] ??= String(rounds);
  const log = (s: string): void => void process.stderr.write(`[calls-goal] ${s}\n`);
  execFileSync("npx", ["tsc", "-b", "runtime"], { cwd: ROOT, stdio: "inherit" });
  const load0 = loadavg();
  const lean = await startServer([...TSX, join(BENCH, "responder.ts")], { cwd: ROOT });
  try {
    const rows = callRows(await runCallRounds(lean.url, CLIENTS, rounds, log, warmup));
    const load1 = loadavg();
    const text = [
      `Load ${load0[0]!.toFixed(2)} at start, ${load1[0]!.toFixed(2)} at end; ${rounds} rounds, ${warmup} warm-up calls.`,
      "",
      ...callTargetRows(rows),
      "",
      ...callsTable(rows).slice(2),
    ];
    process.stdout.write(`${text.join("\n")}\n`);
  } finally {
    await lean.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`calls-goal failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

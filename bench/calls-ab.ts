/**
 * Before/after comparison of a runtime change (bench-only helper): the generated client over
 * `nodeHttpTransport` from this tree ("new") and from another checkout ("old", e.g. a copy of
 * the repository with the previous runtime/dist and node_modules linked), paired in short
 * alternating blocks (bench/calls-paired.ts) against one lean responder. Prints the per-round
 * ratios new/old as median (min–max).
 *
 *   npx tsx --conditions=soapkit-source bench/calls-ab.ts <other root> [rounds] [warm-up calls]
 */
import { join } from "node:path";
import { SOAP_PATH, TSX } from "./calls.js";
import { pairedRound } from "./calls-paired.js";
import { BENCH, ROOT, TUNE } from "./config.js";
import { startServer } from "./lib/proc.js";
import { fmtSummary, int, ratio, summarize } from "./lib/stats.js";

async function main(): Promise<void> {
  const other = process.argv[2];
  if (other === undefined) throw new Error("usage: calls-ab.ts <other root> [rounds] [warm-up]");
  const rounds = Number(process.argv[3] ?? 6);
  const warmup = Number(process.argv[4] ?? TUNE.warmupCalls);
  const configs: Array<[number, number]> = [
    [1, TUNE.callsC1],
    [50, TUNE.callsC50],
  ];
  const lean = await startServer([...TSX, join(BENCH, "responder.ts")], { cwd: ROOT });
  const p50: number[][] = configs.map(() => []);
  const per: number[][] = configs.map(() => []);
  const cpu: number[][] = configs.map(() => []);
  const cpuNew: number[][] = configs.map(() => []);
  try {
    for (let round = 0; round < rounds; round++) {
      const url = `${lean.url}${SOAP_PATH}`;
      const [a, b] = await pairedRound("soapkit", "soapkit", url, configs, warmup, round, [ROOT, other]);
      for (let k = 0; k < configs.length; k++) {
        p50[k]!.push(a[k]!.p50 / b[k]!.p50);
        per[k]!.push(b[k]!.throughput / a[k]!.throughput);
        cpu[k]!.push(a[k]!.cpuUs / b[k]!.cpuUs);
        cpuNew[k]!.push(a[k]!.cpuUs);
      }
      process.stderr.write(`[calls-ab] round ${round + 1}/${rounds}\n`);
    }
  } finally {
    await lean.close();
  }
  for (let k = 0; k < configs.length; k++) {
    const f = (v: number[]): string => fmtSummary(summarize(v), ratio);
    process.stdout.write(
      `c=${configs[k]![0]}, ${warmup} warm-up, new/old: p50 ${f(p50[k]!)}, per call ${f(per[k]!)}, CPU ${f(cpu[k]!)} (new CPU µs/call ${fmtSummary(summarize(cpuNew[k]!), int)})\n`,
    );
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`calls-ab failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});

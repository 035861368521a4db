/**
 * CPU profile of one call-benchmark client (bench-only helper for tuning the runtime):
 * `node --cpu-prof` on bench/calls-worker.ts against the lean responder, then summarised.
 *
 *   npx tsx --conditions=soapkit-source bench/calls-profile.ts <client> <concurrency> <calls> [top]
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isRest, runWorker, SOAP_PATH, TSX } from "./calls.js";
import type { ClientKind } from "./calls-worker.js";
import { BENCH, OUT, ROOT } from "./config.js";
import { startServer } from "./lib/proc.js";
import { profileMarkdown, summarizeProfile } from "./profile-summary.js";

async function main(): Promise<void> {
  const client = (process.argv[2] ?? "soapkit") as ClientKind;
  const conc = Number(process.argv[3] ?? 1);
  const calls = Number(process.argv[4] ?? 5000);
  const top = Number(process.argv[5] ?? 30);
  const dir = join(OUT, "profiles", `calls-${client}-c${conc}`);
  rmSync(dir, { recursive: true, force: true });
  const lean = await startServer([...TSX, join(BENCH, "responder.ts")], { cwd: ROOT });
  try {
    const url = isRest(client) ? lean.url : `${lean.url}${SOAP_PATH}`;
    const r = await runWorker(
      client,
      url,
      [[conc, calls]],
      ["--cpu-prof", "--cpu-prof-dir", dir],
      Number(process.env.SOAPKIT_PROFILE_WARMUP ?? 2000),
    );
    process.stdout.write(`${JSON.stringify(r)}\n`);
  } finally {
    await lean.close();
  }
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile") && f.includes(".0.001."));
  const prof = join(dir, file ?? readdirSync(dir)[0]!);
  process.stdout.write(profileMarkdown(`${client} c=${conc}`, summarizeProfile(prof, top), top));
  process.stdout.write(`\n${prof}\n`);
}

void main();

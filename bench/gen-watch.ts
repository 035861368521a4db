/**
 * `--watch` against a cold run, on a one-operation edit of a WSDL: alternately, a cold
 * `soapkit generate` (compiled CLI, fresh process, empty output folder) of the edited WSDL,
 * and a regeneration by one warm `watch()` process (the compiled generator/dist, as installed)
 * after the same edit toggles in the watched copy. The edit renames one operation
 * (`HasNewMail` → `HasNewMailNow`: portType and binding), so one method, two wrapper types,
 * the operation map and one metadata entry change.
 *
 *   node --import tsx bench/gen-watch.ts <wsdl> <workDir> [runs]
 *
 * Prints `WATCH <json>`: cold and warm wall times (ms) per run, the median time per stage of a
 * warm run (`WatchEvent.stages`), and a summary (medians, the fastest warm run, warm/cold).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./config.js";
import { runNodeOk } from "./lib/proc.js";

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Median of every stage over the warm runs (a stage a run lacks counts as 0). */
function medians(rows: readonly Record<string, number>[]): Record<string, number> {
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return Object.fromEntries(names.map((n) => [n, Math.round(median(rows.map((r) => r[n] ?? 0)))]));
}

type WatchModule = typeof import("../generator/cli/watch.js");

const [wsdl, work, runsArg] = process.argv.slice(2);
if (!wsdl || !work) throw new Error("usage: gen-watch.ts <wsdl> <workDir> [runs]");
const runs = Number(runsArg ?? 5);

const original = readFileSync(wsdl, "utf8");
const OPERATION = 'operation name="HasNewMail"';
const edited = original.replaceAll(OPERATION, 'operation name="HasNewMailNow"');
if (edited === original) throw new Error(`${wsdl} has no ${OPERATION}`);

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, "watched"), { recursive: true });
mkdirSync(join(work, "cold"), { recursive: true });
const watchedWsdl = join(work, "watched/EMail.wsdl");
writeFileSync(watchedWsdl, original);

const bin = join(ROOT, "generator/dist/cli/bin.cjs");
const { watch } = (await import(pathToFileURL(join(ROOT, "generator/dist/cli/watch.js")).href)) as WatchModule;
const handle = watch(["generate", watchedWsdl, "--out", join(work, "watched/out")], {
  io: { out: () => undefined, err: (l) => process.stderr.write(`${l}\n`) },
  debounceMs: 20,
});
const initial = await handle.ready;
if (initial.code !== 0) throw new Error(`initial watch run failed: ${initial.line}`);

const cold: number[] = [];
const warm: number[] = [];
const lines: string[] = [];
const stages: Record<string, number>[] = [];
for (let i = 0; i < runs; i++) {
  const text = i % 2 === 0 ? edited : original;
  const coldWsdl = join(work, "cold/EMail.wsdl");
  writeFileSync(coldWsdl, text);
  const out = join(work, `cold/out-${i}`);
  cold.push((await runNodeOk([bin, "generate", coldWsdl, "--out", out], { cwd: ROOT, rss: false })).wallMs);
  const next = handle.next();
  writeFileSync(watchedWsdl, text);
  const event = await next;
  if (event.code !== 0 || !/regenerated/.test(event.line)) throw new Error(`watch run failed: ${event.line}`);
  warm.push(event.ms);
  stages.push({ ...event.stages });
  lines.push(event.line);
}
// Steady state: an editing session saves many times; after STEADY_EDITS untimed edits the
// generator's code is optimised by the JIT, and `runs` more edits are timed back to back.
const STEADY_EDITS = 20;
const steady: number[] = [];
for (let i = 0; i < STEADY_EDITS + runs; i++) {
  const next = handle.next();
  writeFileSync(watchedWsdl, (runs + i) % 2 === 0 ? edited : original);
  const event = await next;
  if (event.code !== 0 || !/regenerated/.test(event.line)) throw new Error(`watch run failed: ${event.line}`);
  if (i >= STEADY_EDITS) steady.push(event.ms);
}
await handle.close();
const summary = {
  coldMedianMs: Math.round(median(cold)),
  warmMedianMs: Math.round(median(warm)),
  warmMinMs: Math.round(Math.min(...warm)),
  warmOverCold: Number((median(warm) / median(cold)).toFixed(3)),
  steadyMedianMs: Math.round(median(steady)),
  steadyOverCold: Number((median(steady) / median(cold)).toFixed(3)),
};
process.stdout.write(
  `WATCH ${JSON.stringify({ initialMs: initial.ms, cold, warm, steady, steadyEdits: STEADY_EDITS, lines, stages: medians(stages), summary })}\n`,
);

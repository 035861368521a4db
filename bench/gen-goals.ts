/**
 * The generation goals of the speed issue, measured for bench/run.ts: start-up floors, no-op
 * regeneration and `--check` of unchanged output (interleaved, so background load hits them
 * alike), the prettier fallbacks over the corpus (bench/gen-format-corpus.ts), and the rows of
 * the "Targets" table. typescript-wsdl-client (TechSpokes) is not on the npm registry this
 * machine reaches, so its figures from the issue are quoted as the reference.
 */
import { join } from "node:path";
import { BENCH, ROOT } from "./config.js";
import { runNodeOk, type RunResult } from "./lib/proc.js";
import { fmtSummary, mb, pairedRatio, ratio, sec, summarize, type Summary } from "./lib/stats.js";

/** The issue's figures for typescript-wsdl-client 0.37 on Services84-EMail.wsdl (quiet machine). */
export const TECHSPOKES_REFERENCE = { wallMs: 410, peakKb: 79 * 1024, slopeMsPerMiB: 200, slopeKbPerMiB: 16 * 1024 };

export interface RunStats {
  readonly wall: Summary;
  readonly peakKb: Summary;
}

const stats = (runs: readonly RunResult[]): RunStats => ({
  wall: summarize(runs.map((r) => r.wallMs)),
  peakKb: summarize(runs.map((r) => r.peakKb).filter(Number.isFinite)),
});

export interface QuickRuns {
  readonly node: RunStats;
  readonly noop: RunStats;
  readonly check: RunStats;
  readonly checkOutput: string;
}

/** `node -e 0`, the no-op run and `--check` on the same up-to-date folder, interleaved. */
export async function measureQuickRuns(generateArgs: readonly string[], runs: number): Promise<QuickRuns> {
  const node: RunResult[] = [];
  const noop: RunResult[] = [];
  const check: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    node.push(await runNodeOk(["-e", "0"], { cwd: ROOT }));
    noop.push(await runNodeOk(generateArgs, { cwd: ROOT }));
    check.push(await runNodeOk([...generateArgs, "--check"], { cwd: ROOT }));
  }
  return { node: stats(node), noop: stats(noop), check: stats(check), checkOutput: check.at(-1)?.stdout.trim() ?? "" };
}

export interface FallbackCount {
  readonly files: number;
  readonly fallbacks: number;
  readonly bySource: Record<string, string[]>;
}

/** How many generated files of the corpus prettier had to format (soapkit prints the rest). */
export async function measureFallbacks(): Promise<FallbackCount> {
  const run = await runNodeOk(["--import", "tsx", "--conditions=soapkit-source", join(BENCH, "gen-format-corpus.ts")], {
    cwd: ROOT,
    rss: false,
    timeoutMs: 900_000,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("FALLBACKS "));
  if (!line) throw new Error(`gen-format-corpus.ts printed no summary\n${run.stderr.slice(-2000)}`);
  return JSON.parse(line.slice("FALLBACKS ".length)) as FallbackCount;
}

export interface GoalInputs {
  readonly soapkit: RunStats;
  readonly wsdlTsclient: RunStats;
  /** The same head-to-head on more WSDLs (bench/config.ts MORE_GEN_WSDLS). */
  readonly more: readonly { label: string; soapkit: RunStats; wsdlTsclient: RunStats }[];
  readonly quick: QuickRuns;
  /** Growth between the full and the synthetic WSDL, per MiB of WSDL. */
  readonly slope: { readonly msPerMiB: number; readonly kbPerMiB: number };
  readonly fallbacks: FallbackCount;
}

/** Speed-up and memory rows against wsdl-tsclient on one more WSDL. */
function headToHeadRows(label: string, sk: RunStats, wt: RunStats, pass: (ok: boolean) => string): string[] {
  const speedUp = wt.wall.median / sk.wall.median;
  const memory = sk.peakKb.median / wt.peakKb.median;
  return [
    `| generation ≥ 2× faster than wsdl-tsclient (${label}) | soapkit ${sec(sk.wall.median)} s vs ${sec(wt.wall.median)} s | ${ratio(speedUp)} speed-up | ${pass(speedUp >= 2)} |`,
    `| generation peak memory ≤ wsdl-tsclient (${label}) | ${mb(sk.peakKb.median)} MB vs ${mb(wt.peakKb.median)} MB | ${ratio(memory)} | ${pass(memory <= 1)} |`,
  ];
}

/** Rows of the "Targets" table for the generation goals. */
export function generationGoalRows(g: GoalInputs, pass: (ok: boolean) => string): string[] {
  const sk = g.soapkit.wall.median;
  const skKb = g.soapkit.peakKb.median;
  const wt = g.wsdlTsclient.wall.median;
  const wtKb = g.wsdlTsclient.peakKb.median;
  const ts = TECHSPOKES_REFERENCE;
  const noopRatio = g.quick.noop.wall.median / g.quick.node.wall.median;
  const checkRatio = g.quick.check.wall.median / g.quick.noop.wall.median;
  const f = g.fallbacks;
  return [
    `| generation ≥ 2× faster than wsdl-tsclient (EMail WSDL) | soapkit ${sec(sk)} s vs ${sec(wt)} s | ${ratio(wt / sk)} speed-up | ${pass(wt / sk >= 2)} |`,
    `| generation peak memory ≤ wsdl-tsclient (EMail WSDL) | ${mb(skKb)} MB vs ${mb(wtKb)} MB | ${ratio(skKb / wtKb)} | ${pass(skKb <= wtKb)} |`,
    ...g.more.flatMap((m) => headToHeadRows(m.label, m.soapkit, m.wsdlTsclient, pass)),
    `| generation no slower than typescript-wsdl-client (issue's figure, not installable here) | ${sec(sk)} s, ${mb(skKb)} MB vs ${sec(ts.wallMs)} s, ${mb(ts.peakKb)} MB | ${ratio(sk / ts.wallMs)} | ${pass(sk <= ts.wallMs && skKb <= ts.peakKb)} |`,
    `| slope ≤ 0.25 s and ≤ 20 MiB per MiB of WSDL | ${sec(g.slope.msPerMiB)} s, ${mb(g.slope.kbPerMiB)} MB per MiB | ${ratio(g.slope.msPerMiB / 250)} of budget | ${pass(g.slope.msPerMiB <= 250 && g.slope.kbPerMiB <= 20 * 1024)} |`,
    `| no-op regeneration ≤ 1.2× \`node -e 0\` | ${sec(g.quick.noop.wall.median)} s vs ${sec(g.quick.node.wall.median)} s | ${ratio(noopRatio)} | ${pass(noopRatio <= 1.2)} |`,
    `| \`--check\` on unchanged output ≤ 1.5× the no-op | ${sec(g.quick.check.wall.median)} s vs ${sec(g.quick.noop.wall.median)} s | ${ratio(checkRatio)} | ${pass(checkRatio <= 1.5)} |`,
    `| output printed by soapkit in prettier's layout (prettier off the hot path) | ${f.files - f.fallbacks} of ${f.files} corpus files; prettier formats ${f.fallbacks} | ${ratio(f.fallbacks / f.files)} fallback share | ${pass(f.fallbacks === 0)} |`,
  ];
}

export interface WatchRuns {
  readonly cold: Summary;
  readonly warm: Summary;
  /** The same edit in the same process after `steadyEdits` more untimed edits (JIT-optimised). */
  readonly steady: Summary;
  readonly steadyEdits: number;
  /** The last watch run's line. */
  readonly line: string;
}

/** Cold CLI generation against a warm `--watch` regeneration after a one-operation edit (bench/gen-watch.ts). */
export async function measureWatch(wsdl: string, work: string, runs: number): Promise<WatchRuns> {
  const run = await runNodeOk(["--import", "tsx", join(BENCH, "gen-watch.ts"), wsdl, work, String(runs)], {
    cwd: ROOT,
    rss: false,
    timeoutMs: 900_000,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("WATCH "));
  if (!line) throw new Error(`gen-watch.ts printed no summary\n${run.stderr.slice(-2000)}`);
  const r = JSON.parse(line.slice("WATCH ".length)) as {
    cold: number[];
    warm: number[];
    steady: number[];
    steadyEdits: number;
    lines: string[];
  };
  return {
    cold: summarize(r.cold),
    warm: summarize(r.warm),
    steady: summarize(r.steady),
    steadyEdits: r.steadyEdits,
    line: r.lines.at(-1) ?? "",
  };
}

export interface TypecheckRuns {
  /** Files of wsdl-tsclient's output fixed by hand (see bench/gen-typecheck.ts). */
  readonly fixes: readonly string[];
  /** Per project (`soapkit`, `wsdl-tsclient`, `one-line`, each also `… (skipLibCheck off)`). */
  readonly wall: Record<string, Summary>;
  /** Wall ms per project, one per round in round order (the projects of a round ran back to back). */
  readonly rounds: Record<string, readonly number[]>;
  readonly diagnostics: Record<
    string,
    { files: number; lines: number; types: number; instantiations: number; checkMs: number }
  >;
}

/** A consumer's `tsc --noEmit` over each tool's output and a one-line project (bench/gen-typecheck.ts). */
export async function measureTypecheck(wsdl: string, work: string, rounds: number): Promise<TypecheckRuns> {
  const run = await runNodeOk(["--import", "tsx", join(BENCH, "gen-typecheck.ts"), wsdl, work, String(rounds)], {
    cwd: ROOT,
    rss: false,
    timeoutMs: 1_800_000,
  });
  const line = run.stdout.split("\n").find((l) => l.startsWith("TYPECHECK "));
  if (!line) throw new Error(`gen-typecheck.ts printed no summary\n${run.stderr.slice(-2000)}`);
  const r = JSON.parse(line.slice("TYPECHECK ".length)) as Omit<TypecheckRuns, "wall"> & {
    wall: Record<string, number[]>;
  };
  return { ...r, rounds: r.wall, wall: Object.fromEntries(Object.entries(r.wall).map(([k, v]) => [k, summarize(v)])) };
}

/** soapkit's wall time over another project's, per round (the two ran back to back), summarised over the rounds. */
export function perRoundRatio(t: TypecheckRuns, project: string, reference: string): Summary {
  return pairedRatio(t.rounds[project]!, t.rounds[reference]!);
}

/** Rows of the "Targets" table for `--watch` and the consumer's type-check. */
export function watchTypecheckRows(w: WatchRuns, t: TypecheckRuns, pass: (ok: boolean) => string): string[] {
  const share = w.warm.median / w.cold.median;
  const steadyShare = w.steady.median / w.cold.median;
  const rows = [
    `| \`--watch\`: one-operation edit regenerates in ≤ 10% of the cold time (EMail WSDL; the first ${w.warm.n} edits of a watch process) | ${sec(w.warm.median)} s vs ${sec(w.cold.median)} s | ${ratio(share)} | ${pass(share <= 0.1)} |`,
    `| \`--watch\`: same, steady state (the same process after ${w.steadyEdits} more edits) | ${sec(w.steady.median)} s vs ${sec(w.cold.median)} s | ${ratio(steadyShare)} | ${pass(steadyShare <= 0.1)} |`,
  ];
  for (const off of ["", " (skipLibCheck off)"]) {
    const sk = t.wall[`soapkit${off}`]!.median;
    const wt = t.wall[`wsdl-tsclient${off}`]!.median;
    const one = t.wall[`one-line${off}`]!.median;
    const vsWt = perRoundRatio(t, `soapkit${off}`, `wsdl-tsclient${off}`);
    const vsOne = perRoundRatio(t, `soapkit${off}`, `one-line${off}`);
    const label = off ? "skipLibCheck off" : "skipLibCheck on";
    const r = (x: Summary): string => fmtSummary(x, ratio);
    rows.push(
      `| consumer \`tsc --noEmit\` over the output ≤ 1.0× wsdl-tsclient's (${label}; median of per-round ratios) | ${sec(sk)} s vs ${sec(wt)} s | ${r(vsWt)} | ${pass(vsWt.median <= 1)} |`,
      `| consumer \`tsc --noEmit\` over the output ≤ 1.3× a one-line project (${label}; median of per-round ratios) | ${sec(sk)} s vs ${sec(one)} s | ${r(vsOne)} | ${pass(vsOne.median <= 1.3)} |`,
    );
  }
  return rows;
}

/** The detail paragraphs and table for `--watch` and the type-check. */
export function watchTypecheckSection(w: WatchRuns, t: TypecheckRuns): string[] {
  const rows = Object.entries(t.wall).map(([k, s]) => {
    const d = t.diagnostics[k]!;
    return `| ${k} | ${s.n} | ${sec(s.median)} (${sec(s.min)}–${sec(s.max)}) | ${d.files} | ${d.lines} | ${d.types} | ${d.instantiations} | ${sec(d.checkMs)} |`;
  });
  return [
    `\`--watch\` (bench/gen-watch.ts, ${w.cold.n} alternating runs): a cold \`soapkit generate\` of the edited WSDL into an empty folder takes ${sec(w.cold.median)} (${sec(w.cold.min)}–${sec(w.cold.max)}) s; one warm \`watch()\` process (compiled generator) regenerates after the same one-operation edit (\`HasNewMail\` renamed) in ${sec(w.warm.median)} (${sec(w.warm.min)}–${sec(w.warm.max)}) s in its first ${w.warm.n} edits, and in ${sec(w.steady.median)} (${sec(w.steady.min)}–${sec(w.steady.max)}) s after ${w.steadyEdits} more untimed edits (its code optimised by the JIT, as in an editing session) (\`${w.line.replace(/`/g, "'")}\`). test/cli/watch-determinism.test.ts proves the watched output byte-identical to a cold generation.`,
    "",
    `A consumer's \`tsc --noEmit\` (bench/gen-typecheck.ts; strict, NodeNext, ES2022, \`types: ["node"]\`, tsc from node_modules/typescript; ${t.rounds["soapkit"]!.length} rounds, each running every project once, in an order rotated per round; a target's ratio is the median over rounds of soapkit's time over the other project's in the same round). wsdl-tsclient's output does not compile as written; fixed by hand in the setup: CommonJS project (extensionless relative imports), parameter \`delete\` renamed, client interface's closing brace moved (files: ${t.fixes.join(", ")}). Last run's \`--extendedDiagnostics\` counts:`,
    "",
    "| project | runs | wall s | files | lines of TS | types | instantiations | check s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ];
}

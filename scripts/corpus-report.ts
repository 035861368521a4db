/**
 * `npm run corpus:report`: measures the public WSDL corpus (../shared/wsdl/public) and writes
 * bench/CORPUS.md (also printed). Per WSDL: operations (corpus.tsv / generated), types,
 * generation time (median of 3 cold CLI runs: the compiled CLI when generator/dist exists,
 * else the source CLI bin/soapkit.mjs), the strict compile gate, the xmllint sweep (documents,
 * schema errors, broken copies rejected, round trip) and the zeep sample. Not a test: it
 * reports what it measures, whatever it is.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, relative } from "node:path";
import { format, resolveConfig } from "prettier";
import { runNode } from "../bench/lib/proc.js";
import { EXPECTED, readCorpus, type CorpusEntry } from "../test/corpus/corpus.js";
import { generateEntry, type Generated, type Refused } from "../test/corpus/generate.js";
import { sweep, type SweepResult } from "../test/corpus/sweep.js";
import { mismatch, sampleDocs, zeepRead } from "../test/corpus/zeep-check.js";
import { repoRoot, sharedDir } from "../test/helpers/shared.js";
import { tsFiles, typecheck } from "../test/helpers/typecheck.js";

const PUBLIC = join(sharedDir, "wsdl/public");
const OUT = join(repoRoot, "test/.out/corpus-report");
const COMPILED = join(repoRoot, "generator/dist/cli/bin.js");
const CLI = existsSync(COMPILED) ? COMPILED : join(repoRoot, "bin/soapkit.mjs");

interface Row {
  readonly entry: CorpusEntry;
  readonly gen: Generated | Refused;
  readonly cliMs: number;
  compile?: string;
  wire?: SweepResult;
  zeep?: { readonly docs: number; readonly ops: number; readonly mismatches: readonly string[] };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const s = (ms: number): string => (ms / 1000).toFixed(2);
/** A message with the corpus folder's absolute path written as `../shared/wsdl/public`. */
const portable = (m: string): string => m.split(PUBLIC).join("../shared/wsdl/public");

async function cliMedian(e: CorpusEntry): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const dir = await mkdtemp(join(tmpdir(), "soapkit-corpus-cli-"));
    const r = await runNode([CLI, "generate", e.wsdl, "--out", dir], { rss: false, timeoutMs: 300_000 });
    await rm(dir, { recursive: true, force: true });
    times.push(r.wallMs);
  }
  return median(times);
}

function compileStatus(rows: readonly Row[], diagnostics: readonly string[]): void {
  for (const r of rows) {
    if (!r.gen.ok) continue;
    const dir = join(OUT, r.entry.name) + "/";
    const n = diagnostics.filter((d) => d.startsWith(dir)).length;
    r.compile = n === 0 ? "ok" : `${n} errors`;
  }
}

async function zeepSample(r: Row): Promise<void> {
  const docs = await sampleDocs(r.entry.wsdl);
  const answers = await zeepRead(r.entry.name, r.entry.wsdl, docs);
  r.zeep = {
    docs: docs.length,
    ops: new Set(docs.map((d) => `${d.meta.port}.${d.key}`)).size,
    mismatches: docs.flatMap((d) => mismatch(d, answers.get(d.id), r.entry.name) ?? []),
  };
}

function wireCells(w: SweepResult | undefined): string[] {
  if (w === undefined) return ["–", "–", "–", "–"];
  const docs = [...w.results.values()].filter((x) => !x.id.startsWith("broken."));
  const errors = docs.reduce((n, x) => n + x.errors.length, 0);
  const facets = docs.reduce((n, x) => n + x.facets.length, 0);
  const limit = docs.reduce((n, x) => n + x.validatorLimit.length, 0);
  const tolerated = [facets > 0 ? `${facets} sample facet` : "", limit > 0 ? `${limit} libxml2 decimal limit` : ""]
    .filter((x) => x !== "")
    .join(", ");
  const rejected = w.broken.filter((b) => !b.result.valid).length;
  return [
    `${w.set.docs.length} (${w.set.refused.size} refused)`,
    `${errors}${tolerated === "" ? "" : ` (+ ${tolerated})`}`,
    `${rejected}/${w.broken.length}`,
    `${w.set.docs.length - w.roundTrip.size}/${w.set.docs.length}`,
  ];
}

function table(rows: readonly Row[]): string {
  const head =
    "| WSDL | status | ops (tsv / generated) | types | generation (median of 3) | strict compile | documents | xmllint errors | broken rejected | round trip | zeep sample |";
  const lines = [head, `|${" --- |".repeat(11)}`];
  for (const r of rows) {
    const g = r.gen;
    const status = g.ok ? "generates" : `refused (${g.diagnostic ? "diagnostics" : "INTERNAL ERROR"})`;
    const zeep =
      r.zeep === undefined
        ? "–"
        : `${r.zeep.docs - r.zeep.mismatches.length}/${r.zeep.docs} envelopes of ${r.zeep.ops} ops match`;
    lines.push(
      `| ${r.entry.name} | ${status} | ${r.entry.ops} / ${g.ok ? g.operations : "–"} | ${g.ok ? g.types : "–"} | ` +
        `${s(r.cliMs)} s | ${r.compile ?? "–"} | ${wireCells(r.wire).join(" | ")} | ${zeep} |`,
    );
  }
  return lines.join("\n");
}

function notes(rows: readonly Row[]): string {
  const out: string[] = [];
  for (const r of rows) {
    const expected = EXPECTED[r.entry.name];
    if (!r.gen.ok)
      out.push(
        `- **${r.entry.name}** refused (expected reason: ${expected?.generates === false ? expected.reason : "none: expected to generate"}): \`${portable(r.gen.error.split("\n")[0]!)}\``,
      );
    for (const m of r.zeep?.mismatches.slice(0, 3) ?? [])
      out.push(`- **${r.entry.name}** zeep: \`${portable(m).slice(0, 300)}\``);
    for (const [id, d] of [...(r.wire?.roundTrip ?? [])].slice(0, 3))
      out.push(`- **${r.entry.name}** round trip ${id}: \`${d.slice(0, 300)}\``);
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  const started = new Date();
  const load = loadavg()[0]!;
  const rows: Row[] = [];
  for (const entry of readCorpus(PUBLIC)) {
    const gen = await generateEntry(entry, join(OUT, entry.name));
    const cliMs = await cliMedian(entry);
    rows.push({ entry, gen, cliMs });
    console.info(`[corpus-report] ${entry.name}: ${gen.ok ? `${gen.operations} ops` : "refused"}, CLI ${s(cliMs)} s`);
  }
  const files = (await Promise.all(rows.filter((r) => r.gen.ok).map((r) => tsFiles(join(OUT, r.entry.name))))).flat();
  compileStatus(rows, files.length === 0 ? [] : typecheck(files));
  for (const r of rows.filter((x) => x.gen.ok)) {
    r.wire = await sweep(r.entry);
    await zeepSample(r);
    console.info(`[corpus-report] ${r.entry.name}: wire checks done`);
  }
  const cli = relative(repoRoot, CLI);
  const md = `# Public WSDL corpus

Measured by \`npm run corpus:report\` (scripts/corpus-report.ts) on ${started.toISOString().slice(0, 16)} UTC,
${cpus().length} cores (load average ${load.toFixed(1)} at the start: times are wall clock on a shared machine), Node ${process.version}. Corpus: \`../shared/wsdl/public\` (see its README.md).

- **ops**: distinct operation names over every SOAP binding (corpus.tsv) / over the generated ports.
- **generation**: wall time of \`node ${cli} generate <wsdl> --out <tmp>\`, a cold process, median of 3 runs
  (${CLI === COMPILED ? "compiled CLI" : "source CLI through tsx: run \`npm run build\` first to time the compiled one"}).
- **strict compile**: the generated output type-checked under \`strict\`, module NodeNext (one program).
- **documents**: every operation's request and response envelope (headers included) in every shape
  (test/corpus/shapes.ts) and sample variant, encoded by the runtime codec; **xmllint errors** against the
  WSDL's own schemas (in brackets: tolerated, see test/corpus/validate.ts); **broken rejected**: deliberately
  broken copies xmllint rejects; **round trip**: documents that decode back to the encoded values.
- **zeep sample**: envelopes of up to 5 operations per port that python3-zeep reads to the encoded values.

${table(rows)}

${notes(rows)}
`;
  const file = join(repoRoot, "bench/CORPUS.md");
  const formatted = await format(md, { ...(await resolveConfig(file)), parser: "markdown" });
  await writeFile(file, formatted);
  console.log(formatted);
}

await main();

/**
 * The CLI's second step (after noop-stamp.ts found no intact stamp): a `soapkit generate` (or
 * `--check`) whose every job is up to date is answered here, with only the modules that test
 * needs loaded (no emitters, no watcher, no generator API), and the stamp is recorded for the
 * next identical command. Anything else — work to do, errors, other commands — returns
 * undefined and the full CLI (main.ts) runs, repeating the few milliseconds of checks.
 */
import { join } from "node:path";
import { CONFIG_NAMES } from "./config-file.js";
import { generateOptions, resolveInvocation, type Invocation } from "./invocation.js";
import { statForStamp, writeStamp } from "./noop-stamp.js";
import { displayPath, jobLines, type CliIO } from "./report.js";
import { noopVerdict } from "./up-to-date.js";

const direct = <T>(_stage: string, fn: () => Promise<T>): Promise<T> => fn();

interface Verified {
  readonly out: string;
  /** The output folder as displayed. */
  readonly dir: string;
  readonly sources: number;
  readonly operations: number;
  readonly files: number;
  readonly ms: number;
  /** Every document and output file the verdict read. */
  readonly paths: readonly string[];
}

/** Every job's verdict, or undefined as soon as one is not up to date. */
async function verifyAll(inv: Invocation, cwd: string): Promise<Verified[] | undefined> {
  const verified: Verified[] = [];
  for (const job of inv.jobs) {
    const t0 = performance.now();
    const verdict = await noopVerdict(job, generateOptions(inv.options, job.out), direct);
    if (!verdict.upToDate) return undefined;
    const { sources, operations, files } = verdict;
    const paths = [...verdict.documents, ...verdict.outputs];
    verified.push({
      out: job.out,
      dir: displayPath(job.out, cwd),
      ms: performance.now() - t0,
      sources,
      operations,
      files,
      paths,
    });
  }
  return verified;
}

/** The exit code when every job is up to date, else undefined (nothing printed). */
export async function upToDateFastPath(
  argv: readonly string[],
  io: CliIO,
  cwd: string,
  identity?: readonly string[],
): Promise<number | undefined> {
  if (argv[0] !== "generate") return undefined;
  try {
    const inv = await resolveInvocation(argv.slice(1), cwd);
    const o = inv === "help" ? undefined : inv.options;
    if (inv === "help" || !o || o.watch || o["dump-model"] || o.force || o.verbose) return undefined;
    const verified = await verifyAll(inv, cwd);
    if (!verified) return undefined;
    for (const r of verified) jobLines({ status: "up-to-date", ...r }, cwd).out.forEach((l) => io.out(l));
    if (identity) await recordStamp(argv, cwd, identity, inv, verified);
    return 0;
  } catch {
    return undefined; // the full CLI reports it
  }
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * Stat everything the answer depends on, verify again (so an edit after the stat shows in
 * it), then record. Not for URL sources (their content is the server's) or a config that is
 * code (`.ts`/`.mjs` may read anything).
 */
async function recordStamp(
  argv: readonly string[],
  cwd: string,
  identity: readonly string[],
  inv: Invocation,
  verified: readonly Verified[],
): Promise<void> {
  if (inv.configFile !== undefined && !/\.json$/i.test(inv.configFile)) return;
  const configs = inv.configFile === undefined ? [] : [inv.configFile, ...CONFIG_NAMES.map((n) => join(cwd, n))];
  const paths = [...identity, ...configs, ...verified.flatMap((v) => v.paths)];
  if (paths.some(isUrl)) return;
  const files = statForStamp(paths);
  const again = files && (await verifyAll(inv, cwd));
  if (!files || !again || JSON.stringify(again.map((v) => v.paths)) !== JSON.stringify(verified.map((v) => v.paths)))
    return;
  writeStamp(
    argv,
    cwd,
    identity,
    files,
    verified.map(({ dir, sources, operations, files: n }) => ({ dir, sources, operations, files: n })),
  );
}

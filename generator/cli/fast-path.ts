/**
 * The CLI's first step: a `soapkit generate` (or `--check`) whose every job is up to date is
 * answered here, with only the modules that test needs loaded (no emitters, no watcher, no
 * generator API). Anything else — work to do, errors, other commands — returns undefined and
 * the full CLI (main.ts) runs, repeating the few milliseconds of checks.
 */
import { generateOptions, resolveInvocation } from "./invocation.js";
import { jobLines, type CliIO } from "./report.js";
import type { JobResult } from "./run.js";
import { noopVerdict } from "./up-to-date.js";

const direct = <T>(_stage: string, fn: () => Promise<T>): Promise<T> => fn();

/** The exit code when every job is up to date, else undefined (nothing printed). */
export async function upToDateFastPath(argv: readonly string[], io: CliIO, cwd: string): Promise<number | undefined> {
  if (argv[0] !== "generate") return undefined;
  try {
    const inv = await resolveInvocation(argv.slice(1), cwd);
    const o = inv === "help" ? undefined : inv.options;
    if (inv === "help" || !o || o.watch || o["dump-model"] || o.force || o.verbose) return undefined;
    const results: JobResult[] = [];
    for (const job of inv.jobs) {
      const t0 = performance.now();
      const verdict = await noopVerdict(job, generateOptions(o, job.out), direct);
      if (!verdict.upToDate) return undefined;
      const { sources, operations, files } = verdict;
      results.push({ status: "up-to-date", out: job.out, ms: performance.now() - t0, sources, operations, files });
    }
    for (const r of results) jobLines(r, cwd).out.forEach((l) => io.out(l));
    return 0;
  } catch {
    return undefined; // the full CLI reports it
  }
}

/**
 * Running the jobs of an invocation: the no-op test (inputs hash + intact files), generation,
 * the atomic write or the `--check` comparison. Returns structured results; printing is the
 * caller's (main.ts formats them, watch.ts condenses them to one line).
 */
import { isAbsolute, resolve } from "node:path";
import { GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import { isUsageKind } from "../diagnostics/messages.js";
import type { WarmCaches } from "../incremental/warm.js";
import type { LoadedSource, SourceReport } from "../index.js";
import type { CheckReport, WriteReport } from "../write/write-files.js";
import { generateOptions, type Invocation, type Job } from "./invocation.js";
import { noopVerdict } from "./up-to-date.js";

export const EXIT = { ok: 0, stale: 1, input: 2, usage: 64, internal: 70 } as const;

interface JobBase {
  readonly out: string;
  /** Wall time of the job, ms. */
  readonly ms: number;
}

export type JobResult =
  | (JobBase & {
      readonly status: "up-to-date";
      readonly sources: number;
      readonly operations: number;
      readonly files: number;
    })
  | (JobBase & {
      readonly status: "written";
      readonly write: WriteReport;
      readonly sources: readonly SourceReport[];
      readonly reason: string;
    })
  | (JobBase & {
      readonly status: "checked";
      readonly check: CheckReport;
      readonly files: number;
      readonly operations: number;
      readonly types: number;
    })
  | (JobBase & { readonly status: "failed"; readonly diagnostics: readonly Diagnostic[] });

export interface RunResult {
  readonly jobs: readonly JobResult[];
  /** Local files the run read (documents of every source, roots of failed ones): what --watch watches. */
  readonly inputs: readonly string[];
  readonly code: number;
}

export interface RunHooks {
  readonly onJob?: (job: Job) => void;
  readonly onSource?: (job: Job, report: SourceReport) => void;
  readonly onTiming?: (job: Job, stage: string, ms: number) => void;
  /**
   * A `--watch` run after a change the watcher saw: skip the no-op test (the inputs changed;
   * an unchanged result only costs a compare) and replace only the changed files, in place.
   */
  readonly watchedChange?: boolean;
  /** A warm process's caches: what did not change is reused (see incremental/warm.ts). */
  readonly warm?: WarmCaches;
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** Exit code for a list of diagnostics: 64 when all are usage errors, else 2. */
export function exitCodeFor(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.length > 0 && diagnostics.every((d) => isUsageKind(d.kind)) ? EXIT.usage : EXIT.input;
}

function codeOf(r: JobResult): number {
  switch (r.status) {
    case "failed":
      return exitCodeFor(r.diagnostics);
    case "checked":
      return r.check.stale.length + r.check.missing.length + r.check.orphan.length > 0 ? EXIT.stale : EXIT.ok;
    default:
      return EXIT.ok;
  }
}

/** Run every job; user errors become `failed` results, internal errors propagate. */
export async function runJobs(inv: Invocation, hooks: RunHooks = {}): Promise<RunResult> {
  const results: JobResult[] = [];
  const inputs = new Set<string>();
  for (const job of inv.jobs) {
    for (const s of job.sources) {
      const input = typeof s === "string" ? s : s.input;
      if (!isUrl(input)) inputs.add(resolve(input));
    }
    const t0 = performance.now();
    hooks.onJob?.(job);
    try {
      results.push(
        await runJob(inv, job, hooks, (docs) =>
          docs.forEach((d) => !isUrl(d) && inputs.add(isAbsolute(d) ? d : resolve(d))),
        ),
      );
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw e;
      results.push({ status: "failed", out: job.out, ms: performance.now() - t0, diagnostics: e.diagnostics });
    }
  }
  return { jobs: results, inputs: [...inputs], code: Math.max(EXIT.ok, ...results.map(codeOf)) };
}

async function runJob(
  inv: Invocation,
  job: Job,
  hooks: RunHooks,
  sawDocuments: (paths: string[]) => void,
): Promise<JobResult> {
  const t0 = performance.now();
  const o = inv.options;
  const timing = hooks.onTiming;
  const sources: SourceReport[] = [];
  const options = {
    ...generateOptions(o, job.out),
    ...(timing ? { onTiming: (stage: string, ms: number) => timing(job, stage, ms) } : {}),
    onSource: (r: SourceReport) => {
      sources.push(r);
      hooks.onSource?.(job, r);
    },
  };
  let reason = o.force ? "forced (--force)" : "a watched input changed";
  if (!o.force && !hooks.watchedChange) {
    // No-op shortcut, for `--check` too (generation is deterministic): re-hash the documents
    // the manifest recorded and the output files (no parsing, no emitters).
    const verdict = await noopVerdict(job, options, (stage, fn) => measure(timing, job, stage, fn));
    if (verdict.upToDate) {
      sawDocuments([...verdict.documents]);
      const { sources: count, operations, files } = verdict;
      return { status: "up-to-date", out: job.out, ms: performance.now() - t0, sources: count, operations, files };
    }
    reason = verdict.reason;
  }
  const [{ generate }, { loadSources }, write] = await Promise.all([
    import("../generate.js"),
    import("../sources.js"),
    import("../write/write-files.js"),
  ]);
  const loaded: LoadedSource[] = hooks.warm
    ? await (await import("../incremental/load-reuse.js")).loadSourcesWarm(job.sources, options, hooks.warm.loads)
    : await loadSources(job.sources, options);
  sawDocuments(loaded.flatMap((l) => l.documents.map((d) => d.path)));

  if (o.check) {
    const { files, models } = await generate(loaded, options, hooks.warm);
    const check = await measure(timing, job, "check", () => write.checkOutput(job.out, files));
    return {
      status: "checked",
      out: job.out,
      ms: performance.now() - t0,
      check,
      files: files.length,
      operations: models.reduce((n, m) => n + m.ports.reduce((k, p) => k + p.operations.length, 0), 0),
      types: models.reduce((n, m) => n + m.types.size, 0),
    };
  }

  const { files } = await measure(timing, job, "generate", () => generate(loaded, options, hooks.warm));
  const written = await measure(timing, job, "write", () =>
    write.writeOutput(job.out, files, {
      force: o.force === true,
      inPlace: hooks.watchedChange === true,
      ...(hooks.warm ? { memory: hooks.warm.written } : {}),
    }),
  );
  return { status: "written", out: job.out, ms: performance.now() - t0, write: written, sources, reason };
}

async function measure<T>(report: RunHooks["onTiming"], job: Job, stage: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  report?.(job, stage, performance.now() - t0);
  return r;
}

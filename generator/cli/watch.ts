/**
 * `soapkit generate --watch`: regenerate when a source, any document it imports or the config
 * file changes. Watches the folders of those files (editors often save by replacing the
 * file, which would orphan a watcher on the file itself), debounces bursts of events, runs
 * one generation at a time, reports each run in one line, and survives broken inputs (the
 * diagnostics are printed and the last good output stays in place until the input is fixed).
 */
import { existsSync, watch as fsWatch, type FSWatcher } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { GeneratorError } from "../diagnostics/diagnostic.js";
import { createWarmCaches, endWarmRun } from "../incremental/warm.js";
import { CONFIG_NAMES } from "./config-file.js";
import { resolveInvocation } from "./invocation.js";
import { diagnosticText, noteText, watchLine, type CliIO } from "./report.js";
import { EXIT, exitCodeFor, runJobs, type JobResult } from "./run.js";

export interface WatchEvent {
  /** Sequence number of the run, from 1. */
  readonly run: number;
  /** Exit code the run would have had as a one-shot command. */
  readonly code: number;
  readonly jobs: readonly JobResult[];
  /** The one-line report (also printed). */
  readonly line: string;
  /** Files whose change triggered the run (empty for the initial run). */
  readonly trigger: readonly string[];
  /** Files watched after the run. */
  readonly watching: readonly string[];
  /** Wall time of the run, ms. */
  readonly ms: number;
  /** Time per stage of the run (summed over jobs), ms: where a watch cycle goes. */
  readonly stages: Readonly<Record<string, number>>;
}

export interface WatchOptions {
  /** Output; default: stdout/stderr, cwd = process.cwd(). */
  readonly io?: CliIO;
  /** Quiet period after the last change before regenerating (default 150 ms). */
  readonly debounceMs?: number;
  readonly onEvent?: (event: WatchEvent) => void;
}

export interface WatchHandle {
  /** Resolves with the initial run's event. */
  readonly ready: Promise<WatchEvent>;
  /** Resolves with the next run's event (runs that start after this call). */
  next(): Promise<WatchEvent>;
  /** Stop watching; waits for a run in progress to finish. */
  close(): Promise<void>;
}

const defaultIO: CliIO = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/**
 * Watch and regenerate. `args` are the arguments of `soapkit generate` (sources, --out,
 * --config, options); `--watch` itself is implied.
 */
export function watch(args: readonly string[], options: WatchOptions = {}): WatchHandle {
  const io = options.io ?? defaultIO;
  const cwd = io.cwd ?? process.cwd();
  const rest = args[0] === "generate" ? args.slice(1) : args;
  const argv = rest.includes("--watch") ? rest : [...rest, "--watch"];
  const debounceMs = options.debounceMs ?? 150;
  // Watched even when reading the config fails, so fixing it triggers a run.
  const configIndex = argv.findIndex((a) => a === "--config" || a.startsWith("--config="));
  const configArg =
    configIndex < 0
      ? undefined
      : argv[configIndex]!.startsWith("--config=")
        ? argv[configIndex]!.slice(9)
        : argv[configIndex + 1];
  const configFiles = configArg !== undefined ? [resolve(cwd, configArg)] : CONFIG_NAMES.map((n) => join(cwd, n));

  const warm = createWarmCaches();
  const watchers = new Map<string, FSWatcher>();
  let watched = new Set<string>();
  const dirty = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let runs = 0;
  let waiters: ((e: WatchEvent) => void)[] = [];
  let resolveReady: (e: WatchEvent) => void = () => undefined;
  const ready = new Promise<WatchEvent>((r) => (resolveReady = r));

  const onFsEvent = (dir: string, filename: string | Buffer | null): void => {
    if (closed) return;
    if (filename === null) {
      for (const f of watched) if (dirname(f) === dir) dirty.add(f);
    } else {
      const file = join(dir, filename.toString());
      if (!watched.has(file)) return;
      dirty.add(file);
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  const syncWatchers = (): void => {
    const dirs = new Set([...watched].map((f) => dirname(f)));
    for (const [dir, w] of watchers) {
      if (!dirs.has(dir)) {
        w.close();
        watchers.delete(dir);
      }
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const w = fsWatch(dir, { persistent: true }, (_event, filename) => onFsEvent(dir, filename));
        w.on("error", () => {
          w.close();
          watchers.delete(dir);
        });
        watchers.set(dir, w);
      } catch {
        // folder missing (deleted source): the next successful run re-adds it
      }
    }
  };

  const runOnce = async (trigger: string[]): Promise<WatchEvent> => {
    const t0 = performance.now();
    runs += 1;
    let jobs: readonly JobResult[] = [];
    let code: number = EXIT.ok;
    let next = new Set([...watched, ...configFiles]);
    const stages: Record<string, number> = {};
    const stage = (name: string, ms: number): void => void (stages[name] = (stages[name] ?? 0) + ms);
    try {
      const t1 = performance.now();
      const inv = await resolveInvocation(argv, cwd);
      stage("config", performance.now() - t1);
      if (inv === "help") throw new GeneratorError({ kind: "option-invalid", message: "--help cannot be watched" });
      if (inv.configFile) next.add(inv.configFile);
      const result = await runJobs(inv, {
        onSource: (_job, r) => r.notes.forEach((n) => io.err(noteText(n, cwd))),
        onTiming: (_job, name, ms) => stage(name, ms),
        watchedChange: trigger.length > 0,
        warm,
      });
      jobs = result.jobs;
      code = result.code;
      // after a failure, keep what the sources that failed had: the fix is likely one edit away
      if (code === EXIT.ok) endWarmRun(warm);
      const inputs = new Set([...result.inputs, ...(inv.configFile ? [inv.configFile] : [])]);
      // after a failure keep watching what the last good run read, too: the broken document
      // may have lost the imports that are about to be fixed
      next = code === EXIT.ok ? inputs : new Set([...next, ...inputs]);
      for (const r of jobs) if (r.status === "failed") for (const d of r.diagnostics) io.err(diagnosticText(d, cwd));
    } catch (e) {
      if (e instanceof GeneratorError) {
        for (const d of e.diagnostics) io.err(diagnosticText(d, cwd));
        code = exitCodeFor(e.diagnostics);
      } else {
        io.err(
          `soapkit: internal error (this is a bug in soapkit)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        code = EXIT.internal;
      }
    }
    watched = new Set([...next].map((f) => resolve(cwd, f)));
    if (!closed) syncWatchers();
    const ms = performance.now() - t0;
    const line =
      jobs.length > 0
        ? watchLine(jobs, trigger, ms, cwd)
        : `soapkit watch: failed — ${trigger.length === 0 ? "initial run" : "after a change"}; fix the errors above`;
    (code === EXIT.ok ? io.out : io.err)(line);
    const event: WatchEvent = {
      run: runs,
      code,
      jobs,
      line,
      trigger,
      watching: [...watched].filter((f) => existsSync(f)).sort(),
      ms,
      stages,
    };
    options.onEvent?.(event);
    if (runs === 1) resolveReady(event);
    const w = waiters;
    waiters = [];
    for (const fn of w) fn(event);
    return event;
  };

  /** An up-to-date start generated nothing: fill the caches before the first edit (watch-prewarm.ts). */
  async function prewarmAfterUpToDate(event: WatchEvent): Promise<void> {
    if (closed || event.code !== EXIT.ok || !event.jobs.some((j) => j.status === "up-to-date")) return;
    const [inv, { prewarm }] = await Promise.all([
      resolveInvocation(argv, cwd).catch(() => undefined),
      import("./watch-prewarm.js"),
    ]);
    if (inv === undefined || inv === "help" || dirty.size > 0) return;
    await prewarm(inv, warm, () => closed || dirty.size > 0);
    endWarmRun(warm);
  }

  function flush(): void {
    timer = undefined;
    if (closed || running || dirty.size === 0) return;
    const trigger = [...dirty].sort();
    dirty.clear();
    running = runOnce(trigger)
      .then(() => undefined)
      .finally(settle);
  }

  /** A run ended: changes that came in meanwhile start the next one after the quiet period. */
  function settle(): void {
    running = undefined;
    if (dirty.size > 0 && !closed) timer = setTimeout(flush, debounceMs);
  }

  running = runOnce([]).then(prewarmAfterUpToDate).finally(settle);

  return {
    ready,
    next: () => new Promise<WatchEvent>((r) => waiters.push(r)),
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
      await running;
    },
  };
}

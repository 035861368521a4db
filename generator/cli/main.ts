/**
 * `soapkit` command line. The only module that prints or installs signal handlers; the exit
 * code is returned (bin/soapkit.mjs sets `process.exitCode`).
 *
 * Static imports stay light (no ts-morph/prettier/handlebars): the no-op path of
 * `soapkit generate` must finish in a few tens of milliseconds after startup.
 */
import { pathToFileURL } from "node:url";
import { GeneratorError } from "../diagnostics/diagnostic.js";
import { helpText } from "../config/options.js";
import { generateOptions, resolveInvocation, type Invocation } from "./invocation.js";
import { diagnosticText, displayPath, jobLines, noteText, sourceLine, type CliIO } from "./report.js";
import { EXIT, exitCodeFor, runJobs } from "./run.js";
import { createProgress } from "./progress.js";
import { watch } from "./watch.js";

export { EXIT } from "./run.js";
export { watch, type WatchEvent, type WatchHandle, type WatchOptions } from "./watch.js";
export type { CliIO } from "./report.js";

const defaultIO: CliIO = { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) };

/** Run the CLI; returns the exit code. */
export async function main(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const t0 = performance.now();
  try {
    const [command, ...rest] = argv;
    if (command === "--help" || command === "-h" || command === "help") {
      io.out(helpText());
      return EXIT.ok;
    }
    if (command === undefined) {
      io.err(helpText());
      return EXIT.usage;
    }
    if (command === "--version" || command === "-v") {
      io.out((await import("../index.js")).GENERATOR_VERSION);
      return EXIT.ok;
    }
    if (command === "mock") return await (await import("./mock-command.js")).mockCommand(rest, io, cwd);
    if (command !== "generate") {
      io.err(
        `soapkit: error option-unknown: unknown command '${command}'\n  hint: valid commands: generate, mock, help\n\n${helpText()}`,
      );
      return EXIT.usage;
    }
    const inv = await resolveInvocation(rest, cwd);
    if (inv === "help") {
      io.out(helpText());
      return EXIT.ok;
    }
    if (inv.options.watch) return await watchUntilSignal(rest, io, inv);
    if (inv.options["dump-model"]) return await dumpModels(inv, io);

    const verbose = inv.options.verbose === true;
    const progress = io === defaultIO ? createProgress() : createProgress({ write: () => undefined });
    const result = await runJobs(inv, {
      onJob: (job) => progress.update(`soapkit: generating ${displayPath(job.out, cwd)}…`),
      onSource: (job, r) => {
        progress.clear();
        io.out(sourceLine(job.out, r, cwd));
        r.notes.forEach((n) => io.err(noteText(n, cwd)));
      },
      ...(verbose
        ? {
            onTiming: (job, stage, ms) => (
              progress.clear(),
              io.err(`  [${displayPath(job.out, cwd)}] ${stage}: ${ms.toFixed(1)} ms`)
            ),
          }
        : {}),
    }).finally(() => progress.stop());
    for (const r of result.jobs) {
      const lines = jobLines(r, cwd);
      lines.err.forEach((l) => io.err(l));
      lines.out.forEach((l) => io.out(l));
    }
    if (verbose) io.err(`  total: ${(performance.now() - t0).toFixed(1)} ms`);
    return result.code;
  } catch (e) {
    if (e instanceof GeneratorError) {
      for (const d of e.diagnostics) io.err(diagnosticText(d, cwd));
      return exitCodeFor(e.diagnostics);
    }
    io.err(
      `soapkit: internal error (this is a bug in soapkit; please report it with this trace)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
    );
    return EXIT.internal;
  }
}

/** `--dump-model`: the IR of every source as JSON (one object, or an array for several). */
async function dumpModels(inv: Invocation, io: CliIO): Promise<number> {
  const { loadModels } = await import("../index.js");
  const { dumpModel } = await import("../model/dump.js");
  const dumps: string[] = [];
  for (const job of inv.jobs) {
    const { models } = await loadModels(job.sources, generateOptions(inv.options, job.out));
    dumps.push(...models.map((m) => dumpModel(m).trimEnd()));
  }
  io.out(dumps.length === 1 ? dumps[0]! : `[\n${dumps.join(",\n")}\n]`);
  return EXIT.ok;
}

/** `--watch` from the command line: runs until SIGINT/SIGTERM, then exits 0. */
async function watchUntilSignal(args: readonly string[], io: CliIO, inv: Invocation): Promise<number> {
  const handle = watch(args, { io, debounceMs: inv.options.debounce ?? 150 });
  const first = await handle.ready;
  if (first.watching.length === 0)
    io.err("soapkit watch: no local files to watch (URL sources are not watched); waiting for Ctrl-C");
  else
    io.out(
      `soapkit watch: watching ${first.watching.length} file${first.watching.length === 1 ? "" : "s"}; Ctrl-C to stop`,
    );
  const keepAlive = setInterval(() => undefined, 1 << 30);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void handle.close().then(done);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  clearInterval(keepAlive);
  io.out("soapkit watch: stopped");
  return EXIT.ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/**
 * `soapkit` command line. The only module that prints or calls `process.exit`.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { GeneratorError, formatDiagnostic } from "../diagnostics/diagnostic.js";
import { generate, type GenerateOptions } from "../index.js";
import { loadModel } from "../model/index.js";
import { dumpModel } from "../model/dump.js";
import { helpText, parseArgs, validateOption, type ParsedOptions, type SoapkitConfig } from "../config/options.js";
import { checkOutput, writeOutput } from "../write/write-files.js";

export const EXIT = { ok: 0, stale: 1, input: 2, usage: 64, internal: 70 } as const;

interface Job {
  readonly sources: string[];
  readonly out: string;
}

async function readConfig(file: string): Promise<{ config: SoapkitConfig; base: string }> {
  const path = resolve(file);
  let config: unknown;
  if (/\.[cm]?ts$|\.m?js$/.test(path)) {
    const mod = (await import(pathToFileURL(path).href)) as { default?: unknown };
    config = mod.default;
  } else {
    let text: string;
    try {
      text = await readFile(path, "utf8");
    } catch {
      throw new GeneratorError({ kind: "config-invalid", message: `cannot read config file ${file}` });
    }
    try {
      config = JSON.parse(text);
    } catch (e) {
      throw new GeneratorError({ kind: "config-invalid", message: `${file}: not valid JSON (${(e as Error).message})` });
    }
  }
  const c = config as Partial<SoapkitConfig> | undefined;
  if (!c || !Array.isArray(c.sources) || c.sources.some((s) => typeof s?.input !== "string")) {
    throw new GeneratorError({ kind: "config-invalid", message: `${file}: expected { "sources": [{ "input": "<wsdl>", "out": "<dir>" }], "options"?: {...} }` });
  }
  for (const [k, v] of Object.entries(c.options ?? {})) validateOption(k, v, file);
  return { config: c as SoapkitConfig, base: dirname(path) };
}

function jobsFrom(config: SoapkitConfig, base: string, outOverride?: string): Job[] {
  const byOut = new Map<string, string[]>();
  for (const s of config.sources) {
    const out = resolve(base, outOverride ?? s.out ?? config.options?.out ?? "generated");
    const input = /^https?:\/\//i.test(s.input) ? s.input : resolve(base, s.input);
    byOut.set(out, [...(byOut.get(out) ?? []), input]);
  }
  return [...byOut].map(([out, sources]) => ({ out, sources }));
}

/** Run the CLI; returns the exit code. */
export async function main(argv: readonly string[], io = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) }): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === "--help" || command === "-h" || command === undefined || command === "help") {
      io.out(helpText());
      return command === undefined ? EXIT.usage : EXIT.ok;
    }
    if (command !== "generate") {
      io.err(`soapkit: unknown command '${command}'\n\n${helpText()}`);
      return EXIT.usage;
    }
    const { positionals, options } = parseArgs(rest);
    if (options.help) {
      io.out(helpText());
      return EXIT.ok;
    }
    let jobs: Job[];
    let merged: ParsedOptions = { ...options };
    if (positionals.length > 0) {
      if (options.config) throw new GeneratorError({ kind: "config-invalid", message: "give either sources or --config, not both" });
      jobs = [{ sources: positionals, out: resolve(options.out ?? "generated") }];
    } else {
      const file = options.config ?? "soapkit.config.json";
      if (!existsSync(file)) throw new GeneratorError({ kind: "config-invalid", message: `no sources given and no ${file} found`, hint: "soapkit generate <wsdl>... --out <dir>" });
      const { config, base } = await readConfig(file);
      merged = { ...config.options, ...options };
      jobs = jobsFrom(config, base, options.out);
    }

    if (merged["dump-model"]) {
      for (const job of jobs) for (const s of job.sources) io.out(dumpModel(await loadModel(s, {})));
      return EXIT.ok;
    }

    let code: number = EXIT.ok;
    for (const job of jobs) {
      const t0 = performance.now();
      const genOptions: GenerateOptions = {
        outDir: job.out,
        ...(merged["runtime-import"] ? { runtimeImport: merged["runtime-import"] } : {}),
        mapping: {
          ...(merged.long ? { long: merged.long } : {}),
          ...(merged.decimal ? { decimal: merged.decimal } : {}),
          ...(merged["date-time"] ? { dateTime: merged["date-time"] } : {}),
        },
        ...(merged.verbose ? { onTiming: (stage: string, ms: number) => io.err(`  ${stage}: ${ms.toFixed(1)} ms`) } : {}),
      };
      const { files, models } = await generate(job.sources, genOptions);
      const ops = models.reduce((n, m) => n + m.ports.reduce((k, p) => k + p.operations.length, 0), 0);
      const types = models.reduce((n, m) => n + m.types.size, 0);
      const rel = job.out.startsWith(process.cwd()) ? job.out.slice(process.cwd().length + 1) || "." : job.out;
      if (merged.check) {
        const r = await checkOutput(job.out, files);
        const bad = [...r.stale.map((p) => `  stale    ${rel}/${p}`), ...r.missing.map((p) => `  missing  ${rel}/${p}`), ...r.orphan.map((p) => `  orphan   ${rel}/${p}`)];
        if (bad.length > 0) {
          io.err(`soapkit: ${rel} is out of date (${bad.length} file${bad.length === 1 ? "" : "s"}):\n${bad.join("\n")}\n  hint: run soapkit generate (npm run generate) and commit the result`);
          code = EXIT.stale;
        } else {
          io.out(`soapkit: ${rel} is up to date (${files.length} files, ${ops} operations, ${types} types)`);
        }
        continue;
      }
      const w = await writeOutput(job.out, files);
      const extra = [w.removed.length ? `${w.removed.length} removed` : "", w.kept.length ? `${w.kept.length} user files kept` : ""].filter(Boolean).join(", ");
      io.out(`soapkit: ${rel}: ${files.length} files, ${ops} operations, ${types} types from ${job.sources.length} source${job.sources.length === 1 ? "" : "s"} in ${(performance.now() - t0).toFixed(0)} ms${extra ? ` (${extra})` : ""}`);
    }
    return code;
  } catch (e) {
    if (e instanceof GeneratorError) {
      for (const d of e.diagnostics) io.err(formatDiagnostic(d));
      return e.diagnostics.every((d) => d.kind === "config-invalid") ? EXIT.usage : EXIT.input;
    }
    io.err(`soapkit: internal error (this is a bug in soapkit)\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return EXIT.internal;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

/**
 * argv (+ config file) → what to do: the jobs (output folder → sources) and the merged
 * options. Command-line options override the config file's.
 */
import { resolve } from "node:path";
import { GeneratorError } from "../diagnostics/diagnostic.js";
import { checkCombination, parseArgs, type ParsedOptions } from "../config/options.js";
import type { GenerateOptions, SourceInput } from "../index.js";
import { findConfig, readConfig } from "./config-file.js";

/** One output folder and the sources generated into it. */
export interface Job {
  /** Absolute output folder. */
  readonly out: string;
  /** Absolute paths or URLs, with per-source operation subsets. */
  readonly sources: readonly SourceInput[];
}

export interface Invocation {
  readonly jobs: readonly Job[];
  /** Config-file options overridden by command-line options. */
  readonly options: ParsedOptions;
  /** Absolute path of the config file, when one was read. */
  readonly configFile?: string;
}

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/** Resolve the arguments of `soapkit generate` (after the command). `help` when --help was asked. */
export async function resolveInvocation(args: readonly string[], cwd: string): Promise<Invocation | "help"> {
  const { positionals, options } = parseArgs(args);
  if (options.help) return "help";
  if (positionals.length > 0) {
    if (options.config) {
      throw new GeneratorError({
        kind: "option-conflict",
        message: "give either sources or --config, not both",
        hint: "use one of: soapkit generate <wsdl>... --out <dir>, soapkit generate --config <file>",
      });
    }
    const sources = positionals.map((p) => (isUrl(p) ? p : resolve(cwd, p)));
    return { jobs: [{ out: resolve(cwd, options.out ?? "generated"), sources }], options };
  }
  const file = options.config ?? findConfig(cwd);
  if (file === undefined) {
    throw new GeneratorError({
      kind: "config-not-found",
      message: `no sources given and no soapkit.config.json or soapkit.config.ts in ${cwd}`,
    });
  }
  const config = await readConfig(file, cwd);
  const merged: ParsedOptions = { ...config.options, ...options };
  checkCombination(merged);
  const byOut = new Map<string, SourceInput[]>();
  for (const s of config.sources) {
    // --out on the command line is relative to the working folder; in the file, to the file
    const out =
      options.out !== undefined
        ? resolve(cwd, options.out)
        : resolve(config.base, s.out ?? config.options.out ?? "generated");
    const input = isUrl(s.input) ? s.input : resolve(config.base, s.input);
    // --operations on the command line replaces every source's own list
    const own = options.operations === undefined ? s.operations : undefined;
    const rest = s.rest;
    byOut.set(out, [
      ...(byOut.get(out) ?? []),
      own || rest !== undefined
        ? { input, ...(own ? { operations: own } : {}), ...(rest !== undefined ? { rest } : {}) }
        : input,
    ]);
  }
  return { jobs: [...byOut].map(([out, sources]) => ({ out, sources })), options: merged, configFile: config.file };
}

/** The generator options a job runs with. */
export function generateOptions(o: ParsedOptions, outDir: string): GenerateOptions {
  return {
    outDir,
    ...(o["runtime-import"] !== undefined ? { runtimeImport: o["runtime-import"] } : {}),
    mapping: {
      ...(o.long !== undefined ? { long: o.long } : {}),
      ...(o.decimal !== undefined ? { decimal: o.decimal } : {}),
      ...(o["date-time"] !== undefined ? { dateTime: o["date-time"] } : {}),
    },
    naming: {
      ...(o["method-case"] !== undefined ? { methodCase: o["method-case"] } : {}),
      ...(o["type-prefix"] !== undefined ? { typePrefix: o["type-prefix"] } : {}),
      ...(o["type-suffix"] !== undefined ? { typeSuffix: o["type-suffix"] } : {}),
    },
    ...(o.operations !== undefined ? { operations: o.operations } : {}),
    ...(o.lenient !== undefined ? { lenient: o.lenient } : {}),
    ...(o["import-extension"] !== undefined ? { importExtension: o["import-extension"] } : {}),
    ...(o.rest !== undefined ? { rest: o.rest } : {}),
    load: {
      allowRemoteOrigins: o["allow-remote-imports"] ?? false,
      ...(o["max-documents"] !== undefined ? { maxDocuments: o["max-documents"] } : {}),
      ...(o["max-bytes"] !== undefined ? { maxBytes: o["max-bytes"] } : {}),
      ...(o.timeout !== undefined ? { timeoutMs: o.timeout } : {}),
    },
  };
}

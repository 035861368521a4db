/**
 * One declarative option spec feeds the CLI parser, `--help`, the config-file type and its
 * validation (protobuf-ts `create-option-parser` idea): an option exists in exactly one place.
 */
import { GeneratorError } from "../diagnostics/diagnostic.js";

interface OptionSpecBase {
  readonly description: string;
  /** Valid in the config file (`options` object) as well as on the command line. */
  readonly config: boolean;
}
type OptionSpec =
  | (OptionSpecBase & { readonly type: "boolean" })
  | (OptionSpecBase & { readonly type: "string"; readonly placeholder: string })
  | (OptionSpecBase & { readonly type: "enum"; readonly values: readonly string[]; readonly default: string });

export const OPTION_SPECS = {
  out: { type: "string", placeholder: "dir", config: true, description: "output folder (default: generated)" },
  config: { type: "string", placeholder: "file", config: false, description: "config file (default: soapkit.config.json when no sources are given)" },
  check: { type: "boolean", config: false, description: "exit 1 and list stale, missing and orphan files instead of writing" },
  verbose: { type: "boolean", config: false, description: "print per-stage timings" },
  "dump-model": { type: "boolean", config: false, description: "print the intermediate model as JSON and exit" },
  "runtime-import": { type: "string", placeholder: "specifier", config: true, description: "module the generated code imports the runtime from (default: soapkit/runtime)" },
  long: { type: "enum", values: ["bigint", "string", "number"], default: "bigint", config: true, description: "TypeScript type of xs:long and other big integers (number loses precision beyond 2^53)" },
  decimal: { type: "enum", values: ["string", "number"], default: "string", config: true, description: "TypeScript type of xs:decimal" },
  "date-time": { type: "enum", values: ["string", "Date"], default: "string", config: true, description: "TypeScript type of xs:dateTime/date/time (string keeps the lexical value exactly)" },
  help: { type: "boolean", config: false, description: "show this help" },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SPECS;

type ValueOf<S> = S extends { type: "boolean" } ? boolean : S extends { type: "enum"; values: readonly (infer V)[] } ? V : string;
export type ParsedOptions = { -readonly [K in OptionName]?: ValueOf<(typeof OPTION_SPECS)[K]> };

/** The config-file type (what `defineConfig` accepts). */
export interface SoapkitConfig {
  readonly sources: readonly { readonly input: string; readonly out?: string }[];
  readonly options?: { readonly [K in OptionName as (typeof OPTION_SPECS)[K]["config"] extends true ? K : never]?: ValueOf<(typeof OPTION_SPECS)[K]> };
}

function usageError(message: string): never {
  throw new GeneratorError({ kind: "config-invalid", message, hint: `valid options: ${Object.keys(OPTION_SPECS).map((k) => `--${k}`).join(", ")}` });
}

/** Validate one option value against its spec. */
export function validateOption(name: string, value: unknown, where: string): ParsedOptions[OptionName] {
  const spec = (OPTION_SPECS as Record<string, OptionSpec>)[name];
  if (!spec) usageError(`unknown option '${name}' in ${where}`);
  if (spec.type === "boolean") {
    if (typeof value !== "boolean") usageError(`option '${name}' in ${where} takes no value / a boolean`);
    return value;
  }
  if (typeof value !== "string" || value === "") usageError(`option '${name}' in ${where} needs a ${spec.type === "enum" ? spec.values.join("|") : spec.placeholder}`);
  if (spec.type === "enum" && !spec.values.includes(value)) usageError(`option '${name}' in ${where} must be one of ${spec.values.join(", ")} (got '${value}')`);
  return value as ParsedOptions[OptionName];
}

/** Parse argv (after the command) into positional sources and options. */
export function parseArgs(argv: readonly string[]): { positionals: string[]; options: ParsedOptions } {
  const positionals: string[] = [];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = (OPTION_SPECS as Record<string, OptionSpec>)[name];
    if (!spec) usageError(`unknown option '--${name}'`);
    let value: unknown;
    if (spec.type === "boolean") {
      if (eq >= 0) usageError(`option '--${name}' takes no value`);
      value = true;
    } else {
      value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) usageError(`option '--${name}' needs a value`);
    }
    if (name in options) usageError(`option '--${name}' given twice`);
    options[name] = validateOption(name, value, "the command line");
  }
  return { positionals, options: options as ParsedOptions };
}

/** `--help` text, generated from the spec. */
export function helpText(): string {
  const rows = Object.entries(OPTION_SPECS as Record<string, OptionSpec>).map(([name, s]) => {
    const flag = s.type === "boolean" ? `--${name}` : `--${name} <${s.type === "enum" ? s.values.join("|") : s.placeholder}>`;
    return `  ${flag.padEnd(36)} ${s.description}`;
  });
  return [
    "Usage: soapkit generate [<wsdl file or URL>...] [options]",
    "",
    "Generates typed TypeScript clients (types, runtime metadata, SOAP client) from WSDL 1.1.",
    "Without sources, reads soapkit.config.json from the current folder.",
    "",
    "Options:",
    ...rows,
    "",
    "Exit codes:",
    "  0   success (or --check: output is up to date)",
    "  1   --check: generated files are stale, missing or orphaned",
    "  2   invalid input: the diagnostics say what and where (file:line:col)",
    "  64  usage or configuration error",
    "  70  internal error (a bug in soapkit: please report it with the stack trace)",
  ].join("\n");
}

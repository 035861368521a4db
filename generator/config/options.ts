/**
 * One declarative option spec feeds the CLI parser, `--help`, the config-file type
 * (`SoapkitConfig`, see define-config.ts) and validation (protobuf-ts `create-option-parser`
 * idea): an option exists in exactly one place. On the command line options are kebab-case
 * (`--date-time`); in a config file the same options are camelCase keys (`dateTime`).
 */
import type { SourceLocation } from "../model/types.js";
import { GeneratorError } from "../diagnostics/diagnostic.js";
import { RECOVERABLE_KINDS, type DiagnosticKind } from "../diagnostics/messages.js";

interface OptionSpecBase {
  readonly description: string;
  /** Help section. */
  readonly group: "sources" | "code" | "mode";
  /** Valid in the config file (`options` object) as well as on the command line. */
  readonly config: boolean;
  /** Options that cannot be combined with this one. */
  readonly excludes?: readonly string[];
  /** Options this one needs. */
  readonly requires?: readonly string[];
}
type OptionSpec =
  | (OptionSpecBase & { readonly type: "boolean" })
  | (OptionSpecBase & {
      readonly type: "string";
      readonly placeholder: string;
      readonly pattern?: RegExp;
      readonly patternText?: string;
    })
  | (OptionSpecBase & { readonly type: "enum"; readonly values: readonly string[]; readonly default: string })
  | (OptionSpecBase & {
      readonly type: "list";
      readonly placeholder: string;
      /** The only names allowed, when the list is closed. */
      readonly values?: readonly string[];
    })
  | (OptionSpecBase & {
      readonly type: "integer";
      readonly placeholder: string;
      readonly min: number;
      readonly default: number;
    });

export const OPTION_SPECS = {
  out: {
    type: "string",
    placeholder: "dir",
    group: "sources",
    config: true,
    description: "output folder (default: generated); on the command line it overrides every source's out",
  },
  config: {
    type: "string",
    placeholder: "file",
    group: "sources",
    config: false,
    description:
      "config file, .json or .ts (default when no sources are given: soapkit.config.json, then soapkit.config.ts)",
  },
  operations: {
    type: "list",
    placeholder: "op,...",
    group: "sources",
    config: true,
    description: "generate only these operations (exact WSDL names, comma-separated) and the types they reach",
  },
  "allow-remote-imports": {
    type: "boolean",
    group: "sources",
    config: true,
    description:
      "follow wsdl:import/xsd:import/xsd:include to origins other than the root document's (default: same origin only)",
  },
  "max-documents": {
    type: "integer",
    placeholder: "n",
    min: 1,
    default: 200,
    group: "sources",
    config: true,
    description: "maximum number of documents in one source's import graph",
  },
  "max-bytes": {
    type: "integer",
    placeholder: "bytes",
    min: 1,
    default: 64 * 1024 * 1024,
    group: "sources",
    config: true,
    description: "maximum size of one document and of one source's documents together",
  },
  timeout: {
    type: "integer",
    placeholder: "ms",
    min: 1,
    default: 20_000,
    group: "sources",
    config: true,
    description: "give up on a URL document after this long without its response (connect, headers, body)",
  },
  lenient: {
    type: "list",
    placeholder: "kind,...",
    values: ["all", ...RECOVERABLE_KINDS],
    group: "sources",
    config: true,
    description: `report these diagnostic kinds as warnings where soapkit can recover (the part is typed unknown and read as raw XML, or the name kept as written), and list them in the manifest: ${RECOVERABLE_KINDS.join(", ")}, or all`,
  },
  "runtime-import": {
    type: "string",
    placeholder: "specifier",
    group: "code",
    config: true,
    description: "module the generated code imports the runtime from (default: @soapkit/runtime)",
  },
  "import-extension": {
    type: "enum",
    values: [".js", ".ts"],
    default: ".js",
    group: "code",
    config: true,
    description:
      "extension of relative imports in generated code: .js (tsc, bundlers) or .ts (Node type stripping, allowImportingTsExtensions)",
  },
  rest: {
    type: "boolean",
    group: "code",
    config: true,
    description:
      "let every client take the SuperOffice WebAPI REST transport (restTransport) as well (default: only for SuperOffice NetServer services; per source: sources[].rest)",
  },
  long: {
    type: "enum",
    values: ["bigint", "string", "number"],
    default: "bigint",
    group: "code",
    config: true,
    description: "TypeScript type of xs:long and other big integers (number loses precision beyond 2^53)",
  },
  decimal: {
    type: "enum",
    values: ["string", "number"],
    default: "string",
    group: "code",
    config: true,
    description: "TypeScript type of xs:decimal",
  },
  "date-time": {
    type: "enum",
    values: ["string", "Date"],
    default: "string",
    group: "code",
    config: true,
    description: "TypeScript type of xs:dateTime/date/time (string keeps the lexical value exactly)",
  },
  "method-case": {
    type: "enum",
    values: ["camel", "pascal"],
    default: "camel",
    group: "code",
    config: true,
    description: "client method names: camel (syncEmailAccount) or pascal (SyncEmailAccount, the WSDL operation name)",
  },
  "type-prefix": {
    type: "string",
    placeholder: "prefix",
    pattern: /^[A-Za-z_$][\w$]*$/,
    patternText: "an identifier",
    group: "code",
    config: true,
    description: "prefix for every schema-derived type name (e.g. I → ISyncUserAccount)",
  },
  "type-suffix": {
    type: "string",
    placeholder: "suffix",
    pattern: /^[\w$]+$/,
    patternText: "identifier characters",
    group: "code",
    config: true,
    description: "suffix for every schema-derived type name (e.g. Dto → SyncUserAccountDto)",
  },
  check: {
    type: "boolean",
    group: "mode",
    config: false,
    excludes: ["watch", "force", "dump-model"],
    description:
      "write nothing; exit 1 and list stale, missing and orphan files when the output does not match its inputs",
  },
  watch: {
    type: "boolean",
    group: "mode",
    config: false,
    excludes: ["dump-model"],
    description: "regenerate whenever a source or any document it imports changes; stop with Ctrl-C",
  },
  debounce: {
    type: "integer",
    placeholder: "ms",
    min: 0,
    default: 150,
    group: "mode",
    config: false,
    requires: ["watch"],
    description: "--watch: wait this long after the last change before regenerating",
  },
  force: {
    type: "boolean",
    group: "mode",
    config: false,
    description: "regenerate even when the output is up to date, and overwrite files soapkit did not generate",
  },
  "dump-model": {
    type: "boolean",
    group: "mode",
    config: false,
    description: "print the intermediate model (IR) as JSON and exit (an array when there are several sources)",
  },
  verbose: { type: "boolean", group: "mode", config: false, description: "print per-stage timings" },
  help: { type: "boolean", group: "mode", config: false, description: "show this help" },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SPECS;
type Specs = typeof OPTION_SPECS;

type ValueOf<S> = S extends { type: "boolean" }
  ? boolean
  : S extends { type: "enum"; values: readonly (infer V)[] }
    ? V
    : S extends { type: "list" }
      ? readonly string[]
      : S extends { type: "integer" }
        ? number
        : string;

/** Options after parsing/validation, keyed by their command-line (kebab-case) name. */
export type ParsedOptions = { -readonly [K in OptionName]?: ValueOf<Specs[K]> };

type CamelCase<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;
type ConfigOptionName = { [K in OptionName]: Specs[K]["config"] extends true ? K : never }[OptionName];

/** The `options` object of a config file: every config-able option, camelCase. */
export type SoapkitOptions = { readonly [K in ConfigOptionName as CamelCase<K>]?: ValueOf<Specs[K]> };

const SPECS = OPTION_SPECS as Record<string, OptionSpec>;

/** `date-time` → `dateTime`. */
export function configKey(name: string): string {
  return name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

/** Config-file keys (camelCase) → option name. */
const BY_CONFIG_KEY = new Map(
  Object.entries(SPECS)
    .filter(([, s]) => s.config)
    .map(([name]) => [configKey(name), name]),
);

/** Names accepted in a config file's `options`, camelCase. */
export function configOptionKeys(): string[] {
  return [...BY_CONFIG_KEY.keys()];
}

/** The option name a config key stands for, or undefined. */
export function optionForConfigKey(key: string): OptionName | undefined {
  return BY_CONFIG_KEY.get(key) as OptionName | undefined;
}

/** The spec of an option (for callers that need defaults). */
export function optionSpec(name: OptionName): OptionSpec {
  return SPECS[name]!;
}

function usageError(kind: DiagnosticKind, message: string, hint?: string, location?: SourceLocation): never {
  throw new GeneratorError({
    kind,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(location === undefined ? {} : { location }),
  });
}

/** Levenshtein distance (small strings only). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/** ` (did you mean X?)` when one candidate is close to `name`. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const lower = name.toLowerCase();
  const best = candidates
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1))[0];
  return best !== undefined && best.d <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean ${best.c}?)` : "";
}

/** Where a value came from, for messages: `--long` or `long in soapkit.config.json`. */
export interface OptionOrigin {
  /** How to refer to the option (`--long`, `options.long`). */
  readonly label: string;
  readonly location?: SourceLocation;
}

/** Validate one option value against its spec; returns the normalized value. */
export function validateOption(name: string, value: unknown, origin: OptionOrigin): ParsedOptions[OptionName] {
  const spec = SPECS[name];
  if (!spec)
    usageError(
      "option-unknown",
      `unknown option ${origin.label}${didYouMean(name, Object.keys(SPECS))}`,
      `valid options: ${cliOptionList()}`,
      origin.location,
    );
  const bad = (expected: string): never =>
    usageError(
      "option-invalid",
      `${origin.label} must be ${expected} (got ${JSON.stringify(value)})`,
      undefined,
      origin.location,
    );
  switch (spec.type) {
    case "boolean":
      if (typeof value !== "boolean") bad("true or false");
      return value as boolean;
    case "string":
      if (typeof value !== "string" || value === "") bad(`a non-empty string (${spec.placeholder})`);
      if (spec.pattern && !spec.pattern.test(value as string))
        bad(spec.patternText ?? `a string matching ${spec.pattern}`);
      return value as string;
    case "enum":
      if (typeof value !== "string" || !spec.values.includes(value)) bad(`one of ${spec.values.join(", ")}`);
      return value as ParsedOptions[OptionName];
    case "list": {
      const list =
        typeof value === "string"
          ? value
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== "")
          : value;
      if (!Array.isArray(list) || list.length === 0 || list.some((s) => typeof s !== "string" || s.trim() === ""))
        bad(`a non-empty list of names (${spec.placeholder})`);
      const closed = spec.values;
      if (closed !== undefined && (list as string[]).some((s) => !closed.includes(s)))
        bad(`a list of ${closed.join(", ")}`);
      return [...new Set(list as string[])];
    }
    case "integer": {
      const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== "number" || !Number.isSafeInteger(n) || n < spec.min) bad(`an integer >= ${spec.min}`);
      return n as number;
    }
  }
}

/** Reject combinations the spec forbids (`excludes`, `requires`). */
export function checkCombination(options: ParsedOptions): void {
  const set = Object.keys(options).filter(
    (k) => options[k as OptionName] !== undefined && options[k as OptionName] !== false,
  );
  for (const name of set) {
    const spec = SPECS[name]!;
    for (const other of spec.excludes ?? []) {
      if (set.includes(other)) {
        usageError(
          "option-conflict",
          `--${name} and --${other} cannot be used together`,
          `use one of: --${name}, --${other}`,
        );
      }
    }
    for (const needed of spec.requires ?? []) {
      if (!set.includes(needed))
        usageError(
          "option-conflict",
          `--${name} only applies together with --${needed}`,
          `add --${needed} or drop --${name}`,
        );
    }
  }
}

function cliOptionList(): string {
  return Object.keys(SPECS)
    .map((k) => `--${k}`)
    .join(", ");
}

/** Parse argv (after the command) into positional sources and options. */
export function parseArgs(argv: readonly string[]): { positionals: string[]; options: ParsedOptions } {
  const positionals: string[] = [];
  const options: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-h") {
      options.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      if (arg.startsWith("-") && arg.length > 1)
        usageError("option-unknown", `unknown option '${arg}'`, `valid options: ${cliOptionList()}`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    const spec = SPECS[name];
    if (!spec)
      usageError(
        "option-unknown",
        `unknown option '--${name}'${didYouMean(name, Object.keys(SPECS)).replace(/mean (\S+)\?/, "mean --$1?")}`,
        `valid options: ${cliOptionList()}`,
      );
    let value: unknown;
    if (spec.type === "boolean") {
      if (eq >= 0) usageError("option-invalid", `option '--${name}' takes no value`);
      value = true;
    } else {
      value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && typeof value === "string" && value.startsWith("--"))) {
        usageError(
          "option-invalid",
          `option '--${name}' needs a value (${spec.type === "enum" ? spec.values.join("|") : spec.placeholder})`,
        );
      }
    }
    if (name in options) usageError("option-conflict", `option '--${name}' given twice`, `give --${name} once`);
    options[name] = validateOption(name, value, { label: `--${name}` });
  }
  checkCombination(options as ParsedOptions);
  return { positionals, options: options as ParsedOptions };
}

function flag(name: string, s: OptionSpec): string {
  switch (s.type) {
    case "boolean":
      return `--${name}`;
    case "enum":
      return `--${name} <${s.values.join("|")}>`;
    default:
      return `--${name} <${s.placeholder}>`;
  }
}

function details(s: OptionSpec): string {
  const parts: string[] = [];
  if ((s.type === "enum" || s.type === "integer") && s.default !== undefined) parts.push(`default: ${s.default}`);
  if (s.excludes?.length) parts.push(`not with ${s.excludes.map((e) => `--${e}`).join(", ")}`);
  if (s.requires?.length) parts.push(`needs ${s.requires.map((e) => `--${e}`).join(", ")}`);
  return parts.length > 0 ? ` [${parts.join("; ")}]` : "";
}

const GROUP_TITLES = { sources: "Sources and output", code: "Generated code", mode: "Mode" } as const;

/** `--help` text, generated from the spec. */
export function helpText(): string {
  const section = (group: OptionSpec["group"]): string[] =>
    Object.entries(SPECS)
      .filter(([, s]) => s.group === group)
      .map(([name, s]) => `  ${flag(name, s).padEnd(34)} ${s.description}${details(s)}`);
  return [
    "Usage: soapkit generate [<wsdl file or URL>...] [options]",
    "       soapkit mock <wsdl file or URL>... [--port N] [--host H] [--seed N] [--validate]  (soapkit mock --help)",
    "       soapkit --help | --version",
    "",
    "Generates typed TypeScript clients (types, runtime metadata, SOAP client) from WSDL 1.1.",
    "Without sources, reads soapkit.config.json (or soapkit.config.ts) from the current folder.",
    "A run whose inputs, options and generator version match <out>/soapkit.manifest.json, and",
    'whose output files are intact, writes nothing and reports "up to date".',
    "",
    ...(["sources", "code", "mode"] as const).flatMap((g) => [`${GROUP_TITLES[g]}:`, ...section(g), ""]),
    'Config file (soapkit.config.json, or soapkit.config.ts exporting defineConfig({...}) from "soapkit"):',
    '  { "sources": [{ "input": "<wsdl path or URL>", "out": "<dir>", "operations": ["<op>", ...] }],',
    '    "options": { <option>: <value>, ... } }',
    `  option keys are the camelCase flag names: ${configOptionKeys().join(", ")}.`,
    "  Paths are relative to the config file. Command-line options override the file.",
    "",
    "Exit codes:",
    "  0   success (or --check: output is up to date)",
    "  1   --check: generated files are stale, missing or orphaned",
    "  2   invalid input: the diagnostics say what and where (file:line:col: error KIND: message)",
    "  64  usage or configuration error (unknown/conflicting options, bad config file)",
    "  70  internal error (a bug in soapkit: please report it with the stack trace)",
  ].join("\n");
}

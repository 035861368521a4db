/**
 * The config-file contract (`soapkit.config.json` / `soapkit.config.ts`) and its validation.
 * The option part of the type is derived from OPTION_SPECS, so a new option appears in
 * `--help`, the config type and validation at once.
 */
import { GeneratorError, type Diagnostic } from "../diagnostics/diagnostic.js";
import type { SourceLocation } from "../model/types.js";
import {
  checkCombination,
  configOptionKeys,
  didYouMean,
  optionForConfigKey,
  validateOption,
  type ParsedOptions,
  type SoapkitOptions,
} from "./options.js";

export type { SoapkitOptions } from "./options.js";

/** One source: a WSDL path (relative to the config file) or URL, and where its module goes. */
export interface SoapkitSource {
  /** WSDL file path or http(s) URL (`https://host/Remote/Services84/EMail.svc?singleWsdl`). */
  readonly input: string;
  /** Output folder (relative to the config file); default `options.out`, then `generated`. */
  readonly out?: string;
  /** Generate only these operations of this source (overrides `options.operations`). */
  readonly operations?: readonly string[];
  /**
   * REST twin of the service (`POST /api/v1/Agents/{agent}/{Operation}`, the client over
   * `restTransport`): `true` uses the portType as the agent name, a string names the agent,
   * `false` means none (e.g. SuperOffice SoPrincipal, which has no WebAPI agent). Absent: the
   * `rest` option, else only SuperOffice NetServer services get one.
   */
  readonly rest?: boolean | string;
}

/** What `soapkit.config.json` holds and `defineConfig` accepts. */
export interface SoapkitConfig {
  /** WSDLs to generate from; a string is shorthand for `{ input }`. */
  readonly sources: readonly (string | SoapkitSource)[];
  readonly options?: SoapkitOptions;
}

/** Identity function that types a `soapkit.config.ts` default export. */
export function defineConfig(config: SoapkitConfig): SoapkitConfig {
  return config;
}

/** A validated config: sources normalized to objects, options keyed by option name. */
export interface ValidConfig {
  readonly sources: readonly SoapkitSource[];
  readonly options: ParsedOptions;
}

/** Finds where a key/value sits in the config text (JSON files), for diagnostics. */
export type Locate = (key: string, occurrence?: number) => SourceLocation | undefined;

const SOURCE_KEYS = ["input", "out", "operations", "rest"];

/** Validate a parsed config file; every problem is reported at once. */
export function validateConfig(raw: unknown, file: string, locate: Locate = () => undefined): ValidConfig {
  const diagnostics: Diagnostic[] = [];
  const push = (
    kind: Diagnostic["kind"],
    message: string,
    location: SourceLocation | undefined,
    hint?: string,
  ): void => {
    diagnostics.push({ kind, message, ...(location ? { location } : {}), ...(hint ? { hint } : {}) });
  };
  const collect = (fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      if (e instanceof GeneratorError) diagnostics.push(...e.diagnostics);
      else throw e;
    }
  };
  const shape = '{ "sources": [{ "input": "<wsdl path or URL>", "out": "<dir>" }], "options": { ... } }';
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new GeneratorError({
      kind: "config-invalid",
      message: `${file}: the config must be an object ${shape}`,
      location: { file, line: 1, column: 1 },
    });
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (key !== "sources" && key !== "options" && key !== "$schema") {
      push(
        "config-invalid",
        `unknown key '${key}'${didYouMean(key, ["sources", "options"])}`,
        locate(key),
        `valid keys: sources, options`,
      );
    }
  }
  const sources: SoapkitSource[] = [];
  if (!Array.isArray(obj.sources) || obj.sources.length === 0) {
    push(
      "config-invalid",
      `'sources' must be a non-empty array`,
      locate("sources") ?? { file, line: 1, column: 1 },
      `expected ${shape}`,
    );
  } else {
    obj.sources.forEach((s: unknown, i) => {
      const where = `sources[${i}]`;
      if (typeof s === "string" && s !== "") return void sources.push({ input: s });
      if (
        typeof s !== "object" ||
        s === null ||
        typeof (s as { input?: unknown }).input !== "string" ||
        (s as { input: string }).input === ""
      ) {
        return push(
          "config-invalid",
          `${where} must be a path/URL or { "input": "<wsdl>", "out"?: "<dir>", "operations"?: [...] }`,
          locate("input", i) ?? locate("sources"),
        );
      }
      const src = s as Record<string, unknown>;
      for (const key of Object.keys(src)) {
        if (!SOURCE_KEYS.includes(key))
          push(
            "config-invalid",
            `unknown key '${key}' in ${where}${didYouMean(key, SOURCE_KEYS)}`,
            locate(key),
            `valid keys of a source: ${SOURCE_KEYS.join(", ")}`,
          );
      }
      if (src.out !== undefined && (typeof src.out !== "string" || src.out === ""))
        push("option-invalid", `${where}.out must be a folder path`, locate("out"));
      let operations: readonly string[] | undefined;
      if (src.operations !== undefined) {
        collect(() => {
          operations = validateOption("operations", src.operations, {
            label: `${where}.operations`,
            ...optionalLocation(locate("operations")),
          }) as readonly string[];
        });
      }
      if (
        src.rest !== undefined &&
        typeof src.rest !== "boolean" &&
        !(typeof src.rest === "string" && /^[A-Za-z_][\w]*$/.test(src.rest))
      ) {
        push("option-invalid", `${where}.rest must be true, false or an agent name`, locate("rest"));
      }
      const rest = typeof src.rest === "boolean" || typeof src.rest === "string" ? src.rest : undefined;
      sources.push({
        input: src.input as string,
        ...(typeof src.out === "string" ? { out: src.out } : {}),
        ...(operations ? { operations } : {}),
        ...(rest !== undefined ? { rest } : {}),
      });
    });
  }
  const options: Record<string, unknown> = {};
  if (obj.options !== undefined) {
    if (typeof obj.options !== "object" || obj.options === null || Array.isArray(obj.options)) {
      push("config-invalid", `'options' must be an object`, locate("options"));
    } else {
      for (const [key, value] of Object.entries(obj.options as Record<string, unknown>)) {
        const name = optionForConfigKey(key);
        if (name === undefined) {
          const kebab = optionForConfigKey(key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()));
          const suggestion = kebab
            ? ` (did you mean ${key.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase())}?)`
            : didYouMean(key, configOptionKeys());
          push(
            "option-unknown",
            `unknown option '${key}' in options${suggestion}`,
            locate(key),
            `valid options: ${configOptionKeys().join(", ")}`,
          );
          continue;
        }
        collect(() => {
          options[name] = validateOption(name, value, { label: `options.${key}`, ...optionalLocation(locate(key)) });
        });
      }
      collect(() => checkCombination(options as ParsedOptions));
    }
  }
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return { sources, options: options as ParsedOptions };
}

function optionalLocation(location: SourceLocation | undefined): { location?: SourceLocation } {
  return location === undefined ? {} : { location };
}

/** A `Locate` for JSON text: the n-th occurrence of `"key"` (as a property name). */
export function jsonLocator(text: string, file: string): Locate {
  return (key, occurrence = 0) => {
    const re = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\s*:`, "g");
    let m: RegExpExecArray | null = null;
    for (let i = 0; i <= occurrence; i++) {
      m = re.exec(text);
      if (m === null) return undefined;
    }
    return m ? offsetToLocation(text, m.index, file) : undefined;
  };
}

/** 1-based line/column of a character offset. */
export function offsetToLocation(text: string, offset: number, file: string): SourceLocation {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = offset - before.lastIndexOf("\n");
  return { file, line, column };
}

/**
 * Finding and reading the config file: `soapkit.config.json` (JSON, diagnostics point at the
 * offending line) or `soapkit.config.ts`/`.mts`/`.js`/`.mjs` (default export, usually
 * `defineConfig({...})`; TypeScript is loaded through tsx, which runs the CLI).
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { GeneratorError } from "../diagnostics/diagnostic.js";
import { jsonLocator, offsetToLocation, validateConfig, type ValidConfig } from "../config/define-config.js";

export const CONFIG_NAMES = [
  "soapkit.config.json",
  "soapkit.config.ts",
  "soapkit.config.mts",
  "soapkit.config.mjs",
  "soapkit.config.js",
];

/** The config file in `cwd`, or undefined. Two candidates at once is an error (which one is meant?). */
export function findConfig(cwd: string): string | undefined {
  const found = CONFIG_NAMES.map((n) => join(cwd, n)).filter((p) => existsSync(p));
  if (found.length > 1) {
    throw new GeneratorError({
      kind: "config-invalid",
      message: `several config files in ${cwd}: ${found.map((p) => p.slice(cwd.length + 1)).join(", ")}`,
      hint: "keep one, or pick one with --config <file>",
    });
  }
  return found[0];
}

export interface LoadedConfig extends ValidConfig {
  /** Absolute path of the config file. */
  readonly file: string;
  /** Folder relative paths in the config resolve against. */
  readonly base: string;
}

/** Read and validate a config file. */
export async function readConfig(file: string, cwd: string): Promise<LoadedConfig> {
  const path = resolve(cwd, file);
  if (!existsSync(path)) {
    throw new GeneratorError({ kind: "config-not-found", message: `config file ${file} not found` });
  }
  let raw: unknown;
  let locate = jsonLocator("", path);
  if (/\.json$/i.test(path)) {
    const text = await readFile(path, "utf8");
    locate = jsonLocator(text, path);
    try {
      raw = JSON.parse(text);
    } catch (e) {
      const message = (e as Error).message;
      const pos = /position (\d+)/.exec(message);
      const location = pos ? offsetToLocation(text, Number(pos[1]), path) : { file: path, line: 1, column: 1 };
      throw new GeneratorError({ kind: "config-invalid", message: `not valid JSON: ${message}`, location });
    }
  } else {
    // A query string busts the ESM cache so --watch sees edits of a .ts config.
    const url = `${pathToFileURL(path).href}?mtime=${(await stat(path)).mtimeMs}`;
    let mod: { default?: unknown };
    try {
      mod = await importConfigModule(url, path);
    } catch (e) {
      if (e instanceof GeneratorError) throw e;
      throw new GeneratorError({
        kind: "config-invalid",
        message: `cannot load the config module: ${e instanceof Error ? e.message.split("\n")[0] : String(e)}`,
        location: { file: path, line: 1, column: 1 },
        hint: 'export the config as default: export default defineConfig({ sources: [...] }) with import { defineConfig } from "soapkit"',
      });
    }
    raw = mod.default;
    if (raw === undefined) {
      throw new GeneratorError({
        kind: "config-invalid",
        message: "the config module has no default export",
        location: { file: path, line: 1, column: 1 },
        hint: 'export default defineConfig({ sources: [...] }) with import { defineConfig } from "soapkit"',
      });
    }
  }
  return { ...validateConfig(raw, path, locate), file: path, base: dirname(path) };
}

const NO_TS_LOADER = new Set(["ERR_UNKNOWN_FILE_EXTENSION", "ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING"]);

/** Import a config module; a `.ts` one falls back to tsx when Node cannot load it by itself. */
async function importConfigModule(url: string, path: string): Promise<{ default?: unknown }> {
  try {
    return (await import(url)) as { default?: unknown };
  } catch (e) {
    if (!/\.[mc]?ts$/i.test(path) || !NO_TS_LOADER.has((e as { code?: string }).code ?? "")) throw e;
  }
  let tsx: { tsImport(url: string, parent: string): Promise<unknown> };
  try {
    tsx = (await import("tsx/esm/api")) as typeof tsx;
  } catch {
    throw new GeneratorError({
      kind: "config-invalid",
      message: "a TypeScript config file needs tsx to load it, and tsx is not installed",
      location: { file: path, line: 1, column: 1 },
      hint: "npm i -D tsx (or rename the config to soapkit.config.mjs / soapkit.config.json)",
    });
  }
  return (await tsx.tsImport(url, import.meta.url)) as { default?: unknown };
}

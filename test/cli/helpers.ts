/** Helpers for the CLI acceptance tests: temp folders, captured CLI output, tree snapshots. */
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../helpers/shared.js";
import type { CliIO } from "../../generator/cli/main.js";

export const FIXTURES = join(repoRoot, "test/cli/fixtures");
export const SHOP = join(FIXTURES, "shop/Shop.wsdl");

const tmpRoot = join(repoRoot, "test/.out");

/**
 * A fresh folder under test/.out (git-ignored; inside the package so that a config file's
 * `import { defineConfig } from "soapkit"` resolves by package self-reference).
 */
export function tempDir(label: string): string {
  mkdirSync(tmpRoot, { recursive: true });
  return mkdtempSync(join(tmpRoot, `cli-${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Copy a fixture folder (or file) into `dir`. */
export function copyFixture(name: string, dir: string): string {
  const target = join(dir, name.split("/").pop()!);
  cpSync(join(FIXTURES, name), target, { recursive: true });
  return target;
}

export interface Captured {
  readonly io: CliIO;
  readonly out: string[];
  readonly err: string[];
  /** stdout + stderr lines joined. */
  text(): string;
}

/** A CliIO that records lines instead of printing them. */
export function captureIO(cwd?: string): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (s) => void out.push(s), err: (s) => void err.push(s), ...(cwd ? { cwd } : {}) },
    out,
    err,
    text: () => [...out, ...err].join("\n"),
  };
}

/** Every file (sorted, relative) with its sha256; folders listed with a trailing slash. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      const rel = relative(dir, p).split("\\").join("/");
      if (e.isDirectory()) {
        out[`${rel}/`] = "dir";
        walk(p);
      } else out[rel] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

/** mtimeMs of every file under `dir`, by relative path. */
export function mtimes(dir: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rel of Object.keys(snapshotTree(dir))) if (!rel.endsWith("/")) out[rel] = statSync(join(dir, rel)).mtimeMs;
  return out;
}

/** Names exported by a generated module (`export interface X`, `export type X`, `export const X`, `export class X`, `export function X`). */
export function exportedNames(source: string): string[] {
  return [...source.matchAll(/^export (?:declare )?(?:interface|type|const|class|function|enum) ([A-Za-z_$][\w$]*)/gm)]
    .map((m) => m[1]!)
    .sort();
}

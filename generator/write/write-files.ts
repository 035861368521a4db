/**
 * The only place the generator writes: atomic output swap, stale-file removal that never
 * touches files the user put beside the output, and `--check` comparison.
 */
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type { GeneratedFile } from "../emit/generated-file.js";

export const MANIFEST_FILE = "soapkit.manifest.json";

/** Files listed in the manifest currently in `outDir` (what a previous run generated). */
export async function previouslyGenerated(outDir: string): Promise<Set<string>> {
  try {
    const m = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), "utf8")) as { files?: { path: string }[] };
    return new Set([MANIFEST_FILE, ...(m.files ?? []).map((f) => f.path)]);
  } catch {
    return new Set();
  }
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p, base)));
    else out.push(relative(base, p).split("\\").join("/"));
  }
  return out;
}

export interface CheckReport {
  readonly stale: string[];
  readonly missing: string[];
  readonly orphan: string[];
}

/** Compare `files` with `outDir` without writing anything. */
export async function checkOutput(outDir: string, files: readonly GeneratedFile[]): Promise<CheckReport> {
  const produced = new Set(files.map((f) => f.path));
  const stale: string[] = [];
  const missing: string[] = [];
  await Promise.all(
    files.map(async (f) => {
      let current: string;
      try {
        current = await readFile(join(outDir, f.path), "utf8");
      } catch {
        missing.push(f.path);
        return;
      }
      if (current !== f.content) stale.push(f.path);
    }),
  );
  const previous = await previouslyGenerated(outDir);
  const orphan = [...previous].filter((p) => !produced.has(p) && existsSync(join(outDir, p)));
  return { stale: stale.sort(), missing: missing.sort(), orphan: orphan.sort() };
}

export interface WriteReport {
  readonly written: number;
  readonly removed: string[];
  readonly kept: string[];
}

/**
 * Replace the generated content of `outDir` with `files`, atomically: everything is written
 * to a temporary sibling folder first, user files (anything the previous manifest does not
 * list) are carried over, then the folders are swapped with two renames. If anything fails
 * before the swap, `outDir` is untouched.
 */
export async function writeOutput(outDir: string, files: readonly GeneratedFile[]): Promise<WriteReport> {
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.soapkit-tmp-${basename(outDir)}-`));
  try {
    for (const f of files) {
      const target = join(tmp, f.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, f.content, "utf8");
    }
    const previous = await previouslyGenerated(outDir);
    const produced = new Set(files.map((f) => f.path));
    const existing = await listFiles(outDir);
    const kept: string[] = [];
    const removed: string[] = [];
    for (const p of existing) {
      if (produced.has(p)) continue;
      if (previous.has(p)) {
        removed.push(p);
        continue;
      }
      // not ours: a file the user added beside the output; never delete it
      kept.push(p);
      await mkdir(dirname(join(tmp, p)), { recursive: true });
      await cp(join(outDir, p), join(tmp, p), { preserveTimestamps: true });
    }
    if (existsSync(outDir)) {
      const backup = `${tmp}-old`;
      await rename(outDir, backup);
      try {
        await rename(tmp, outDir);
      } catch (e) {
        await rename(backup, outDir);
        throw e;
      }
      await rm(backup, { recursive: true, force: true });
    } else {
      await rename(tmp, outDir);
    }
    return { written: files.length, removed: removed.sort(), kept: kept.sort() };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

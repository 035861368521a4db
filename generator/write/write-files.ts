/**
 * The only place the generator writes: atomic output swap (or, for `--watch`, the in-place
 * replacement of changed files: write-in-place.ts), stale-file removal that never touches
 * files the user put beside the output, the up-to-date test of the no-op path, and `--check`
 * comparison.
 *
 * Ownership rule: a file in the output folder belongs to soapkit only when the previous
 * `soapkit.manifest.json` lists it. Everything else is the user's: carried over on every
 * write, never deleted, never overwritten (unless `force`).
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { GeneratorError } from "../diagnostics/diagnostic.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { listTree, readIfFile } from "./fs-tree.js";
import { writeInPlace } from "./write-in-place.js";
import { currentContent, rememberWrite, type WriteMemory } from "./write-memory.js";

export const MANIFEST_FILE = "soapkit.manifest.json";

/** The parts of a manifest the writer and the no-op path read. */
export interface ManifestSummary {
  readonly inputsHash?: string;
  readonly files: readonly { readonly path: string; readonly sha256: string }[];
  /** Number of operations over all services. */
  readonly operations: number;
  readonly sources: number;
  /** Each source's label and documents as recorded (for the no-op shortcut). */
  readonly recorded: readonly {
    readonly source: string;
    readonly documents: readonly { readonly path: string; readonly sha256: string }[];
  }[];
  /** Modification time of the manifest (when its output was last written or verified). */
  readonly mtimeMs: number;
}

/** Read `<outDir>/soapkit.manifest.json`; undefined when absent or unreadable. */
export async function readManifest(outDir: string): Promise<ManifestSummary | undefined> {
  const path = join(outDir, MANIFEST_FILE);
  try {
    const [text, st] = await Promise.all([readFile(path, "utf8"), stat(path)]);
    return parseManifest(text, st.mtimeMs);
  } catch {
    return undefined;
  }
}

/** The summary of a manifest's text; throws when it is no JSON. */
function parseManifest(text: string, mtimeMs: number): ManifestSummary {
  const m = JSON.parse(text) as {
    inputsHash?: unknown;
    files?: unknown;
    services?: { operations?: unknown[] }[];
    sources?: { source?: unknown; documents?: unknown }[];
  };
  const files = Array.isArray(m.files)
    ? (m.files as unknown[]).filter(
        (f): f is { path: string; sha256: string } =>
          typeof (f as { path?: unknown })?.path === "string" && typeof (f as { sha256?: unknown }).sha256 === "string",
      )
    : [];
  return {
    ...(typeof m.inputsHash === "string" ? { inputsHash: m.inputsHash } : {}),
    files: files.filter((f) => isSafeRelative(f.path)),
    operations: (m.services ?? []).reduce((n, s) => n + (Array.isArray(s?.operations) ? s.operations.length : 0), 0),
    sources: Array.isArray(m.sources) ? m.sources.length : 0,
    recorded: (Array.isArray(m.sources) ? m.sources : []).map((src) => ({
      source: typeof src?.source === "string" ? src.source : "",
      documents: (Array.isArray(src?.documents) ? (src.documents as { path?: unknown; sha256?: unknown }[]) : [])
        .filter((d) => typeof d?.path === "string" && typeof d.sha256 === "string")
        .map((d) => ({ path: d.path as string, sha256: d.sha256 as string })),
    })),
    mtimeMs,
  };
}

/** A manifest path must stay inside the output folder (a hand-edited manifest must not make us delete `../x`). */
function isSafeRelative(p: string): boolean {
  return p !== "" && !p.startsWith("/") && !/^[a-z]:/i.test(p) && !p.split(/[\\/]/).includes("..");
}

/**
 * Files listed in the manifest currently in `outDir` (what a previous run generated); the
 * manifest as a warm process remembers it when its stat says it is unchanged (write-memory.ts).
 */
export async function previouslyGenerated(outDir: string, memory?: WriteMemory): Promise<Set<string>> {
  let m: ManifestSummary | undefined;
  if (memory) {
    const text = await currentContent(memory, outDir, MANIFEST_FILE);
    try {
      m = text === undefined ? undefined : parseManifest(text, 0);
    } catch {
      m = undefined;
    }
  } else m = await readManifest(outDir);
  return m ? new Set([MANIFEST_FILE, ...m.files.map((f) => f.path)]) : new Set();
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export type UpToDate =
  | { readonly upToDate: true; readonly manifest: ManifestSummary }
  | { readonly upToDate: false; readonly reason: string; readonly manifest?: ManifestSummary };

/**
 * The no-op test: the manifest records `inputsHash` and every listed file still has its
 * recorded sha256. Reads only; cost is one read per generated file.
 */
export async function upToDate(outDir: string, inputsHash: string, known?: ManifestSummary): Promise<UpToDate> {
  const manifest = known ?? (await readManifest(outDir));
  if (!manifest) return { upToDate: false, reason: "no manifest" };
  if (manifest.inputsHash !== inputsHash)
    return { upToDate: false, reason: "inputs, options or generator version changed", manifest };
  const bad = await Promise.all(
    manifest.files.map(async (f) => {
      try {
        return sha256(await readFile(join(outDir, f.path))) === f.sha256 ? undefined : `${f.path} was modified`;
      } catch {
        return `${f.path} is missing`;
      }
    }),
  );
  const reason = bad.find((b) => b !== undefined);
  return reason ? { upToDate: false, reason, manifest } : { upToDate: true, manifest };
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
      const path = join(outDir, f.path);
      if (!existsSync(path)) return void missing.push(f.path);
      const current = await readIfFile(path);
      if (current !== f.content) stale.push(f.path);
    }),
  );
  const previous = await previouslyGenerated(outDir);
  const orphan = [...previous].filter((p) => !produced.has(p) && existsSync(join(outDir, p)));
  return { stale: stale.sort(), missing: missing.sort(), orphan: orphan.sort() };
}

export interface WriteOptions {
  /** Overwrite files soapkit did not generate (otherwise a `write-conflict` error). */
  readonly force?: boolean;
  /**
   * Replace only the changed files, each atomically, instead of swapping the whole folder
   * (`--watch`: see write-in-place.ts). Applies when the output folder holds a manifest.
   */
  readonly inPlace?: boolean;
  /** A warm process's knowledge of what it wrote: unchanged files are not read back (write-memory.ts). */
  readonly memory?: WriteMemory;
}

export interface WriteReport {
  /** Files produced (all of them are in the output after the write). */
  readonly written: number;
  /** Produced files that are new or whose content changed. */
  readonly changed: string[];
  /** Previously generated files no longer produced, deleted. */
  readonly removed: string[];
  /** User files carried over. */
  readonly kept: string[];
}

const WRITE_ERRORS = new Set([
  "EACCES",
  "EPERM",
  "EROFS",
  "ENOSPC",
  "EEXIST",
  "ENOTDIR",
  "EISDIR",
  "EBUSY",
  "ENOTEMPTY",
  "EXDEV",
]);

function writeFailed(outDir: string, e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string" && WRITE_ERRORS.has(code)) {
    return new GeneratorError({ kind: "write-failed", message: `cannot write ${outDir}: ${(e as Error).message}` });
  }
  return e;
}

/**
 * A crash between the two renames of a swap leaves the old output in `<tmp>-old` and no
 * output folder: put it back before doing anything else.
 */
async function recoverInterruptedSwap(outDir: string): Promise<void> {
  if (existsSync(outDir)) return;
  const parent = dirname(outDir);
  if (!existsSync(parent)) return;
  const prefix = `.soapkit-tmp-${basename(outDir)}-`;
  const backups = (await readdir(parent)).filter((n) => n.startsWith(prefix) && n.endsWith("-old")).sort();
  const last = backups.at(-1);
  if (last !== undefined) await rename(join(parent, last), outDir);
}

/**
 * Replace the generated content of `outDir` with `files`, atomically: everything is written
 * to a temporary sibling folder first (unchanged files are copied with their timestamps),
 * user files (anything the previous manifest does not list) are carried over, then the
 * folders are swapped with two renames. If anything fails before the swap, `outDir` is
 * untouched. When nothing changed, nothing is written except the manifest's mtime, which
 * records that the output was verified.
 */
export async function writeOutput(
  outDir: string,
  files: readonly GeneratedFile[],
  options: WriteOptions = {},
): Promise<WriteReport> {
  let report: WriteReport;
  try {
    report = await writeOutputUnsafe(outDir, files, options);
  } catch (e) {
    // what is on disk is unknown: read everything next time
    options.memory?.folders.delete(outDir);
    throw writeFailed(outDir, e);
  }
  if (options.memory) {
    // the manifest's mtime is set even when nothing changed
    await rememberWrite(options.memory, outDir, files, new Set([...report.changed, MANIFEST_FILE]));
  }
  return report;
}

async function writeOutputUnsafe(
  outDir: string,
  files: readonly GeneratedFile[],
  options: WriteOptions,
): Promise<WriteReport> {
  await recoverInterruptedSwap(outDir);
  if (existsSync(outDir) && !(await stat(outDir)).isDirectory()) {
    throw new GeneratorError({ kind: "write-conflict", message: `output folder ${outDir} exists and is not a folder` });
  }
  const previous = await previouslyGenerated(outDir, options.memory);
  if (options.inPlace && previous.size > 0) {
    const { memory } = options;
    return writeInPlace(outDir, files, {
      previous,
      manifest: MANIFEST_FILE,
      force: options.force === true,
      ...(memory ? { read: (file: string) => currentContent(memory, outDir, file) } : {}),
    });
  }
  const produced = new Set(files.map((f) => f.path));
  const tree = await listTree(outDir);
  const existing = new Set(tree.files);

  const current = new Map<string, string | undefined>();
  await Promise.all(
    files.map(async (f) =>
      current.set(f.path, existing.has(f.path) ? await readIfFile(join(outDir, f.path)) : undefined),
    ),
  );
  const changed = files.filter((f) => current.get(f.path) !== f.content).map((f) => f.path);
  const conflicts = changed.filter((p) => existing.has(p) && !previous.has(p));
  if (conflicts.length > 0 && !options.force) {
    throw new GeneratorError(
      conflicts.map((p) => ({
        kind: "write-conflict" as const,
        message: `${join(outDir, p)} exists and was not generated by soapkit (not in ${MANIFEST_FILE}); it would be overwritten`,
      })),
    );
  }
  const removed = tree.files.filter((p) => !produced.has(p) && previous.has(p));
  const kept = tree.files.filter((p) => !produced.has(p) && !previous.has(p));

  if (changed.length === 0 && removed.length === 0) {
    const now = new Date();
    await utimes(join(outDir, MANIFEST_FILE), now, now).catch(() => undefined);
    return { written: files.length, changed: [], removed: [], kept: kept.sort() };
  }

  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(join(parent, `.soapkit-tmp-${basename(outDir)}-`));
  try {
    // mkdtemp creates 0700; the swapped-in folder keeps the old folder's mode (new: 0755)
    await chmod(tmp, existsSync(outDir) ? (await stat(outDir)).mode & 0o7777 : 0o755);
    for (const f of files) {
      const target = join(tmp, f.path);
      await mkdir(dirname(target), { recursive: true });
      if (current.get(f.path) === f.content) await cp(join(outDir, f.path), target, { preserveTimestamps: true });
      else await writeFile(target, f.content, "utf8");
    }
    // not ours: files the user added beside the output; never deleted
    for (const p of kept) {
      await mkdir(dirname(join(tmp, p)), { recursive: true });
      await cp(join(outDir, p), join(tmp, p), { preserveTimestamps: true, verbatimSymlinks: true });
    }
    for (const d of tree.emptyDirs) await mkdir(join(tmp, d), { recursive: true });
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
    return { written: files.length, changed: changed.sort(), removed: removed.sort(), kept: kept.sort() };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

/**
 * The no-op stamp: the quickest "up to date" answer, read by the executable's first module
 * before anything else of soapkit loads (only node:fs and node:path here, no other import).
 *
 * When fast-path.ts has verified by sha256 that every job of an invocation is up to date, it
 * records, under the exact command (cwd + argv + generator location), the stat of everything
 * the answer depends on: every input document, the config file and its rivals, the manifest,
 * every generated file, and the generator's own package files. The next identical command
 * whose every stat is unchanged (size, mtime, ctime and inode, as git's index does) is up to
 * date without reading or hashing anything. Any difference, or no stamp, falls through to
 * fast-path.ts, which hashes, answers, and rewrites the stamp.
 *
 * A stat is only recorded when its ctime is clearly older than the recording (git's "racily
 * clean" rule): an edit in the same clock tick as the recorded state could keep every field.
 */
import * as fs from "node:fs";
import * as nodePath from "node:path";

const STAMP_FILE = "node_modules/.cache/soapkit/noop-stamps.json";
const MAX_ENTRIES = 32;
/** A file changed less than this before the recording may change again unseen (clock tick). */
const FINE_MARGIN_MS = 50;
/** Same, on file systems with whole-second timestamps (FAT: 2 s). */
const COARSE_MARGIN_MS = 3_000;

/** One job's up-to-date line: output folder as displayed, and its counts. */
export interface StampJob {
  readonly dir: string;
  readonly sources: number;
  readonly operations: number;
  readonly files: number;
}

interface StampEntry {
  readonly key: string;
  /** Absolute path → `size:mtime:ctime:inode` (or `absent`) at recording time. */
  readonly files: Readonly<Record<string, string>>;
  readonly jobs: readonly StampJob[];
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

export function duration(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** `soapkit: <dir> is up to date (1 source, 77 operations, 6 files; 3 ms)` (also report.ts's). */
export function upToDateLine(j: StampJob, ms: number): string {
  return `soapkit: ${j.dir} is up to date (${plural(j.sources, "source")}, ${plural(j.operations, "operation")}, ${plural(j.files, "file")}; ${duration(ms)})`;
}

/**
 * The files that identify the generator's code, from its executable's path
 * (`<package>/dist/cli/bin.cjs`): the executable, package.json (a reinstall replaces it), the
 * build info `tsc -b` rewrites on every build of a checkout, and the copied templates folder.
 */
export function generatorIdentity(bin: string): string[] {
  const pkg = nodePath.dirname(nodePath.dirname(nodePath.dirname(bin)));
  return [
    bin,
    nodePath.join(nodePath.dirname(bin), "cli.cjs"),
    nodePath.join(pkg, "package.json"),
    nodePath.join(pkg, "dist/tsconfig.tsbuildinfo"),
    nodePath.join(pkg, "dist/templates"),
  ];
}

const statOf = (path: string): fs.BigIntStats | undefined => fs.statSync(path, { bigint: true, throwIfNoEntry: false });

/** `size:mtime:ctime:inode` (nanoseconds), or `absent`. */
const keyOfStat = (st: fs.BigIntStats | undefined): string =>
  st ? `${st.size}:${st.mtimeNs}:${st.ctimeNs}:${st.ino}` : "absent";

/** The stamp file under the nearest node_modules at or above `cwd`; undefined without one. */
function stampFile(cwd: string): string | undefined {
  for (let dir = cwd; ; dir = nodePath.dirname(dir)) {
    if (fs.existsSync(nodePath.join(dir, "node_modules"))) return nodePath.join(dir, STAMP_FILE);
    if (nodePath.dirname(dir) === dir) return undefined;
  }
}

const keyOf = (argv: readonly string[], cwd: string, identity: readonly string[]): string =>
  JSON.stringify([cwd, argv, identity]);

function readEntries(file: string): StampEntry[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as { v?: unknown; entries?: unknown };
    return parsed.v === 1 && Array.isArray(parsed.entries) ? (parsed.entries as StampEntry[]) : [];
  } catch {
    return [];
  }
}

/**
 * Exit code 0 after printing the up-to-date lines when the stamp of this exact command is
 * intact; undefined (nothing printed) otherwise.
 */
export function answerFromStamp(
  argv: readonly string[],
  cwd: string,
  identity: readonly string[],
  out: (line: string) => void,
): number | undefined {
  const t0 = performance.now();
  if (argv[0] !== "generate") return undefined;
  const file = stampFile(cwd);
  const key = keyOf(argv, cwd, identity);
  const entry = file === undefined ? undefined : readEntries(file).find((e) => e.key === key);
  if (!entry || typeof entry.files !== "object" || !Array.isArray(entry.jobs) || entry.jobs.length === 0)
    return undefined;
  try {
    for (const [path, recorded] of Object.entries(entry.files))
      if (keyOfStat(statOf(path)) !== recorded) return undefined;
  } catch {
    return undefined; // unreadable folder, not a folder...: the verified path decides
  }
  for (const job of entry.jobs) out(upToDateLine(job, performance.now() - t0));
  return 0;
}

/**
 * Stat `paths` now, before they are verified (an edit after this shows in the stat); undefined
 * when one changed too recently to trust its stat, or cannot be read.
 */
export function statForStamp(paths: readonly string[], now = Date.now()): Record<string, string> | undefined {
  const files: Record<string, string> = {};
  try {
    for (const path of paths) {
      const st = statOf(path);
      const margin = st && st.ctimeNs % 1_000_000_000n === 0n ? COARSE_MARGIN_MS : FINE_MARGIN_MS;
      if (st && Number(st.ctimeNs / 1_000_000n) > now - margin) return undefined;
      files[path] = keyOfStat(st);
    }
  } catch {
    return undefined;
  }
  return files;
}

/** Record (or replace) this command's stamp; best effort, never throws. */
export function writeStamp(
  argv: readonly string[],
  cwd: string,
  identity: readonly string[],
  files: Record<string, string>,
  jobs: readonly StampJob[],
): void {
  const file = stampFile(cwd);
  if (file === undefined) return;
  const key = keyOf(argv, cwd, identity);
  try {
    const entries = [{ key, files, jobs }, ...readEntries(file).filter((e) => e.key !== key)];
    fs.mkdirSync(nodePath.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify({ v: 1, entries: entries.slice(0, MAX_ENTRIES) })}\n`);
    fs.renameSync(tmp, file);
  } catch {
    // no stamp: the next run takes the verified path again
  }
}

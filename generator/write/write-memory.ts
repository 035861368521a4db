/**
 * What a warm process (`--watch`) knows of the output folders it wrote: each file's content as
 * soapkit left it, with the file's stat then. The next in-place write stats a file instead of
 * reading it back; a stat that differs (someone else wrote, touched, replaced or deleted the
 * file) means the file is read as a cold write would. Only the latest write per folder is kept.
 * A written file is stat'ed right after its rename: a write by someone else in between (a window
 * of microseconds) would pass for soapkit's until the file changes again.
 */
import type { Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";

interface Known {
  readonly content: string;
  readonly stamp: string;
}

export interface WriteMemory {
  /** Output folder → file path (relative) → content and stat stamp. */
  readonly folders: Map<string, Map<string, Known>>;
  /** Files read back / found by their stat, over the life of this object (tests and benchmarks). */
  reads: number;
  known: number;
}

export function createWriteMemory(): WriteMemory {
  return { folders: new Map(), reads: 0, known: 0 };
}

/** Everything of a stat that a write by someone else changes (ctime: even one that restores the mtime). */
function stampOf(st: Stats): string {
  return `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
}

async function stampAt(path: string): Promise<string | undefined> {
  try {
    const st = await stat(path);
    return st.isFile() ? stampOf(st) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The current content of `file` in `outDir` (undefined when it is no file): remembered when its
 * stat is the one soapkit left, else read (and remembered for the next write).
 */
export async function currentContent(memory: WriteMemory, outDir: string, file: string): Promise<string | undefined> {
  const path = join(outDir, file);
  const stamp = await stampAt(path);
  if (stamp === undefined) return undefined;
  const known = memory.folders.get(outDir)?.get(file);
  if (known?.stamp === stamp) {
    memory.known += 1;
    return known.content;
  }
  memory.reads += 1;
  let content: string;
  try {
    content = await readFile(path, "utf8");
  } catch {
    return undefined;
  }
  // the stat taken before the read: a change after it shows as another stat next time
  remember(memory, outDir, file, content, stamp);
  return content;
}

function remember(memory: WriteMemory, outDir: string, file: string, content: string, stamp: string): void {
  let folder = memory.folders.get(outDir);
  if (folder === undefined) memory.folders.set(outDir, (folder = new Map()));
  folder.set(file, { content, stamp });
}

/**
 * After a write: remember `files` as they now are in `outDir` (stat again those given in
 * `touched`, which were written or had their times set), and forget every other file of it.
 */
export async function rememberWrite(
  memory: WriteMemory,
  outDir: string,
  files: readonly { readonly path: string; readonly content: string }[],
  touched: ReadonlySet<string>,
): Promise<void> {
  const last = memory.folders.get(outDir);
  const next = new Map<string, Known>();
  const stamps = await Promise.all(
    files.map((f) => {
      const known = last?.get(f.path);
      return !touched.has(f.path) && known?.content === f.content
        ? Promise.resolve(known.stamp)
        : stampAt(join(outDir, f.path));
    }),
  );
  files.forEach((f, i) => {
    const stamp = stamps[i];
    if (stamp !== undefined) next.set(f.path, { content: f.content, stamp });
  });
  memory.folders.set(outDir, next);
}

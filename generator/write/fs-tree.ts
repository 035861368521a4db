/** Reading the output folder: its files and empty folders, a file's text when it exists. */
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";

export interface Tree {
  readonly files: string[];
  /** Folders without any file below them. */
  readonly emptyDirs: string[];
}

export async function listTree(dir: string, base = dir, out: Tree = { files: [], emptyDirs: [] }): Promise<Tree> {
  if (!existsSync(dir)) return out;
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.length === 0 && dir !== base) out.emptyDirs.push(relative(base, dir).split("\\").join("/"));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) await listTree(p, base, out);
    else out.files.push(relative(base, p).split("\\").join("/"));
  }
  return out;
}

export async function readIfFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

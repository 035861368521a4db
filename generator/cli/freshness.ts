/**
 * Guard for the no-op path while soapkit itself is being developed: the manifest's
 * `inputsHash` covers the generator *version*, not its code, so in a source checkout an edit
 * of generator/ or templates/ newer than the manifest forces a full regeneration (which then
 * refreshes the manifest's mtime when the output turns out unchanged); run compiled from a
 * checkout (generator/dist), a build newer than the manifest does (tsc -b rewrites its build
 * info, the build copies the templates afresh). Installed copies (under node_modules) are
 * versioned and skip this.
 */
import { readdir, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";

const COMPILED = !import.meta.url.endsWith(".ts");
/** The repository (sources) or the generator package (compiled: <package>/dist/cli/). */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const WATCHED = COMPILED
  ? ["package.json", "dist/tsconfig.tsbuildinfo", "dist/templates", "dist/cli/cli.cjs"]
  : ["generator", "templates", "package.json"];

async function newestMtime(path: string): Promise<number> {
  const st = await stat(path).catch(() => undefined);
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of await readdir(path, { withFileTypes: true })) {
    if (e.name === "dist" || e.name === "node_modules") continue; // build output is not source
    newest = Math.max(newest, await newestMtime(join(path, e.name)));
  }
  return newest;
}

/** True when this is a source checkout whose generator code changed after `mtimeMs`. */
export async function generatorChangedSince(mtimeMs: number): Promise<boolean> {
  if (ROOT.split(sep).includes("node_modules")) return false;
  const times = await Promise.all(WATCHED.map((p) => newestMtime(join(ROOT, p))));
  return Math.max(...times) > mtimeMs;
}

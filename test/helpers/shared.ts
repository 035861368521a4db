/**
 * Access to the shared corpus in `../shared` (relative to the repo root). Tests that need it
 * skip with a printed reason when it is absent, and FAIL instead when `CI=true`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (this file is test/helpers/shared.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The shared corpus directory: `<repoRoot>/../shared`. */
export const sharedDir = path.resolve(repoRoot, "../shared");

/**
 * Path of `sub` inside the shared corpus, or undefined (after printing why) when it is
 * absent. Under `CI=true` a missing corpus throws, so the suite fails instead of skipping.
 * Use with `describe.skipIf(!dir)`.
 */
export function requireShared(...sub: string[]): string | undefined {
  const p = path.join(sharedDir, ...sub);
  if (existsSync(p)) return p;
  const reason = `shared corpus not found at ${p}`;
  if (process.env.CI === "true") throw new Error(`${reason} (required when CI=true)`);
  console.warn(`[skip] ${reason}; tests that need it are skipped`);
  return undefined;
}

/**
 * External tools the conformance checks run: Debian's `xmllint` (libxml2-utils) and
 * `python3-zeep` (run with /usr/bin/python3). A test file that needs one calls `requireTool`
 * at collection time: when the tool is missing the file's tests are skipped with a printed
 * reason, except under `CI=true`, where the missing tool is an error (the suite fails).
 */
import { spawnSync } from "node:child_process";

/** The Python interpreter that has Debian's python3-zeep. */
export const PYTHON = "/usr/bin/python3";

const probes = {
  xmllint: { cmd: "xmllint", args: ["--version"], install: "apt-get install -y libxml2-utils" },
  zeep: { cmd: PYTHON, args: ["-c", "import zeep, lxml"], install: "apt-get install -y python3-zeep" },
} as const;

export type Tool = keyof typeof probes;

/** Whether `tool` is usable; false (after printing why) when absent; throws under CI=true. */
export function requireTool(tool: Tool): boolean {
  const p = probes[tool];
  const r = spawnSync(p.cmd, [...p.args], { encoding: "utf8", timeout: 20_000 });
  if (r.status === 0) return true;
  const reason = `${tool} is not available (${r.error?.message ?? (r.stderr.trim() || `exit ${String(r.status)}`)}); install it with \`${p.install}\``;
  if (process.env.CI === "true") throw new Error(`${reason} (required when CI=true)`);
  console.warn(`[skip] ${reason}; the checks that need it are skipped`);
  return false;
}

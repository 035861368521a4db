/**
 * Secrets never reach logs, even with soap's own debug logging switched on
 * (`DEBUG=node-soap` makes soap's HttpClient log every request it builds).
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repoRoot } from "../helpers/shared.js";

it("DEBUG=node-soap logs no ticket and no application token", () => {
  const ticket = "7T:debug-log-SECRET-ticket";
  const token = "debug-log-SECRET-app-token";
  const run = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--conditions=soapkit-source",
      join(repoRoot, "test/runtime/fixtures/debug-call.ts"),
      ticket,
      token,
    ],
    {
      cwd: repoRoot,
      env: { ...process.env, DEBUG: "node-soap,node-soap:*" },
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect(run.status, output).toBe(0);
  expect(run.stdout).toContain("call done: Succeeded=true");
  expect(output).not.toContain("SECRET");
});

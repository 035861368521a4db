/**
 * The real executable, bin/soapkit.mjs, in child processes: exit codes, stdout/stderr, and
 * --watch stopping cleanly on SIGINT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/shared.js";
import { copyFixture, removeDir, tempDir } from "./helpers.js";

const BIN = join(repoRoot, "bin/soapkit.mjs");
const dir = tempDir("bin");
const children = new Set<ChildProcess>();
afterAll(() => {
  for (const c of children) c.kill("SIGKILL"); // only after a failure: every run ends by itself
  removeDir(dir);
});

interface Child {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function soapkit(args: string[], onStdout?: (text: string, kill: (s: NodeJS.Signals) => void) => void): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      onStdout?.(stdout, (s) => child.kill(s));
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      children.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// child processes load tsx, ts-morph and prettier each time: slow on a busy machine
describe("bin/soapkit.mjs", { timeout: 180_000 }, () => {
  const wsdl = copyFixture("shop/Shop.wsdl", dir);

  it("generates, then reports up to date, then --check detects a hand edit (exit 1)", async () => {
    const first = await soapkit(["generate", "Shop.wsdl", "--out", "gen"]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    // one progress line per source, even without --verbose, then the result
    expect(first.stdout).toMatch(
      /^soapkit: Shop\.wsdl → gen\/shop: 3 operations, \d+ types \([\d.]+ m?s\)\nsoapkit: gen: \d+ files \(\d+ changed\) from 1 source in /,
    );

    const second = await soapkit(["generate", "Shop.wsdl", "--out", "gen"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/^soapkit: gen is up to date \(1 source, 3 operations, \d+ files; \d+ ms\)\n$/);

    const types = join(dir, "gen/shop/types.ts");
    writeFileSync(
      types,
      readFileSync(types, "utf8").replace("export interface Item {", "export interface Item {\n  extra?: string;"),
    );
    const check = await soapkit(["generate", "Shop.wsdl", "--out", "gen", "--check"]);
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(
      /error check-stale: gen does not match its inputs \(1 file\):\n  stale    gen\/shop\/types\.ts\n/,
    );
  });

  it("usage errors exit 64 without a stack trace", async () => {
    const r = await soapkit(["generate", "Shop.wsdl", "--outt", "gen"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(
      /^soapkit: error option-unknown: unknown option '--outt' \(did you mean --out\?\)\n  hint: valid options: --out, /,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("--watch regenerates on change and stops cleanly on SIGINT (exit 0)", async () => {
    let changed = false;
    let stopped = false;
    const r = await soapkit(
      ["generate", "Shop.wsdl", "--out", "watched", "--watch", "--debounce", "50"],
      (stdout, kill) => {
        if (!changed && /watching 1 file/.test(stdout)) {
          changed = true;
          writeFileSync(wsdl, readFileSync(wsdl, "utf8").replace('name="ShopService"', 'name="ShopService2"'));
        }
        if (!stopped && /Shop\.wsdl changed/.test(stdout)) {
          stopped = true;
          kill("SIGINT");
        }
      },
    );
    expect(r.stderr).toBe("");
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/soapkit watch: watched regenerated \(\d+ changed\) — initial run/);
    expect(r.stdout).toMatch(/soapkit watch: watched (regenerated|unchanged)[^\n]* — Shop\.wsdl changed, /);
    expect(r.stdout).toMatch(/soapkit watch: stopped\n$/);
  });
});

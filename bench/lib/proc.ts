/**
 * Child processes for the benchmark: wall time measured here (spawn → exit), peak RSS via
 * GNU `/usr/bin/time -f %M` when present, else a `--require` preload reporting
 * `process.resourceUsage().maxRSS` on exit.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const GNU_TIME = "/usr/bin/time";
export const HAS_GNU_TIME = existsSync(GNU_TIME);
const RSS_PRELOAD = fileURLToPath(new URL("./report-rss.cjs", import.meta.url));
export const RSS_METHOD = HAS_GNU_TIME
  ? "`/usr/bin/time -f %M`"
  : "`process.resourceUsage().maxRSS` (preload in the child)";

export interface RunResult {
  code: number | null;
  wallMs: number;
  /** Peak resident set size in KB (NaN if unavailable). */
  peakKb: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** Measure peak RSS (default true). */
  rss?: boolean;
}

/** Run `node <nodeArgs...>` as a fresh process. */
export function runNode(nodeArgs: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const measureRss = opts.rss ?? true;
  const dir = mkdtempSync(join(tmpdir(), "soapkit-bench-"));
  const rssFile = join(dir, "rss");
  let cmd = process.execPath;
  let args = [...nodeArgs];
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  if (measureRss) {
    if (HAS_GNU_TIME) {
      cmd = GNU_TIME;
      args = ["-f", "%M", "-o", rssFile, process.execPath, ...nodeArgs];
    } else {
      args = ["--require", RSS_PRELOAD, ...nodeArgs];
      env["SOAPKIT_BENCH_RSS_FILE"] = rssFile;
    }
  }
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs) : undefined;
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - t0;
      if (timer) clearTimeout(timer);
      let peakKb = NaN;
      try {
        const text = readFileSync(rssFile, "utf8").trim().split("\n").pop() ?? "";
        peakKb = Number.parseInt(text, 10);
      } catch {
        /* not measured */
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, wallMs, peakKb, stdout, stderr });
    });
  });
}

/** Like runNode but rejects on a non-zero exit, with the child's stderr. */
export async function runNodeOk(nodeArgs: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const r = await runNode(nodeArgs, opts);
  if (r.code !== 0) throw new Error(`node ${nodeArgs.join(" ")} exited with ${r.code}\n${r.stderr.slice(-2000)}`);
  return r;
}

export interface ServerChild {
  url: string;
  close(): Promise<void>;
}

/** Start a long-lived server child (`node <args>`) that prints `LISTENING <url>`; closes it via stdin EOF. */
export function startServer(
  nodeArgs: readonly string[],
  opts: { cwd?: string; timeoutMs?: number } = {},
): Promise<ServerChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs], { cwd: opts.cwd, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`server ${nodeArgs.join(" ")} did not start\n${err}`));
    }, opts.timeoutMs ?? 30_000);
    const exited = new Promise<void>((r) => child.on("close", () => r()));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      const m = /LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          close: async () => {
            child.stdin.end();
            const t = setTimeout(() => child.kill("SIGKILL"), 5000);
            await exited;
            clearTimeout(t);
          },
        });
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      reject(new Error(`server ${nodeArgs.join(" ")} exited early (${code})\n${err}`));
    });
  });
}

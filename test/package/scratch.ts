/**
 * Plumbing for the packaging test: child processes with captured output, `npm pack` of both
 * workspace packages, and the scratch consumer project outside the repository.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "../helpers/shared.js";

const exec = promisify(execFile);

export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** Run a command; rejects with its output when it exits non-zero. */
export async function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Ran> {
  const t0 = performance.now();
  try {
    const r = await exec(cmd, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return { stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed: ${x.message}\n${x.stdout ?? ""}\n${x.stderr ?? ""}`);
  }
}

/** `npm` without the repository's npm_* environment (a child npm must not think it runs a workspace script). */
export function npm(args: readonly string[], cwd: string): Promise<Ran> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("npm_")));
  return run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], cwd, {
    ...env,
    npm_config_update_notifier: "false",
  });
}

export interface Packed {
  readonly name: string;
  readonly filename: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/** Build (prepack) and pack both packages into `dest`. */
export async function packBoth(dest: string): Promise<Packed[]> {
  mkdirSync(dest, { recursive: true });
  const r = await npm(
    ["pack", "-w", "@soapkit/runtime", "-w", "soapkit", "--pack-destination", dest, "--json"],
    repoRoot,
  );
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))) as {
    name: string;
    filename: string;
    size: number;
    unpackedSize: number;
    files: { path: string }[];
  }[];
  return json.map((p) => ({
    name: p.name,
    filename: join(dest, p.filename),
    size: p.size,
    unpackedSize: p.unpackedSize,
    files: p.files.map((f) => f.path),
  }));
}

/** Toolchain versions the consumer installs beside the tarballs (the repository's pins). */
const DEV_TOOLS = { typescript: "6.0.3", esbuild: "0.28.2", "@types/node": "20.19.43", vitest: "4.1.12" };

/** The consumer project (test/package/consumer copied to `dir`) with the tarballs as dependencies. */
export function writeConsumer(dir: string, runtimeTgz: string, generatorTgz: string): void {
  cpSync(join(repoRoot, "test/package/consumer"), dir, { recursive: true });
  const pkg = {
    name: "soapkit-consumer",
    private: true,
    type: "module",
    dependencies: { "@soapkit/runtime": `file:${runtimeTgz}` },
    devDependencies: { soapkit: `file:${generatorTgz}`, ...DEV_TOOLS },
  };
  writeFileSync(join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
}

/** Kilobytes under `dir` (du -sk). */
export async function diskKb(dir: string): Promise<number> {
  const r = await run("du", ["-sk", dir], dir);
  return Number(r.stdout.split(/\s/)[0]);
}

/**
 * Cold start runs as users run it: plain `node` on compiled JavaScript, no tsx, for soapkit and
 * raw soap alike. This compiles bench/cold-start.ts (bundled with esbuild, packages left
 * external: `soap` and `@soapkit/runtime` resolve from node_modules, the runtime to its compiled
 * runtime/dist) and the generated client, file by file, into `outDir`.
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { BENCH, ROOT } from "./config.js";
import { runNodeOk, type RunResult } from "./lib/proc.js";

export interface ColdSetup {
  readonly script: string;
  readonly client: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))
    .map((f) => join(dir, f));
}

/** Compile the cold-start script and the generated client in `generatedDir` into `outDir`. */
export async function prepareColdStart(generatedDir: string, outDir: string): Promise<ColdSetup> {
  rmSync(outDir, { recursive: true, force: true });
  const script = join(outDir, "cold-start.mjs");
  await build({
    entryPoints: [join(BENCH, "cold-start.ts")],
    outfile: script,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    logLevel: "error",
  });
  const clientDir = join(outDir, "client");
  await build({
    entryPoints: tsFiles(generatedDir),
    outdir: clientDir,
    outbase: generatedDir,
    platform: "node",
    format: "esm",
    logLevel: "error",
  });
  return { script, client: join(clientDir, "index.js") };
}

/** One cold run: `node <script> <mode> <client or wsdl> <endpoint>`; `ms` is the child's time to its first call. */
export async function coldClient(
  setup: ColdSetup,
  mode: "soapkit" | "soapkit-soap" | "soap",
  wsdl: string,
  endpoint: string,
): Promise<{ ms: number; run: RunResult }> {
  const target = mode === "soap" ? wsdl : setup.client;
  const r = await runNodeOk([setup.script, mode, target, endpoint], { cwd: ROOT });
  const line = r.stdout.split("\n").find((l) => l.startsWith("COLD "));
  if (!line) throw new Error(`cold-start ${mode}: no result\n${r.stderr}`);
  return { ms: Number.parseFloat(line.slice(5)), run: r };
}

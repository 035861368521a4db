#!/usr/bin/env node
/**
 * The `soapkit` executable of the installed package. The build bundles this module and
 * noop-stamp.ts (node:fs and node:path only) into one CommonJS file, dist/cli/bin.cjs: an ES
 * module entry point would cost Node its ESM loader's start-up (about 10% of `node -e 0`)
 * before a no-op run could answer. (In the repository, bin/soapkit.mjs runs the TypeScript
 * sources instead.) Three steps, each loading more: an intact no-op stamp answers first; an
 * output verified up to date by sha256 is answered by fast-path.ts; everything else runs the
 * full CLI (main.ts). Both come from dist/cli/cli.cjs, the rest of the CLI bundled into one
 * CommonJS file (full.ts), which loads in a fraction of the time of its ES modules.
 */
import { answerFromStamp, generatorIdentity } from "./noop-stamp.js";

const argv = process.argv.slice(2);
const out = (s: string): boolean => process.stdout.write(`${s}\n`);
const identity = generatorIdentity(__filename); // the bundle's own path (CommonJS)
const quick = answerFromStamp(argv, process.cwd(), identity, out);
if (quick !== undefined) process.exitCode = quick;
else void fullPath();

async function fullPath(): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS bundle beside this one
  const { upToDateFastPath, main } = require("./cli.cjs") as typeof import("./full.js");
  const io = { out, err: (s: string) => process.stderr.write(`${s}\n`) };
  const fast = await upToDateFastPath(argv, io, process.cwd(), identity);
  process.exitCode = fast ?? (await main(argv));
}

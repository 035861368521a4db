#!/usr/bin/env node
/**
 * The `soapkit` executable of the installed package: plain compiled JavaScript, no loader.
 * (In the repository, bin/soapkit.mjs runs the TypeScript sources instead.) An up-to-date
 * output is answered by fast-path.ts before the rest of the CLI is loaded.
 */

const argv = process.argv.slice(2);
const { upToDateFastPath } = await import("./fast-path.js");
const io = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) };
const fast = await upToDateFastPath(argv, io, process.cwd());
process.exitCode = fast ?? (await (await import("./main.js")).main(argv));

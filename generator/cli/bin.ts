#!/usr/bin/env node
/**
 * The `soapkit` executable of the installed package: plain compiled JavaScript, no loader.
 * (In the repository, bin/soapkit.mjs runs the TypeScript sources instead.)
 */

// Opt in to v8-compile-cache for the emit stage (see loadEmitStage in generator/index.ts):
// only the CLI does, a library user's process is left alone.
(globalThis as { __soapkitCompileCache?: boolean }).__soapkitCompileCache = true;
const { main } = await import("./main.js");
process.exitCode = await main(process.argv.slice(2));

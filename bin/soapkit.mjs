#!/usr/bin/env node
// soapkit command-line entry: loads the TypeScript sources through tsx's ESM loader.
import { register } from "tsx/esm/api";

// Opt in to v8-compile-cache for the emit stage (see loadEmitStage in generator/index.ts):
// only the CLI does, a library user's process is left alone.
globalThis.__soapkitCompileCache = true;
register();
const { main } = await import("../generator/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// soapkit command-line entry: loads the TypeScript sources through tsx's ESM loader.
//
// v8-compile-cache keeps V8's compiled code for CommonJS modules on disk (in the OS temp
// folder). The emit stage loads ts-morph, whose bundled TypeScript compiler is ~9 MB of
// JavaScript: with the cache, loading it takes about half the time on every run after the
// first (bench/RESULTS.md). Only the CLI opts in; importing soapkit as a library does not.
import "v8-compile-cache";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../generator/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

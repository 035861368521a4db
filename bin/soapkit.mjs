#!/usr/bin/env node
// soapkit command-line entry: loads the TypeScript sources through tsx's ESM loader.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../generator/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

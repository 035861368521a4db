#!/usr/bin/env node
// soapkit from source, for work inside this repository (`npm run generate`, the CLI tests):
// the TypeScript sources run through tsx's ESM loader, and package imports resolve with the
// `soapkit-source` export condition (`@soapkit/runtime` → runtime/index.ts), so nothing needs
// a prior build. The published package's executable is generator/cli/bin.cts, compiled.
import { register } from "node:module";
import { register as registerTsx } from "tsx/esm/api";

registerTsx();
// Registered last, so it runs first: adds the source condition, then hands over to tsx.
const addSourceCondition =
  "export function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, 'soapkit-source'] }); }";
register(`data:text/javascript,${encodeURIComponent(addSourceCondition)}`);
const { main } = await import("../generator/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));

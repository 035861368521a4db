/**
 * First half of loading `soap` (see ./index.ts): while the CommonJS `soap` package
 * initialises, `globalThis.require` is a real `require`. An ESM bundle (`esbuild --bundle
 * --format=esm --platform=node`) turns soap's `require("assert")`, `require("http")`, … into a
 * shim that calls the global `require` when there is one, and otherwise throws
 * `Dynamic require of "assert" is not supported`. Unbundled Node and CommonJS bundles never
 * consult the global; a CommonJS bundle has no `import.meta.url`, so nothing is lent there.
 */
import { createRequire } from "node:module";

const global = globalThis as { require?: unknown };
const url: unknown = import.meta.url;

/** True when this module defined `globalThis.require` (return-require.ts removes it again). */
export const lent = typeof url === "string" && global.require === undefined;
if (lent) global.require = createRequire(url as string);

/**
 * Bundles the installed `soapkit` executable (run by `npm run build` after tsc): two CommonJS
 * files, because Node loads one CommonJS file much faster than the same code as ES modules.
 * - dist/cli/bin.cjs: the entry, node:fs and node:path only, answering a no-op from its stamp.
 * - dist/cli/cli.cjs: the rest of the CLI (fast path, generate, watch) with handlebars and
 *   saxes. Left outside: ts-morph and prettier (loaded only for a file soapkit cannot print in
 *   prettier's layout itself), tsx (config files in TypeScript), and the `mock` command (ES
 *   modules, it imports @soapkit/runtime).
 */
import { build } from "esbuild";

const common = { bundle: true, platform: "node", format: "cjs", target: "node20", logLevel: "warning" };

await build({ ...common, entryPoints: ["cli/bin.ts"], outfile: "dist/cli/bin.cjs", external: ["./cli.cjs"] });
await build({
  ...common,
  entryPoints: ["cli/full.ts"],
  outfile: "dist/cli/cli.cjs",
  external: ["ts-morph", "prettier", "tsx", "@soapkit/runtime", "./mock-command.js"],
  // The modules find their templates and package root relative to their own URL.
  define: { "import.meta.url": "__importMetaUrl" },
  banner: { js: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
});

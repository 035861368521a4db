/**
 * Everything of the executable past the no-op stamp, bundled by the build into one CommonJS
 * file, dist/cli/cli.cjs (scripts/bundle-cli.mjs), which bin.ts requires.
 */
export { upToDateFastPath } from "./fast-path.js";
export { main } from "./main.js";

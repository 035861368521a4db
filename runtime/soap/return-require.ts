/** Second half of loading `soap` (see ./index.ts): remove the `globalThis.require` lent for its initialisation. */
import { lent } from "./lend-require.js";

if (lent) delete (globalThis as { require?: unknown }).require;

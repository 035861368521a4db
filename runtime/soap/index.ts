/**
 * The one place the runtime imports `soap` (CommonJS) for values. The imports run in this
 * order: lend `require`, initialise soap, take `require` back — so that the user's plain
 * `esbuild --bundle --platform=node --format=esm` bundle can initialise soap (see
 * lend-require.ts). Keep every value import of "soap" here; types may come from "soap".
 */
import "./lend-require.js";
import { HttpClient } from "soap";
import "./return-require.js";

export { HttpClient };

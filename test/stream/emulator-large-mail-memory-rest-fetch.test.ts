/**
 * 200 MiB from the emulator over the REST WebAPI with the default exchange (fetch): see
 * test/helpers/large-mail-emulator.ts. Measured 51–65 MiB client growth on a loaded 2-core
 * machine (node:http: 40–53 MiB): undici's web streams hold about 7 MiB more ArrayBuffers and
 * more garbage between collections, so the bound here is 80 MiB; `exchange: nodeHttpExchange()`
 * is the way to stay under 64 MiB.
 */
import { emulatorLargeMailTest } from "../helpers/large-mail-emulator.js";

emulatorLargeMailTest("rest-over-fetch", 80);

/** 200 MiB from the emulator over the REST WebAPI with `nodeHttpExchange`: see test/helpers/large-mail-emulator.ts. */
import { emulatorLargeMailTest } from "../helpers/large-mail-emulator.js";

emulatorLargeMailTest("rest-over-node-http");

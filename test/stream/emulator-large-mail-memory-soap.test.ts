/** 200 MiB from the emulator over soap-http: see test/helpers/large-mail-emulator.ts. */
import { emulatorLargeMailTest } from "../helpers/large-mail-emulator.js";

emulatorLargeMailTest("soap-http");

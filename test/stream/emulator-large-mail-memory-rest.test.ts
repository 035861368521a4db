/** 200 MiB from the emulator over superoffice-rest: see test/helpers/large-mail-emulator.ts. */
import { emulatorLargeMailTest } from "../helpers/large-mail-emulator.js";

emulatorLargeMailTest("superoffice-rest");

/** Public surface of the model stage. */
export { buildModel } from "./build-model.js";
export { dumpModel } from "./dump.js";
export { loadModel } from "./load-model.js";
export * from "./types.js";
export type { LoadOptions as ModelLoadOptions } from "../load/types.js";

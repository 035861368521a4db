/**
 * Everything a warm process (`--watch`) keeps between generations, each cache bounded to the
 * latest generation of each source or output folder, each a pure shortcut: the output is the
 * output of a cold generation (test/cli/watch-determinism.test.ts).
 */
import { createWriteMemory, type WriteMemory } from "../write/write-memory.js";
import { createEmitReuse, type EmitReuse } from "./emit-reuse.js";

export interface WarmCaches {
  /** Emitted files and printed pieces per source (emit-reuse.ts). */
  readonly emit: EmitReuse;
  /** What was written to each output folder (write/write-memory.ts). */
  readonly written: WriteMemory;
}

export function createWarmCaches(): WarmCaches {
  return { emit: createEmitReuse(), written: createWriteMemory() };
}

/**
 * Everything a warm process (`--watch`) keeps between generations, each cache bounded to the
 * latest generation of each source or output folder, each a pure shortcut: the output is the
 * output of a cold generation (test/cli/watch-determinism.test.ts).
 */
import { createWriteMemory, type WriteMemory } from "../write/write-memory.js";
import { createEmitReuse, pruneEmissions, type EmitReuse } from "./emit-reuse.js";
import { createLoadReuse, pruneLoads, type LoadReuse } from "./load-reuse.js";
import { createModelReuse, type ModelReuse } from "./model-reuse.js";

export interface WarmCaches {
  /** Loaded documents per source (load-reuse.ts). */
  readonly loads: LoadReuse;
  /** Models per kept document list (model-reuse.ts). */
  readonly models: ModelReuse;
  /** Emitted files and printed pieces per source (emit-reuse.ts). */
  readonly emit: EmitReuse;
  /** What was written to each output folder (write/write-memory.ts). */
  readonly written: WriteMemory;
}

export function createWarmCaches(): WarmCaches {
  return {
    loads: createLoadReuse(),
    models: createModelReuse(),
    emit: createEmitReuse(),
    written: createWriteMemory(),
  };
}

/** End of a watch run: forget what belongs to sources the run no longer had. */
export function endWarmRun(warm: WarmCaches): void {
  pruneLoads(warm.loads);
  pruneEmissions(warm.emit);
}

/**
 * A watch that starts on an up-to-date output (the usual restart) has generated nothing, so
 * its caches are empty and the first edit would cost a cold generation. While it waits for
 * that edit, it fills them: the jobs are loaded and generated in memory, and the output files
 * read once into the write memory. Nothing is written or reported; a failure is left to the
 * run the next change triggers.
 */
import { generateOptions, type Invocation } from "./invocation.js";
import { generate } from "../generate.js";
import { currentContent } from "../write/write-memory.js";
import { MANIFEST_FILE } from "../write/write-files.js";
import { loadSourcesWarm } from "../incremental/load-reuse.js";
import type { WarmCaches } from "../incremental/warm.js";

export async function prewarm(inv: Invocation, warm: WarmCaches, closed: () => boolean): Promise<void> {
  if (inv.options.check === true) return;
  for (const job of inv.jobs) {
    if (closed()) return;
    try {
      const options = generateOptions(inv.options, job.out);
      const loaded = await loadSourcesWarm(job.sources, options, warm.loads);
      const { files } = await generate(loaded, options, warm);
      await Promise.all(
        [...files.map((f) => f.path), MANIFEST_FILE].map((p) => currentContent(warm.written, job.out, p)),
      );
    } catch {
      // reported by the run of the next change, if it persists
    }
  }
}

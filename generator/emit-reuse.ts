/**
 * Reuse of emitted files in a warm process (`--watch`): a source whose documents, settings and
 * options are unchanged since the previous generation gets the files emitted then, instead of
 * running the emitters again (its model is still built: diagnostics and notes stay fresh).
 * The key is a sha256 over everything the emitted files of one source depend on, so a hit is
 * byte-identical to a fresh emission. Only the latest emission per source is kept.
 */
import type { GeneratedFile } from "./emit/generated-file.js";
import { manifestOptions, sha256 } from "./hash.js";
import { GENERATOR_VERSION, type GenerateOptions, type Settings } from "./settings.js";
import type { SourceRecord } from "./sources.js";

export interface EmitReuse {
  /** Latest emission per source (output folder + input): its key and its formatted files. */
  readonly entries: Map<string, { readonly key: string; readonly files: readonly GeneratedFile[] }>;
  /** Sources served from `entries` / emitted, over the life of this object (for tests and benchmarks). */
  hits: number;
  misses: number;
}

export function createEmitReuse(): EmitReuse {
  return { entries: new Map(), hits: 0, misses: 0 };
}

/** The key of one source's emitted files. */
export function emitKey(r: SourceRecord, s: Settings, options: GenerateOptions): string {
  return sha256(
    JSON.stringify({
      generator: GENERATOR_VERSION,
      options: manifestOptions(s, options),
      label: r.label,
      module: r.module,
      operations: r.loaded.operations ?? null,
      rest: r.loaded.rest ?? null,
      documents: r.loaded.documents.map((d) => [d.path, d.sha256]),
    }),
  );
}

/** The files of `r` from `reuse` when its key matches, else emitted by `emit` and remembered. */
export async function emitOrReuse(
  reuse: EmitReuse | undefined,
  r: SourceRecord,
  key: () => string,
  emit: () => Promise<GeneratedFile[]>,
): Promise<GeneratedFile[]> {
  if (!reuse) return emit();
  const id = `${r.label}\0${r.loaded.input}`;
  const k = key();
  const hit = reuse.entries.get(id);
  if (hit && hit.key === k) {
    reuse.hits += 1;
    return [...hit.files];
  }
  reuse.misses += 1;
  const files = await emit();
  reuse.entries.set(id, { key: k, files });
  return files;
}

/**
 * Reuse of emitted files in a warm process (`--watch`). A source whose documents, settings and
 * options are unchanged since the previous generation gets the files emitted then, instead of
 * running the emitters again (its model is still built: diagnostics and notes stay fresh). The
 * key is a sha256 over everything the emitted files of one source depend on, so a hit is
 * byte-identical to a fresh emission. A changed source is emitted again with the memo of its
 * previous emission (emit/emit-memo.ts): only the declarations the change touched are printed.
 * Only the latest emission per source is kept.
 */
import type { EmitMemo } from "../emit/emit-memo.js";
import type { GeneratedFile } from "../emit/generated-file.js";
import { manifestOptions, sha256 } from "../hash.js";
import { GENERATOR_VERSION, type GenerateOptions, type Settings } from "../settings.js";
import type { SourceRecord } from "../sources.js";
import { GenerationMemo } from "./memo.js";

interface Emission {
  readonly key: string;
  readonly files: readonly GeneratedFile[];
  readonly memo: EmitMemo;
}

export interface EmitReuse {
  /** Latest emission per source (output folder + input): its key, its formatted files, its memo. */
  readonly entries: Map<string, Emission>;
  /** Per output folder, the content last hashed per file path and its sha256 (the manifest's file list). */
  readonly hashes: Map<string, Map<string, { readonly content: string; readonly sha256: string }>>;
  /** Entries used since the last `pruneEmissions`. */
  readonly touched: Set<string>;
  /** Sources served from `entries` / emitted, over the life of this object (for tests and benchmarks). */
  hits: number;
  misses: number;
}

export function createEmitReuse(): EmitReuse {
  return { entries: new Map(), hashes: new Map(), touched: new Set(), hits: 0, misses: 0 };
}

/** End of a watch run: forget the emissions of sources it did not emit. */
export function pruneEmissions(reuse: EmitReuse): void {
  for (const id of reuse.entries.keys()) if (!reuse.touched.has(id)) reuse.entries.delete(id);
  reuse.touched.clear();
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

/**
 * The files of `r` from `reuse` when its key matches, else emitted by `emit` (given the memo of
 * the source's previous emission) and remembered.
 */
export async function emitOrReuse(
  reuse: EmitReuse | undefined,
  r: SourceRecord,
  key: () => string,
  emit: (memo?: EmitMemo) => Promise<GeneratedFile[]>,
): Promise<GeneratedFile[]> {
  if (!reuse) return emit();
  const id = `${r.label}\0${r.loaded.input}`;
  const k = key();
  reuse.touched.add(id);
  const last = reuse.entries.get(id);
  if (last && last.key === k) {
    reuse.hits += 1;
    return [...last.files];
  }
  reuse.misses += 1;
  const memo = last?.memo ?? { statements: new GenerationMemo<string | undefined>() };
  const files = await emit(memo);
  memo.statements.rotate();
  reuse.entries.set(id, { key: k, files, memo });
  return files;
}

/**
 * sha256 of every file's content (parallel to `files`); in a warm process, a file whose content
 * is what was hashed for its path in `outDir` last time keeps that hash.
 */
export function fileHashes(reuse: EmitReuse | undefined, outDir: string, files: readonly GeneratedFile[]): string[] {
  if (!reuse) return files.map((f) => sha256(f.content));
  const last = reuse.hashes.get(outDir);
  const next = new Map<string, { content: string; sha256: string }>();
  const hashes = files.map((f) => {
    const known = last?.get(f.path);
    const hash = known?.content === f.content ? known.sha256 : sha256(f.content);
    next.set(f.path, { content: f.content, sha256: hash });
    return hash;
  });
  reuse.hashes.set(outDir, next);
  return hashes;
}

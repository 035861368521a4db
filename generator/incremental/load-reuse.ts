/**
 * Loading in a warm process (`--watch`): a source whose documents all read the same as when
 * they were last loaded (sha256 of each, the root first) keeps its loaded documents, parsed
 * trees included, and with them its model (model-reuse.ts). The import graph is a function of
 * the documents' content, so equal hashes mean an equal load. Any difference, any read error,
 * a URL document or an injected reader: the source is loaded as a cold generation loads it.
 * Only the latest load per source is kept.
 */
import { readFile, stat } from "node:fs/promises";
import { sha256 } from "../hash.js";
import { isHttpUrl } from "../load/resolve.js";
import type { LoadedDocument } from "../load/types.js";
import type { GenerateOptions } from "../settings.js";
import { loadSources, sourceSettings, type LoadedSource, type SourceInput } from "../sources.js";

export interface LoadReuse {
  /** Latest load per source input (and load limits). */
  readonly entries: Map<string, LoadedSource>;
  /** Entries loaded or reused since the last `pruneLoads` (the others belong to sources no longer given). */
  readonly touched: Set<string>;
  /** Sources whose documents were reused / loaded (for tests and benchmarks). */
  hits: number;
  misses: number;
}

export function createLoadReuse(): LoadReuse {
  return { entries: new Map(), touched: new Set(), hits: 0, misses: 0 };
}

/** End of a watch run: forget the sources it did not load. */
export function pruneLoads(reuse: LoadReuse): void {
  for (const id of reuse.entries.keys()) if (!reuse.touched.has(id)) reuse.entries.delete(id);
  reuse.touched.clear();
}

/**
 * Whether every document of `last` still has its recorded content (read errors: no). A file of
 * another size has changed (the usual edit: nothing is read); one of the same size is hashed.
 */
async function unchanged(last: LoadedSource): Promise<boolean> {
  const same = async (d: LoadedDocument): Promise<boolean> => {
    if (isHttpUrl(d.path)) return false;
    try {
      if ((await stat(d.path)).size !== Buffer.byteLength(d.text, "utf8")) return false;
      return sha256(await readFile(d.path, "utf8")) === d.sha256;
    } catch {
      return false;
    }
  };
  const [root, ...imports] = last.documents;
  if (root === undefined || !(await same(root))) return false; // the usual edit: no need to read the others
  return (await Promise.all(imports.map(same))).every(Boolean);
}

/** `loadSources`, keeping the loaded documents of every source that did not change. */
export async function loadSourcesWarm(
  sources: readonly SourceInput[],
  options: Pick<GenerateOptions, "load" | "onTiming">,
  reuse: LoadReuse,
): Promise<LoadedSource[]> {
  if (options.load?.reader !== undefined) return loadSources(sources, options);
  const t0 = performance.now();
  const { maxBytes, maxDocumentBytes, maxDocuments, allowRemoteOrigins } = options.load ?? {};
  const limits = JSON.stringify([
    maxBytes ?? null,
    maxDocumentBytes ?? null,
    maxDocuments ?? null,
    allowRemoteOrigins === true,
  ]);
  const ids = sources.map((s) => `${typeof s === "string" ? s : s.input}\0${limits}`);
  const kept = await Promise.all(
    sources.map(async (s, i): Promise<LoadedSource | undefined> => {
      const last = reuse.entries.get(ids[i]!);
      if (last === undefined || !(await unchanged(last))) return undefined;
      return {
        input: last.input,
        ...sourceSettings(s),
        documents: last.documents,
        loadMs: performance.now() - t0,
      };
    }),
  );
  const fresh = sources.filter((_s, i) => kept[i] === undefined);
  // one call for the changed ones, so their diagnostics are reported together as a cold load does
  const loadedFresh = fresh.length === 0 ? [] : await loadSources(fresh, { load: options.load ?? {} });
  const loaded = kept.map((k) => k ?? loadedFresh.shift()!);
  reuse.hits += sources.length - fresh.length;
  reuse.misses += fresh.length;
  loaded.forEach((l, i) => {
    reuse.entries.set(ids[i]!, l);
    reuse.touched.add(ids[i]!);
  });
  options.onTiming?.("load", performance.now() - t0);
  return loaded;
}

/**
 * Sources: what the user gives (`SourceInput`), the record each source becomes once its
 * documents are loaded and hashed (`LoadedSource`), and its label relative to the output.
 */
import { relative, resolve } from "node:path";
import { GeneratorError, type Diagnostic } from "./diagnostics/diagnostic.js";
import type { LoadedDocument } from "./load/types.js";
import type { ServiceModel } from "./model/types.js";
import type { GenerateOptions } from "./settings.js";

/** A source: a WSDL path/URL, optionally with its own operation subset. */
export type SourceInput =
  string | { readonly input: string; readonly operations?: readonly string[]; readonly rest?: boolean | string };

/** A source with the hashes of its documents: all `inputsHash` needs. */
export interface HashedSource {
  readonly input: string;
  readonly operations?: readonly string[];
  /** REST twin setting: `false` = none, a string = the agent name, absent/`true` = the portType. */
  readonly rest?: boolean | string;
  /** Root first, then imports in discovery order. */
  readonly documents: readonly { readonly path: string; readonly sha256: string }[];
}

/** A source whose documents are loaded (what `loadSources` returns; `generate` accepts it). */
export interface LoadedSource extends HashedSource {
  readonly documents: readonly LoadedDocument[];
  /** Time spent loading, ms. */
  readonly loadMs: number;
}

/** The document list a manifest recorded for one source (labels relative to the output folder). */
export interface RecordedSource {
  readonly source: string;
  readonly documents: readonly { readonly path: string; readonly sha256: string }[];
}

export function isLoaded(s: SourceInput | LoadedSource): s is LoadedSource {
  return typeof s === "object" && "documents" in s;
}

/** Run `fn` over all items, collecting every `GeneratorError`'s diagnostics into one error. */
export async function collectAll<T, R>(
  items: readonly T[],
  fn: (item: T, index: number) => Promise<R> | R,
): Promise<R[]> {
  const settled = await Promise.allSettled(items.map(async (item, i) => fn(item, i)));
  const diagnostics: Diagnostic[] = [];
  for (const s of settled) {
    if (s.status === "rejected") {
      if (s.reason instanceof GeneratorError) diagnostics.push(...s.reason.diagnostics);
      else throw s.reason;
    }
  }
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return settled.map((s) => (s as PromiseFulfilledResult<R>).value);
}

/**
 * Load every source's documents (the WSDL and everything it imports), hashing each. Light:
 * no emit dependencies are touched, so the CLI can decide "up to date" from this alone.
 */
export async function loadSources(
  sources: readonly (SourceInput | LoadedSource)[],
  options: Pick<GenerateOptions, "load" | "onTiming"> = {},
): Promise<LoadedSource[]> {
  const t0 = performance.now();
  // lazily: the no-op path never parses (see rehashRecorded)
  const { loadDocuments } = await import("./load/load-documents.js");
  const loaded = await collectAll(sources, async (s): Promise<LoadedSource> => {
    if (isLoaded(s)) return s;
    const input = typeof s === "string" ? s : s.input;
    const start = performance.now();
    const documents = await loadDocuments(input, options.load ?? {});
    return { input, ...sourceSettings(s), documents, loadMs: performance.now() - start };
  });
  if (!sources.every(isLoaded)) options.onTiming?.("load", performance.now() - t0);
  return loaded;
}

/** The per-source settings carried from a `SourceInput` (operation subset, REST twin). */
export function sourceSettings(s: SourceInput): { operations?: readonly string[]; rest?: boolean | string } {
  if (typeof s === "string") return {};
  return { ...(s.operations ? { operations: s.operations } : {}), ...(s.rest !== undefined ? { rest: s.rest } : {}) };
}

/** A stable label for a source: a URL as is, a path relative to the output folder. */
export function sourceLabel(source: string, outDir: string): string {
  if (/^https?:\/\//i.test(source)) return source;
  return relative(outDir, resolve(source)).split("\\").join("/");
}

/**
 * One source on its way through the emit stages: what was loaded, its model (operations
 * selected, REST setting applied), its module folder and its label. The root index and the
 * manifest read these records instead of parallel arrays.
 */
export interface SourceRecord {
  readonly loaded: LoadedSource;
  readonly model: ServiceModel;
  /** Module folder under the output folder (`email`, `so-principal`, `email-2`). */
  readonly module: string;
  /** The source's label in banners and the manifest (see `sourceLabel`). */
  readonly label: string;
  /** Time spent modelling, ms. */
  readonly modelMs: number;
}

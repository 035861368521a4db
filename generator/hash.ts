/**
 * Input hashing: the manifest's `inputsHash` over everything the output depends on, and the
 * no-op shortcut that re-hashes the documents a previous run recorded without parsing.
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { uniqueSlugs } from "./emit/module-names.js";
import { createDefaultReader } from "./load/default-reader.js";
import { isHttpUrl } from "./load/resolve.js";
import { DEFAULT_MAX_BYTES } from "./load/types.js";
import { GENERATOR_VERSION, settings, type GenerateOptions, type Settings } from "./settings.js";
import { sourceLabel, sourceSettings, type HashedSource, type RecordedSource, type SourceInput } from "./sources.js";

/**
 * The no-op shortcut: re-read and hash the documents a previous run recorded, without
 * parsing. When every hash is unchanged, the import graph is unchanged too (it is a function
 * of the documents' content), so these hashes stand in for a full `loadSources`. Returns
 * undefined when the recorded list does not fit the sources or a document cannot be read.
 * URL sources are fetched (their content is what is hashed).
 */
export async function rehashRecorded(
  sources: readonly SourceInput[],
  recorded: readonly RecordedSource[],
  options: Pick<GenerateOptions, "outDir" | "load">,
): Promise<HashedSource[] | undefined> {
  const outDir = resolve(options.outDir);
  if (recorded.length !== sources.length) return undefined;
  const read =
    options.load?.reader ??
    createDefaultReader({
      maxBytes: options.load?.maxBytes ?? DEFAULT_MAX_BYTES,
      ...(options.load?.timeoutMs !== undefined ? { timeoutMs: options.load.timeoutMs } : {}),
    });
  try {
    return await Promise.all(
      sources.map(async (s, i) => {
        const input = typeof s === "string" ? s : s.input;
        const rec = recorded[i]!;
        if (rec.source !== sourceLabel(input, outDir) || rec.documents.length === 0)
          throw new Error("source list changed");
        const documents = await Promise.all(
          rec.documents.map(async (d, j) => {
            const path = j === 0 ? input : isHttpUrl(d.path) ? d.path : resolve(outDir, d.path);
            return { path, sha256: sha256(await read(path)) };
          }),
        );
        return { input, ...sourceSettings(s), documents };
      }),
    );
  } catch {
    return undefined;
  }
}

/** The manifest's `sources` entries: label, module folder, documents with sha256. */
export function manifestSources(loaded: readonly HashedSource[], outDir: string) {
  const slugs = uniqueSlugs(loaded.map((l) => l.input));
  return loaded.map((l, i) => ({
    source: sourceLabel(l.input, outDir),
    module: slugs[i]!,
    ...(l.operations ? { operations: [...l.operations] } : {}),
    ...(l.rest !== undefined && l.rest !== true ? { rest: l.rest } : {}),
    documents: l.documents.map((d) => ({ path: sourceLabel(d.path, outDir), sha256: d.sha256 })),
  }));
}

/** The manifest's `options`: every option that changes the output. */
export function manifestOptions(s: Settings, options: GenerateOptions) {
  return {
    mapping: s.mapping,
    runtimeImport: s.runtimeImport,
    naming: s.naming,
    ...(options.operations ? { operations: [...options.operations] } : {}),
    ...(options.lenient ? { lenient: [...options.lenient].sort() } : {}),
    ...(s.importExtension !== ".js" ? { importExtension: s.importExtension } : {}),
    ...(options.rest !== undefined ? { rest: options.rest } : {}),
  };
}

/**
 * sha256 over everything the output depends on: the generator version, the options that
 * change the output, and each source's label and documents (path + sha256). Stored in the
 * manifest as `inputsHash`; equal hashes (and intact files) mean regeneration is a no-op.
 */
export function inputsHash(loaded: readonly HashedSource[], options: GenerateOptions): string {
  const s = settings(options);
  const payload = {
    generator: GENERATOR_VERSION,
    options: manifestOptions(s, options),
    sources: manifestSources(loaded, s.outDir),
  };
  return sha256(JSON.stringify(payload));
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * `generate(sources, options)`: load → model → select → emit (→ format) for every source, then
 * the root index and the manifest; returns the files (writing is the CLI's, see write/).
 * handlebars is imported lazily (`loadEmitStage`); ts-morph's printer and prettier only for a
 * file the emitters could not print in its layout themselves (`formatAll`).
 */
import { createEmitContext, cmp } from "./emit/context.js";
import type { EmitMemo } from "./emit/emit-memo.js";
import type { EmittedFile, GeneratedFile } from "./emit/generated-file.js";
import { manifest } from "./emit/manifest.js";
import { uniqueSlugs } from "./emit/module-names.js";
import { rootIndex } from "./emit/root-index.js";
import { emitKey, emitOrReuse, fileHashes } from "./incremental/emit-reuse.js";
import type { WarmCaches } from "./incremental/warm.js";
import { inputsHash } from "./hash.js";
import type { ServiceModel } from "./model/types.js";
import { loadModels } from "./select.js";
import { GENERATOR_VERSION, settings, type GenerateOptions } from "./settings.js";
import { sourceLabel, type LoadedSource, type SourceInput, type SourceRecord } from "./sources.js";
import { timer } from "./timing.js";

export interface GenerateResult {
  readonly files: GeneratedFile[];
  readonly models: readonly ServiceModel[];
  /** The manifest's `inputsHash` (see `inputsHash`). */
  readonly inputsHash: string;
  /** TypeScript files soapkit could not print in prettier's layout itself, formatted by prettier instead. */
  readonly prettierFallbacks: readonly string[];
}

/** The heavy emit/format modules, loaded only when files are generated. */
async function loadEmitStage() {
  const [serviceModule, typesFile, template] = await Promise.all([
    import("./emit/service-module.js"),
    import("./emit/types-file.js"),
    import("./emit/client-template.js").then((t) => t.loadClientTemplate()),
  ]);
  return { emitServiceModule: serviceModule.emitServiceModule, template, resultTs: typesFile.resultTs };
}

export type EmitStage = Awaited<ReturnType<typeof loadEmitStage>>;

/** Loaded and compiled once per process: a warm process (--watch) reuses the compiled client template. */
let emitStage: Promise<EmitStage> | undefined;
function emitStageOnce(): Promise<EmitStage> {
  emitStage ??= loadEmitStage().catch((e: unknown) => {
    emitStage = undefined;
    throw e;
  });
  return emitStage;
}

/**
 * Generate the files for `sources` (WSDL paths or URLs). Throws `GeneratorError` on bad input.
 * `warm` (a warm process: --watch) keeps the models of sources whose documents were kept, serves
 * the files of a source that did not change since the previous call from memory, and emits the
 * others with what did not change (incremental/).
 */
export async function generate(
  sources: readonly (SourceInput | LoadedSource)[],
  options: GenerateOptions,
  warm?: Pick<WarmCaches, "emit" | "models">,
): Promise<GenerateResult> {
  const reuse = warm?.emit;
  const time = timer(options.onTiming);
  const s = settings(options);
  const { mapping, runtimeImport, outDir, naming } = s;

  const { loaded, models, modelMs } = await loadModels(sources, options, warm?.models);
  const hash = inputsHash(loaded, options);
  const stage = await time("load-emitters", emitStageOnce);

  const modules = uniqueSlugs(loaded.map((l) => l.input));
  const records: SourceRecord[] = loaded.map((l, i) => ({
    loaded: l,
    model: models[i]!,
    module: modules[i]!,
    label: sourceLabel(l.input, outDir),
    modelMs: modelMs[i] ?? 0,
  }));
  const formatted: GeneratedFile[] = [];
  for (const r of records) {
    const t0 = performance.now();
    const emit = async (memo?: EmitMemo): Promise<GeneratedFile[]> => {
      const ctx = await time("context", () =>
        createEmitContext(r.model, {
          runtimeImport,
          mapping,
          naming,
          importExtension: s.importExtension,
          sourceLabel: r.label,
          generatorVersion: GENERATOR_VERSION,
          ...(memo ? { memo } : {}),
        }),
      );
      const raw = await time("emit", () => stage.emitServiceModule(ctx, r.module, stage.template));
      return time("format", () => formatAll(raw));
    };
    const files = await emitOrReuse(reuse, r, () => emitKey(r, s, options), emit);
    formatted.push(...files);
    options.onSource?.({
      input: r.loaded.input,
      module: r.module,
      operations: r.model.ports.reduce((n, p) => n + p.operations.length, 0),
      types: r.model.types.size,
      files: files.length,
      ms: r.loaded.loadMs + r.modelMs + (performance.now() - t0),
      notes: r.model.notes ?? [],
    });
  }
  formatted.push(...(await time("format", () => formatAll([rootIndex(records, naming, s.importExtension)]))));
  formatted.push(
    await time("manifest", () =>
      manifest(records, formatted, {
        resultTs: stage.resultTs,
        options,
        hash,
        fileHashes: fileHashes(reuse, s.outDir, formatted),
      }),
    ),
  );
  formatted.sort((a, b) => cmp(a.path, b.path));
  const prettierFallbacks = formatted.filter((f) => f.path.endsWith(".ts") && f.formatted !== true).map((f) => f.path);
  return { files: formatted, models, inputsHash: hash, prettierFallbacks };
}

/**
 * Files the emitters printed in prettier's layout pass through; prettier (loaded on first
 * need) formats the others: shapes soapkit does not lay out itself (see `prettierFallbacks`),
 * printed first by ts-morph when the emitters left them as statements.
 */
async function formatAll(files: readonly EmittedFile[]): Promise<GeneratedFile[]> {
  return Promise.all(
    files.map(async (f) => {
      if (!("statements" in f) && (!f.path.endsWith(".ts") || f.formatted === true)) return f;
      const content = "statements" in f ? (await import("./format/print-pending.js")).printPending(f) : f.content;
      const { formatTypeScript } = await import("./format/prettier.js");
      return { path: f.path, content: await formatTypeScript(content) };
    }),
  );
}

/**
 * The emit contexts of a source's models, as `generate` builds them (default mapping, the
 * narrow runtime import): for emitter tests that compare a stage's output across the corpus.
 * Also the project's sources and, when ../shared is present, the corpus (test/golden/format-sources.ts).
 */
import { createEmitContext, type EmitContext } from "../../generator/emit/context.js";
import type { SourceInput } from "../../generator/index.js";
import { loadModels } from "../../generator/select.js";
import { DEFAULT_MAPPING } from "../../generator/settings.js";
import { formatCorpusSources, type FormatSource } from "../golden/format-sources.js";
import { requireShared } from "./shared.js";

export async function emitContexts(inputs: SourceInput[]): Promise<EmitContext[]> {
  const { models } = await loadModels(inputs, { outDir: "generated" });
  return models.map((model) =>
    createEmitContext(model, {
      runtimeImport: "@soapkit/runtime/client",
      mapping: DEFAULT_MAPPING,
      sourceLabel: "x.wsdl",
      generatorVersion: "",
    }),
  );
}

/**
 * The project's sources, then (when ../shared is present) the corpus; without it, the skip is
 * printed (and is an error when CI=true).
 */
export function corpusSources(): FormatSource[] {
  requireShared("wsdl/public");
  return formatCorpusSources();
}

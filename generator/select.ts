/**
 * Modelling and operation selection: every source's documents become a `ServiceModel`, cut
 * down to the requested operations, with its REST setting applied.
 */
import { resolve } from "node:path";
import { didYouMean } from "./config/options.js";
import { GeneratorError, type Diagnostic } from "./diagnostics/diagnostic.js";
import { withRestSetting } from "./emit/rest-agent.js";
import type { ServiceModel } from "./model/types.js";
import type { GenerateOptions } from "./settings.js";
import { collectAll, loadSources, sourceLabel, type LoadedSource, type SourceInput } from "./sources.js";
import { timer } from "./timing.js";

/** Apply the operation subsets; unknown names are reported with the valid ones. */
function selectAll(
  models: readonly ServiceModel[],
  loaded: readonly LoadedSource[],
  options: GenerateOptions,
  outDir: string,
  pass: Pick<typeof import("./model/passes/select-operations.js"), "operationNames" | "selectOperations">,
): ServiceModel[] {
  const { operationNames, selectOperations } = pass;
  const diagnostics: Diagnostic[] = [];
  const names = models.map(operationNames);
  const unknown = (name: string, valid: readonly string[], where: string): void => {
    diagnostics.push({
      kind: "operation-unknown",
      message: `unknown operation '${name}' in ${where}${didYouMean(name, valid)}`,
      hint: `valid operations: ${valid.join(", ")}`,
    });
  };
  const global = options.operations ? new Set(options.operations) : undefined;
  const inScope = loaded.flatMap((l, i) => (l.operations ? [] : names[i]!)); // sources without their own list
  if (global && loaded.some((l) => !l.operations)) {
    for (const name of global)
      if (!inScope.includes(name)) unknown(name, [...new Set(inScope)], "the operations option");
  }
  const selected = models.map((model, i) => {
    const own = loaded[i]!.operations;
    if (own) {
      for (const name of own)
        if (!names[i]!.includes(name)) unknown(name, names[i]!, sourceLabel(loaded[i]!.input, outDir));
      return withRestSetting(selectOperations(model, new Set(own)), loaded[i]!.rest, options.rest);
    }
    return withRestSetting(global ? selectOperations(model, global) : model, loaded[i]!.rest, options.rest);
  });
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return selected;
}

/**
 * Load and model every source and apply the operation subsets, without emitting anything
 * (light: `--dump-model` uses it). Diagnostics of all sources are reported together.
 */
export async function loadModels(
  sources: readonly (SourceInput | LoadedSource)[],
  options: GenerateOptions,
): Promise<{ loaded: LoadedSource[]; models: ServiceModel[]; modelMs: number[] }> {
  const time = timer(options.onTiming);
  const loaded = await loadSources(sources, options);
  const [{ buildModel }, { operationNames, selectOperations }] = await Promise.all([
    import("./model/build-model.js"),
    import("./model/passes/select-operations.js"),
  ]);
  const modelMs: number[] = [];
  const built = await time("model", () =>
    collectAll(loaded, (l, i) => {
      const t0 = performance.now();
      const m = buildModel(l.documents);
      modelMs[i] = performance.now() - t0;
      return m;
    }),
  );
  const models = await time("select-operations", () =>
    selectAll(built, loaded, options, resolve(options.outDir), { operationNames, selectOperations }),
  );
  return { loaded, models, modelMs };
}

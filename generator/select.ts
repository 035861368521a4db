/**
 * Modelling and operation selection: every source's documents become a `ServiceModel` of the
 * requested operations only (see `prepareModel`), with its REST setting applied. Unknown
 * operation names are found from the WSDL's bindings before any type is modelled.
 */
import { resolve } from "node:path";
import { didYouMean } from "./config/options.js";
import { GeneratorError, type Diagnostic } from "./diagnostics/diagnostic.js";
import { withRestSetting } from "./emit/rest-agent.js";
import { preparedWarm, type ModelReuse } from "./incremental/model-reuse.js";
import type { ServiceModel } from "./model/types.js";
import type { GenerateOptions } from "./settings.js";
import { collectAll, loadSources, sourceLabel, type LoadedSource, type SourceInput } from "./sources.js";
import { timer } from "./timing.js";

/**
 * The operation subset of every source (undefined: all operations). Throws `GeneratorError`
 * (`operation-unknown`, a usage error) naming the valid operations for any unknown name.
 */
export function operationSubsets(
  names: readonly (readonly string[])[],
  loaded: readonly LoadedSource[],
  options: GenerateOptions,
  outDir: string,
): (ReadonlySet<string> | undefined)[] {
  const diagnostics: Diagnostic[] = [];
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
  const subsets = loaded.map((l, i) => {
    if (!l.operations) return global;
    for (const name of l.operations)
      if (!names[i]!.includes(name)) unknown(name, names[i]!, sourceLabel(l.input, outDir));
    return new Set(l.operations);
  });
  if (diagnostics.length > 0) throw new GeneratorError(diagnostics);
  return subsets;
}

/**
 * Load and model every source's operation subset, without emitting anything (light:
 * `--dump-model` uses it). Diagnostics of all sources are reported together. `reuse` (a warm
 * process) keeps the models of sources whose documents were kept (incremental/model-reuse.ts).
 */
export async function loadModels(
  sources: readonly (SourceInput | LoadedSource)[],
  options: GenerateOptions,
  reuse?: ModelReuse,
): Promise<{ loaded: LoadedSource[]; models: ServiceModel[]; modelMs: number[] }> {
  const time = timer(options.onTiming);
  const loaded = await loadSources(sources, options);
  const { prepareModel } = await import("./model/build-model.js");
  const modelMs: number[] = [];
  const models = await time("model", async () => {
    const prepared = await collectAll(loaded, (l, i) => {
      const t0 = performance.now();
      const p = reuse ? preparedWarm(reuse, l.documents, prepareModel) : prepareModel(l.documents);
      modelMs[i] = performance.now() - t0;
      return p;
    });
    const names = prepared.map((p) => p.operationNames());
    const subsets = operationSubsets(names, loaded, options, resolve(options.outDir));
    const lenient = options.lenient === undefined ? undefined : new Set(options.lenient);
    return collectAll(prepared, (p, i) => {
      const t0 = performance.now();
      const model = p.build(subsets[i], lenient);
      modelMs[i]! += performance.now() - t0;
      return withRestSetting(model, loaded[i]!.rest, options.rest);
    });
  });
  return { loaded, models, modelMs };
}

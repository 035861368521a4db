/**
 * Modelling in a warm process (`--watch`): a source whose loaded documents were kept
 * (load-reuse.ts hands the same document list) keeps its operation names and the model built
 * for the same operation subset and lenient kinds, as `prepareModel(documents).build(...)`
 * would build it again (modelling is a pure function of the documents and those settings).
 * Anything else is modelled as a cold generation models it. Only the latest model per
 * document list is kept, and a list no source holds any more is dropped with it.
 */
import type { LoadedDocument } from "../load/types.js";
import type { PreparedModel } from "../model/build-model.js";
import type { ServiceModel } from "../model/types.js";

interface Modelled {
  names?: string[];
  built?: { readonly key: string; readonly model: ServiceModel };
}

export interface ModelReuse {
  readonly byDocuments: WeakMap<readonly LoadedDocument[], Modelled>;
  /** Models reused / built (for tests and benchmarks). */
  hits: number;
  misses: number;
}

export function createModelReuse(): ModelReuse {
  return { byDocuments: new WeakMap(), hits: 0, misses: 0 };
}

const sorted = (s: ReadonlySet<string> | undefined): string[] | null => (s === undefined ? null : [...s].sort());

/**
 * A `PreparedModel` of `docs` that answers from `reuse` what was computed for the same list
 * before, and prepares the documents (`prepare`) only when it has to.
 */
export function preparedWarm(
  reuse: ModelReuse,
  docs: readonly LoadedDocument[],
  prepare: (docs: readonly LoadedDocument[]) => PreparedModel,
): PreparedModel {
  let entry = reuse.byDocuments.get(docs);
  if (entry === undefined) reuse.byDocuments.set(docs, (entry = {}));
  const known = entry;
  let prepared: PreparedModel | undefined;
  const cold = (): PreparedModel => (prepared ??= prepare(docs));
  // now, as `prepareModel` does: a document that is no WSDL fails here, with the other sources' problems
  known.names ??= cold().operationNames();
  const names = known.names;
  return {
    operationNames: () => [...names],
    build(keep, lenient) {
      const key = JSON.stringify([sorted(keep), sorted(lenient)]);
      if (known.built?.key === key) {
        reuse.hits += 1;
        return known.built.model;
      }
      reuse.misses += 1;
      const model = cold().build(keep, lenient);
      known.built = { key, model };
      return model;
    },
  };
}

/** Stable JSON rendering of the IR for `--dump-model` and model snapshots. */
import type { ServiceModel } from "./types.js";

function replacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const k of [...(value.keys() as Iterable<string>)].map(String).sort()) out[k] = value.get(k);
    return out;
  }
  return value;
}

/** Maps become objects with sorted keys; arrays keep their (document) order; LF, trailing newline. */
export function dumpModel(model: ServiceModel): string {
  return `${JSON.stringify(model, replacer, 2)}\n`;
}

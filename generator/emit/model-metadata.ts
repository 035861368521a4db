/**
 * The compact runtime metadata of every port of a model, in memory: what each generated
 * `metadata.ts` holds, without printing or formatting (the mock and the corpus tests use it).
 */
import type { CompactMetadata, TypeMapping } from "@soapkit/runtime";
import type { ServiceModel } from "../model/types.js";
import { DEFAULT_MAPPING } from "../settings.js";
import { compactMetadata } from "./compact-metadata.js";
import { createEmitContext } from "./context.js";
import { portMetadata } from "./metadata-file.js";

/** One `CompactMetadata` per port of `model`, in model order (a plain JSON-safe object each). */
export function modelMetadata(model: ServiceModel, mapping: TypeMapping = DEFAULT_MAPPING): CompactMetadata[] {
  const ctx = createEmitContext(model, {
    runtimeImport: "@soapkit/runtime",
    mapping,
    sourceLabel: "",
    generatorVersion: "",
  });
  return model.ports.map(
    (port, i) =>
      JSON.parse(JSON.stringify(compactMetadata(portMetadata(ctx, port, ctx.names.ports[i]!)))) as CompactMetadata,
  );
}

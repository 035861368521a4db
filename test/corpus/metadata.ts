/**
 * Runtime metadata of every SOAP port of a WSDL, built in memory by the generator pipeline
 * (load → model → names → `portMetadata` → `compactMetadata` → JSON → `loadMetadata`): what the
 * runtime makes of the generated `metadata.ts`, without the printing and formatting a full
 * `generate()` costs (the corpus generate-compile test covers that path).
 */
import { DEFAULT_MAPPING } from "../../generator/index.js";
import { createEmitContext } from "../../generator/emit/context.js";
import { compactMetadata } from "../../generator/emit/compact-metadata.js";
import { portMetadata } from "../../generator/emit/metadata-file.js";
import { loadModel } from "../../generator/model/index.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";

/** Metadata of each port of the WSDL at `wsdlPath`, in model order. */
export async function portsOf(wsdlPath: string): Promise<ServiceMetadata[]> {
  const model = await loadModel(wsdlPath);
  const ctx = createEmitContext(model, {
    runtimeImport: "@soapkit/runtime",
    mapping: DEFAULT_MAPPING,
    sourceLabel: "",
    generatorVersion: "",
  });
  return model.ports.map((port, i) => {
    const compact = JSON.parse(
      JSON.stringify(compactMetadata(portMetadata(ctx, port, ctx.names.ports[i]!))),
    ) as CompactMetadata;
    return loadMetadata(compact);
  });
}

/**
 * Runtime metadata of every SOAP port of a WSDL, built in memory by the generator pipeline
 * (load → model → names → `portMetadata` → `compactMetadata` → JSON → `loadMetadata`): what the
 * runtime makes of the generated `metadata.ts`, without the printing and formatting a full
 * `generate()` costs (the corpus generate-compile test covers that path).
 */
import { modelMetadata } from "../../generator/emit/model-metadata.js";
import { loadModel } from "../../generator/model/index.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import { loadMetadata } from "../../runtime/metadata/load.js";

/** Metadata of each port of the WSDL at `wsdlPath`, in model order. */
export async function portsOf(wsdlPath: string): Promise<ServiceMetadata[]> {
  return modelMetadata(await loadModel(wsdlPath)).map(loadMetadata);
}

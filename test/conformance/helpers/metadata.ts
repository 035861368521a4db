/**
 * Runtime metadata of a WSDL, built in memory by the generator pipeline
 * (load → parse → model → names → `portMetadata` → `compactMetadata` → `loadMetadata`): exactly
 * what the runtime makes of the generated `metadata.ts`, without the ~10 s of
 * ts-morph printing and prettier formatting a full `generate()` costs. The full
 * generate → write → import path is covered by test/e2e/full-email.test.ts.
 */
import { fileURLToPath } from "node:url";
import type { ServiceMetadata } from "../../../runtime/metadata.js";
import { DEFAULT_MAPPING } from "../../../generator/index.js";
import { loadModel } from "../../../generator/model/index.js";
import { createEmitContext } from "../../../generator/emit/context.js";
import { portMetadata } from "../../../generator/emit/metadata-file.js";
import { compactMetadata } from "../../../generator/emit/compact-metadata.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { expanded } from "../../helpers/metadata.js";

/** The conformance fixture WSDL (derived types where a base is declared, xs:long beyond 2^53). */
export const FIXTURE_WSDL = fileURLToPath(new URL("../fixtures/conformance.wsdl", import.meta.url));

/** Metadata of the first port of the WSDL at `wsdlPath`. */
export async function metadataOf(wsdlPath: string): Promise<ServiceMetadata> {
  const model = await loadModel(wsdlPath);
  const ctx = createEmitContext(model, {
    runtimeImport: "soapkit/runtime",
    mapping: DEFAULT_MAPPING,
    sourceLabel: "",
    generatorVersion: "",
  });
  const port = model.ports[0];
  if (port === undefined) throw new Error(`${wsdlPath}: no SOAP port`);
  // What the runtime gets: the compact literal of the generated module (a JSON literal, not
  // shared objects), expanded by loadMetadata.
  const compact = JSON.parse(
    JSON.stringify(compactMetadata(portMetadata(ctx, port, ctx.names.ports[0]!))),
  ) as CompactMetadata;
  return expanded(compact);
}

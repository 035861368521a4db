/** `soapkit.manifest.json`: the contract scripts and CI read (see docs/DESIGN.md). */
import type { TypeMapping } from "@soapkit/runtime";
import type { EmitStage } from "../generate.js";
import { manifestOptions, manifestSources, sha256 } from "../hash.js";
import type { ServiceModel } from "../model/types.js";
import type { NamingOptions } from "../naming/assign-names.js";
import { GENERATOR_VERSION, settings, type GenerateOptions } from "../settings.js";
import { sourceLabel, type LoadedSource } from "../sources.js";
import { cmp, createEmitContext } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { clientFileName, restClientFileName } from "./module-names.js";
import { restAgentOf } from "./rest-agent.js";

export function manifest(
  models: readonly ServiceModel[],
  slugs: readonly string[],
  sources: readonly string[],
  outDir: string,
  mapping: TypeMapping,
  runtimeImport: string,
  files: readonly GeneratedFile[],
  extra: { stage: EmitStage; naming: NamingOptions; loaded: readonly LoadedSource[]; options: GenerateOptions; hash: string },
): GeneratedFile {
  const { resultTs } = extra.stage;
  const services = models.flatMap((model, i) => {
    const ctx = createEmitContext(model, { runtimeImport, mapping, naming: extra.naming, sourceLabel: "", generatorVersion: GENERATOR_VERSION });
    return model.ports.map((port, p) => {
      const names = ctx.names.ports[p]!;
      const clientModule = clientFileName(model, port);
      return {
        source: sourceLabel(sources[i]!, outDir),
        module: `${slugs[i]}/index.ts`,
        service: port.service,
        port: port.name,
        binding: port.binding,
        portType: port.portType,
        soapVersion: port.soapVersion,
        address: port.address,
        client: {
          factory: names.factory,
          class: names.client,
          agent: names.agent,
          metadata: names.metadata,
          module: `${slugs[i]}/${clientModule}.ts`,
          ...(restAgentOf(port) !== undefined
            ? { rest: { agent: restAgentOf(port), factory: names.restFactory, class: names.restClient, module: `${slugs[i]}/${restClientFileName(model, port)}.ts` } }
            : {}),
        },
        operations: port.operations.map((op) => ({
          name: op.name,
          method: names.methods.get(op.name)!,
          soapAction: op.soapAction,
          input: ctx.typeName(op.input.type),
          output: op.output ? ctx.typeName(op.output.type) : null,
          result: resultTs(ctx, op),
          requestHeaders: names.requestHeaders,
          responseHeaders: names.responseHeaders,
          module: `${slugs[i]}/types.ts`,
        })),
      };
    });
  });
  const body = {
    generator: { name: "soapkit", version: GENERATOR_VERSION },
    options: manifestOptions(settings(extra.options), extra.options),
    sources: manifestSources(extra.loaded, outDir),
    inputsHash: extra.hash,
    services,
    files: files.map((f) => ({ path: f.path, sha256: sha256(f.content) })).sort((a, b) => cmp(a.path, b.path)),
  };
  return { path: "soapkit.manifest.json", content: `${JSON.stringify(body, null, 2)}\n` };
}

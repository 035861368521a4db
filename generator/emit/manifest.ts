/** `soapkit.manifest.json`: the contract scripts and CI read (see docs/DESIGN.md). */
import type { EmitStage } from "../generate.js";
import { manifestOptions, manifestSources, sha256 } from "../hash.js";
import { GENERATOR_VERSION, settings, type GenerateOptions } from "../settings.js";
import type { SourceRecord } from "../sources.js";
import { cmp, createEmitContext } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { clientFileName } from "./module-names.js";
import { manifestNotes } from "./manifest-notes.js";
import { restAgentOf } from "./rest-agent.js";

export function manifest(
  records: readonly SourceRecord[],
  files: readonly GeneratedFile[],
  extra: {
    resultTs: EmitStage["resultTs"];
    options: GenerateOptions;
    hash: string;
    /** sha256 of each of `files` when the caller knows them (a warm process). */
    fileHashes?: readonly string[];
  },
): GeneratedFile {
  const { resultTs, fileHashes: hashes } = extra;
  const s = settings(extra.options);
  const services = records.flatMap(({ model, module, label }) => {
    const ctx = createEmitContext(model, {
      runtimeImport: s.runtimeImport,
      mapping: s.mapping,
      naming: s.naming,
      sourceLabel: "",
      generatorVersion: GENERATOR_VERSION,
    });
    return model.ports.map((port, p) => {
      const names = ctx.names.ports[p]!;
      const clientModule = clientFileName(names);
      return {
        source: label,
        module: `${module}/index.ts`,
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
          module: `${module}/${clientModule}.ts`,
          ...(restAgentOf(port) !== undefined
            ? { rest: { agent: restAgentOf(port), transport: "restTransport" } }
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
          module: `${module}/types.ts`,
        })),
      };
    });
  });
  const notes = manifestNotes(records);
  const body = {
    generator: { name: "soapkit", version: GENERATOR_VERSION },
    options: manifestOptions(s, extra.options),
    sources: manifestSources(
      records.map((r) => r.loaded),
      s.outDir,
    ),
    inputsHash: extra.hash,
    services,
    ...(notes.length === 0 ? {} : { notes }),
    files: files
      .map((f, i) => ({ path: f.path, sha256: hashes?.[i] ?? sha256(f.content) }))
      .sort((a, b) => cmp(a.path, b.path)),
  };
  return { path: "soapkit.manifest.json", content: `${JSON.stringify(body, null, 2)}\n` };
}

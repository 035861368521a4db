/**
 * `<out>/index.ts`: every module as a namespace, plus the client entry points flat (types stay
 * namespaced: two WSDLs of one vendor usually share type names such as SoCredentials).
 */
import type { ImportExtension } from "../settings.js";
import { DEFAULT_MAPPING } from "../settings.js";
import type { ServiceModel } from "../model/types.js";
import type { NamingOptions } from "../naming/assign-names.js";
import { sourceLabel } from "../sources.js";
import { banner } from "./banner.js";
import { createEmitContext } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { nsIdentifier } from "./module-names.js";
import { restAgentOf } from "./rest-agent.js";

export function rootIndex(models: readonly ServiceModel[], slugs: readonly string[], sources: readonly string[], outDir: string, naming: NamingOptions, ext: ImportExtension): GeneratedFile {
  const lines = [banner(sources.map((s) => sourceLabel(s, outDir)).join(", "))];
  const flat = new Set<string>();
  models.forEach((model, i) => {
    const ns = nsIdentifier(model, slugs[i]!);
    lines.push(`export * as ${ns} from "./${slugs[i]}/index${ext}";`);
  });
  models.forEach((model, i) => {
    // Client entry points are also exported flat for convenience (types stay namespaced:
    // two WSDLs of one vendor usually share type names such as SoCredentials).
    const ctx = createEmitContext(model, { runtimeImport: "", mapping: DEFAULT_MAPPING, naming, sourceLabel: "", generatorVersion: "" });
    const values: string[] = [];
    const types: string[] = [];
    for (const [k, p] of ctx.names.ports.entries()) {
      const rest = restAgentOf(model.ports[k]!) !== undefined ? [p.restFactory, p.restClient] : [];
      for (const v of [p.factory, p.client, p.metadata, ...rest]) if (!flat.has(v)) (flat.add(v), values.push(v));
      for (const t of [p.agent, p.requestHeaders, p.responseHeaders, p.operations]) if (!flat.has(t)) (flat.add(t), types.push(t));
    }
    if (values.length > 0) lines.push(`export { ${values.join(", ")} } from "./${slugs[i]}/index${ext}";`);
    if (types.length > 0) lines.push(`export type { ${types.join(", ")} } from "./${slugs[i]}/index${ext}";`);
  });
  return { path: "index.ts", content: `${lines.join("\n")}\n` };
}

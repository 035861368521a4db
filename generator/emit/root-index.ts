/**
 * `<out>/index.ts`: every module as a namespace, plus the client entry points flat (types stay
 * namespaced: two WSDLs of one vendor usually share type names such as SoCredentials).
 */
import type { ImportExtension } from "../settings.js";
import { DEFAULT_MAPPING } from "../settings.js";
import type { NamingOptions } from "../naming/assign-names.js";
import type { SourceRecord } from "../sources.js";
import { banner } from "./banner.js";
import { stringLiteral } from "./escape.js";
import { createEmitContext } from "./context.js";
import type { GeneratedFile } from "./generated-file.js";
import { nsIdentifier } from "./module-names.js";
import { WIDTH, layoutCertain } from "../format/layout-rules.js";

export function rootIndex(
  records: readonly SourceRecord[],
  naming: NamingOptions,
  ext: ImportExtension,
): GeneratedFile {
  const lines: string[] = [banner(records.map((r) => r.label).join(", "))];
  const flat = new Set<string>();
  const from = (module: string): string => stringLiteral(`./${module}/index${ext}`);
  for (const { model, module } of records)
    lines.push(`export * as ${nsIdentifier(model, module)} from ${from(module)};`);
  records.forEach(({ model, module }) => {
    // Client entry points are also exported flat for convenience (types stay namespaced:
    // two WSDLs of one vendor usually share type names such as SoCredentials).
    const ctx = createEmitContext(model, {
      runtimeImport: "",
      mapping: DEFAULT_MAPPING,
      naming,
      sourceLabel: "",
      generatorVersion: "",
    });
    const values: string[] = [];
    const types: string[] = [];
    for (const p of ctx.names.ports) {
      // Metadata consts are internal (metadata.ts is not re-exported): not exported here either.
      for (const v of [p.factory, p.client]) addOnce(flat, values, v);
      for (const t of [p.agent, p.requestHeaders, p.responseHeaders, p.operations]) addOnce(flat, types, t);
    }
    if (values.length > 0) lines.push(exportList("export", values, from(module)));
    if (types.length > 0) lines.push(exportList("export type", types, from(module)));
  });
  const content = `${lines.join("\n")}\n`;
  return layoutCertain(content, true) ? { path: "index.ts", content, formatted: true } : { path: "index.ts", content };
}

/** `export { a, b } from "m";` in prettier's layout: one name per line when it does not fit. */
function exportList(keyword: string, names: readonly string[], from: string): string {
  const line = `${keyword} { ${names.join(", ")} } from ${from};`;
  return line.length <= WIDTH ? line : `${keyword} {\n${names.map((n) => `  ${n},\n`).join("")}} from ${from};`;
}

/** Append `name` to `list` unless `seen` already has it. */
function addOnce(seen: Set<string>, list: string[], name: string): void {
  if (seen.has(name)) return;
  seen.add(name);
  list.push(name);
}

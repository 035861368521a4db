/**
 * Generates every corpus WSDL (../shared/wsdl/public, both SuperOffice WSDLs, the project's
 * sources) in memory and reports, per source, the files whose layout soapkit could not print
 * itself (formatted by prettier instead). With `--write <dir>` the files are written too, one
 * folder per source (to compare two generator versions byte for byte).
 *
 *   node --import tsx --conditions=soapkit-source bench/gen-format-corpus.ts [--write <dir>]
 *
 * Prints one line per source and a `FALLBACKS <json>` summary line.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { generate } from "../generator/index.js";
import { formatCorpusSources } from "../test/golden/format-sources.js";

const args = process.argv.slice(2);
const writeDir = args[0] === "--write" ? args[1] : undefined;

const summary: Record<string, string[]> = {};
let files = 0;
for (const source of formatCorpusSources()) {
  const t0 = performance.now();
  const result = await generate(source.inputs, { outDir: "generated" });
  files += result.files.filter((f) => f.path.endsWith(".ts")).length;
  summary[source.name] = [...result.prettierFallbacks];
  if (writeDir !== undefined) {
    for (const f of result.files) {
      const path = join(writeDir, source.name, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.content);
    }
  }
  process.stdout.write(
    `${source.name}: ${result.files.length} files, prettier fallbacks: ${result.prettierFallbacks.join(", ") || "none"} (${(performance.now() - t0).toFixed(0)} ms)\n`,
  );
}
const fallbacks = Object.values(summary).reduce((n, l) => n + l.length, 0);
process.stdout.write(`FALLBACKS ${JSON.stringify({ files, fallbacks, bySource: summary })}\n`);

/**
 * In-process stage breakdown of one soapkit generation (the `generate()` API's own timings,
 * summed per stage name),
 * plus the steady-state prettier cost of each output file (formatted a second time, warm).
 *
 *   node --import tsx bench/gen-stages.ts <wsdl> <outDir>
 *
 * Prints `STAGES <json>`.
 */
import { generate } from "../generator/index.js";
import { formatTypeScript } from "../generator/format/prettier.js";

const [wsdl, outDir] = process.argv.slice(2);
if (!wsdl || !outDir) throw new Error("usage: gen-stages.ts <wsdl> <outDir>");

const stages: Record<string, number> = {};
const t0 = performance.now();
const { files } = await generate([wsdl], {
  outDir,
  onTiming: (stage, ms) => (stages[stage] = (stages[stage] ?? 0) + ms),
});
const totalMs = performance.now() - t0;

const perFile: Array<{ path: string; kb: number; formatMs: number }> = [];
for (const f of files) {
  if (!f.path.endsWith(".ts")) continue;
  const s = performance.now();
  await formatTypeScript(f.content);
  perFile.push({ path: f.path, kb: Buffer.byteLength(f.content) / 1024, formatMs: performance.now() - s });
}
process.stdout.write(`STAGES ${JSON.stringify({ totalMs, stages, perFile })}\n`);

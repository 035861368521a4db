/**
 * `tsx --conditions=soapkit-source scripts/clean-subsets.ts <wsdl>...`: for every operation of
 * each WSDL, model that operation alone and print whether it generates (`ok`) or the first
 * diagnostic of what it reaches. Finds operation subsets that route around unsupported
 * constructs (used to pick the corpus subsets in test/e2e/public-subsets.test.ts).
 */
import { GeneratorError } from "../generator/diagnostics/diagnostic.js";
import { loadDocuments } from "../generator/load/index.js";
import { prepareModel } from "../generator/model/build-model.js";

async function report(wsdl: string): Promise<void> {
  const prepared = prepareModel(await loadDocuments(wsdl));
  const ok: string[] = [];
  for (const name of prepared.operationNames()) {
    try {
      const model = prepared.build(new Set([name]));
      ok.push(`${name}(${model.types.size})`);
    } catch (e) {
      if (!(e instanceof GeneratorError)) throw e;
      const d = e.diagnostics[0];
      console.log(`  blocked ${name}: ${d?.kind} ${d?.message.slice(0, 100)}`);
    }
  }
  console.log(`${wsdl}: ${ok.length} ok: ${ok.join(" ")}`);
}

for (const wsdl of process.argv.slice(2)) await report(wsdl);

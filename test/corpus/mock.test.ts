/**
 * Issue 15 acceptance: for every corpus WSDL that generates, `startMock(<wsdl>)` (what
 * `soapkit mock` runs) serves every SOAP port; the runtime client calls a deterministic sample
 * of operations per port (`sampleDocs`, the zeep check's sample) and gets the mock's sample
 * response (the default seed: `sampleOutput` without a seed); every response validates with xmllint against the WSDL's own schemas
 * (facet and validator-limit lines set apart as in test/corpus/validate.ts), and zeep, as an
 * independent client stack, reads each response envelope to the same values.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleInput, sampleOutput, startMock } from "soapkit/mock";
import { requireShared } from "../helpers/shared.js";
import { soapCore } from "../helpers/soap-core.js";
import { requireTool } from "../helpers/tools.js";
import { generating, readCorpus } from "./corpus.js";
import type { WireDoc } from "./documents.js";
import { validateDocs } from "./validate.js";
import { mismatch, sampleDocs, tweaked, zeepLimitation, zeepRead } from "./zeep-check.js";

const PUBLIC = requireShared("wsdl/public");
const HAS_TOOLS = requireTool("xmllint") && requireTool("zeep");
const entries = PUBLIC === undefined ? [] : generating(readCorpus(PUBLIC));

/** The operation's sample output as the client returns it (unwrapped). */
function expectedResult(d: WireDoc): unknown {
  const wrapper = sampleOutput(d.meta, d.key);
  const out = d.op.output;
  if (out === null || out.empty || wrapper === undefined) return undefined;
  return out.unwrap !== null ? wrapper[out.unwrap] : wrapper;
}

/** Calls each sampled operation through the mock; the mock's responses as documents to check. */
async function callThroughMock(
  wsdl: string,
  picked: readonly WireDoc[],
): Promise<{ served: string[]; responses: WireDoc[] }> {
  const mock = await startMock(wsdl);
  try {
    const responses: WireDoc[] = [];
    for (const d of picked) {
      const core = soapCore(d.meta, { endpoint: mock.endpoint(d.meta.port) });
      const { result } = await core.invoke(d.key, sampleInput(d.meta, d.key));
      expect(result, d.id).toEqual(expectedResult(d));
      const call = mock.calls.at(-1)!;
      expect(call.outcome, `${d.id}: ${call.error ?? ""}`).toBe("ok");
      if (call.rawResponse === "") continue; // one-way
      const value = sampleOutput(d.meta, d.key);
      // The mock answers no output headers unless a handler sets them.
      responses.push({ ...d, id: `${d.id}.mock`, value, headers: [], headerValues: {}, xml: call.rawResponse });
    }
    const served = [...new Set(mock.calls.map((c) => c.port))];
    return { served, responses };
  } finally {
    await mock.close();
  }
}

describe.skipIf(PUBLIC === undefined || !HAS_TOOLS)("corpus: the mock serves every generating WSDL", () => {
  it.each(entries)(
    "$name: each port answers; responses validate with xmllint and read the same in zeep",
    async (e) => {
      const docs = await sampleDocs(e.wsdl);
      const picked = docs.filter((d) => d.direction === "response" && d.shape === "full");
      const ports = [...new Set(docs.map((d) => d.meta))];
      const { served, responses } = await callThroughMock(e.wsdl, picked);
      expect(served.sort()).toEqual([...new Set(ports.map((p) => p.port))].sort());

      const dir = await mkdtemp(join(tmpdir(), "soapkit-mock-corpus-"));
      try {
        const docsToCheck = responses.map((d) => ({ id: d.id, version: d.meta.soapVersion, xml: d.xml }));
        const results = await validateDocs(e.wsdl, docsToCheck, dir, ports);
        const errors = [...results.values()].flatMap((r) => r.errors.map((l) => `${r.id}: ${l}`));
        expect(errors.slice(0, 5)).toEqual([]);
        expect(results.size).toBe(responses.length);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }

      const read = await zeepRead(e.name, e.wsdl, responses);
      const limited = responses.filter((d) => zeepLimitation(d, read.get(d.id)) !== undefined);
      const why = [...new Set(limited.map((d) => zeepLimitation(d, read.get(d.id))))];
      if (limited.length > 0) console.info(`[corpus-mock] ${e.name}: ${limited.length} not readable by zeep`, why);
      // A documented zeep limitation may not hide the whole WSDL.
      expect(limited.length).toBeLessThan(Math.max(1, responses.length));
      const found = responses.flatMap((d) => mismatch(d, read.get(d.id), e.name) ?? []);
      console.info(
        `[corpus-mock] ${e.name}: ${picked.length} calls on ${served.length} ports, ${responses.length - limited.length} read by zeep`,
      );
      expect(found.slice(0, 5)).toEqual([]);
      // Negative control: zeep's reading does not match a value with one string changed.
      const d = responses.find(
        (x) => zeepLimitation(x, read.get(x.id)) === undefined && tweaked(x.value) !== undefined,
      );
      if (d !== undefined) {
        const other = { ...d, value: tweaked(d.value) as Record<string, unknown> };
        expect(mismatch(other, read.get(d.id), e.name)).toMatch(/X"?$|X" ≠|≠ "[^"]*X"/);
      }
    },
    600_000,
  );
});

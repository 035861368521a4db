/**
 * Issue 12 acceptance, cross-checked by an independent SOAP stack: for every corpus WSDL that
 * generates, Python's zeep (python3-zeep; one process per WSDL, the WSDL and its imports read
 * from local files, network refused) loads the same WSDL and reads soapkit's request and
 * response envelopes of a deterministic sample of operations (up to `PER_PORT` per port, in
 * the `full` and `minimal` shapes) with that operation's input/output message on the binding
 * of the same port. The values zeep sees must equal the values soapkit encoded, after the
 * normalisation documented in test/helpers/zeep-values.ts (decimals, dates, bytes, longs,
 * absent = None). A document zeep cannot read because of a documented zeep limitation
 * (`zeepLimitation` in zeep-check.ts: substitutionGroup ignored; inherited elements lost by
 * zeep's ComplexType.extend) is counted and reported, not compared; most of each sample must be.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { requireShared } from "../helpers/shared.js";
import { requireTool } from "../helpers/tools.js";
import type { ZeepParseResult } from "../helpers/zeep.js";
import { generating, readCorpus } from "./corpus.js";
import type { WireDoc } from "./documents.js";
import { mismatch, PER_PORT, sampleDocs, tweaked, zeepLimitation, zeepRead } from "./zeep-check.js";

const PUBLIC = requireShared("wsdl/public");
const HAS_ZEEP = requireTool("zeep");
const entries = PUBLIC === undefined ? [] : generating(readCorpus(PUBLIC));

describe.skipIf(PUBLIC === undefined || !HAS_ZEEP)("corpus: zeep reads soapkit's envelopes to the same values", () => {
  const docs = new Map<string, WireDoc[]>();
  const answers = new Map<string, Map<string, ZeepParseResult>>();

  beforeAll(async () => {
    const t0 = performance.now();
    const sessions: Promise<void>[] = [];
    for (const e of entries) {
      const list = await sampleDocs(e.wsdl);
      docs.set(e.name, list);
      // One Python process per WSDL; they run while the next WSDL's documents are built.
      sessions.push(zeepRead(e.name, e.wsdl, list).then((a) => void answers.set(e.name, a)));
    }
    await Promise.all(sessions);
    const n = [...docs.values()].reduce((k, l) => k + l.length, 0);
    console.info(
      `[corpus-zeep] ${n} envelopes read by zeep, ${entries.length} WSDLs, ${(performance.now() - t0).toFixed(0)} ms`,
    );
  }, 300_000);

  describe.each(entries)("$name", (e) => {
    it(`zeep reads the requests and responses of ${PER_PORT} operations per port to the encoded values`, () => {
      const list = docs.get(e.name)!;
      const byId = answers.get(e.name)!;
      expect(new Set(list.map((d) => d.direction))).toEqual(new Set(["request", "response"]));
      const ops = new Set(list.map((d) => `${d.meta.port}.${d.key}`)).size;
      console.info(`[corpus-zeep] ${e.name}: ${list.length} envelopes of ${ops} operations`);
      const limited = list.filter((d) => zeepLimitation(d, byId.get(d.id)) !== undefined);
      const why = [...new Set(limited.map((d) => zeepLimitation(d, byId.get(d.id))))];
      console.info(
        `[corpus-zeep] ${e.name}: ${list.length - limited.length} compared, ${limited.length} not readable by zeep`,
        why,
      );
      // Most of the sample must be compared: a limitation may not hide the whole WSDL.
      expect(limited.length).toBeLessThan(list.length / 2);
      const found = list.flatMap((d) => mismatch(d, byId.get(d.id), e.name) ?? []);
      expect(found.slice(0, 8)).toEqual([]);
      // Negative control: zeep's reading does not match a value with one string changed.
      const d = list.find((x) => zeepLimitation(x, byId.get(x.id)) === undefined && tweaked(x.value) !== undefined)!;
      const other = { ...d, value: tweaked(d.value) as Record<string, unknown> };
      expect(mismatch(other, byId.get(d.id), e.name)).toMatch(/X"?$|X" ≠|≠ "[^"]*X"/);
    });
  });
});

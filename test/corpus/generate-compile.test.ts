/**
 * Issue 12 acceptance, per corpus WSDL (../shared/wsdl/public, list from corpus.tsv): generation
 * with every operation either succeeds or is refused with located diagnostics, exactly as the
 * `EXPECTED` table (./corpus.ts) says; a generated client has as many distinct operation names
 * over its SOAP ports as corpus.tsv counts (column 3); and all generated output compiles
 * under `strict` with module NodeNext (one TypeScript program for every output).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";
import { EXPECTED, readCorpus, type CorpusEntry } from "./corpus.js";
import { generateEntry, type Generated, type Refused } from "./generate.js";

const PUBLIC = requireShared("wsdl/public");
const OUT = join(repoRoot, "test/.out/corpus");
const entries: CorpusEntry[] = PUBLIC === undefined ? [] : readCorpus(PUBLIC);

describe.skipIf(PUBLIC === undefined)("corpus: generation and the strict compile gate", () => {
  const outcomes = new Map<string, Generated | Refused>();
  let diagnostics: string[] = [];

  beforeAll(async () => {
    for (const e of entries) outcomes.set(e.name, await generateEntry(e, join(OUT, e.name)));
    const generated = entries.filter((e) => outcomes.get(e.name)?.ok === true);
    const files = (await Promise.all(generated.map((e) => tsFiles(join(OUT, e.name))))).flat();
    diagnostics = files.length === 0 ? [] : typecheck(files);
    for (const e of entries) {
      const o = outcomes.get(e.name)!;
      const what = o.ok ? `${o.operations} operations, ${o.types} types` : `refused: ${o.error.split("\n")[0]}`;
      console.info(`[corpus] ${e.name}: ${what} (${o.ms.toFixed(0)} ms)`);
    }
  }, 600_000);

  it("corpus.tsv lists the 15 public WSDLs and each has an expected status", () => {
    expect(entries.length).toBe(15);
    expect(entries.map((e) => e.name).filter((n) => EXPECTED[n] === undefined)).toEqual([]);
    expect(Object.keys(EXPECTED).filter((n) => !entries.some((e) => e.name === n))).toEqual([]);
  });

  describe.each(entries)("$name", (e) => {
    const status = EXPECTED[e.name];
    if (status?.generates === false) {
      it(`is refused with located diagnostics (expected today: ${status.reason})`, () => {
        const o = outcomes.get(e.name)!;
        // When this fails because the WSDL now generates, flip its entry in test/corpus/corpus.ts.
        expect(o.ok, `${e.name} generates now: set generates: true in EXPECTED`).toBe(false);
        expect(o.ok === false && o.diagnostic, o.ok ? "" : o.error).toBe(true);
        if (!o.ok) expect(o.error).toMatch(/:\d+:\d+: error /);
      });
      return;
    }
    it(`generates all ${e.ops} operations (corpus.tsv)`, () => {
      const o = outcomes.get(e.name)!;
      expect(o.ok ? "" : o.error).toBe("");
      expect(o.ok && o.operations).toBe(e.ops);
      expect(o.ok && o.types).toBeGreaterThan(0);
    });
  });

  it("every generated client compiles under strict TypeScript with module NodeNext", () => {
    expect(diagnostics.slice(0, 20)).toEqual([]);
  });
});

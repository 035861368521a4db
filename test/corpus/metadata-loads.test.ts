/**
 * Guard: for every corpus WSDL that generates (../shared/wsdl/public, list from corpus.tsv), the
 * compact metadata the generator emits for each SOAP port loads with `loadMetadata`. A client
 * whose metadata the runtime refuses fails on every call, even though it generated and compiled
 * (EWS once did: an extended type was emitted as an array wrapper, so its subtype's `base` was
 * no complex type).
 */
import { describe, expect, it } from "vitest";
import { requireShared } from "../helpers/shared.js";
import { generating, readCorpus, type CorpusEntry } from "./corpus.js";
import { portsOf } from "./metadata.js";

const PUBLIC = requireShared("wsdl/public");
const entries: CorpusEntry[] = PUBLIC === undefined ? [] : generating(readCorpus(PUBLIC));

describe.skipIf(PUBLIC === undefined)("corpus: generated metadata loads in the runtime", () => {
  it.each(entries.map((e) => [e.name, e] as const))(
    "%s: every port's metadata loads",
    async (_name, e) => {
      const ports = await portsOf(e.wsdl);
      expect(ports.length).toBeGreaterThan(0);
      for (const meta of ports) {
        expect(Object.keys(meta.operations).length, `${meta.port}: operations`).toBeGreaterThan(0);
        for (const [id, t] of Object.entries(meta.types)) {
          // what the loader checks, restated so this test can fail on its own
          if (t.kind === "complex" && t.base !== undefined)
            expect(meta.types[t.base]?.kind, `${meta.port}: ${id}.base '${t.base}'`).toBe("complex");
        }
      }
    },
    300_000,
  );
});

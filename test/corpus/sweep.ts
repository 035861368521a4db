/**
 * The wire sweep of one corpus WSDL, shared by test/corpus/xmllint.test.ts and
 * scripts/corpus-report.ts: metadata of every port → every document (./documents.ts) →
 * xmllint against the WSDL's own schemas (./validate.ts), the broken copies that must fail
 * (./mutations.ts), and the codec round trip (./roundtrip.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CorpusEntry } from "./corpus.js";
import { portDocuments, type DocSet } from "./documents.js";
import { portsOf } from "./metadata.js";
import { mutations, type Mutation } from "./mutations.js";
import { roundTripDifference } from "./roundtrip.js";
import { validateDocs, type DocResult } from "./validate.js";

export interface SweepResult {
  readonly ports: readonly ServiceMetadata[];
  /** Distinct operation names over the ports. */
  readonly operations: number;
  readonly set: DocSet;
  readonly results: Map<string, DocResult>;
  readonly broken: readonly { readonly mutation: Mutation; readonly result: DocResult }[];
  /** Document id → round-trip difference (empty when every document round-trips). */
  readonly roundTrip: Map<string, string>;
  readonly ms: { readonly build: number; readonly xmllint: number; readonly roundTrip: number };
}

/** Run the sweep for `entry` (temporary files are removed afterwards). */
export async function sweep(entry: CorpusEntry): Promise<SweepResult> {
  let t = performance.now();
  const ports = await portsOf(entry.wsdl);
  const set: DocSet = { docs: [], refused: new Map() };
  for (const p of ports) portDocuments(p, set);
  const broken = mutations(set.docs);
  const build = performance.now() - t;

  t = performance.now();
  const dir = await mkdtemp(join(tmpdir(), `soapkit-corpus-${entry.name}-`));
  let results: Map<string, DocResult>;
  try {
    const version = (id: string) => set.docs.find((d) => d.id === id)!.meta.soapVersion;
    results = await validateDocs(
      entry.wsdl,
      [
        ...set.docs.map((d) => ({ id: d.id, version: d.meta.soapVersion, xml: d.xml })),
        ...broken.map((m) => ({ id: `broken.${m.kind}`, version: version(m.from), xml: m.xml })),
      ],
      dir,
      ports,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const xmllint = performance.now() - t;

  t = performance.now();
  const roundTrip = new Map<string, string>();
  for (const d of set.docs) {
    const diff = roundTripDifference(d);
    if (diff !== undefined) roundTrip.set(d.id, diff);
  }
  return {
    ports,
    operations: new Set(ports.flatMap((p) => Object.values(p.operations).map((o) => o.name))).size,
    set,
    results,
    broken: broken.map((mutation) => ({ mutation, result: results.get(`broken.${mutation.kind}`)! })),
    roundTrip,
    ms: { build, xmllint, roundTrip: performance.now() - t },
  };
}

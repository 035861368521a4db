/**
 * Issue 12 acceptance, cross-checked by an independent SOAP stack: for every corpus WSDL that
 * generates, Python's zeep (python3-zeep; one process per WSDL, the WSDL and its imports read
 * from local files, network refused) loads the same WSDL and reads soapkit's request and
 * response envelopes of a deterministic sample of operations (up to `PER_PORT` per port, in
 * the `full` and `minimal` shapes) with that operation's input/output message on the binding
 * of the same port. The values zeep sees must equal the values soapkit encoded, after the
 * normalisation documented in test/helpers/zeep-values.ts (decimals, dates, bytes, longs,
 * absent = None).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { requireShared } from "../helpers/shared.js";
import { requireTool } from "../helpers/tools.js";
import { firstDifference, ZeepSession, type ZeepParseJob, type ZeepParseResult } from "../helpers/zeep.js";
import { zeepExpected, type Json } from "../helpers/zeep-values.js";
import { generating, readCorpus, spread } from "./corpus.js";
import { portDocuments, type WireDoc } from "./documents.js";
import { portsOf } from "./metadata.js";

const PUBLIC = requireShared("wsdl/public");
const HAS_ZEEP = requireTool("zeep");
const entries = PUBLIC === undefined ? [] : generating(readCorpus(PUBLIC));
const PER_PORT = 5;

/** The sampled documents of one WSDL. */
async function sampleDocs(wsdl: string): Promise<WireDoc[]> {
  const out: WireDoc[] = [];
  for (const meta of await portsOf(wsdl)) {
    const keys = spread(Object.keys(meta.operations).sort(), PER_PORT);
    const docs = portDocuments(meta).docs.filter((d) => keys.includes(d.key));
    out.push(...docs.filter((d) => d.shape === "full" || d.shape === "minimal"));
  }
  return out;
}

/** What zeep's reading of `d` is expected to serialise to (body wrapper and header parts). */
function expected(d: WireDoc): { body: Json; header: Json } {
  const header: { [k: string]: Json } = {};
  for (const h of d.headers) header[h.element] = zeepExpected(d.meta, h.type, d.headerValues[h.name]);
  return {
    body: d.body.empty ? null : zeepExpected(d.meta, d.body.type, d.value ?? {}, true),
    header: d.headers.length === 0 ? null : header,
  };
}

/** A copy of `v` whose first string leaf (depth first) has "X" appended; `undefined` when it has none. */
function tweaked(v: unknown): unknown {
  if (typeof v === "string") return `${v}X`;
  if (v === null || typeof v !== "object" || v instanceof Uint8Array) return undefined;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(v) ? [...v] : { ...(v as Record<string, unknown>) };
  for (const [k, x] of Object.entries(copy)) {
    if (k === "$type") continue;
    const t = tweaked(x);
    if (t === undefined) continue;
    (copy as Record<string, unknown>)[k] = t;
    return copy;
  }
  return undefined;
}

/** zeep's header object is of an anonymous type: compare its parts only. */
function parts(h: Json | undefined): Json | undefined {
  if (h === null || h === undefined || typeof h !== "object" || Array.isArray(h)) return h;
  const { $type: _ignored, ...rest } = h;
  return rest;
}

function mismatch(d: WireDoc, r: ZeepParseResult | undefined): string | undefined {
  if (r === undefined) return `${d.id}: no answer from zeep`;
  if (r.error !== undefined) return `${d.id}: zeep failed: ${r.error.split("\n")[0]}`;
  const want = expected(d);
  // An empty wrapper (void operation) may read as None or as an instance without values.
  const onlyType = (b: Json | undefined) =>
    typeof b === "object" && b !== null && Object.keys(parts(b) ?? {}).length === 0;
  const body = d.body.empty && onlyType(r.body) ? null : r.body;
  const diff = firstDifference(body, want.body, "body") ?? firstDifference(parts(r.header), want.header, "header");
  return diff === undefined ? undefined : `${d.id}: ${diff}`;
}

describe.skipIf(PUBLIC === undefined || !HAS_ZEEP)("corpus: zeep reads soapkit's envelopes to the same values", () => {
  const docs = new Map<string, WireDoc[]>();
  const answers = new Map<string, ZeepParseResult[]>();

  beforeAll(async () => {
    const t0 = performance.now();
    const sessions: Promise<void>[] = [];
    for (const e of entries) {
      const list = await sampleDocs(e.wsdl);
      docs.set(e.name, list);
      const jobs: ZeepParseJob[] = list.map((d) => ({
        id: d.id,
        port: d.meta.port,
        op: d.op.name,
        direction: d.direction,
        xml: d.xml,
      }));
      const zeep = new ZeepSession();
      sessions.push(
        zeep
          .run({ name: e.name, wsdl: e.wsdl, requests: [], replies: [], parses: jobs })
          .then((a) => void answers.set(e.name, a.parses))
          .finally(() => zeep.end()),
      );
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
      const byId = new Map((answers.get(e.name) ?? []).map((r) => [r.id, r]));
      expect(new Set(list.map((d) => d.direction))).toEqual(new Set(["request", "response"]));
      const ops = new Set(list.map((d) => `${d.meta.port}.${d.key}`)).size;
      console.info(`[corpus-zeep] ${e.name}: ${list.length} envelopes of ${ops} operations`);
      expect(list.flatMap((d) => mismatch(d, byId.get(d.id)) ?? []).slice(0, 8)).toEqual([]);
      // Negative control: zeep's reading does not match a value with one string changed.
      const d = list.find((x) => tweaked(x.value) !== undefined)!;
      const other = { ...d, value: tweaked(d.value) as Record<string, unknown> };
      expect(mismatch(other, byId.get(d.id))).toMatch(/X"?$|X" ≠|≠ "[^"]*X"/);
    });
  });
});

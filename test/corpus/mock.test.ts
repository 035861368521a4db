/**
 * Issue 15 acceptance: for every corpus WSDL that generates, `startMock(<wsdl>)` (what
 * `soapkit mock` runs) serves every SOAP port; the runtime client calls a deterministic sample
 * of operations per port (`sampleDocs`, the zeep check's sample) and gets the mock's sample
 * response (the default seed: `sampleOutput` without a seed); every response validates with xmllint against the WSDL's own schemas
 * (facet and validator-limit lines set apart as in test/corpus/validate.ts), and zeep, as an
 * independent client stack, calls the mock over HTTP on 127.0.0.1 with the same request
 * envelopes (its own transport and SOAP headers, its binding's reply processing) and gets the
 * same values.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sampleInput, sampleOutput, startMock, type MockServer } from "soapkit/mock";
import { requireShared } from "../helpers/shared.js";
import { ZeepSession, type ZeepCallResult } from "../helpers/zeep.js";
import { soapCore } from "../helpers/soap-core.js";
import { requireTool } from "../helpers/tools.js";
import { generating, readCorpus } from "./corpus.js";
import type { WireDoc } from "./documents.js";
import { validateDocs } from "./validate.js";
import { mismatch, sampleDocs, tweaked, zeepLimitation } from "./zeep-check.js";

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

/** A response with the request soapkit sent for it. */
interface Called {
  readonly doc: WireDoc;
  readonly request: string;
}

/**
 * zeep POSTs each request soapkit sent to the same mock endpoint (one Python process); what zeep
 * got, by document id. The mock must have answered each of zeep's calls, with no fault.
 */
async function zeepCalls(
  name: string,
  wsdl: string,
  mock: MockServer,
  called: readonly Called[],
): Promise<Map<string, ZeepCallResult>> {
  const before = mock.calls.length;
  const zeep = new ZeepSession();
  try {
    const calls = called.map(({ doc, request }) => ({
      id: doc.id,
      port: doc.meta.port,
      op: doc.op.name,
      url: mock.endpoint(doc.meta.port),
      xml: request,
    }));
    // A WSDL zeep cannot load (or a crashed bridge) fails this WSDL's calls, not the run.
    const answer = await zeep.run({ name, wsdl, requests: [], replies: [], calls }).catch((e: unknown) => ({
      calls: calls.map((c) => ({ id: c.id, error: `zeep bridge: ${e instanceof Error ? e.message : String(e)}` })),
    }));
    const got = new Map<string, ZeepCallResult>(answer.calls.map((r) => [r.id, r]));
    const answered = mock.calls.slice(before).map((c) => `${c.port} ${c.operation} ${c.outcome}`);
    expect(answered).toEqual(called.map(({ doc }) => `${doc.meta.port} ${doc.key} ok`));
    return got;
  } finally {
    zeep.end();
  }
}

/**
 * Calls each sampled operation through the mock, then zeep makes the same calls; the mock's
 * responses as documents to check and what zeep got for each.
 */
async function callThroughMock(
  name: string,
  wsdl: string,
  picked: readonly WireDoc[],
): Promise<{ served: string[]; responses: WireDoc[]; got: Map<string, ZeepCallResult> }> {
  const mock = await startMock(wsdl);
  try {
    const responses: WireDoc[] = [];
    const called: Called[] = [];
    for (const d of picked) {
      const core = soapCore(d.meta, { endpoint: mock.endpoint(d.meta.port) });
      const { result } = await core.invoke(d.key, sampleInput(d.meta, d.key));
      expect(result, d.id).toEqual(expectedResult(d));
      const call = mock.calls.at(-1)!;
      expect(call.outcome, `${d.id}: ${call.error ?? ""}`).toBe("ok");
      if (call.rawResponse === "") continue; // one-way
      const value = sampleOutput(d.meta, d.key);
      // The mock answers no output headers unless a handler sets them.
      const doc = { ...d, id: `${d.id}.mock`, value, headers: [], headerValues: {}, xml: call.rawResponse };
      responses.push(doc);
      called.push({ doc, request: call.rawRequest });
    }
    const served = [...new Set(mock.calls.map((c) => c.port))];
    return { served, responses, got: await zeepCalls(name, wsdl, mock, called) };
  } finally {
    await mock.close();
  }
}

describe.skipIf(PUBLIC === undefined || !HAS_TOOLS)("corpus: the mock serves every generating WSDL", () => {
  it.each(entries)(
    "$name: each port answers; responses validate with xmllint; zeep calls the mock and gets the same values",
    async (e) => {
      const docs = await sampleDocs(e.wsdl);
      const picked = docs.filter((d) => d.direction === "response" && d.shape === "full");
      const ports = [...new Set(docs.map((d) => d.meta))];
      const { served, responses, got: read } = await callThroughMock(e.name, e.wsdl, picked);
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

      // zeep's transport got an HTTP 200 reply to each call (a bridge failure has no status).
      expect(responses.map((d) => read.get(d.id)?.status)).toEqual(responses.map(() => 200));
      const limited = responses.filter((d) => zeepLimitation(d, read.get(d.id)) !== undefined);
      const why = [...new Set(limited.map((d) => zeepLimitation(d, read.get(d.id))))];
      if (limited.length > 0)
        console.info(`[corpus-mock] ${e.name}: ${limited.length} replies not readable by zeep`, why);
      // A documented zeep limitation may not hide the whole WSDL.
      expect(limited.length).toBeLessThan(Math.max(1, responses.length));
      const found = responses.flatMap((d) => mismatch(d, read.get(d.id), e.name) ?? []);
      console.info(
        `[corpus-mock] ${e.name}: ${picked.length} calls on ${served.length} ports; zeep called ${responses.length}, compared ${responses.length - limited.length}`,
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

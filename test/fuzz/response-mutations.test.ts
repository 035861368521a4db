/**
 * Seeded response-mutation fuzz test (issue 10): valid responses of the project's operations
 * (EMail and SoPrincipal metadata, sample values from the emulator) are mutated — nil on
 * non-nillable elements, bad scalars, deleted/duplicated/unknown elements, wrong namespaces,
 * bogus xsi:types, truncation, charset changes, huge element counts — and decoded through the
 * real client (`ClientCore.invoke` over `soapHttpTransport`: charset, envelope, decoder, error mapping). One case
 * in six goes over HTTP to a node:http server on 127.0.0.1; the others are handed to the client
 * by an in-memory `IHttpClient` as bytes, like axios does, so the run stays fast on a busy
 * machine. Every outcome must be a SoapkitError or a value of its declared type (checked by an
 * independent walker, helpers/type-check.ts).
 *
 * Reproduce a run with FUZZ_SEED=<seed> (printed with the counts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  SoapkitError,
  buildEnvelope,
  encodeBody,
  encodeHeaders,
  parseXml,
  type IHttpClient,
} from "../../runtime/index.js";
import type { OperationMeta, ServiceMetadata } from "../../runtime/metadata.js";
import { EMailMetadata as EMailCompact } from "../../generated/email/metadata.js";
import { SoPrincipalMetadata as SoPrincipalCompact } from "../../generated/so-principal/metadata.js";
import { expanded } from "../helpers/metadata.js";
import { soapCore } from "../helpers/soap-core.js";
import { sampleOutput } from "../../generator/mock/sample-values.js";
import { startServer, type TestServer } from "../runtime/fixtures/server.js";
import { Prng, fuzzSeed } from "./helpers/prng.js";
import { TREE_MUTATIONS, WIRE_MUTATIONS, type Wire } from "./helpers/mutations.js";
import { serialize, toMutable } from "./helpers/xml-tree.js";
import { checkField, checkType } from "./helpers/type-check.js";

const SEED = fuzzSeed(20261129);
const CASES = 400;

interface Target {
  readonly meta: ServiceMetadata;
  readonly op: OperationMeta;
  readonly xml: readonly string[];
}

let server: TestServer;
let wire: Wire = { bytes: Buffer.alloc(0), contentType: "text/xml" };

beforeAll(async () => {
  server = await startServer();
  server.handler = (_req, res) => {
    res.writeHead(200, { "Content-Type": wire.contentType });
    res.end(wire.bytes);
  };
});
afterAll(async () => {
  await server.close();
});

/** Valid responses (three sample seeds) of every operation that returns something. */
const EMailMetadata = expanded(EMailCompact);
const SoPrincipalMetadata = expanded(SoPrincipalCompact);

function targets(): Target[] {
  const out: Target[] = [];
  for (const meta of [EMailMetadata, SoPrincipalMetadata]) {
    for (const op of Object.values(meta.operations)) {
      if (op.output === null || op.output.empty) continue;
      const xml = ["a", "b", "c"].map((seed) =>
        buildEnvelope({
          version: meta.soapVersion,
          prefixes: meta.prefixes,
          headerXml: encodeHeaders(
            meta,
            op.outputHeaders,
            meta.errorHeaders !== undefined ? { [meta.errorHeaders.succeeded]: true } : {},
          ),
          bodyXml: encodeBody(meta, op.output!, sampleOutput(meta, op.name, { seed })),
        }),
      );
      out.push({ meta, op, xml });
    }
  }
  return out;
}

/** The first violation of the declared types in a call's result and headers, or undefined. */
function violation(
  meta: ServiceMetadata,
  op: OperationMeta,
  result: unknown,
  headers: Record<string, unknown>,
): string | undefined {
  const output = op.output!;
  const wrapper = meta.types[output.type];
  if (wrapper?.kind !== "complex") return "wrapper is not complex";
  const r =
    output.unwrap !== null
      ? checkField(
          meta,
          wrapper.fields.find((f) => f.name === output.unwrap)!,
          result,
          output.unwrap,
        )
      : checkType(meta, output.type, result, output.element);
  if (r !== undefined) return r;
  for (const h of op.outputHeaders) {
    const v = headers[h.name];
    if (v === undefined) continue;
    const hr =
      v === null ? (h.nillable ? undefined : `header ${h.name}: null`) : checkType(meta, h.type, v, `header ${h.name}`);
    if (hr !== undefined) return hr;
  }
  return undefined;
}

/** Answers every request with the current `wire`, without a socket (status 200, bytes). */
const inMemory: IHttpClient = {
  request(_url, _data, callback) {
    queueMicrotask(() =>
      callback(null, { status: 200, headers: { "content-type": wire.contentType }, data: wire.bytes }, wire.bytes),
    );
    return Promise.resolve() as unknown as ReturnType<IHttpClient["request"]>;
  },
};

function clients(httpClient?: IHttpClient): Map<ServiceMetadata, ReturnType<typeof soapCore>> {
  const opts = {
    endpoint: server.url,
    maxResponseElements: 5000,
    timeoutMs: 10_000,
    ...(httpClient !== undefined ? { httpClient } : {}),
  };
  return new Map([EMailMetadata, SoPrincipalMetadata].map((m) => [m, soapCore(m, opts)]));
}

describe("response mutations (seeded)", () => {
  it("the unmutated responses decode to values of their declared types", async () => {
    const byMeta = clients();
    for (const t of targets()) {
      for (const xml of t.xml) {
        wire = { bytes: Buffer.from(xml), contentType: "text/xml; charset=utf-8" };
        const { result, headers } = await byMeta.get(t.meta)!.invoke(t.op.name, {});
        expect(violation(t.meta, t.op, result, headers as Record<string, unknown>), t.op.name).toBeUndefined();
      }
    }
  });

  it(`${CASES} mutated responses: a SoapkitError or a value of the declared type`, async () => {
    const rng = new Prng(SEED);
    const all = targets();
    const overHttp = clients();
    const direct = clients(inMemory);
    // manyElements is the expensive one (5,000+ elements per case): picked less often.
    const treeNames = Object.keys(TREE_MUTATIONS).flatMap((n) => (n === "manyElements" ? [n] : [n, n, n, n, n, n]));
    const wireNames = Object.keys(WIRE_MUTATIONS);
    const counts: Record<string, Record<string, number>> = {};
    const bad: string[] = [];
    const started = performance.now();
    for (let i = 0; i < CASES; i++) {
      const t = rng.pick(all);
      const tree = toMutable(parseXml(rng.pick(t.xml)));
      const names: string[] = [];
      for (let k = 1 + rng.int(3); k > 0; k--) {
        const name = rng.pick(treeNames);
        TREE_MUTATIONS[name]!(tree, rng);
        names.push(name);
      }
      const xml = serialize(tree, t.meta.prefixes);
      if (rng.next() < 0.2) {
        const name = rng.pick(wireNames);
        wire = WIRE_MUTATIONS[name]!(xml, rng);
        names.push(name);
      } else wire = { bytes: Buffer.from(xml), contentType: "text/xml; charset=utf-8" };
      let outcome: string;
      try {
        const client = (i % 6 === 0 ? overHttp : direct).get(t.meta)!;
        const { result, headers } = await client.invoke(t.op.name, {});
        const v = violation(t.meta, t.op, result, headers as Record<string, unknown>);
        if (v !== undefined) bad.push(`case ${i} ${t.op.name} [${names.join(", ")}]: ${v}`);
        outcome = "value";
      } catch (e) {
        if (!(e instanceof SoapkitError)) bad.push(`case ${i} ${t.op.name} [${names.join(", ")}]: ${String(e)}`);
        outcome =
          e instanceof SoapkitError
            ? e.name + ((e as { kind?: string }).kind !== undefined ? `/${(e as { kind?: string }).kind}` : "")
            : "other";
      }
      for (const n of names) (counts[n] ??= {})[outcome] = ((counts[n] ??= {})[outcome] ?? 0) + 1;
      (counts["(all)"] ??= {})[outcome] = (counts["(all)"]![outcome] ?? 0) + 1;
    }
    const ms = performance.now() - started;
    console.log(`response-mutations seed=${SEED} cases=${CASES} time=${ms.toFixed(0)}ms`);
    for (const [name, c] of Object.entries(counts).sort()) console.log(`  ${name.padEnd(20)} ${JSON.stringify(c)}`);
    expect(bad).toEqual([]);
    expect(counts["(all)"]!["value"] ?? 0).toBeGreaterThan(0);
    expect(counts["(all)"]!["ProtocolError"] ?? 0).toBeGreaterThan(0);
  });
});

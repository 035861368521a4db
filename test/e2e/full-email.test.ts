/**
 * The real SuperOffice Services84 EMail WSDL (77 operations, from ../shared): generate a
 * client, then call every operation against an emulator built from that same WSDL, and
 * check both directions: the server decodes exactly what was sent, and a populated response
 * of every output type comes back as the typed value.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceMetadata, TypeMeta, TypeRef } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { sampleInput, sampleOutput } from "soapkit/mock";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { recordedAction } from "../emulator/helpers.js";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { soapHttpTransport } from "../../runtime/index.js";

const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");
const principalWsdl = requireShared("wsdl/superoffice/Services84-SoPrincipal.wsdl");
const OUT = join(repoRoot, "test/.out/superoffice");
const PATH = "/Cust12345/Remote/Services84/EMail.svc";
const TICKET = "7T:full-wsdl-ticket";
const APP_TOKEN = "full-wsdl-app-token";

interface GeneratedEMail {
  createEMailClient(options: object): {
    call(op: string, params: unknown, options?: object): Promise<{ result: unknown; headers: Record<string, unknown> }>;
  } & Record<string, unknown>;
}

describe.skipIf(!emailWsdl || !principalWsdl)("real Services84 EMail WSDL: all 77 operations", () => {
  let emulator: Emulator;
  let gen: GeneratedEMail;
  let meta: ServiceMetadata;
  /** What the handler returns next, per operation (set by the test before calling). */
  const nextOutput = new Map<string, unknown>();

  beforeAll(async () => {
    const { files } = await generate([emailWsdl!, principalWsdl!], { outDir: OUT });
    await writeOutput(OUT, files);
    gen = (await import(join(OUT, "services84-email/index.ts"))) as GeneratedEMail;
    // metadata.ts is not re-exported by the module index: clients import it themselves
    const { EMailMetadata } = (await import(join(OUT, "services84-email/metadata.ts"))) as {
      EMailMetadata: CompactMetadata;
    };
    meta = loadMetadata(EMailMetadata);
    const implementation = Object.fromEntries(Object.keys(meta.operations).map((op) => [op, () => nextOutput.get(op)]));
    emulator = await startEmulator({
      applicationToken: APP_TOKEN,
      validTickets: [TICKET],
      services: [{ metadata: meta, wsdlXml: await readFile(emailWsdl!, "utf8"), path: PATH, implementation }],
    });
  });
  afterAll(() => emulator?.close());

  it("generates 77 operations", () => {
    expect(Object.keys(meta.operations)).toHaveLength(77);
  });

  it("every operation: server receives what was sent, client gets back the typed populated response", async () => {
    const client = gen.createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
      headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
    });
    const census = new Set<string>();
    let calls = 0;
    for (const op of Object.values(meta.operations)) {
      const input = sampleInput(meta, op.name);
      const wrapper = sampleOutput(meta, op.name);
      nextOutput.set(op.name, wrapper);
      emulator.clear();

      const { result, headers } = await client.call(op.name, input);
      calls++;
      const [received] = emulator.calls(op.name);
      expect(received, op.name).toBeDefined();
      expect(received!.outcome, op.name).toBe("ok");
      expect(recordedAction(received!), op.name).toBe(op.soapAction);
      expect(received!.input, `${op.name} request as decoded by the server`).toStrictEqual(input);
      expect(received!.headers, op.name).toStrictEqual({
        ApplicationToken: APP_TOKEN,
        Credentials: { Ticket: TICKET },
      });
      expect(headers["Succeeded"], op.name).toBe(true);

      const expected =
        op.output === null || op.output.empty ? undefined : op.output.unwrap ? wrapper?.[op.output.unwrap] : wrapper;
      expect(result, `${op.name} typed result`).toStrictEqual(expected);

      walk(meta, op.input.type, input, census);
      if (wrapper) walk(meta, op.output!.type, wrapper, census);
    }
    expect(calls).toBe(77);
    // the populated values really exercised every construct (long is covered below: the
    // real WSDL declares xs:long only in its Serialization schema, which no operation reaches)
    for (const construct of [
      "enum",
      "list",
      "dictionary",
      "inheritance",
      "ArrayOfint",
      "ArrayOfstring",
      "array",
      "nil",
      "dateTime",
      "base64Binary",
      "recursion",
    ]) {
      expect(census, construct).toContain(construct);
    }
  });

  it("nil versus absent: sparse responses keep absent fields absent and nil fields null", async () => {
    const client = gen.createEMailClient({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
      headers: { ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } },
    });
    let sparseOps = 0;
    for (const op of Object.values(meta.operations)) {
      if (!op.output || op.output.empty || !op.output.unwrap) continue;
      const wrapper = sparseCopy(meta, op.output.type, sampleOutput(meta, op.name)) as Record<string, unknown>;
      nextOutput.set(op.name, wrapper);
      const { result } = await client.call(op.name, sampleInput(meta, op.name));
      expect(result, op.name).toStrictEqual(wrapper[op.output.unwrap]);
      sparseOps++;
    }
    expect(sparseOps).toBeGreaterThan(50);
  });
});

/** Drop every second optional (minOccurs=0) property, by metadata, to produce absent fields. */
function sparseCopy(meta: ServiceMetadata, type: TypeRef, v: unknown): unknown {
  if (v === null || v === undefined || type.startsWith("xs:")) return v;
  const t = meta.types[type];
  if (!t) throw new Error(`unknown type ${type}`);
  if (t.kind === "array") return (v as unknown[]).map((item) => sparseCopy(meta, t.item.type, item));
  if (t.kind === "alias") return sparseCopy(meta, t.base, v);
  if (t.kind !== "complex") return v;
  const obj = v as Record<string, unknown>;
  const actual = typeof obj["$type"] === "string" ? (obj["$type"] as string) : type;
  const fields = [];
  for (let cur: string | undefined = actual; cur;) {
    const ct: TypeMeta | undefined = meta.types[cur];
    if (ct?.kind !== "complex") break;
    fields.unshift(...ct.fields);
    cur = ct.base;
  }
  const out: Record<string, unknown> = {};
  if ("$type" in obj) out["$type"] = obj["$type"];
  fields.forEach((f, i) => {
    if (!(f.name in obj) || (f.min === 0 && i % 2 === 1)) return;
    const fv = obj[f.name];
    out[f.name] =
      f.max !== 1 && Array.isArray(fv) ? fv.map((x) => sparseCopy(meta, f.type, x)) : sparseCopy(meta, f.type, fv);
  });
  return out;
}

/** Record which schema constructs a typed value exercises. */
function walk(meta: ServiceMetadata, type: TypeRef, value: unknown, census: Set<string>, stack: TypeRef[] = []): void {
  if (value === undefined) return;
  if (value === null) {
    census.add("nil");
    return;
  }
  if (type.startsWith("xs:")) {
    const s = type.slice(3);
    if (s === "dateTime" && typeof value === "string") census.add("dateTime");
    if (s === "base64Binary" && value instanceof Uint8Array) census.add("base64Binary");
    if (s === "long" && typeof value === "bigint") census.add("long");
    return;
  }
  const t = meta.types[type];
  if (!t) throw new Error(`unknown type ${type}`);
  if (stack.includes(type)) census.add("recursion");
  const inner = [...stack, type];
  switch (t.kind) {
    case "enum":
      if (t.values.includes(value as string)) census.add("enum");
      return;
    case "list":
      if (Array.isArray(value) && value.length > 0) census.add("list");
      return;
    case "alias":
      return walk(meta, t.base, value, census, inner);
    case "array":
      if (!Array.isArray(value) || value.length === 0) return;
      census.add(t.dictionary ? "dictionary" : "array");
      if (t.local === "ArrayOfint" || t.local === "ArrayOfstring") census.add(t.local);
      for (const item of value) walk(meta, t.item.type, item, census, inner);
      return;
    case "complex": {
      const obj = value as Record<string, unknown>;
      const actual = typeof obj["$type"] === "string" ? (obj["$type"] as string) : type;
      const chain: TypeRef[] = [];
      for (let cur: string | undefined = actual; cur;) {
        const ct: TypeMeta | undefined = meta.types[cur];
        if (ct?.kind !== "complex") break;
        chain.unshift(cur);
        cur = ct.base;
      }
      if (chain.length > 1) census.add("inheritance");
      for (const id of chain) {
        const ct = meta.types[id];
        if (ct?.kind !== "complex") continue;
        for (const f of ct.fields) {
          const fv = obj[f.name];
          if (f.max !== 1 && Array.isArray(fv)) {
            census.add("array");
            for (const item of fv) walk(meta, f.type, item, census, inner);
          } else walk(meta, f.type, fv, census, inner);
        }
      }
    }
  }
}

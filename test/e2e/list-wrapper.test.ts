/**
 * Issue 12, silent failure 1: a document/literal body wrapper holding a single repeated child
 * (the JAX-WS/CXF shape of `List<String> list(String q)`) stays a complex type with one
 * repeated field, so the TS types, the metadata, the XML codec and the REST JSON codec agree;
 * a named `ArrayOfX` used as a field type keeps its array typing. Before the fix every call
 * threw `Error: soapkit metadata: type listResponse is array, expected complex`.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { decodeBody } from "../../runtime/codec/decode.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { decodeJsonBody, decodeJsonResult, encodeJsonBody, encodeJsonResult } from "../../runtime/rest/json-codec.js";
import { parseJson } from "../../runtime/rest/json.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { soapHttpTransport } from "../../runtime/index.js";
import { repoRoot } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";

const WSDL = join(repoRoot, "test/fixtures/wsdl/list-wrapper/ListService.wsdl");
const OUT = join(repoRoot, "test/.out/list-wrapper");
const PATH = "/list";

type AnyClient = Record<string, (params: unknown) => Promise<unknown>>;

let meta: ServiceMetadata;
let types: string;
let create: (o: object) => AnyClient;

beforeAll(async () => {
  const { files } = await generate([WSDL], { outDir: OUT });
  await writeOutput(OUT, files);
  types = files.find((f) => f.path.endsWith("/types.ts"))!.content;
  const m = (await import(join(OUT, "list-service/metadata.ts"))) as Record<string, CompactMetadata>;
  meta = loadMetadata(m["ListPortMetadata"]!);
  const mod = (await import(join(OUT, "list-service/index.ts"))) as Record<string, unknown>;
  create = mod["createListPortClient"] as (o: object) => AnyClient;
}, 60_000);

describe("body wrapper with a single repeated child", () => {
  it("is a complex type with one repeated field; a named ArrayOfX field type stays an array", () => {
    expect(types).toMatch(/export interface listResponse \{\s*return\?: string\[\];\s*\}/);
    expect(types).toMatch(/export interface removeRequest \{[^}]*id: bigint\[\];\s*\}/);
    expect(types).toMatch(/export type ArrayOfString = \(string \| null\)\[\];/);
    expect(meta.types["listResponse"]?.kind).toBe("complex");
    expect(meta.types["removeRequest"]?.kind).toBe("complex");
    expect(meta.types["ArrayOfString"]?.kind).toBe("array");
    expect(meta.operations["list"]!.output!.unwrap).toBe("return");
  });

  it("compiles under the strict gate", async () => {
    expect(typecheck(await tsFiles(OUT))).toEqual([]);
  }, 120_000);

  it("round-trips through the XML codec", () => {
    const out = meta.operations["list"]!.output!;
    const xml = encodeBody(meta, out, { return: ["a", "b"] });
    expect(xml).toBe("<tns:listResponse><return>a</return><return>b</return></tns:listResponse>");
    const el = parseXml(`<r xmlns:tns="urn:soapkit:list">${xml}</r>`).children[0]!;
    expect(decodeBody(meta, out, el)).toEqual({ return: ["a", "b"] });
    const input = meta.operations["remove"]!.input!;
    expect(encodeBody(meta, input, { id: [1n, 2n] })).toBe("<tns:remove><id>1</id><id>2</id></tns:remove>");
  });

  it("round-trips through the REST JSON codec (wrapper and unwrapped result)", () => {
    const op = meta.operations["list"]!;
    const body = encodeJsonBody(meta, op.output!, { return: ["a", "b"] });
    expect(decodeJsonBody(meta, op.output!, parseJson(body), body)).toEqual({ return: ["a", "b"] });
    const result = encodeJsonResult(meta, op.output, { return: ["x"] })!;
    expect(JSON.parse(result)).toEqual(["x"]);
    expect(decodeJsonResult(meta, op.output, parseJson(result), result)).toEqual(["x"]);
  });
});

describe("through a generated client and the emulator", () => {
  let emulator: Emulator;
  let client: AnyClient;
  beforeAll(async () => {
    const impl = {
      list: (input: Record<string, unknown>) => ({ return: [`${String(input["q"])}-1`, `${String(input["q"])}-2`] }),
      remove: (input: Record<string, unknown>) => ({ tags: (input["id"] as bigint[]).map(String) }),
    };
    emulator = await startEmulator({
      services: [{ metadata: meta, wsdlXml: await readFile(WSDL, "utf8"), path: PATH, implementation: impl }],
    });
    client = create({ transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }) });
  });
  afterAll(() => emulator?.close());

  it("list returns the repeated strings; remove sends repeated ids", async () => {
    expect(await client["list"]!({ q: "q" })).toEqual(["q-1", "q-2"]);
    expect(await client["remove"]!({ id: [7n, 8n] })).toEqual(["7", "8"]);
  });
});

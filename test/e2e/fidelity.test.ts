/**
 * Type fidelity beyond what the SuperOffice operations reach: a subtype sent where its base
 * is declared, xs:long/unsignedLong beyond 2^53, decimal, WCF guid/char/duration, offset-less
 * dateTime, base64, recursion, and names that are reserved words or not identifiers — all
 * through a generated client against the emulator (soap.listen) and back.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { repoRoot } from "../helpers/shared.js";
import { soapHttpTransport } from "../../runtime/index.js";

const WSDL = join(repoRoot, "test/fixtures/wsdl/fidelity/Fidelity.wsdl");
const OUT = join(repoRoot, "test/.out/fidelity-e2e");
const PATH = "/Fidelity.svc";

type AnyClient = {
  call(op: string, params: unknown): Promise<{ result: unknown; headers: Record<string, unknown> }>;
} & Record<string, (params: unknown) => Promise<unknown>>;

async function generateInto(
  dir: string,
  mapping?: object,
): Promise<{ meta: ServiceMetadata; create: (o: object) => AnyClient; types: string }> {
  const { files } = await generate([WSDL], { outDir: dir, ...(mapping ? { mapping } : {}) });
  await writeOutput(dir, files);
  const mod = (await import(join(dir, "fidelity/index.ts"))) as Record<string, unknown>;
  return {
    meta: loadMetadata(
      ((await import(join(dir, "fidelity/metadata.ts"))) as Record<string, CompactMetadata>)["FidelityMetadata"]!,
    ),
    create: mod["createFidelityClient"] as (o: object) => AnyClient,
    types: files.find((f) => f.path === "fidelity/types.ts")!.content,
  };
}

let emulator: Emulator;
let gen: Awaited<ReturnType<typeof generateInto>>;
let client: AnyClient;

beforeAll(async () => {
  gen = await generateInto(OUT);
  const echo = {
    Adopt: (input: Record<string, unknown>) => ({ Response: input["Pet"] }),
    Count: (input: Record<string, unknown>) => ({
      Response: input["Numbers"],
      Tree: input["Tree"],
      Thing: input["Thing"],
    }),
    Order: () => ({ Response: { Accepted: true } }),
  };
  emulator = await startEmulator({
    validTickets: ["t-1"],
    services: [{ metadata: gen.meta, wsdlXml: await readFile(WSDL, "utf8"), path: PATH, implementation: echo }],
  });
  client = gen.create({
    transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
    headers: { Credentials: { Ticket: "t-1" } },
  });
});
afterAll(() => emulator?.close());

describe("inheritance", () => {
  it("subtypes of a reachable base are generated, with extends and a $type discriminator", () => {
    expect(gen.types).toMatch(/export interface Dog extends Animal \{/);
    expect(gen.types).toMatch(/export interface Puppy extends Dog \{/);
    expect(gen.types).toMatch(/export interface Cat extends Animal \{/);
    expect(gen.types).toMatch(/\$type\?: "Animal" \| "Cat" \| "Dog" \| "Puppy";/);
  });

  it("a subtype sent where its base is declared carries xsi:type, base fields first, and comes back typed", async () => {
    emulator.clear();
    const pet = {
      WeeksOld: 9,
      Tricks: ["sit", null],
      Breed: "Lab",
      Born: "2020-01-02T03:04:05",
      Name: "Rex",
      $type: "Puppy",
    };
    const result = await client["adopt"]!({ Pet: pet, Friends: [{ $type: "Cat", Indoor: true }, { Name: "plain" }] });
    const xml = emulator.calls("Adopt")[0]!.rawRequest;
    expect(xml).toMatch(
      /<tns:Pet xsi:type="tns:Puppy"><tns:Name>Rex<\/tns:Name><tns:Born>2020-01-02T03:04:05<\/tns:Born><tns:Breed>Lab<\/tns:Breed><tns:Tricks><q\d+:string>sit<\/q\d+:string><q\d+:string xsi:nil="true"\/><\/tns:Tricks><tns:WeeksOld>9<\/tns:WeeksOld><\/tns:Pet>/,
    );
    expect(xml).toContain('<tns:Friends xsi:type="tns:Cat"><tns:Indoor>true</tns:Indoor></tns:Friends>');
    expect((emulator.calls("Adopt")[0]!.input as Record<string, unknown>)["Pet"]).toStrictEqual({ ...pet });
    expect(result).toStrictEqual({
      $type: "Puppy",
      Name: "Rex",
      Born: "2020-01-02T03:04:05",
      Breed: "Lab",
      Tricks: ["sit", null],
      WeeksOld: 9,
    });
  });

  it("rejects a $type that is not the declared type or one of its subtypes", async () => {
    await expect(client["adopt"]!({ Pet: { $type: "Numbers" } })).rejects.toThrow(/Numbers/);
  });
});

describe("scalars that must not lose anything", () => {
  const numbers = {
    Big: 9223372036854775807n,
    Unsigned: 18446744073709551615n,
    Money: "12345678901234567890.123456789",
    Ratio: 0.1,
    Id: "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
    Initial: 0x41,
    Elapsed: "P1DT2H3M4.5S",
    When: "2021-11-30T13:22:10",
    Blob: Buffer.from([0, 255, 1, 128]),
    Longs: [9007199254740993n, -9007199254740993n],
  };

  it("long/unsignedLong beyond 2^53, decimal, guid, char, duration, offset-less dateTime and base64 round-trip exactly", async () => {
    emulator.clear();
    const { result } = await client.call("Count", { Numbers: numbers });
    const xml = emulator.calls("Count")[0]!.rawRequest;
    expect(xml).toContain("<tns:Big>9223372036854775807</tns:Big>");
    expect(xml).toContain("<tns:Unsigned>18446744073709551615</tns:Unsigned>");
    expect(xml).toContain("<tns:Money>12345678901234567890.123456789</tns:Money>");
    expect(xml).toContain("<tns:When>2021-11-30T13:22:10</tns:When>");
    expect(xml).toContain("<tns:Blob>AP8BgA==</tns:Blob>");
    expect(xml).toMatch(
      /<tns:Longs><q\d+:long>9007199254740993<\/q\d+:long><q\d+:long>-9007199254740993<\/q\d+:long><\/tns:Longs>/,
    );
    expect((emulator.calls("Count")[0]!.input as Record<string, unknown>)["Numbers"]).toStrictEqual(numbers);
    expect(result).toStrictEqual({ Response: numbers });
  });

  it("a required field left out is a SerializationError naming its path", async () => {
    await expect(client.call("Count", { Numbers: { Money: "1" } })).rejects.toThrow(/Numbers\.Big/);
  });

  it("the type mapping switches change both the types and the runtime values", async () => {
    const alt = await generateInto(join(repoRoot, "test/.out/fidelity-e2e-alt"), { long: "string", dateTime: "Date" });
    expect(alt.types).toMatch(/Big: string;/);
    expect(alt.types).toMatch(/When\?: Date;/);
    const c = alt.create({
      transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }),
      headers: { Credentials: { Ticket: "t-1" } },
    });
    const { result } = await c.call("Count", {
      Numbers: { Big: "9223372036854775807", When: new Date("2021-11-30T13:22:10Z") },
    });
    expect(result).toStrictEqual({ Response: { Big: "9223372036854775807", When: new Date("2021-11-30T13:22:10Z") } });
  });
});

describe("recursion and hostile names", () => {
  it("a recursive tree round-trips", async () => {
    const tree = { Label: "root", Child: [{ Label: "a", Child: [{ Label: "a1" }] }, { Label: "b" }] };
    const { result } = await client.call("Count", { Numbers: { Big: 1n }, Tree: tree });
    expect((result as { Tree: unknown }).Tree).toStrictEqual(tree);
  });

  it("reserved words, non-identifier and non-ASCII names are emitted safely and travel under their XML names", async () => {
    expect(gen.types).toMatch(/export interface class_ \{/);
    expect(gen.types).toMatch(/"first-name"\?: string \| null;/);
    expect(gen.types).toMatch(/"a\.b"\?: number;/);
    expect(gen.types).toMatch(/Größe\?: number;/);
    // same local name in another namespace gets a namespace-derived name
    expect(gen.types).toMatch(/export interface OtherClass \{/);
    // the wrapper element OrderResponse clashes with complexType OrderResponse: the named type keeps the name
    expect(gen.types).toMatch(/export interface OrderResponse \{\n\s+Accepted\?: boolean;/);
    emulator.clear();
    const thing = {
      default: "d",
      "first-name": "Ann <&>",
      "a.b": 3,
      Größe: 180,
      Color: "Blue Sky",
      Other: { Note: "n" },
    };
    const { result } = await client.call("Count", { Numbers: { Big: 2n }, Thing: thing });
    const xml = emulator.calls("Count")[0]!.rawRequest;
    expect(xml).toContain("<tns:first-name>Ann &lt;&amp;&gt;</tns:first-name>");
    expect(xml).toContain("<tns:Größe>180</tns:Größe>");
    expect(xml).toMatch(/<tns:Other><q\d+:Note>n<\/q\d+:Note><\/tns:Other>/);
    expect((result as { Thing: unknown }).Thing).toStrictEqual(thing);
  });

  it("documentation becomes JSDoc with the comment terminator escaped", () => {
    expect(gen.types).toContain("An animal. Documentation may contain a comment terminator *\\/ and <markup>.");
    expect(gen.types).toContain("Adopt a pet: any Animal subtype may be sent.");
  });
});

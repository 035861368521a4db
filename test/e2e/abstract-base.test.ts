/**
 * Issue 12, silent failure 3, on the wire: a subtype object literal given where an abstract
 * base is declared (typed `AnyAnimal`, see test/types/assertions/abstract-base.assert.ts) is
 * sent with `xsi:type` and decodes back to the same value with its `$type`.
 */
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { decodeBody } from "../../runtime/codec/decode.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { repoRoot } from "../helpers/shared.js";

const WSDL = join(repoRoot, "test/fixtures/wsdl/abstract-base/Zoo.wsdl");
const OUT = join(repoRoot, "test/.out/abstract-base");

let meta: ServiceMetadata;
let types: string;

beforeAll(async () => {
  const { files } = await generate([WSDL], { outDir: OUT });
  await writeOutput(OUT, files);
  types = files.find((f) => f.path.endsWith("/types.ts"))!.content;
  const m = (await import(join(OUT, "zoo/metadata.ts"))) as Record<string, CompactMetadata>;
  meta = loadMetadata(m["ZooPortMetadata"]!);
});

it("the field type is the union of the concrete subtypes", () => {
  expect(types).toMatch(
    /export type AnyAnimal =\s*\(Cat & \{ \$type: "Cat" \}\) \| \(Dog & \{ \$type: "Dog" \}\) \| \(Puppy & \{ \$type: "Puppy" \}\);/,
  );
  expect(types).toMatch(/Pet: AnyAnimal;/);
  expect(types).toMatch(/Toy\?: AnyToy \| null;/);
});

it("a subtype literal travels with xsi:type and comes back with its $type", () => {
  const input = meta.operations["Keep"]!.input!;
  const value = {
    Pet: { $type: "Puppy", Name: "Rex", Breed: "Lab", WeeksOld: 9 },
    Others: [{ $type: "Cat", Name: "Tom", Indoor: true }],
    Toy: { $type: "Ball", Label: "round", Size: 3 },
  };
  const xml = encodeBody(meta, input, value);
  expect(xml).toContain(
    '<tns:Pet xsi:type="tns:Puppy"><tns:Name>Rex</tns:Name><tns:Breed>Lab</tns:Breed><tns:WeeksOld>9</tns:WeeksOld></tns:Pet>',
  );
  const decls = 'xmlns:tns="urn:soapkit:zoo" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
  expect(decodeBody(meta, input, parseXml(`<r ${decls}>${xml}</r>`).children[0]!)).toEqual(value);
});

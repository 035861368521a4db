/**
 * Content models end to end through the generator (issue 12): the TypeScript text of choices
 * (exclusive unions), repeated groups (`$choice`, `$sequence`), wildcards (`$any`), mixed text,
 * unions and substitution groups; the compact metadata v3 entries; and the generated output of
 * test/fixtures/content-models compiling under strict, with type-level assertions proving that
 * two branches of one choice are rejected.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../../generator/index.js";
import { compactMetadata } from "../../../generator/emit/compact-metadata.js";
import { createEmitContext } from "../../../generator/emit/context.js";
import { portMetadata } from "../../../generator/emit/metadata-file.js";
import { loadModel } from "../../../generator/model/load-model.js";
import { DEFAULT_MAPPING } from "../../../generator/settings.js";
import { writeOutput } from "../../../generator/write/write-files.js";
import { formatTypeScript } from "../../../generator/format/prettier.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { repoRoot } from "../../helpers/shared.js";
import { tsFiles, typecheck } from "../../helpers/typecheck.js";

const WSDL = join(repoRoot, "test/fixtures/content-models/Shapes.wsdl");
const OUT = join(repoRoot, "test/.out/content-models");

/** Declarations without JSDoc, whitespace collapsed. */
function flat(text: string): string {
  return text
    .replace(/\/\*\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\( /g, "(")
    .replace(/ \)/g, ")")
    .replace(/\(\| /g, "(");
}

let types = "";
let metadataText = "";
let compact: CompactMetadata;

beforeAll(async () => {
  const result = await generate([WSDL], { outDir: OUT });
  await writeOutput(OUT, result.files);
  types = result.files.find((f) => f.path === "shapes/types.ts")!.content;
  metadataText = result.files.find((f) => f.path === "shapes/metadata.ts")!.content;
  const model = await loadModel(WSDL);
  const ctx = createEmitContext(model, {
    runtimeImport: "@soapkit/runtime",
    mapping: DEFAULT_MAPPING,
    sourceLabel: "",
    generatorVersion: "",
  });
  compact = compactMetadata(portMetadata(ctx, model.ports[0]!, ctx.names.ports[0]!));
});

describe("TypeScript shapes", () => {
  it("a single choice is an exclusive union of peers; an optional one adds an all-never shape; the type is an alias", () => {
    expect(flat(types)).toContain(
      'export type Shape = { $type?: "Shape" | "Label"; Id: number; } & ({ Circle: number; Width?: never; Height?: never } | { Width: number; Height: number; Circle?: never }) & ({ Color: Color; Size?: never } | { Size: Size; Color?: never } | { Color?: never; Size?: never });',
    );
  });

  it("an extension of a type with a choice is an intersection with its base", () => {
    expect(flat(types)).toContain('export type Label = Shape & { $type?: "Label"; Text: string; };');
    expect(flat(types)).toContain(
      'export type AnyShape = (Shape & { $type?: "Shape" }) | (Label & { $type: "Label" });',
    );
  });

  it("repeated choice, repeated sequence and any are array properties of an interface", () => {
    expect(flat(types)).toContain(
      "export interface Drawing { CreatedBy: string; CreatedAt?: string; $choice: ({ Line: string; Dot?: never; Arc?: never; Curve?: never } | { Dot: number; Line?: never; Arc?: never; Curve?: never } | { Arc: number; Line?: never; Dot?: never; Curve?: never } | { Curve: number; Line?: never; Dot?: never; Arc?: never })[]; $sequence?: { Key: string; Value?: string; }[]; $any?: string[]; }",
    );
    expect(types).toContain('`xs:any namespace="##other" processContents="lax"`');
  });

  it("a substitution group with an abstract head: the members, never the head", () => {
    expect(flat(types)).toContain(
      "& ({ ExtendedFieldURI: ExtendedPath; FieldURI?: never } | { FieldURI: FieldPath; ExtendedFieldURI?: never });",
    );
    expect(flat(types)).toContain(
      "export interface Fields { $choice: ({ ExtendedFieldURI: ExtendedPath; FieldURI?: never } | { FieldURI: FieldPath; ExtendedFieldURI?: never })[]; }",
    );
    expect(types).not.toMatch(/\bPath\??: /);
  });

  it("mixed text, unions, xs:all and anyType", () => {
    expect(flat(types)).toContain("export interface Note { $value?: string; b?: string[]; }");
    expect(flat(types)).toContain("export type ColorOrSize = Color | Size;");
    expect(flat(types)).toContain("export type NumberOrAuto = string;");
    expect(types).toMatch(/An `xs:union` of `xs:int`, `NumberOrAutoMember1`/);
    expect(flat(types)).toContain("export interface Settings { Zoom?: number; Grid: boolean; }");
    expect(flat(types)).toContain("Extra?: unknown;");
    expect(types).toContain("a `RawXml` `{ $xml }` (element content)");
  });
});

describe("compact metadata v3", () => {
  it("is written as v4 because a lax wildcard needs the global elements (el), sorted, typed", () => {
    expect(compact.v).toBe(4);
    expect(metadataText).toMatch(/^\s+"v": 4,$/m);
    expect(compact.el).toEqual([
      ["ExtendedFieldURI", "ExtendedPath", 1],
      ["Tag", "xs:string", 1],
      ["Draw", "DrawRequest"],
      ["DrawResponse", "DrawResponse"],
      ["FieldURI", "FieldPath"],
      ["Path", "BasePath"],
    ]);
  });

  it("the directly printed metadata with nested group entries is what prettier would print", async () => {
    expect(metadataText).toContain('["*", "$any", "*", "##other", "lax"]');
    expect(await formatTypeScript(metadataText)).toBe(metadataText);
  });

  it("choice, repeated choice, repeated sequence, any entries in content order", () => {
    expect(compact.types["Shape"]).toEqual({
      f: [
        ["Id", "xs:int"],
        [
          "|",
          [
            [["Circle", "xs:double"]],
            [
              ["Width", "xs:double"],
              ["Height", "xs:double"],
            ],
          ],
        ],
        ["|", [[["Color", "Color"]], [["Size", "Size"]]], "?"],
      ],
    });
    expect(compact.types["Drawing"]).toEqual({
      f: [
        ["CreatedBy", "xs:string", "", 1],
        ["CreatedAt", "xs:dateTime", "?", 1],
        [
          "|",
          [[["Line", "xs:string"]], [["Dot", "xs:int"]], [["Arc", "xs:int"]], [["Curve", "xs:int"]]],
          "+",
          "$choice",
        ],
        [
          "(",
          [
            ["Key", "xs:string"],
            ["Value", "xs:string", "?"],
          ],
          "*",
          "$sequence",
        ],
        ["*", "$any", "*", "##other", "lax"],
      ],
    });
    expect(compact.types["Label"]).toEqual({ base: "Shape", f: [["Text", "xs:string"]] });
  });

  it("substitution groups, mixed and unions", () => {
    expect(compact.types["Fields"]).toEqual({
      f: [["|", [[["ExtendedFieldURI", "ExtendedPath", "", 1]], [["FieldURI", "FieldPath"]]], "+", "$choice"]],
    });
    expect(compact.types["Note"]).toEqual({ mixed: 1, f: [["b", "xs:string", "*"]] });
    expect(compact.types["ColorOrSize"]).toEqual({ alias: "xs:string" });
    expect(compact.types["Settings"]).toEqual({
      f: [
        ["Zoom", "xs:int", "?"],
        ["Grid", "xs:boolean"],
      ],
    });
  });
});

const ASSERT = `import type { DrawRequest, Drawing, Fields, Label, Pick, Plain, Shape } from "./shapes/index.js";

export const circle: Shape = { Id: 1, Circle: 2 };
export const rect: Shape = { Id: 1, Width: 2, Height: 3, Color: "red" };
// @ts-expect-error two branches of one choice together
export const both: Shape = { Id: 1, Circle: 2, Width: 2, Height: 3 };
// @ts-expect-error no branch of a required choice
export const none: Shape = { Id: 1 };
// @ts-expect-error a branch missing one of its elements
export const half: Shape = { Id: 1, Width: 2 };
// @ts-expect-error two branches of the optional choice
export const colorAndSize: Shape = { Id: 1, Circle: 2, Color: "red", Size: "S" };
export const label: Label = { Id: 1, Circle: 2, Text: "t" };
// @ts-expect-error the inherited choice still applies
export const labelBoth: Label = { Id: 1, Circle: 2, Width: 1, Height: 1, Text: "t" };
export const drawing: Drawing = {
  CreatedBy: "me",
  $choice: [{ Line: "l" }, { Dot: 1 }, { Curve: 2 }],
  $sequence: [{ Key: "k" }, { Key: "k2", Value: "v" }],
  $any: ["<x:e xmlns:x='urn:x'/>"],
};
// @ts-expect-error one item with two branches
export const badItem: Drawing = { CreatedBy: "me", $choice: [{ Line: "l", Dot: 1 }] };
export const fields: Fields = { $choice: [{ FieldURI: { FieldURI: "item:Subject" } }, { ExtendedFieldURI: { PropertyTag: "0x1" } }] };
// @ts-expect-error the abstract head is not a property
export const head: Fields = { $choice: [{ Path: {} }] };
const base = {
  Shape: { Id: 1, Circle: 2 },
  Drawing: drawing,
  Settings: { Grid: true },
  Fields: fields,
  Tone: "L",
  Scale: "12",
} as const;
export const request: DrawRequest = { ...base, FieldURI: { FieldURI: "item:Subject" }, Note: { $value: "hi", b: ["x"] } };
// @ts-expect-error two members of the substitution group at once
export const twoMembers: DrawRequest = { ...base, FieldURI: { FieldURI: "a" }, ExtendedFieldURI: { PropertyTag: "b" } };
export const pickOuter: Pick = { One: 1 };
export const pickInner: Pick = { Three: 3 };
// @ts-expect-error a branch of the outer choice and one of the nested choice together
export const pickBoth: Pick = { One: 1, Two: 2 };
// @ts-expect-error two branches of the nested choice together
export const pickInnerBoth: Pick = { Two: 2, Three: 3 };
export const plain: Plain = { A: 1, B: 2 };
export const refAndLocal: DrawRequest = { ...base, FieldURI: { FieldURI: "a" }, Tag: "t", Local: 1, Plain: plain, Pick: pickInner };
// @ts-expect-error a union member outside the enumerations
export const badTone: DrawRequest = { ...base, FieldURI: { FieldURI: "a" }, Tone: "green" };
`;

describe("compile gate", () => {
  it("the generated output and the type-level assertions compile under strict", async () => {
    await mkdir(OUT, { recursive: true });
    await writeFile(join(OUT, "assert.ts"), ASSERT);
    const files = (await tsFiles(OUT)).filter((f) => !f.includes("/bad/"));
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(typecheck(files)).toEqual([]);
    expect(typecheck(files, { exactOptionalPropertyTypes: true })).toEqual([]);
  });

  it("the gate can fail: an assertion that does not hold is reported", async () => {
    const bad = join(OUT, "bad", "assert.ts");
    await mkdir(join(OUT, "bad"), { recursive: true });
    await writeFile(
      bad,
      `import type { Shape } from "../shapes/index.js";\nexport const x: Shape = { Id: 1, Circle: 2, Width: 3, Height: 4 };\n`,
    );
    expect(typecheck([bad]).join("\n")).toMatch(/not assignable to type 'Shape'/);
  });
});

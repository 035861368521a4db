/**
 * Issue 12, content models end to end: test/fixtures/content-models/Shapes.wsdl (choice single,
 * repeated and nested; group ref; xs:all; repeated sequence; xs:any; mixed; union; anyType;
 * substitution group with an abstract head; extension of a type with a choice) is generated,
 * its metadata drives the runtime codec, and for each construct the exact wire XML is asserted,
 * validated by xmllint against the WSDL's own schema, and decoded back to the same value. The
 * substitution-group case is one of the silent failures quoted in the issue: the member element
 * (`FieldURI`) goes on the wire, never `<Path xsi:type=…>`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import { decodeBody } from "../../runtime/codec/decode.js";
import { decodeAnyElement } from "../../runtime/codec/lax.js";
import { DeserializationError, SerializationError } from "../../runtime/errors.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { buildEnvelope } from "../../runtime/envelope.js";
import { repoRoot } from "../helpers/shared.js";
import { writeWsdlSchemaSet, type WsdlSchemaSet } from "../helpers/wsdl-schemas.js";
import { xmllintValidate } from "../helpers/xsd.js";
import { requireTool } from "../helpers/tools.js";

const WSDL = join(repoRoot, "test/fixtures/content-models/Shapes.wsdl");
let meta: ServiceMetadata;
let compact: CompactMetadata;
let types: string;
let dir: string;
let schemas: WsdlSchemaSet;

beforeAll(async () => {
  const out = join(repoRoot, "test/.out/content-models-e2e");
  const { files } = await generate([WSDL], { outDir: out });
  await writeOutput(out, files);
  types = files.find((f) => f.path.endsWith("/types.ts"))!.content;
  const metadataFile = files.find((f) => f.path.endsWith("/metadata.ts"))!.path;
  const exported = (await import(join(out, metadataFile))) as Record<string, CompactMetadata>;
  compact = Object.values(exported)[0]!;
  meta = loadMetadata(compact);
  dir = await mkdtemp(join(tmpdir(), "soapkit-shapes-"));
  schemas = await writeWsdlSchemaSet(WSDL, dir);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

const op = () => meta.operations.Draw!;
const base = {
  Shape: { $type: "Shape", Id: 1, Circle: 2.5 },
  Drawing: { CreatedBy: "anne", $choice: [{ Line: "l" }] },
  Settings: { Grid: true },
  FieldURI: { FieldURI: "item:Subject" },
  Fields: { $choice: [{ FieldURI: { FieldURI: "item:Body" } }] },
};

function encode(value: object): string {
  return encodeBody(meta, op().input, value);
}

async function valid(bodyXml: string): Promise<string[]> {
  const file = join(dir, `doc-${Math.random().toString(36).slice(2)}.xml`);
  await writeFile(file, envelope(bodyXml));
  const r = (await xmllintValidate(schemas.soap11, [file])).get(file)!;
  return [...r.errors];
}

function envelope(bodyXml: string): string {
  return buildEnvelope({ version: "1.1", prefixes: meta.prefixes, bodyXml });
}

function roundTrip(bodyXml: string): Record<string, unknown> {
  const body = parseXml(envelope(bodyXml)).children.find((c) => c.local === "Body")!;
  return decodeBody(meta, op().input, body.children[0]!);
}

describe.skipIf(!requireTool("xmllint"))("content models on the wire (Shapes.wsdl)", () => {
  it.each([
    [
      "single choice, sequence branch + optional choice",
      { Shape: { $type: "Shape", Id: 1, Width: 2, Height: 3, Size: "L" } },
      "<tns:Shape><tns:Id>1</tns:Id><tns:Width>2</tns:Width><tns:Height>3</tns:Height><tns:Size>L</tns:Size></tns:Shape>",
    ],
    [
      "extension of a type with a choice",
      { Label: { Id: 2, Circle: 1, Text: "t" } },
      "<tns:Label><tns:Id>2</tns:Id><tns:Circle>1</tns:Circle><tns:Text>t</tns:Text></tns:Label>",
    ],
    [
      "repeated choice (order kept), nested choice, repeated sequence, group ref, any",
      {
        Drawing: {
          CreatedBy: "anne",
          $choice: [{ Dot: 1 }, { Line: "a" }, { Curve: 3 }, { Dot: 2 }],
          $sequence: [{ Key: "k1" }, { Key: "k2", Value: "v" }],
          $any: ['<x:Ext xmlns:x="urn:example:ext">e</x:Ext>'],
        },
      },
      '<tns:Drawing><q1:CreatedBy>anne</q1:CreatedBy><tns:Dot>1</tns:Dot><tns:Line>a</tns:Line><tns:Curve>3</tns:Curve><tns:Dot>2</tns:Dot><tns:Key>k1</tns:Key><tns:Key>k2</tns:Key><tns:Value>v</tns:Value><x:Ext xmlns:x="urn:example:ext">e</x:Ext></tns:Drawing>',
    ],
    [
      "xs:all",
      { Settings: { Zoom: 3, Grid: false } },
      "<tns:Settings><tns:Zoom>3</tns:Zoom><tns:Grid>false</tns:Grid></tns:Settings>",
    ],
    ["mixed text", { Note: { $value: "hello ", b: ["x"] } }, "<tns:Note>hello <tns:b>x</tns:b></tns:Note>"],
    ["unions", { Tone: "blue", Scale: "auto" }, "<tns:Tone>blue</tns:Tone><tns:Scale>auto</tns:Scale>"],
    ["anyType with element content", { Extra: { $xml: "<k>1</k>" } }, "<tns:Extra><k>1</k></tns:Extra>"],
    [
      "substitution group member from another namespace",
      { FieldURI: undefined, ExtendedFieldURI: { PropertyTag: "0x1" } },
      '<tns:Settings><tns:Grid>true</tns:Grid></tns:Settings><q1:ExtendedFieldURI PropertyTag="0x1"/>',
    ],
    [
      "substitution group: the member element, never Path xsi:type",
      { FieldURI: { FieldURI: "item:Subject" } },
      '<tns:FieldURI FieldURI="item:Subject"/>',
    ],
  ] as const)("%s: exact XML, xmllint-valid, decodes back", async (_what, part, fragment) => {
    const value = { ...base, ...part };
    const xml = encode(value);
    expect(xml).toContain(fragment);
    expect(xml).not.toContain("xsi:type");
    expect(await valid(xml)).toEqual([]);
    expect(roundTrip(xml)).toEqual(value);
  });

  it.each([
    ["element ref across namespaces", "  Tag?: string;", { Tag: "t" }, "<q1:Tag>t</q1:Tag>"],
    [
      'unqualified local element (form="unqualified" in a qualified schema)',
      "  Local?: number;",
      { Local: 4 },
      "<Local>4</Local>",
    ],
    [
      'elementFormDefault="unqualified", one element form="qualified"',
      "export interface Plain {\n  A: number;\n  B: number;\n}",
      { Plain: { A: 1, B: 2 } },
      "<tns:Plain><A>1</A><q2:B>2</q2:B></tns:Plain>",
    ],
    [
      "a choice nested in a single choice (branches flattened, exclusive)",
      "export type Pick =\n  | { One: number; Two?: never; Three?: never }\n  | { Two: number; One?: never; Three?: never }\n  | { Three: number; One?: never; Two?: never };",
      { Pick: { Three: 3 } },
      "<tns:Pick><tns:Three>3</tns:Three></tns:Pick>",
    ],
    [
      "complexContent restriction: standalone, its own content, the inherited attribute narrowed to fixed",
      "export interface Segment {\n  /** XML attribute `unit`. Fixed value `mm`. */\n  unit?: string;\n  W: number;\n}",
      { Segment: { unit: "mm", W: 1 } },
      '<tns:Segment unit="mm"><tns:W>1</tns:W></tns:Segment>',
    ],
  ] as const)("%s: expected TS type, exact XML, xmllint-valid, decodes back", async (_what, ts, part, fragment) => {
    expect(types).toContain(ts);
    const value = { ...base, ...part };
    const xml = encode(value);
    expect(xml).toContain(fragment);
    expect(await valid(xml)).toEqual([]);
    expect(roundTrip(xml)).toEqual(value);
  });

  it("the checks run on these too: a qualified A and an unqualified Tag fail xmllint; two Pick branches, another fixed value and a restricted-away element fail encoding", async () => {
    const xml = encode({ ...base, Tag: "t", Plain: { A: 1, B: 2 } });
    expect(await valid(xml.replace("<A>1</A>", "<q2:A>1</q2:A>"))).not.toEqual([]);
    expect(await valid(xml.replace("<q1:Tag>t</q1:Tag>", "<Tag>t</Tag>"))).not.toEqual([]);
    expect(() => encode({ ...base, Pick: { One: 1, Two: 2 } })).toThrow(SerializationError);
    expect(() => encode({ ...base, Segment: { unit: "cm", W: 1 } })).toThrow(SerializationError);
    expect(() => encode({ ...base, Segment: { W: 1, H: 2 } })).toThrow(SerializationError);
  });

  it("two branches of one choice, or none of a required one, are SerializationErrors", () => {
    expect(() => encode({ ...base, Shape: { Id: 1, Circle: 1, Width: 2, Height: 3 } })).toThrow(SerializationError);
    expect(() => encode({ ...base, Shape: { Id: 1 } })).toThrow(SerializationError);
  });

  it("the validator runs: a Path element (abstract head) is rejected by xmllint", async () => {
    const xml = encode(base).replace(/<tns:FieldURI FieldURI="item:Subject"\/>/, "<tns:Path/>");
    expect((await valid(xml)).join("\n")).toMatch(/abstract/);
  });
});

describe.skipIf(!requireTool("xmllint"))(
  "xs:any processContents=lax: typed where the metadata knows the element",
  () => {
    const known = '<c:ExtendedFieldURI xmlns:c="urn:soapkit:common" PropertyTag="0x2"/>';
    const unknown = '<x:Ext xmlns:x="urn:example:ext">e</x:Ext>';
    const byType =
      '<x:Typed xmlns:s="urn:soapkit:shapes" xmlns:x="urn:example:ext" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="s:FieldPath" FieldURI="item:Body"/>';

    it("the metadata (format v4) carries the global elements of a port with a lax wildcard", () => {
      expect(compact.v).toBe(4);
      expect(meta.elements).toContainEqual({
        ns: "urn:soapkit:common",
        local: "ExtendedFieldURI",
        type: "ExtendedPath",
      });
      expect(meta.elements).toContainEqual({ ns: "urn:soapkit:shapes", local: "FieldURI", type: "FieldPath" });
    });

    it("$any stays raw and lossless on the wire; decodeAnyElement types a known element or xsi:type, keeps others raw", async () => {
      const value = { ...base, Drawing: { ...base.Drawing, $any: [known, unknown, byType] } };
      const xml = encode(value);
      expect(xml).toContain(`<q1:CreatedBy>anne</q1:CreatedBy><tns:Line>l</tns:Line>${known}${unknown}${byType}`);
      expect(await valid(xml)).toEqual([]);
      const back = roundTrip(xml) as { Drawing: { $any: string[] } };
      expect(back).toEqual(value);
      const [a, b, c] = back.Drawing.$any.map((x) => decodeAnyElement(compact, x));
      expect(a).toEqual({
        ns: "urn:soapkit:common",
        local: "ExtendedFieldURI",
        type: "ExtendedPath",
        value: { PropertyTag: "0x2" },
      });
      expect(b).toBe(unknown);
      expect(c).toEqual({ ns: "urn:example:ext", local: "Typed", type: "FieldPath", value: { FieldURI: "item:Body" } });
      expect(encode({ ...base, Drawing: { ...base.Drawing, $any: back.Drawing.$any } })).toBe(xml);
    });

    it("a known element whose content does not fit its type is a DeserializationError", () => {
      const bad = '<c:ExtendedFieldURI xmlns:c="urn:soapkit:common"/>';
      expect(() => decodeAnyElement(meta, bad)).toThrow(DeserializationError);
    });
  },
);

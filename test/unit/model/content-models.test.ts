/**
 * Content models in the IR (issue 12): choices (single, repeated, nested), group refs across
 * namespaces, `xs:all`, repeated and optional sequences, wildcards, mixed content, unions and
 * substitution groups become particles with the conventions of model/types.ts.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildModel } from "../../../generator/model/build-model.js";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { loadModel } from "../../../generator/model/load-model.js";
import type { ComplexType, Particle, ServiceModel, TypeDef } from "../../../generator/model/types.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { repoRoot } from "../../helpers/shared.js";
import { echoSchema, echoWsdl, TNS } from "../../helpers/wsdl-text.js";

const SHAPES = "urn:soapkit:shapes";
const COMMON = "urn:soapkit:common";
const FILE = "/cm/svc.wsdl";

function complex(m: ServiceModel, id: string): ComplexType {
  const t: TypeDef | undefined = m.types.get(id);
  if (t?.kind !== "complex") throw new Error(`no complex type ${id}: ${[...m.types.keys()].join(", ")}`);
  return t;
}

/** A compact picture of a particle tree: `name:min..max`, `choice(...)`, `seq(...)`, `any`. */
function shape(list: readonly Particle[]): string[] {
  const occ = (min: number, max: number): string => `${min}..${max === -1 ? "n" : max}`;
  return list.map((p) => {
    switch (p.kind) {
      case "element":
        return `${p.field.qname.local}:${occ(p.field.minOccurs, p.field.maxOccurs)}`;
      case "choice":
        return `choice${p.name ? ` ${p.name}` : ""} ${occ(p.minOccurs, p.maxOccurs)} [${p.branches.map((b) => shape(b).join(", ")).join(" | ")}]`;
      case "sequence":
        return `seq ${p.name} ${occ(p.minOccurs, p.maxOccurs)} [${shape(p.particles).join(", ")}]`;
      case "any":
        return `any ${p.name} ${occ(p.minOccurs, p.maxOccurs)} ${p.namespace} ${p.process}`;
    }
  });
}

async function echo(sequence: string, extra = ""): Promise<ComplexType> {
  const docs = await loadDocuments(FILE, {
    reader: memoryReader({ [FILE]: echoWsdl({ schema: echoSchema(sequence, extra) }) }),
  });
  const m = buildModel(docs);
  return complex(m, `complexType:{${TNS}}Echo#element`);
}

describe("content models: the Shapes fixture", () => {
  const load = (): Promise<ServiceModel> => loadModel(path.join(repoRoot, "test/fixtures/content-models/Shapes.wsdl"));

  it("a single choice (with a sequence branch) and an optional choice are peers; their elements are optional fields", async () => {
    const t = complex(await load(), `complexType:{${SHAPES}}Shape`);
    expect(shape(t.particles!)).toEqual([
      "Id:1..1",
      "choice 1..1 [Circle:1..1 | Width:1..1, Height:1..1]",
      "choice 0..1 [Color:1..1 | Size:1..1]",
    ]);
    expect(t.fields.map((f) => `${f.qname.local}:${f.minOccurs}`)).toEqual([
      "Id:1",
      "Circle:0",
      "Width:0",
      "Height:0",
      "Color:0",
      "Size:0",
    ]);
  });

  it("group ref (imported namespace), repeated choice with a nested choice flattened, repeated sequence, any", async () => {
    const t = complex(await load(), `complexType:{${SHAPES}}Drawing`);
    expect(shape(t.particles!)).toEqual([
      "CreatedBy:1..1",
      "CreatedAt:0..1",
      "choice $choice 1..n [Line:1..1 | Dot:1..1 | Arc:1..1 | Curve:1..1]",
      "seq $sequence 0..n [Key:1..1, Value:0..1]",
      "any $any 0..n ##other lax",
    ]);
    // the group's elements are in the group's schema namespace
    expect(t.fields.map((f) => `{${f.qname.ns}}${f.qname.local}`)).toEqual([
      `{${COMMON}}CreatedBy`,
      `{${COMMON}}CreatedAt`,
    ]);
  });

  it("xs:all is a plain sequence of elements; mixed is a flag", async () => {
    const m = await load();
    const s = complex(m, `complexType:{${SHAPES}}Settings`);
    expect(s.particles).toBeUndefined();
    expect(s.fields.map((f) => `${f.qname.local}:${f.minOccurs}`)).toEqual(["Zoom:0", "Grid:1"]);
    const n = complex(m, `complexType:{${SHAPES}}Note`);
    expect(n.mixed).toBe(true);
    expect(n.isArrayWrapper).toBe(false);
  });

  it("a substitution group with an abstract head is a choice of its members (single and repeated)", async () => {
    const m = await load();
    const draw = complex(m, `complexType:{${SHAPES}}Draw#element`);
    const path = draw.particles!.find((p) => p.kind === "choice");
    expect(shape([path!])).toEqual(["choice 1..1 [ExtendedFieldURI:1..1 | FieldURI:1..1]"]);
    expect(path).toMatchObject({
      substitutionHead: { ns: SHAPES, local: "Path" },
      branches: [
        [
          {
            field: {
              qname: { ns: COMMON, local: "ExtendedFieldURI" },
              type: { id: `complexType:{${SHAPES}}ExtendedPath` },
            },
          },
        ],
        [{ field: { qname: { ns: SHAPES, local: "FieldURI" }, type: { id: `complexType:{${SHAPES}}FieldPath` } } }],
      ],
    });
    const fields = complex(m, `complexType:{${SHAPES}}Draw#element/Fields`);
    expect(shape(fields.particles!)).toEqual(["choice $choice 1..n [ExtendedFieldURI:1..1 | FieldURI:1..1]"]);
  });

  it("xs:union is an alias of xs:string listing its members (inline members get their own type)", async () => {
    const m = await load();
    expect(m.types.get(`simpleType:{${SHAPES}}NumberOrAuto`)).toMatchObject({
      kind: "alias",
      base: { kind: "builtin", name: "string" },
      union: [
        { kind: "builtin", name: "int" },
        { kind: "ref", id: `simpleType:{${SHAPES}}NumberOrAuto/member1` },
      ],
    });
    expect(m.types.get(`simpleType:{${SHAPES}}NumberOrAuto/member1`)).toMatchObject({ kind: "enum" });
  });

  it("an element without a type stays xs:anyType", async () => {
    const draw = complex(await load(), `complexType:{${SHAPES}}Draw#element`);
    expect(draw.fields.find((f) => f.qname.local === "Extra")?.type).toEqual({ kind: "builtin", name: "anyType" });
  });
});

describe("content models: normalisation rules", () => {
  it("an optional sequence occurring once with required elements is an all-or-nothing choice", async () => {
    const t = await echo(
      `<xs:element name="a" type="xs:int"/><xs:sequence minOccurs="0"><xs:element name="b" type="xs:int"/><xs:element name="c" type="xs:int"/></xs:sequence>`,
    );
    expect(shape(t.particles!)).toEqual(["a:1..1", "choice 0..1 [b:1..1, c:1..1]"]);
  });

  it("an optional sequence (or choice) of one element (or of optional elements) is flattened, optional", async () => {
    const t = await echo(
      `<xs:choice minOccurs="0"><xs:element name="a" type="xs:int"/></xs:choice><xs:sequence minOccurs="0"><xs:element name="b" type="xs:int"/></xs:sequence><xs:sequence minOccurs="0"><xs:element name="c" minOccurs="0" type="xs:int"/><xs:element name="d" minOccurs="0" type="xs:int"/></xs:sequence>`,
    );
    expect(t.particles).toBeUndefined();
    expect(t.fields.map((f) => `${f.qname.local}:${f.minOccurs}`)).toEqual(["a:0", "b:0", "c:0", "d:0"]);
  });

  it("a group ref's occurrence applies to the group; a repeated group ref is a $sequence; names are numbered", async () => {
    const t = await echo(
      `<xs:group ref="tns:G" maxOccurs="unbounded"/><xs:group ref="tns:G" minOccurs="0" maxOccurs="2"/><xs:any/><xs:any namespace="##local" minOccurs="0"/>`,
      `<xs:group name="G"><xs:sequence><xs:element name="k" type="xs:string"/></xs:sequence></xs:group>`,
    );
    expect(shape(t.particles!)).toEqual([
      "seq $sequence 1..n [k:1..1]",
      "seq $sequence2 0..2 [k:1..1]",
      "any $any 1..1 ##any strict",
      "any $any2 0..1 ##local strict",
    ]);
    expect(t.fields).toEqual([]);
  });

  it("group names are unique together with the base's", async () => {
    const docs = await loadDocuments(FILE, {
      reader: memoryReader({
        [FILE]: echoWsdl({
          schema: echoSchema(
            `<xs:element name="d" type="tns:D"/>`,
            `<xs:complexType name="B"><xs:sequence><xs:any maxOccurs="unbounded"/></xs:sequence></xs:complexType>
      <xs:complexType name="D"><xs:complexContent><xs:extension base="tns:B"><xs:sequence><xs:any/><xs:choice maxOccurs="2"><xs:element name="x" type="xs:int"/><xs:element name="y" type="xs:int"/></xs:choice></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
          ),
        }),
      }),
    });
    const t = complex(buildModel(docs), `complexType:{${TNS}}D`);
    expect(shape(t.particles!)).toEqual(["any $any2 1..1 ##any strict", "choice $choice 1..2 [x:1..1 | y:1..1]"]);
  });

  it("the same element in two branches of one choice is one field; elsewhere it is a located clash", async () => {
    const ok = await echo(
      `<xs:choice><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:sequence><xs:sequence><xs:element name="a" type="xs:int"/><xs:element name="c" type="xs:int"/></xs:sequence></xs:choice>`,
    );
    expect(ok.fields.map((f) => f.qname.local)).toEqual(["a", "b", "c"]);
    await expect(
      echo(
        `<xs:element name="a" type="xs:int"/><xs:choice><xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/></xs:choice>`,
      ),
    ).rejects.toThrow(/element "a" appears again/);
  });

  it('mixed="true" on a type with simple content is ignored (the value is the text; cz-eet does this)', async () => {
    const t = await echo(
      `<xs:element name="p" type="tns:P"/>`,
      `<xs:complexType name="P" mixed="true"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="a" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType>`,
    );
    expect(t.fields.map((f) => f.qname.local)).toEqual(["p"]);
  });

  it("a complexContent restriction of a complex type is standalone: its own content, the inherited attributes narrowed", async () => {
    const docs = await loadDocuments(FILE, {
      reader: memoryReader({
        [FILE]: echoWsdl({
          schema: echoSchema(
            `<xs:element name="r" type="tns:R"/>`,
            `<xs:complexType name="B"><xs:sequence><xs:element name="x" type="xs:int" minOccurs="0"/><xs:element name="y" type="xs:int" minOccurs="0"/></xs:sequence><xs:attribute name="keep" type="xs:string"/><xs:attribute name="drop" type="xs:string"/><xs:attribute name="tight" type="xs:string"/></xs:complexType>
      <xs:complexType name="R"><xs:complexContent><xs:restriction base="tns:B"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence><xs:attribute name="drop" use="prohibited"/><xs:attribute name="tight" type="xs:string" use="required"/></xs:restriction></xs:complexContent></xs:complexType>`,
          ),
        }),
      }),
    });
    const t = complex(buildModel(docs), `complexType:{${TNS}}R`);
    expect(t.base).toBeUndefined();
    expect(t.fields.map((f) => `${f.qname.local}:${f.minOccurs}`)).toEqual(["x:1"]);
    expect(t.attributes?.map((a) => `${a.qname.local}:${a.required}`)).toEqual(["keep:false", "tight:true"]);
  });

  it("a group from an unqualified schema keeps its local elements unqualified; refs keep their own namespace", async () => {
    const docs = await loadDocuments(FILE, {
      reader: memoryReader({
        [FILE]: echoWsdl({
          schema: echoSchema(`<xs:group ref="o:G" xmlns:o="urn:other"/>`),
          schemas: `
    <xs:schema targetNamespace="urn:other" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:o="urn:other">
      <xs:element name="Top" type="xs:string"/>
      <xs:group name="G"><xs:choice maxOccurs="unbounded"><xs:element name="local" type="xs:int"/><xs:element ref="o:Top"/></xs:choice></xs:group>
    </xs:schema>`,
        }),
      }),
    });
    const t = complex(buildModel(docs), `complexType:{${TNS}}Echo#element`);
    const c = t.particles![0] as Extract<Particle, { kind: "choice" }>;
    expect(c.branches.map((b) => (b[0]!.kind === "element" ? b[0]!.field.qname : undefined))).toEqual([
      { ns: "", local: "local" },
      { ns: "urn:other", local: "Top" },
    ]);
  });

  it("a non-abstract substitution head is a branch of its own group, members take the head's type when untyped", async () => {
    const t = await echo(
      `<xs:element ref="tns:H" minOccurs="0"/>`,
      `<xs:element name="H" type="xs:string"/><xs:element name="M" substitutionGroup="tns:H"/><xs:element name="N" type="xs:int" substitutionGroup="tns:M"/><xs:element name="X" abstract="true" type="xs:int" substitutionGroup="tns:H"/>`,
    );
    expect(shape(t.particles!)).toEqual(["choice 0..1 [H:1..1 | M:1..1 | N:1..1]"]);
    const types = (t.particles![0] as Extract<Particle, { kind: "choice" }>).branches.map((b) =>
      b[0]!.kind === "element" ? b[0]!.field.type : undefined,
    );
    expect(types).toEqual([
      { kind: "builtin", name: "string" },
      { kind: "builtin", name: "string" },
      { kind: "builtin", name: "int" },
    ]);
  });
});

import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../generator/diagnostics/diagnostic.js";
import type { RawSchema } from "../../../generator/parse/raw-xsd.js";
import { readSchema } from "../../../generator/parse/xsd-reader.js";
import { parseXml } from "../../../generator/parse/xml.js";
import { where } from "../../helpers/diagnostics.js";
import { locate } from "../../helpers/wsdl-text.js";

const SER = "http://schemas.microsoft.com/2003/10/Serialization/";

function schemaText(body: string, attrs = 'elementFormDefault="qualified"'): string {
  return `<xs:schema targetNamespace="urn:t" ${attrs} xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t">
${body}
</xs:schema>`;
}

function read(body: string, attrs?: string): { schema: RawSchema; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const schema = readSchema(parseXml(schemaText(body, attrs), "s.xsd"), diagnostics);
  return { schema, diagnostics };
}

interface Case {
  readonly name: string;
  readonly given: string;
  readonly attrs?: string;
  /** Partial expectation on the schema (toMatchObject). */
  readonly want: object;
}

const cases: Case[] = [
  {
    name: "complexType/sequence/element with occurrence, nillable and type",
    given: `<xs:complexType name="T"><xs:sequence>
      <xs:element minOccurs="0" maxOccurs="unbounded" name="a" nillable="true" type="xs:string"/>
      <xs:element name="b" type="tns:Other"/>
    </xs:sequence></xs:complexType>`,
    want: {
      types: [
        {
          kind: "complexType",
          name: "T",
          ns: "urn:t",
          content: {
            kind: "sequence",
            particles: [
              {
                kind: "element",
                name: "a",
                ns: "urn:t",
                minOccurs: 0,
                maxOccurs: -1,
                nillable: true,
                type: { qname: { ns: "http://www.w3.org/2001/XMLSchema", local: "string" } },
              },
              {
                kind: "element",
                name: "b",
                minOccurs: 1,
                maxOccurs: 1,
                nillable: false,
                type: { text: "tns:Other", qname: { ns: "urn:t", local: "Other" } },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: "element@ref",
    given: `<xs:complexType name="T"><xs:sequence><xs:element ref="tns:E" minOccurs="0"/></xs:sequence></xs:complexType>`,
    want: {
      types: [
        { content: { particles: [{ kind: "element", ref: { qname: { ns: "urn:t", local: "E" } }, minOccurs: 0 }] } },
      ],
    },
  },
  {
    name: "complexContent/extension base",
    given: `<xs:complexType name="D"><xs:complexContent mixed="false"><xs:extension base="tns:Carrier">
      <xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:extension></xs:complexContent></xs:complexType>`,
    want: {
      types: [
        {
          name: "D",
          mixed: false,
          content: {
            kind: "extension",
            base: { qname: { ns: "urn:t", local: "Carrier" } },
            particles: [{ name: "x" }],
          },
        },
      ],
    },
  },
  {
    name: "simpleType restriction with enumerations, ActualType and EnumerationValue",
    given: `<xs:simpleType name="Status">
      <xs:annotation><xs:appinfo><ActualType Name="short" Namespace="http://www.w3.org/2001/XMLSchema" xmlns="${SER}"/></xs:appinfo></xs:annotation>
      <xs:restriction base="xs:string">
        <xs:enumeration value="Open"/>
        <xs:enumeration value="SaintAll"><xs:annotation><xs:appinfo><EnumerationValue xmlns="${SER}">1000</EnumerationValue></xs:appinfo></xs:annotation></xs:enumeration>
      </xs:restriction></xs:simpleType>`,
    want: {
      types: [
        {
          kind: "simpleType",
          name: "Status",
          annotation: { actualType: "short" },
          content: {
            kind: "restriction",
            base: { qname: { local: "string" } },
            enumerations: [{ value: "Open" }, { value: "SaintAll", annotation: { enumerationValue: "1000" } }],
            facets: [],
          },
        },
      ],
    },
  },
  {
    name: "simpleType restriction with facets (alias)",
    given: `<xs:simpleType name="guid"><xs:restriction base="xs:string"><xs:pattern value="[\\da-f]{8}"/><xs:maxLength value="36"/></xs:restriction></xs:simpleType>`,
    want: {
      types: [
        {
          content: {
            kind: "restriction",
            enumerations: [],
            facets: [
              { name: "pattern", value: "[\\da-f]{8}" },
              { name: "maxLength", value: "36" },
            ],
          },
        },
      ],
    },
  },
  {
    name: "xs:list of an anonymous enumeration",
    given: `<xs:simpleType name="Flags"><xs:list><xs:simpleType><xs:restriction base="xs:string">
      <xs:enumeration value="Seen"/><xs:enumeration value="Deleted"/></xs:restriction></xs:simpleType></xs:list></xs:simpleType>`,
    want: {
      types: [
        {
          name: "Flags",
          content: {
            kind: "list",
            inlineItem: {
              kind: "simpleType",
              name: undefined,
              content: { enumerations: [{ value: "Seen" }, { value: "Deleted" }] },
            },
          },
        },
      ],
    },
  },
  {
    name: "xs:list itemType",
    given: `<xs:simpleType name="Ints"><xs:list itemType="xs:int"/></xs:simpleType>`,
    want: { types: [{ content: { kind: "list", itemType: { qname: { local: "int" } } } }] },
  },
  {
    name: "IsDictionary appinfo and documentation",
    given: `<xs:complexType name="Dict">
      <xs:annotation><xs:documentation>  A dictionary.  </xs:documentation><xs:appinfo><IsDictionary xmlns="${SER}">true</IsDictionary></xs:appinfo></xs:annotation>
      <xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="KV"><xs:complexType><xs:sequence>
        <xs:element name="Key" type="xs:string"/><xs:element name="Value" type="xs:string"/>
      </xs:sequence></xs:complexType></xs:element></xs:sequence></xs:complexType>`,
    want: {
      types: [
        {
          annotation: { isDictionary: true, documentation: "A dictionary." },
          content: {
            particles: [
              {
                name: "KV",
                maxOccurs: -1,
                inlineType: {
                  kind: "complexType",
                  name: undefined,
                  content: { particles: [{ name: "Key" }, { name: "Value" }] },
                },
              },
            ],
          },
        },
      ],
    },
  },
  {
    name: "global attributes (WCF Serialization FactoryType/Id/Ref) and local attributes",
    given: `<xs:attribute name="FactoryType" type="xs:QName"/><xs:attribute name="Id" type="xs:ID"/>
      <xs:complexType name="A"><xs:sequence/><xs:attribute ref="tns:Id" use="required"/><xs:attributeGroup ref="tns:G"/><xs:anyAttribute/></xs:complexType>`,
    attrs: 'attributeFormDefault="qualified"',
    want: {
      attributes: [
        { kind: "attribute", name: "FactoryType", ns: "urn:t", type: { qname: { local: "QName" } } },
        { kind: "attribute", name: "Id" },
      ],
      types: [
        {
          attributes: [
            { kind: "attribute", ref: { qname: { local: "Id" } }, use: "required" },
            { kind: "attributeGroup" },
            { kind: "anyAttribute" },
          ],
        },
      ],
    },
  },
  {
    name: "elementFormDefault unqualified and form override",
    given: `<xs:element name="G"><xs:complexType><xs:sequence>
      <xs:element name="u" type="xs:string"/><xs:element name="q" form="qualified" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>`,
    attrs: "",
    want: {
      elementFormDefault: "unqualified",
      elements: [
        {
          name: "G",
          ns: "urn:t",
          inlineType: {
            content: {
              particles: [
                { name: "u", ns: "" },
                { name: "q", ns: "urn:t" },
              ],
            },
          },
        },
      ],
    },
  },
  {
    name: "nested sequences occurring once are flattened; an optional one stays a group (the model decides)",
    given: `<xs:complexType name="N"><xs:sequence>
      <xs:element name="a" type="xs:int"/>
      <xs:sequence><xs:element name="b" type="xs:int"/></xs:sequence>
      <xs:sequence minOccurs="0"><xs:element name="c" type="xs:int"/></xs:sequence>
    </xs:sequence></xs:complexType>`,
    want: {
      types: [
        {
          content: {
            particles: [
              { name: "a", minOccurs: 1 },
              { name: "b", minOccurs: 1 },
              { kind: "sequence", minOccurs: 0, maxOccurs: 1, particles: [{ name: "c", minOccurs: 1 }] },
            ],
          },
        },
      ],
    },
  },
  {
    name: "particles: choice, any, group ref, repeated sequence (with occurrences and locations)",
    given: `<xs:complexType name="U"><xs:sequence>
      <xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="a" type="xs:int"/><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:choice>
      <xs:any namespace="##other  urn:x" processContents="lax"/>
      <xs:group ref="tns:G" maxOccurs="3"/>
      <xs:sequence maxOccurs="unbounded"><xs:element name="b" type="xs:int"/></xs:sequence>
    </xs:sequence></xs:complexType>`,
    want: {
      types: [
        {
          content: {
            kind: "sequence",
            particles: [
              {
                kind: "choice",
                minOccurs: 0,
                maxOccurs: -1,
                particles: [
                  { kind: "element", name: "a" },
                  { kind: "sequence", minOccurs: 1, maxOccurs: 1, particles: [{ kind: "element", name: "x" }] },
                ],
                location: { line: 3, column: 7 },
              },
              { kind: "any", namespace: "##other urn:x", process: "lax", minOccurs: 1, maxOccurs: 1 },
              { kind: "groupRef", ref: { qname: { ns: "urn:t", local: "G" } }, minOccurs: 1, maxOccurs: 3 },
              { kind: "sequence", maxOccurs: -1, particles: [{ name: "b" }] },
            ],
          },
        },
      ],
    },
  },
  {
    name: "top-level choice/all are one particle; a named group keeps its model group; union keeps its members",
    given: `<xs:complexType name="C"><xs:choice/></xs:complexType>
      <xs:complexType name="A"><xs:all><xs:element name="z" type="xs:int" minOccurs="0"/></xs:all></xs:complexType>
      <xs:complexType name="S"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>
      <xs:simpleType name="Un"><xs:union memberTypes="xs:int  tns:E"><xs:simpleType><xs:restriction base="xs:string"/></xs:simpleType></xs:union></xs:simpleType>
      <xs:group name="G"><xs:choice><xs:element name="g" type="xs:int"/></xs:choice></xs:group>`,
    want: {
      types: [
        { name: "C", content: { particles: [{ kind: "choice", particles: [] }] } },
        { name: "A", content: { particles: [{ kind: "all", particles: [{ name: "z", minOccurs: 0 }] }] } },
        { name: "S", content: { kind: "simpleContent", derivation: "extension", base: { text: "xs:string" } } },
        {
          name: "Un",
          content: {
            kind: "union",
            memberTypes: [
              { text: "xs:int", qname: { ns: "http://www.w3.org/2001/XMLSchema", local: "int" } },
              { text: "tns:E", qname: { ns: "urn:t", local: "E" } },
            ],
            inlineMembers: [{ kind: "simpleType", content: { kind: "restriction" } }],
          },
        },
      ],
      groups: [{ kind: "group", name: "G", particles: [{ kind: "choice", particles: [{ name: "g" }] }] }],
    },
  },
  {
    name: "attributes: attributeGroup definitions keep their uses; simpleContent keeps base and attributes",
    given: `<xs:attributeGroup name="AG"><xs:attribute name="a" type="xs:int" use="required"/><xs:attributeGroup ref="tns:Other"/><xs:anyAttribute/></xs:attributeGroup>
      <xs:complexType name="Money"><xs:simpleContent><xs:extension base="xs:decimal"><xs:attribute name="cur" type="xs:token" default="EUR"/></xs:extension></xs:simpleContent></xs:complexType>`,
    want: {
      groups: [
        {
          kind: "attributeGroup",
          name: "AG",
          attributes: [
            { kind: "attribute", name: "a", use: "required", type: { text: "xs:int" } },
            { kind: "attributeGroup", ref: { text: "tns:Other" } },
            { kind: "anyAttribute" },
          ],
        },
      ],
      types: [
        {
          name: "Money",
          content: { kind: "simpleContent", derivation: "extension", base: { text: "xs:decimal" }, enumerations: [] },
          attributes: [{ kind: "attribute", name: "cur", ns: "", default: "EUR", use: "optional" }],
        },
      ],
    },
  },
  {
    name: "imports, includes and global groups",
    given: `<xs:import namespace="urn:arrays"/><xs:include schemaLocation="part.xsd"/>
      <xs:group name="G"><xs:sequence/></xs:group><xs:attributeGroup name="AG"/>`,
    want: {
      references: [
        { kind: "import", namespace: "urn:arrays", schemaLocation: undefined },
        { kind: "include", schemaLocation: "part.xsd" },
      ],
      groups: [
        { kind: "group", name: "G" },
        { kind: "attributeGroup", name: "AG" },
      ],
    },
  },
];

describe("readSchema: constructs", () => {
  it.each(cases)("$name", ({ given, attrs, want }) => {
    const { schema, diagnostics } = read(given, attrs);
    expect(diagnostics).toEqual([]);
    expect(schema).toMatchObject(want);
  });

  it("records locations of components and references", () => {
    const body = `<xs:complexType name="T">\n  <xs:sequence><xs:element name="x" type="q1:ArrayOfint" xmlns:q1="urn:arrays"/></xs:sequence></xs:complexType>`;
    const text = schemaText(body);
    const { schema } = read(body);
    const t = schema.types[0];
    expect(t && `${t.location.line}:${t.location.column}`).toBe(locate(text, "<xs:complexType"));
    const el = t?.kind === "complexType" && t.content.kind === "sequence" ? t.content.particles[0] : undefined;
    expect(el?.kind === "element" && el.type && `${el.type.location.line}:${el.type.location.column}`).toBe(
      locate(text, 'type="q1'),
    );
    expect(el?.kind === "element" && el.type?.qname).toEqual({ ns: "urn:arrays", local: "ArrayOfint" });
  });

  it("keeps schema-level attributes and a no-namespace schema", () => {
    const diagnostics: Diagnostic[] = [];
    const s = readSchema(parseXml(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>`, "c.xsd"), diagnostics);
    expect(s).toMatchObject({
      targetNamespace: "",
      hasTargetNamespace: false,
      elementFormDefault: "unqualified",
      attributeFormDefault: "unqualified",
    });
    const chameleon = readSchema(
      parseXml(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="E"/></xs:schema>`, "c.xsd"),
      diagnostics,
      "urn:host",
    );
    expect(chameleon).toMatchObject({ targetNamespace: "urn:host", elements: [{ name: "E", ns: "urn:host" }] });
  });
});

describe("readSchema: invalid input", () => {
  const bad: { name: string; given: string; kind: string; at: string }[] = [
    {
      name: "global element without name",
      given: `<xs:element type="xs:int"/>`,
      kind: "xsd-invalid",
      at: "<xs:element",
    },
    { name: "global complexType without name", given: `<xs:complexType/>`, kind: "xsd-invalid", at: "<xs:complexType" },
    {
      name: "non-numeric minOccurs",
      given: `<xs:complexType name="T"><xs:sequence><xs:element name="a" minOccurs="x"/></xs:sequence></xs:complexType>`,
      kind: "xsd-invalid",
      at: 'minOccurs="x"',
    },
    {
      name: "bad maxOccurs",
      given: `<xs:complexType name="T"><xs:sequence><xs:element name="a" maxOccurs="many"/></xs:sequence></xs:complexType>`,
      kind: "xsd-invalid",
      at: 'maxOccurs="many"',
    },
  ];
  it.each(bad)("$name → $kind", ({ given, kind, at }) => {
    const { diagnostics } = read(given);
    expect(diagnostics.map(where)).toEqual([`${kind} s.xsd:${locate(schemaText(given), at)}`]);
  });
});

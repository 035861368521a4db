/**
 * Bad WSDL/XSD inputs → expected diagnostic kind + `file:line:col` (and key message parts).
 * Each case is a small inline WSDL; `at` is a snippet whose first character the diagnostic
 * must point at.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../../generator/diagnostics/diagnostic.js";
import { loadModel } from "../../../generator/model/load-model.js";
import { diagnosticsOf, where } from "../../helpers/diagnostics.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoSchema, echoWsdl, locate, TNS } from "../../helpers/wsdl-text.js";

const FILE = "/bad/svc.wsdl";

interface BadCase {
  readonly name: string;
  readonly wsdl: string;
  readonly kind: string;
  /** Snippet the location points at (first occurrence, or `[snippet, occurrence]`). */
  readonly at: string | readonly [string, number];
  /** Substrings the message must contain. */
  readonly message?: readonly string[];
}

const cases: BadCase[] = [
  {
    name: "unresolved type (prefix declared on the element)",
    wsdl: echoWsdl({ schema: echoSchema(`<xs:element name="ids" type="q1:ArrayOfInt" xmlns:q1="urn:arrays"/>`) }),
    kind: "xsd-unresolved-type",
    at: 'type="q1:ArrayOfInt"',
    message: ['"q1:ArrayOfInt"', "{urn:arrays}ArrayOfInt"],
  },
  {
    name: "unresolved type with a did-you-mean hint for another namespace",
    wsdl: echoWsdl({
      schema: echoSchema(`<xs:element name="x" type="tns:Thing"/>`),
      schemas: `\n    <xs:schema targetNamespace="urn:other" xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:complexType name="Thing"/></xs:schema>`,
    }),
    kind: "xsd-unresolved-type",
    at: 'type="tns:Thing"',
    message: [`{${TNS}}Thing`, "{urn:other}Thing exists in another namespace"],
  },
  {
    name: "unknown XSD built-in",
    wsdl: echoWsdl({ schema: echoSchema(`<xs:element name="x" type="xs:strin"/>`) }),
    kind: "xsd-unresolved-type",
    at: 'type="xs:strin"',
    message: ["{http://www.w3.org/2001/XMLSchema}strin"],
  },
  {
    name: "undeclared prefix in a type reference",
    wsdl: echoWsdl({ schema: echoSchema(`<xs:element name="x" type="nope:T"/>`) }),
    kind: "xml-unknown-prefix",
    at: 'type="nope:T"',
    message: ['"nope"'],
  },
  {
    name: "unresolved element ref",
    wsdl: echoWsdl({ schema: echoSchema(`<xs:element ref="tns:Missing"/>`) }),
    kind: "xsd-unresolved-element",
    at: 'ref="tns:Missing"',
    message: [`{${TNS}}Missing`, "tns:Missing"],
  },
  {
    name: "unresolved wrapper element of a message part",
    wsdl: echoWsdl({
      echoMessages: `
  <wsdl:message name="EchoRequest"><wsdl:part name="parameters" element="tns:Nope"/></wsdl:message>
  <wsdl:message name="EchoResponse"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>`,
    }),
    kind: "xsd-unresolved-element",
    at: 'element="tns:Nope"',
  },
  {
    name: "unresolved message",
    wsdl: echoWsdl({
      portType: `
  <wsdl:portType name="EchoPortType">
    <wsdl:operation name="Echo"><wsdl:input message="tns:NoSuchMessage"/><wsdl:output message="tns:EchoResponse"/></wsdl:operation>
  </wsdl:portType>`,
    }),
    kind: "wsdl-unresolved",
    at: 'message="tns:NoSuchMessage"',
    message: ["message", `{${TNS}}NoSuchMessage`, "tns:NoSuchMessage"],
  },
  {
    name: "unresolved binding",
    wsdl: echoWsdl({
      service: `
  <wsdl:service name="S"><wsdl:port name="P" binding="tns:NoBinding"><soap:address location="http://h"/></wsdl:port></wsdl:service>`,
    }),
    kind: "wsdl-unresolved",
    at: 'binding="tns:NoBinding"',
    message: ["binding", `{${TNS}}NoBinding`],
  },
  {
    name: "unresolved portType",
    wsdl: echoWsdl({
      binding:
        echoWsdl()
          .match(/\n  <wsdl:binding[\s\S]*<\/wsdl:binding>/)?.[0]
          .replace('type="tns:EchoPortType"', 'type="tns:Missing"') ?? "",
    }),
    kind: "wsdl-unresolved",
    at: 'type="tns:Missing"',
    message: ["portType"],
  },
  {
    name: "binding operation missing from the portType",
    wsdl: echoWsdl({ portType: `\n  <wsdl:portType name="EchoPortType"/>` }),
    kind: "wsdl-unresolved",
    at: '<wsdl:operation name="Echo">\n      <soap:operation',
    message: ['"Echo"', "EchoBinding", "EchoPortType"],
  },
  {
    name: "soap:header part not in its message",
    wsdl: echoWsdl({
      messages: `\n  <wsdl:message name="H"><wsdl:part name="Token" element="tns:Echo"/></wsdl:message>`,
      inputHeaders: `\n        <soap:header message="tns:H" part="Ticket" use="literal"/>`,
    }),
    kind: "wsdl-unresolved",
    at: '<soap:header message="tns:H"',
    message: ['"Ticket"'],
  },
  {
    name: "soap:header message unresolved",
    wsdl: echoWsdl({ inputHeaders: `\n        <soap:header message="tns:NoHeaders" part="Token" use="literal"/>` }),
    kind: "wsdl-unresolved",
    at: 'message="tns:NoHeaders"',
  },
  {
    name: "duplicate complexType (names both locations)",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="x" type="tns:T"/>`,
        `\n      <xs:complexType name="T"><xs:sequence/></xs:complexType>\n      <xs:complexType name="T"><xs:sequence><xs:element name="a" type="xs:int"/></xs:sequence></xs:complexType>`,
      ),
    }),
    kind: "xsd-duplicate",
    at: ['<xs:complexType name="T">', 2],
    message: [`{${TNS}}T`, "defined twice"],
  },
  {
    name: "complexType and simpleType with the same name",
    wsdl: echoWsdl({
      schema: echoSchema(
        "",
        `\n      <xs:complexType name="T"/>\n      <xs:simpleType name="T"><xs:restriction base="xs:string"/></xs:simpleType>`,
      ),
    }),
    kind: "xsd-duplicate",
    at: '<xs:simpleType name="T">',
  },
  {
    name: "identical duplicate element within one document",
    wsdl: echoWsdl({
      schema: echoSchema(
        "",
        `\n      <xs:element name="D" type="xs:int"/>\n      <xs:element name="D" type="xs:int"/>`,
      ),
    }),
    kind: "xsd-duplicate",
    at: ['<xs:element name="D"', 2],
  },
  {
    name: "duplicate message",
    wsdl: echoWsdl({
      messages: `\n  <wsdl:message name="EchoRequest"><wsdl:part name="other" element="tns:Echo"/></wsdl:message>`,
    }),
    kind: "wsdl-duplicate",
    at: ['<wsdl:message name="EchoRequest">', 2],
    message: [`{${TNS}}EchoRequest`],
  },
  {
    name: "a model group that contains itself",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:group ref="tns:G"/>`,
        `\n      <xs:group name="G"><xs:sequence><xs:element name="a" type="xs:int"/><xs:group ref="tns:H" minOccurs="0"/></xs:sequence></xs:group><xs:group name="H"><xs:choice><xs:group ref="tns:G"/></xs:choice></xs:group>`,
      ),
    }),
    kind: "xsd-invalid",
    at: ['<xs:group ref="tns:G"/>', 2],
    message: ["contains itself", `{${TNS}}G → {${TNS}}H → {${TNS}}G`],
  },
  {
    name: "a group ref to an undefined group",
    wsdl: echoWsdl({ schema: echoSchema(`<xs:group ref="tns:G"/>`) }),
    kind: "xsd-unresolved-type",
    at: 'ref="tns:G"',
  },
  {
    name: "an abstract head element without substitutes",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element ref="tns:Head"/>`,
        `\n      <xs:element name="Head" type="xs:string" abstract="true"/>`,
      ),
    }),
    kind: "xsd-invalid",
    at: '<xs:element ref="tns:Head"/>',
    message: ["abstract"],
  },
  {
    name: "simpleContent deriving from a type with element content",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:T"/>`,
        `\n      <xs:complexType name="B"><xs:sequence/></xs:complexType><xs:complexType name="T"><xs:simpleContent><xs:extension base="tns:B"/></xs:simpleContent></xs:complexType>`,
      ),
    }),
    kind: "xsd-unsupported",
    at: '<xs:extension base="tns:B"',
  },
  {
    name: "attributeGroup cycle",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:T"/>`,
        `\n      <xs:attributeGroup name="A"><xs:attributeGroup ref="tns:B"/></xs:attributeGroup><xs:attributeGroup name="B"><xs:attribute name="x" type="xs:string"/><xs:attributeGroup ref="tns:A"/></xs:attributeGroup><xs:complexType name="T"><xs:attributeGroup ref="tns:A"/></xs:complexType>`,
      ),
    }),
    kind: "xsd-invalid",
    at: 'ref="tns:A"',
    message: ["refers to itself", "→"],
  },
  {
    name: "attribute ref to an undefined global attribute",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:T"/>`,
        `\n      <xs:complexType name="T"><xs:attribute ref="tns:Nope"/></xs:complexType>`,
      ),
    }),
    kind: "xsd-unresolved-type",
    at: 'ref="tns:Nope"',
    message: ["attribute"],
  },
  {
    name: "attribute and element with one name (one TypeScript property)",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:T"/>`,
        `\n      <xs:complexType name="T"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence><xs:attribute name="id" type="xs:int"/></xs:complexType>`,
      ),
    }),
    kind: "xsd-unsupported",
    at: '<xs:attribute name="id"',
    message: ["one TypeScript property"],
  },
  {
    name: "extension attribute named like an inherited element",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:D"/>`,
        `\n      <xs:complexType name="B"><xs:sequence><xs:element name="id" type="xs:int"/></xs:sequence></xs:complexType><xs:complexType name="D"><xs:complexContent><xs:extension base="tns:B"><xs:attribute name="id" type="xs:string"/></xs:extension></xs:complexContent></xs:complexType>`,
      ),
    }),
    kind: "xsd-unsupported",
    at: '<xs:attribute name="id"',
    message: ["inherited from its base type"],
  },
  {
    name: "attribute of a complex type",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:T"/>`,
        `\n      <xs:complexType name="C"><xs:sequence/></xs:complexType><xs:complexType name="T"><xs:attribute name="a" type="tns:C"/></xs:complexType>`,
      ),
    }),
    kind: "xsd-invalid",
    at: 'type="tns:C"/></xs:complexType>',
  },
  {
    name: "enumeration in simpleContent restriction",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="t" type="tns:R"/>`,
        `\n      <xs:complexType name="A"><xs:simpleContent><xs:extension base="xs:string"><xs:attribute name="c" type="xs:string"/></xs:extension></xs:simpleContent></xs:complexType><xs:complexType name="R"><xs:simpleContent><xs:restriction base="tns:A"><xs:enumeration value="x"/></xs:restriction></xs:simpleContent></xs:complexType>`,
      ),
    }),
    kind: "xsd-unsupported",
    at: '<xs:enumeration value="x"',
  },
  {
    name: "xs:union with an unresolvable member type",
    wsdl: echoWsdl({
      schema: echoSchema(
        `<xs:element name="u" type="tns:U"/>`,
        `\n      <xs:simpleType name="U"><xs:union memberTypes="xs:int tns:Nope"/></xs:simpleType>`,
      ),
    }),
    kind: "xsd-unresolved-type",
    at: "memberTypes=",
    message: ["tns:Nope"],
  },
  {
    name: "unknown style",
    wsdl: echoWsdl().replace('style="document"', 'style="message"'),
    kind: "wsdl-unsupported",
    at: '<wsdl:operation name="Echo">\n      <soap:operation',
    message: ['style="message"'],
  },
  {
    name: 'use="encoded"',
    wsdl: echoWsdl().replace(
      '<soap:body use="literal"/>',
      '<soap:body use="encoded" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>',
    ),
    kind: "wsdl-unsupported",
    at: '<soap:body use="encoded"',
    message: ['use="encoded"'],
  },
  {
    name: "document body with several parts, one of them type=",
    wsdl: echoWsdl({
      echoMessages: `
  <wsdl:message name="EchoRequest"><wsdl:part name="a" element="tns:Echo"/><wsdl:part name="text" type="xsd:string"/></wsdl:message>
  <wsdl:message name="EchoResponse"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>`,
    }),
    kind: "wsdl-unsupported",
    at: '<wsdl:part name="text"',
  },
  {
    name: "two bare body parts of one element",
    wsdl: echoWsdl({
      echoMessages: `
  <wsdl:message name="EchoRequest"><wsdl:part name="a" element="tns:Echo"/><wsdl:part name="b" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="EchoResponse"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>`,
    }),
    kind: "wsdl-unsupported",
    at: '<wsdl:part name="b"',
    message: ['both element "Echo"'],
  },
  {
    name: "no SOAP port at all",
    wsdl: echoWsdl({ service: "" }),
    kind: "wsdl-no-soap-port",
    at: "<wsdl:definitions",
  },
];

describe("buildModel: bad input → diagnostic kind and file:line:col", () => {
  it.each(cases)("$name → $kind", async ({ wsdl, kind, at, message }) => {
    const ds = await diagnosticsOf(() => loadModel(FILE, { reader: memoryReader({ [FILE]: wsdl }) }));
    const [snippet, occurrence] = typeof at === "string" ? [at, 1] : at;
    expect(ds.map(where)).toEqual([`${kind} ${FILE}:${locate(wsdl, snippet, occurrence)}`]);
    for (const m of message ?? []) expect(ds[0]?.message).toContain(m);
  });

  it("a duplicate names both locations", async () => {
    const c = cases.find((x) => x.kind === "xsd-duplicate");
    if (!c) throw new Error("fixture");
    const ds = await diagnosticsOf(() => loadModel(FILE, { reader: memoryReader({ [FILE]: c.wsdl }) }));
    expect(ds[0]?.message).toContain(`${FILE}:${locate(c.wsdl, '<xs:complexType name="T">', 1)}`);
    expect(ds[0]?.message).toContain(`${FILE}:${locate(c.wsdl, '<xs:complexType name="T">', 2)}`);
  });

  it("collects several problems into one GeneratorError, each reported once", async () => {
    const wsdl = echoWsdl({
      schema: echoSchema(
        `<xs:element name="a" type="tns:NoA"/>\n            <xs:element name="b" type="tns:NoB"/>\n            <xs:element name="c"><xs:complexType><xs:complexContent><xs:restriction base="tns:R"/></xs:complexContent></xs:complexType></xs:element>`,
      ),
      messages: `\n  <wsdl:message name="H"><wsdl:part name="Token" element="tns:NoToken"/></wsdl:message>`,
      inputHeaders: `\n        <soap:header message="tns:H" part="Token" use="literal"/>`,
    });
    // The binding operation twice: reported as a duplicate (issue 10); the broken header element is reported once.
    const two = wsdl.replace(
      /<wsdl:operation name="Echo">\n\s+<soap:operation[\s\S]*?<\/wsdl:operation>/,
      (op) => `${op}\n    ${op}`,
    );
    const ds = await diagnosticsOf(() => loadModel(FILE, { reader: memoryReader({ [FILE]: two }) }));
    expect(ds.map((d) => d.kind).sort()).toEqual([
      "wsdl-duplicate",
      "xsd-unresolved-element",
      "xsd-unresolved-type",
      "xsd-unresolved-type",
      "xsd-unsupported",
    ]);
    const text = ds.map(formatDiagnostic).join("\n");
    expect(text).toMatch(new RegExp(`^${FILE}:\\d+:\\d+: error xsd-unresolved-type: `, "m"));
    expect(text).toContain("hint: ");
  });

  it("unsupported constructs outside the reachable types are ignored", async () => {
    const m = await loadModel(FILE, {
      reader: memoryReader({
        [FILE]: echoWsdl({
          schemas: `
    <xs:schema targetNamespace="urn:junk" xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:complexType name="C"><xs:choice><xs:any/></xs:choice></xs:complexType>
      <xs:complexType name="S" mixed="true"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>
      <xs:simpleType name="U"><xs:union memberTypes="xs:int"/></xs:simpleType>
      <xs:element name="E" type="nope:Unresolvable"/>
    </xs:schema>`,
        }),
      }),
    });
    expect(m.ports[0]?.operations).toHaveLength(1);
  });
});

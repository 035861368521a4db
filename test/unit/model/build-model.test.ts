import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { buildModel } from "../../../generator/model/build-model.js";
import { loadModel } from "../../../generator/model/load-model.js";
import type { ComplexType, ServiceModel, TypeDef } from "../../../generator/model/types.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { repoRoot } from "../../helpers/shared.js";
import { echoSchema, echoWsdl, TNS } from "../../helpers/wsdl-text.js";

const FILE = "/t/echo.wsdl";
const SER = "http://schemas.microsoft.com/2003/10/Serialization/";

async function build(text: string, more: Record<string, string> = {}): Promise<ServiceModel> {
  return buildModel(await loadDocuments(FILE, { reader: memoryReader({ [FILE]: text, ...more }) }));
}

function type(m: ServiceModel, id: string): TypeDef {
  const t = m.types.get(id);
  if (!t) throw new Error(`no type ${id}; have:\n${[...m.types.keys()].join("\n")}`);
  return t;
}

function complex(m: ServiceModel, id: string): ComplexType {
  const t = type(m, id);
  if (t.kind !== "complex") throw new Error(`${id} is ${t.kind}`);
  return t;
}

const ECHO = `complexType:{${TNS}}Echo#element`;
const ECHO_RESPONSE = `complexType:{${TNS}}EchoResponse#element`;

describe("buildModel: ports and operations", () => {
  it("builds one port per SOAP wsdl:port with operations in binding order", async () => {
    const m = await build(echoWsdl());
    expect(m).toMatchObject({ rootFile: FILE, name: "EchoService", targetNamespace: TNS, files: [{ path: FILE }] });
    expect(m.ports).toHaveLength(1);
    expect(m.ports[0]).toMatchObject({
      service: "EchoService",
      name: "EchoPort",
      binding: "EchoBinding",
      portType: "EchoPortType",
      soapVersion: "1.1",
      address: "http://localhost/echo",
      source: { file: FILE },
    });
    expect(m.ports[0]?.operations).toEqual([
      {
        name: "Echo",
        soapAction: "urn:test/Echo",
        input: { element: { ns: TNS, local: "Echo" }, type: ECHO },
        output: { element: { ns: TNS, local: "EchoResponse" }, type: ECHO_RESPONSE },
        inputHeaders: [],
        outputHeaders: [],
        source: expect.objectContaining({ file: FILE }),
      },
    ]);
    expect([...m.types.keys()]).toEqual([ECHO, ECHO_RESPONSE]);
    expect([...m.elements.keys()]).toEqual([`{${TNS}}Echo`, `{${TNS}}EchoResponse`]);
  });

  it("anonymous wrapper types: id {ns}Name#element, qname = element qname, fields in order", async () => {
    const m = await build(echoWsdl());
    expect(complex(m, ECHO)).toMatchObject({
      kind: "complex",
      qname: { ns: TNS, local: "Echo" },
      anonymous: true,
      abstract: false,
      isDictionary: false,
      isArrayWrapper: false,
      fields: [
        {
          qname: { ns: TNS, local: "text" },
          type: { kind: "builtin", name: "string" },
          minOccurs: 1,
          maxOccurs: 1,
          nillable: false,
        },
      ],
    });
    expect(complex(m, ECHO).base).toBeUndefined();
  });

  it("operations in binding order (not portType order), overloads matched by name", async () => {
    const ops = ["B", "A"];
    const m = await build(
      echoWsdl({
        portType: `
  <wsdl:portType name="EchoPortType">
    <wsdl:operation name="A"><wsdl:input message="tns:EchoRequest"/><wsdl:output message="tns:EchoResponse"/></wsdl:operation>
    <wsdl:operation name="B"><wsdl:input message="tns:EchoRequest"/></wsdl:operation>
  </wsdl:portType>`,
        binding: `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" style="document"/>${ops
      .map(
        (o) => `
    <wsdl:operation name="${o}"><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
      )
      .join("")}
  </wsdl:binding>`,
      }),
    );
    expect(m.ports[0]?.operations.map((o) => [o.name, o.soapAction, o.output === null])).toEqual([
      ["B", "", true],
      ["A", "", false],
    ]);
  });

  it("SOAP 1.2 ports; HTTP ports are skipped", async () => {
    const m = await build(
      echoWsdl({
        binding: `
  <wsdl:binding name="B11" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo"><soap:operation soapAction="a11"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="B12" type="tns:EchoPortType">
    <soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo"><soap12:operation soapAction="a12"/><wsdl:input><soap12:body use="literal"/></wsdl:input><wsdl:output><soap12:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="BH" type="tns:EchoPortType" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"><http:binding verb="POST"/></wsdl:binding>`,
        service: `
  <wsdl:service name="S">
    <wsdl:port name="PH" binding="tns:BH"/>
    <wsdl:port name="P12" binding="tns:B12"><soap12:address location="http://h/12"/></wsdl:port>
    <wsdl:port name="P11" binding="tns:B11"><soap:address location="http://h/11"/></wsdl:port>
  </wsdl:service>`,
      }),
    );
    expect(m.ports.map((p) => [p.name, p.soapVersion, p.address, p.operations[0]?.soapAction])).toEqual([
      ["P12", "1.2", "http://h/12", "a12"],
      ["P11", "1.1", "http://h/11", "a11"],
    ]);
  });

  it("documentation: operation from the portType, port from port/portType/service", async () => {
    const m = await build(
      echoWsdl({
        portType: `
  <wsdl:portType name="EchoPortType">
    <wsdl:documentation><summary>The port type.</summary></wsdl:documentation>
    <wsdl:operation name="Echo">
      <wsdl:documentation>
        <summary>  Echoes the text.  </summary>
      </wsdl:documentation>
      <wsdl:input message="tns:EchoRequest"/><wsdl:output message="tns:EchoResponse"/>
    </wsdl:operation>
  </wsdl:portType>`,
      }),
    );
    expect(m.ports[0]?.documentation).toBe("The port type.");
    expect(m.ports[0]?.operations[0]?.documentation).toBe("Echoes the text.");
  });

  it("binding-only SOAP headers resolve message+part → element → type", async () => {
    const m = await build(
      echoWsdl({
        schema: echoSchema(
          `<xs:element name="text" type="xs:string"/>`,
          `
      <xs:element name="ApplicationToken" nillable="true" type="xs:string"/>
      <xs:complexType name="SoCredentials"><xs:sequence><xs:element minOccurs="0" name="Ticket" nillable="true" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:element name="Credentials" nillable="true" type="tns:SoCredentials"/>
      <xs:element name="Succeeded" type="xs:boolean"/>`,
        ),
        messages: `
  <wsdl:message name="EchoRequest_Headers">
    <wsdl:part name="ApplicationToken" element="tns:ApplicationToken"/>
    <wsdl:part name="Credentials" element="tns:Credentials"/>
  </wsdl:message>
  <wsdl:message name="EchoResponse_Headers">
    <wsdl:part name="Succeeded" element="tns:Succeeded"/>
  </wsdl:message>`,
        inputHeaders: `
        <soap:header message="tns:EchoRequest_Headers" part="ApplicationToken" use="literal"/>
        <soap:header message="tns:EchoRequest_Headers" part="Credentials" use="literal"/>`,
        outputHeaders: `
        <soap:header message="tns:EchoResponse_Headers" part="Succeeded" use="literal"/>`,
      }),
    );
    const op = m.ports[0]?.operations[0];
    expect(op?.inputHeaders.map((h) => [h.name, h.element.local, h.type, h.nillable])).toEqual([
      ["ApplicationToken", "ApplicationToken", { kind: "builtin", name: "string" }, true],
      ["Credentials", "Credentials", { kind: "ref", id: `complexType:{${TNS}}SoCredentials` }, true],
    ]);
    expect(op?.outputHeaders.map((h) => [h.name, h.type, h.nillable])).toEqual([
      ["Succeeded", { kind: "builtin", name: "boolean" }, false],
    ]);
    expect(complex(m, `complexType:{${TNS}}SoCredentials`)).toMatchObject({
      anonymous: false,
      qname: { ns: TNS, local: "SoCredentials" },
    });
    expect(m.elements.has(`{${TNS}}Credentials`)).toBe(true);
  });

  it("header parts in the body message are excluded from the body unless soap:body@parts says otherwise", async () => {
    const m = await build(
      echoWsdl({
        schema: echoSchema(
          `<xs:element name="text" type="xs:string"/>`,
          `\n      <xs:element name="Token" type="xs:string"/>`,
        ),
        echoMessages: `
  <wsdl:message name="EchoRequest">
    <wsdl:part name="parameters" element="tns:Echo"/>
    <wsdl:part name="Token" element="tns:Token"/>
  </wsdl:message>
  <wsdl:message name="EchoResponse">
    <wsdl:part name="Token" element="tns:Token"/>
    <wsdl:part name="parameters" element="tns:EchoResponse"/>
  </wsdl:message>`,
        binding: `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo">
      <wsdl:input><soap:header message="tns:EchoRequest" part="Token" use="literal"/><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal" parts="parameters"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>`,
      }),
    );
    const op = m.ports[0]?.operations[0];
    expect(op?.input.element.local).toBe("Echo");
    expect(op?.inputHeaders.map((h) => h.name)).toEqual(["Token"]);
    expect(op?.output?.element.local).toBe("EchoResponse");
  });

  it("a wrapper element may reference a named complex type", async () => {
    const m = await build(
      echoWsdl({
        schema: `
      <xs:complexType name="EchoType"><xs:sequence><xs:element name="x" type="xs:int"/></xs:sequence></xs:complexType>
      <xs:element name="Echo" type="tns:EchoType"/>
      <xs:element name="EchoResponse" type="tns:EchoType"/>`,
      }),
    );
    expect(m.ports[0]?.operations[0]?.input).toEqual({
      element: { ns: TNS, local: "Echo" },
      type: `complexType:{${TNS}}EchoType`,
    });
    expect([...m.types.keys()]).toEqual([`complexType:{${TNS}}EchoType`]);
  });
});

describe("buildModel: XSD constructs", () => {
  const SCHEMA = echoSchema(
    `
            <xs:element minOccurs="0" name="address" nillable="true" type="tns:EMailAddress"/>
            <xs:element minOccurs="0" name="ids" nillable="true" type="q1:ArrayOfint" xmlns:q1="urn:arrays"/>
            <xs:element minOccurs="0" name="props" nillable="true" type="tns:FieldPropertyDictionary"/>
            <xs:element minOccurs="0" name="flags" type="tns:EMailFlags"/>
            <xs:element minOccurs="0" name="priority" type="tns:EMailPriority"/>
            <xs:element minOccurs="0" name="id" type="ser:guid" xmlns:ser="${SER}"/>
            <xs:element ref="tns:Shared" minOccurs="0"/>
            <xs:element name="inline" minOccurs="0" maxOccurs="unbounded">
              <xs:complexType><xs:sequence><xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType>
            </xs:element>
            <xs:element name="code" minOccurs="0"><xs:simpleType><xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction></xs:simpleType></xs:element>
            <xs:element name="anything" minOccurs="0"/>`,
    `
      <xs:complexType name="Carrier"><xs:sequence><xs:element minOccurs="0" name="TableRight" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="EMailAddress"><xs:complexContent mixed="false"><xs:extension base="tns:Carrier"><xs:sequence>
        <xs:element minOccurs="0" name="Address" nillable="true" type="xs:string"/>
      </xs:sequence></xs:extension></xs:complexContent></xs:complexType>
      <xs:complexType name="FieldPropertyDictionary">
        <xs:annotation><xs:appinfo><IsDictionary xmlns="${SER}">true</IsDictionary></xs:appinfo></xs:annotation>
        <xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="FieldPropertyDictionaryKeyValuePair"><xs:complexType><xs:sequence>
          <xs:element name="Key" nillable="true" type="xs:string"/><xs:element name="Value" nillable="true" type="xs:string"/>
        </xs:sequence></xs:complexType></xs:element></xs:sequence>
      </xs:complexType>
      <xs:simpleType name="EMailFlags">
        <xs:annotation><xs:documentation>Flags.</xs:documentation></xs:annotation>
        <xs:list><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="Seen"/><xs:enumeration value="Deleted"/></xs:restriction></xs:simpleType></xs:list>
      </xs:simpleType>
      <xs:simpleType name="EMailPriority">
        <xs:annotation><xs:appinfo><ActualType Name="short" Namespace="http://www.w3.org/2001/XMLSchema" xmlns="${SER}"/></xs:appinfo></xs:annotation>
        <xs:restriction base="xs:string"><xs:enumeration value="High"><xs:annotation><xs:documentation>Urgent</xs:documentation></xs:annotation></xs:enumeration><xs:enumeration value="Low"/></xs:restriction>
      </xs:simpleType>
      <xs:element name="Shared" nillable="true" type="xs:dateTime"/>
      <xs:complexType name="Unused"><xs:choice><xs:element name="x" type="xs:int"/></xs:choice></xs:complexType>`,
  );
  const SCHEMAS = `
    <xs:schema elementFormDefault="qualified" targetNamespace="urn:arrays" xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:complexType name="ArrayOfint"><xs:sequence><xs:element minOccurs="0" maxOccurs="unbounded" name="int" type="xs:int"/></xs:sequence></xs:complexType>
    </xs:schema>
    <xs:schema attributeFormDefault="qualified" elementFormDefault="qualified" targetNamespace="${SER}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="${SER}">
      <xs:element name="guid" nillable="true" type="tns:guid"/>
      <xs:simpleType name="guid"><xs:restriction base="xs:string"><xs:pattern value="[\\da-fA-F]{8}"/></xs:restriction></xs:simpleType>
      <xs:simpleType name="char"><xs:restriction base="xs:int"/></xs:simpleType>
      <xs:attribute name="Id" type="xs:ID"/>
    </xs:schema>`;
  const modelP = build(echoWsdl({ schema: SCHEMA, schemas: SCHEMAS }));

  const fieldCases: { field: string; want: object }[] = [
    {
      field: "address",
      want: { type: { kind: "ref", id: `complexType:{${TNS}}EMailAddress` }, minOccurs: 0, nillable: true },
    },
    { field: "ids", want: { type: { kind: "ref", id: "complexType:{urn:arrays}ArrayOfint" } } },
    { field: "flags", want: { type: { kind: "ref", id: `simpleType:{${TNS}}EMailFlags` }, nillable: false } },
    { field: "id", want: { type: { kind: "ref", id: `simpleType:{${SER}}guid` } } },
    {
      field: "Shared",
      want: {
        qname: { ns: TNS, local: "Shared" },
        type: { kind: "builtin", name: "dateTime" },
        minOccurs: 0,
        nillable: true,
      },
    },
    { field: "inline", want: { type: { kind: "ref", id: `complexType:{${TNS}}Echo#element/inline` }, maxOccurs: -1 } },
    { field: "code", want: { type: { kind: "ref", id: `simpleType:{${TNS}}Echo#element/code` } } },
    { field: "anything", want: { type: { kind: "builtin", name: "anyType" } } },
  ];
  it.each(fieldCases)("field $field", async ({ field, want }) => {
    const f = complex(await modelP, ECHO).fields.find((x) => x.qname.local === field);
    expect(f).toMatchObject(want);
  });

  it("complexContent/extension → base", async () => {
    const m = await modelP;
    expect(complex(m, `complexType:{${TNS}}EMailAddress`)).toMatchObject({
      base: `complexType:{${TNS}}Carrier`,
      fields: [{ qname: { local: "Address" } }],
      isArrayWrapper: false,
    });
    expect(type(m, `complexType:{${TNS}}Carrier`).kind).toBe("complex");
  });

  it("ArrayOfX → isArrayWrapper (resolved through an element-level xmlns:q1 prefix)", async () => {
    expect(complex(await modelP, "complexType:{urn:arrays}ArrayOfint")).toMatchObject({
      qname: { ns: "urn:arrays", local: "ArrayOfint" },
      isArrayWrapper: true,
      isDictionary: false,
      fields: [{ qname: { ns: "urn:arrays", local: "int" }, maxOccurs: -1 }],
    });
  });

  it("IsDictionary → isDictionary (also an array wrapper); nested anonymous item type id {ns}Parent/Element", async () => {
    const m = await modelP;
    const id = `complexType:{${TNS}}FieldPropertyDictionary/FieldPropertyDictionaryKeyValuePair`;
    expect(complex(m, `complexType:{${TNS}}FieldPropertyDictionary`)).toMatchObject({
      isDictionary: true,
      isArrayWrapper: true,
      fields: [{ type: { kind: "ref", id } }],
    });
    expect(complex(m, id)).toMatchObject({
      anonymous: true,
      qname: { ns: TNS, local: "FieldPropertyDictionaryKeyValuePair" },
      fields: [{ qname: { local: "Key" } }, { qname: { local: "Value" } }],
    });
  });

  it("xs:list of an anonymous enum → list + enum with id {ns}List/item", async () => {
    const m = await modelP;
    expect(type(m, `simpleType:{${TNS}}EMailFlags`)).toMatchObject({
      kind: "list",
      documentation: "Flags.",
      item: { kind: "ref", id: `simpleType:{${TNS}}EMailFlags/item` },
    });
    expect(type(m, `simpleType:{${TNS}}EMailFlags/item`)).toMatchObject({
      kind: "enum",
      anonymous: true,
      base: { kind: "builtin", name: "string" },
      values: [{ value: "Seen" }, { value: "Deleted" }],
    });
  });

  it("enum with ActualType and value documentation", async () => {
    expect(type(await modelP, `simpleType:{${TNS}}EMailPriority`)).toEqual(
      expect.objectContaining({
        kind: "enum",
        actualType: "short",
        values: [{ value: "High", documentation: "Urgent" }, { value: "Low" }],
      }),
    );
  });

  it("restriction without enumeration → alias with facets", async () => {
    const m = await modelP;
    expect(type(m, `simpleType:{${SER}}guid`)).toMatchObject({
      kind: "alias",
      base: { kind: "builtin", name: "string" },
      facets: [{ name: "pattern", value: "[\\da-fA-F]{8}" }],
    });
    expect(type(m, `simpleType:{${TNS}}Echo#element/code`)).toMatchObject({
      kind: "alias",
      anonymous: true,
      qname: { local: "code" },
      facets: [{ name: "maxLength", value: "3" }],
    });
  });

  it("only types reachable from operations and headers are in the model (unreachable xs:choice is fine)", async () => {
    const ids = [...(await modelP).types.keys()];
    expect(ids).toEqual([...ids].sort());
    expect(ids.some((i) => i.includes("Unused") || i.includes("char"))).toBe(false);
    expect(ids).toHaveLength(13);
  });

  it("elementFormDefault unqualified → local elements have no namespace", async () => {
    const m = await build(echoWsdl().replace('elementFormDefault="qualified" ', ""));
    expect(complex(m, ECHO).fields[0]?.qname).toEqual({ ns: "", local: "text" });
  });

  it("schemas in imported .xsd files, including a chameleon include", async () => {
    const m = await loadModel(path.join(repoRoot, "test/fixtures/wsdl-unit/imports/root.wsdl"));
    expect(m.files).toHaveLength(4);
    expect(m.ports[0]?.operations[0]).toMatchObject({
      name: "Get",
      input: { element: { ns: "urn:split/types", local: "Get" } },
    });
    expect(complex(m, "complexType:{urn:split/types}Item").fields.map((f) => f.type)).toEqual([
      { kind: "builtin", name: "string" },
      { kind: "ref", id: "simpleType:{urn:split/types}Id" },
    ]);
    expect(type(m, "simpleType:{urn:split/types}Id")).toMatchObject({
      kind: "alias",
      base: { kind: "builtin", name: "int" },
    });
  });

  it("identical definitions in two documents are not duplicates", async () => {
    const other = echoWsdl().replace(/<wsdl:service[\s\S]*<\/wsdl:service>/, "");
    const m = await build(echoWsdl({ beforeTypes: `\n  <wsdl:import namespace="${TNS}" location="other.wsdl"/>` }), {
      "/t/other.wsdl": other,
    });
    expect(m.ports).toHaveLength(1);
  });

  it("recursive types terminate", async () => {
    const m = await build(
      echoWsdl({
        schema: echoSchema(
          `<xs:element minOccurs="0" name="info" type="tns:Info"/>`,
          `\n      <xs:complexType name="Info"><xs:sequence><xs:element minOccurs="0" name="Inner" type="tns:Info"/></xs:sequence></xs:complexType>`,
        ),
      }),
    );
    expect(complex(m, `complexType:{${TNS}}Info`).fields[0]?.type).toEqual({
      kind: "ref",
      id: `complexType:{${TNS}}Info`,
    });
  });
});

/**
 * WSDL styles in the model: rpc wrappers synthesised from message parts (rpc/literal and
 * rpc/encoded), soapenc:Array types, bare document bodies, and the located diagnostics for
 * what stays unsupported (document/encoded, mixed use, other encodings, multi-dimensional arrays).
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadModel } from "../../../generator/model/load-model.js";
import type { ComplexType, ServiceModel } from "../../../generator/model/types.js";
import { diagnosticsOf, where } from "../../helpers/diagnostics.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { repoRoot } from "../../helpers/shared.js";
import { echoWsdl, locate } from "../../helpers/wsdl-text.js";

const FILE = "/styles/svc.wsdl";
const model = (text: string): Promise<ServiceModel> => loadModel(FILE, { reader: memoryReader({ [FILE]: text }) });
const complex = (m: ServiceModel, id: string): ComplexType => {
  const t = m.types.get(id);
  if (t?.kind !== "complex") throw new Error(`${id} is not a complex type`);
  return t;
};
const fields = (t: ComplexType): string[][] =>
  t.fields.map((f) => [f.qname.ns, f.qname.local, f.type.kind === "builtin" ? f.type.name : f.type.id]);

const RPC_MESSAGES = `
  <wsdl:message name="EchoRequest"><wsdl:part name="text" type="xsd:string"/><wsdl:part name="n" type="xsd:int"/></wsdl:message>
  <wsdl:message name="EchoResponse"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>`;

function rpcWsdl(body = `<soap:body use="literal" namespace="urn:rpc"/>`): string {
  return echoWsdl({ echoMessages: RPC_MESSAGES })
    .replace('style="document"', 'style="rpc"')
    .replace(/<soap:body use="literal"\/>/g, body);
}

describe("rpc style", () => {
  it("synthesises one wrapper per direction, named after the operation, in the soap:body namespace", async () => {
    const m = await model(rpcWsdl());
    const op = m.ports[0]!.operations[0]!;
    expect(op.input.element).toEqual({ ns: "urn:rpc", local: "Echo" });
    expect(op.output!.element).toEqual({ ns: "urn:rpc", local: "EchoResponse" });
    expect(fields(complex(m, op.input.type))).toEqual([
      ["", "text", "string"],
      ["", "n", "int"],
    ]);
    // an element= part's child is the element itself
    expect(fields(complex(m, op.output!.type))).toEqual([
      ["urn:test", "EchoResponse", "complexType:{urn:test}EchoResponse#element"],
    ]);
    expect(op.encoded).toBeUndefined();
  });

  it("rpc/encoded marks the operation and makes parts nillable", async () => {
    const enc = `<soap:body use="encoded" namespace="urn:rpc" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>`;
    const m = await model(rpcWsdl(enc));
    const op = m.ports[0]!.operations[0]!;
    expect(op.encoded).toBe(true);
    expect(complex(m, op.input.type).fields.map((f) => f.nillable)).toEqual([true, true]);
  });

  it("refuses another encodingStyle, at the soap:body", async () => {
    const text = rpcWsdl(`<soap:body use="encoded" namespace="urn:rpc" encodingStyle="urn:other"/>`);
    const ds = await diagnosticsOf(() => model(text));
    expect(ds.map(where)).toEqual([`wsdl-unsupported ${FILE}:${locate(text, '<soap:body use="encoded"')}`]);
    expect(ds[0]!.message).toContain('encodingStyle="urn:other"');
  });

  it("refuses document/encoded and a mix of encoded and literal bodies", async () => {
    const docEnc = echoWsdl().replace(
      /<soap:body use="literal"\/>/g,
      '<soap:body use="encoded" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"/>',
    );
    expect((await diagnosticsOf(() => model(docEnc)))[0]!.message).toContain("document/encoded");
    const mixed = rpcWsdl().replace(
      '<soap:body use="literal" namespace="urn:rpc"/>',
      '<soap:body use="encoded" namespace="urn:rpc"/>',
    );
    expect((await diagnosticsOf(() => model(mixed)))[0]!.message).toContain('mixes use="encoded" and use="literal"');
  });
});

describe("soapenc:Array (Jira.wsdl fixture)", () => {
  it("is an encoded array wrapper whose item is `item` of the wsdl:arrayType", async () => {
    const m = await loadModel(join(repoRoot, "test/fixtures/wsdl-styles/Jira.wsdl"));
    const t = complex(m, "complexType:{urn:soapkit:jira}ArrayOf_tns1_RemoteIssue");
    expect([t.isArrayWrapper, t.encodedArray]).toEqual([true, true]);
    expect(fields(t)).toEqual([["", "item", "complexType:{urn:soapkit:jira:beans}RemoteIssue"]]);
    const login = m.ports[0]!.operations.find((o) => o.name === "login")!;
    expect(login.faults?.map((f) => [f.name, f.element.ns, f.element.local])).toEqual([
      ["RemoteAuthenticationException", "urn:soapkit:jira:exception", "RemoteAuthenticationException"],
    ]);
  });

  it("refuses a multi-dimensional arrayType at the attribute", async () => {
    const schemas = `
    <xs:schema targetNamespace="urn:enc" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">
      <xs:complexType name="Grid"><xs:complexContent><xs:restriction base="soapenc:Array"><xs:attribute ref="soapenc:arrayType" wsdl:arrayType="xs:int[,]"/></xs:restriction></xs:complexContent></xs:complexType>
    </xs:schema>`;
    const text = echoWsdl({
      schemas,
      defsAttrs: ' xmlns:enc="urn:enc"',
      echoMessages: `
  <wsdl:message name="EchoRequest"><wsdl:part name="g" type="enc:Grid"/></wsdl:message>
  <wsdl:message name="EchoResponse"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>`,
    }).replace('style="document"', 'style="rpc"');
    const ds = await diagnosticsOf(() => model(text));
    expect(ds.map(where)).toEqual([`xsd-unsupported ${FILE}:${locate(text, 'wsdl:arrayType="xs:int[,]"')}`]);
    expect(ds[0]!.message).toContain("one-dimensional");
  });
});

describe("document/literal bare", () => {
  it("a simple-typed element part and an empty message become bare wrapper types", async () => {
    const text = echoWsdl({
      schema: `\n      <xs:element name="Echo" type="xs:string"/>`,
      echoMessages: `
  <wsdl:message name="EchoRequest"><wsdl:part name="p" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="EchoResponse"/>`,
    });
    const m = await model(text);
    const op = m.ports[0]!.operations[0]!;
    expect([op.input.element, op.output!.element]).toEqual([
      { ns: "", local: "" },
      { ns: "", local: "" },
    ]);
    expect(fields(complex(m, op.input.type))).toEqual([["urn:test", "Echo", "string"]]);
    expect(complex(m, op.output!.type).fields).toEqual([]);
  });
});

describe("declared faults", () => {
  const faultWsdl = (detailType: string): string =>
    echoWsdl({
      schema: `
      <xs:element name="Echo"><xs:complexType><xs:sequence><xs:element name="text" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="EchoResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="Oops" type="${detailType}"/>
      <xs:simpleType name="U"><xs:annotation><xs:documentation>no derivation: unsupported</xs:documentation></xs:annotation></xs:simpleType>`,
      messages: `
  <wsdl:message name="OopsFault"><wsdl:part name="f" element="tns:Oops"/></wsdl:message>`,
      portType: `
  <wsdl:portType name="EchoPortType">
    <wsdl:operation name="Echo">
      <wsdl:input message="tns:EchoRequest"/>
      <wsdl:output message="tns:EchoResponse"/>
      <wsdl:fault name="Oops" message="tns:OopsFault"/>
    </wsdl:operation>
  </wsdl:portType>`,
    });

  it("are typed by their part's element", async () => {
    const m = await model(faultWsdl("xs:string"));
    expect(m.ports[0]!.operations[0]!.faults).toMatchObject([
      { name: "Oops", element: { ns: "urn:test", local: "Oops" }, type: { kind: "builtin", name: "string" } },
    ]);
  });

  it("a fault detail type soapkit cannot model leaves the faults untyped, noted, instead of failing", async () => {
    const text = faultWsdl("tns:U");
    const m = await model(text);
    expect(m.ports[0]!.operations[0]!.faults).toBeUndefined();
    expect(m.notes?.map((n) => `${n.kind} ${n.location.line}:${n.location.column}`)).toEqual([
      `wsdl-fault-untyped ${locate(text, '<wsdl:fault name="Oops"')}`,
    ]);
    expect(m.notes?.[0]?.message).toContain("xs:simpleType without restriction, list or union is not supported");
  });
});

import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../generator/diagnostics/diagnostic.js";
import type { RawDefinitions } from "../../../generator/parse/raw-wsdl.js";
import { readDocument } from "../../../generator/parse/wsdl-reader.js";
import { parseXml } from "../../../generator/parse/xml.js";
import { where } from "../../helpers/diagnostics.js";
import { echoWsdl, locate } from "../../helpers/wsdl-text.js";

function read(
  text: string,
  isRoot = true,
): { defs: RawDefinitions | undefined; diagnostics: Diagnostic[]; kind: string | undefined } {
  const diagnostics: Diagnostic[] = [];
  const doc = readDocument(parseXml(text, "w.wsdl"), isRoot, diagnostics);
  return { defs: doc?.kind === "wsdl" ? doc.definitions : undefined, diagnostics, kind: doc?.kind };
}

describe("readDefinitions: constructs", () => {
  const cases: { name: string; given: string; want: object }[] = [
    {
      name: "definitions, schemas, messages and parts",
      given: echoWsdl(),
      want: {
        name: "EchoService",
        targetNamespace: "urn:test",
        schemas: [{ targetNamespace: "urn:test", elements: [{ name: "Echo" }, { name: "EchoResponse" }] }],
        messages: [
          {
            name: "EchoRequest",
            parts: [{ name: "parameters", element: { qname: { ns: "urn:test", local: "Echo" } } }],
          },
          { name: "EchoResponse", parts: [{ name: "parameters", element: { text: "tns:EchoResponse" } }] },
        ],
      },
    },
    {
      name: "portType operations with input/output and documentation (<summary> child, plain text, empty)",
      given: echoWsdl({
        portType: `
  <wsdl:portType name="P">
    <wsdl:documentation><summary>  Port summary </summary></wsdl:documentation>
    <wsdl:operation name="A"><wsdl:documentation>  plain text  </wsdl:documentation>
      <wsdl:input name="AReq" message="tns:EchoRequest"/><wsdl:output message="tns:EchoResponse"/><wsdl:fault name="F" message="tns:Fault"/>
    </wsdl:operation>
    <wsdl:operation name="B"><wsdl:documentation><summary>
    </summary></wsdl:documentation><wsdl:input message="tns:EchoRequest"/></wsdl:operation>
    <wsdl:operation name="N"><wsdl:output message="tns:EchoResponse"/><wsdl:input message="tns:EchoRequest"/></wsdl:operation>
  </wsdl:portType>`,
      }),
      want: {
        portTypes: [
          {
            name: "P",
            documentation: "Port summary",
            operations: [
              {
                name: "A",
                documentation: "plain text",
                input: { name: "AReq", message: { qname: { local: "EchoRequest" } } },
                output: {},
                faults: [{ name: "F" }],
                outputFirst: false,
              },
              { name: "B", documentation: undefined, output: undefined, outputFirst: false },
              { name: "N", outputFirst: true },
            ],
          },
        ],
      },
    },
    {
      name: "SOAP 1.1 binding: soap:operation, soap:body, binding-only soap:header",
      given: echoWsdl({ inputHeaders: `\n        <soap:header message="tns:H" part="Token" use="literal"/>` }),
      want: {
        bindings: [
          {
            name: "EchoBinding",
            type: { qname: { ns: "urn:test", local: "EchoPortType" } },
            protocol: { kind: "soap", version: "1.1", transport: "http://schemas.xmlsoap.org/soap/http" },
            operations: [
              {
                name: "Echo",
                soapAction: "urn:test/Echo",
                style: "document",
                input: {
                  body: { use: "literal", parts: undefined },
                  headers: [{ message: { qname: { local: "H" } }, part: "Token", use: "literal" }],
                },
                output: { body: { use: "literal" }, headers: [] },
              },
            ],
          },
        ],
      },
    },
    {
      name: "SOAP 1.2 and HTTP bindings, soap:body parts, services with soap12:address",
      given: echoWsdl({
        binding: `
  <wsdl:binding name="B12" type="tns:EchoPortType">
    <soap12:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo"><soap12:operation soapAction="a12"/>
      <wsdl:input><soap12:body use="literal" parts="p1  p2"/></wsdl:input></wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="BH" type="tns:EchoPortType" xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"><http:binding verb="POST"/></wsdl:binding>`,
        service: `
  <wsdl:service name="S"><wsdl:documentation>svc</wsdl:documentation>
    <wsdl:port name="P12" binding="tns:B12"><soap12:address location=" http://h/12 "/></wsdl:port>
    <wsdl:port name="PH" binding="tns:BH"/>
  </wsdl:service>`,
      }),
      want: {
        bindings: [
          {
            name: "B12",
            protocol: { kind: "soap", version: "1.2", style: "rpc" },
            operations: [{ soapAction: "a12", input: { body: { parts: ["p1", "p2"] } } }],
          },
          { name: "BH", protocol: { kind: "http" }, operations: [] },
        ],
        services: [
          {
            name: "S",
            documentation: "svc",
            ports: [
              { name: "P12", binding: { qname: { local: "B12" } }, address: "http://h/12" },
              { name: "PH", address: undefined },
            ],
          },
        ],
      },
    },
    {
      name: "wsdl:import",
      given: echoWsdl({ beforeTypes: `\n  <wsdl:import namespace="urn:other" location="other.wsdl"/>` }),
      want: { imports: [{ namespace: "urn:other", location: "other.wsdl" }] },
    },
  ];
  it.each(cases)("$name", ({ given, want }) => {
    const { defs, diagnostics } = read(given);
    expect(diagnostics).toEqual([]);
    expect(defs).toMatchObject(want);
  });

  it("reads a standalone xs:schema document when it is not the root", () => {
    expect(read(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:x"/>`, false).kind).toBe(
      "xsd",
    );
  });
});

describe("readDocument: wrong roots and invalid WSDL", () => {
  const cases: { name: string; given: string; isRoot?: boolean; kind: string; at: string; message: RegExp }[] = [
    {
      name: "xs:schema as root document",
      given: `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>`,
      kind: "wsdl-root",
      at: "<xs:schema",
      message: /expected wsdl:definitions/,
    },
    {
      name: "WSDL 2.0",
      given: `<description xmlns="http://www.w3.org/ns/wsdl"/>`,
      kind: "wsdl-root",
      at: "<description",
      message: /WSDL 2\.0/,
    },
    {
      name: "typo'd WSDL namespace",
      given: `<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl"/>`,
      kind: "wsdl-root",
      at: "<wsdl:definitions",
      message: /namespace "http:\/\/schemas\.xmlsoap\.org\/wsdl", expected http:\/\/schemas\.xmlsoap\.org\/wsdl\//,
    },
    {
      name: "imported document that is neither WSDL nor XSD",
      given: `<html/>`,
      isRoot: false,
      kind: "wsdl-root",
      at: "<html",
      message: /expected wsdl:definitions or xs:schema/,
    },
    {
      name: "schema in a typo'd XSD namespace",
      given: echoWsdl({ schemas: `\n    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchemas"/>` }),
      kind: "wsdl-invalid",
      at: '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchemas"',
      message: /expected http:\/\/www\.w3\.org\/2001\/XMLSchema/,
    },
    {
      name: "schema in the 1999 XSD namespace",
      given: echoWsdl({ schemas: `\n    <xs:schema xmlns:xs="http://www.w3.org/1999/XMLSchema"/>` }),
      kind: "xsd-unsupported",
      at: '<xs:schema xmlns:xs="http://www.w3.org/1999',
      message: /pre-recommendation/,
    },
    {
      name: "message without name",
      given: echoWsdl({ messages: `\n  <wsdl:message/>` }),
      kind: "wsdl-invalid",
      at: "<wsdl:message/>",
      message: /no name/,
    },
    {
      name: "unknown element in the WSDL namespace",
      given: echoWsdl({ messages: `\n  <wsdl:mesage name="X"/>` }),
      kind: "wsdl-invalid",
      at: "<wsdl:mesage",
      message: /unexpected element wsdl:mesage/,
    },
  ];
  it.each(cases)("$name → $kind", ({ given, isRoot, kind, at, message }) => {
    const { diagnostics } = read(given, isRoot ?? true);
    expect(diagnostics.map(where)).toEqual([`${kind} w.wsdl:${locate(given, at)}`]);
    expect(diagnostics[0]?.message).toMatch(message);
  });
});

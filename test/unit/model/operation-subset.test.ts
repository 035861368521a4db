/**
 * `prepareModel(...).build(keep)`: only the kept operations are modelled and only the types
 * their messages and headers reach are resolved, so an unsupported construct in a component
 * they do not reach does not stop them; one they reach still does, located.
 */
import { describe, expect, it } from "vitest";
import { loadDocuments } from "../../../generator/load/index.js";
import { prepareModel } from "../../../generator/model/build-model.js";
import { diagnosticsOfSync, where } from "../../helpers/diagnostics.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoWsdl, locate } from "../../helpers/wsdl-text.js";

const FILE = "/subset/svc.wsdl";

const op = (name: string): { message: string; portType: string; binding: string } => ({
  message: `
  <wsdl:message name="${name}In"><wsdl:part name="parameters" element="tns:${name}"/></wsdl:message>
  <wsdl:message name="${name}Out"><wsdl:part name="parameters" element="tns:${name}Response"/></wsdl:message>`,
  portType: `
    <wsdl:operation name="${name}"><wsdl:input message="tns:${name}In"/><wsdl:output message="tns:${name}Out"/></wsdl:operation>`,
  binding: `
    <wsdl:operation name="${name}">
      <soap:operation soapAction="urn:test/${name}" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`,
});

const ops = [op("Ping"), op("Search")];
const WSDL = echoWsdl({
  schema: `
      <xs:element name="Ping"><xs:complexType><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="PingResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:element name="Search"><xs:complexType><xs:sequence><xs:element name="q" type="tns:Query"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="SearchResponse"><xs:complexType><xs:sequence/></xs:complexType></xs:element>
      <xs:complexType name="Query"><xs:complexContent><xs:restriction base="tns:Elsewhere"><xs:sequence><xs:element name="a" type="xs:string"/></xs:sequence></xs:restriction></xs:complexContent></xs:complexType>
      <xs:complexType name="Unused"><xs:complexContent><xs:restriction base="tns:Other"><xs:sequence/></xs:restriction></xs:complexContent></xs:complexType>`,
  echoMessages: ops.map((o) => o.message).join(""),
  portType: `\n  <wsdl:portType name="EchoPortType">${ops.map((o) => o.portType).join("")}\n  </wsdl:portType>`,
  binding: `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${ops.map((o) => o.binding).join("")}
  </wsdl:binding>`,
});

async function prepared() {
  return prepareModel(await loadDocuments(FILE, { reader: memoryReader({ [FILE]: WSDL }) }));
}

describe("operation subsets model only what the chosen operations reach", () => {
  it("lists the operation names without resolving any type", async () => {
    expect((await prepared()).operationNames()).toEqual(["Ping", "Search"]);
  });

  it("a subset avoiding the unsupported complexContent restriction builds, with only its own types", async () => {
    const model = (await prepared()).build(new Set(["Ping"]));
    expect(model.ports[0]!.operations.map((o) => o.name)).toEqual(["Ping"]);
    expect([...model.types.keys()]).toEqual([
      "complexType:{urn:test}Ping#element",
      "complexType:{urn:test}PingResponse#element",
    ]);
    expect([...model.elements.keys()]).toEqual(["{urn:test}Ping", "{urn:test}PingResponse"]);
  });

  it("a subset reaching it fails with the diagnostic located in the reached type only", async () => {
    const p = await prepared();
    const ds = diagnosticsOfSync(() => p.build(new Set(["Search"])));
    expect(ds.map(where)).toEqual([`xsd-unsupported ${FILE}:${locate(WSDL, '<xs:restriction base="tns:Elsewhere">')}`]);
  });

  it("the whole WSDL still fails on the reached restriction (never on the unreachable one)", async () => {
    const p = await prepared();
    const ds = diagnosticsOfSync(() => p.build());
    expect(ds.map(where)).toEqual([`xsd-unsupported ${FILE}:${locate(WSDL, '<xs:restriction base="tns:Elsewhere">')}`]);
  });
});

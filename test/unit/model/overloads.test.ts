/**
 * Overloaded operation names (WSDL 1.1 §2.4.6: one portType, the same operation name, told
 * apart by input/output names): a binding operation selects exactly one overload by those
 * names, or it is a located error. Two bound overloads become two operations with distinct,
 * deterministic keys (the first keeps the name, the next appends its input name), each
 * keeping its WSDL name. Never merged or picked in silence.
 */
import { describe, expect, it } from "vitest";
import { loadModel } from "../../../generator/model/load-model.js";
import { diagnosticsOf, where } from "../../helpers/diagnostics.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoSchema, echoWsdl, locate } from "../../helpers/wsdl-text.js";

const FILE = "/overload/svc.wsdl";

const MESSAGES = `
  <wsdl:message name="ByText"><wsdl:part name="parameters" element="tns:Echo"/></wsdl:message>
  <wsdl:message name="ByNumber"><wsdl:part name="parameters" element="tns:EchoNumber"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="parameters" element="tns:EchoResponse"/></wsdl:message>`;

const PORT_TYPE = `
  <wsdl:portType name="EchoPortType">
    <wsdl:operation name="Echo"><wsdl:input name="ByText" message="tns:ByText"/><wsdl:output name="TextOut" message="tns:Out"/></wsdl:operation>
    <wsdl:operation name="Echo"><wsdl:input name="ByNumber" message="tns:ByNumber"/><wsdl:output name="NumberOut" message="tns:Out"/></wsdl:operation>
  </wsdl:portType>`;

const bound = (input?: string, output?: string): string => `
    <wsdl:operation name="Echo">
      <soap:operation soapAction="urn:test/Echo${input ?? ""}" style="document"/>
      <wsdl:input${input ? ` name="${input}"` : ""}><soap:body use="literal"/></wsdl:input>
      <wsdl:output${output ? ` name="${output}"` : ""}><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`;

function wsdl(...operations: string[]): string {
  return echoWsdl({
    schema: echoSchema(
      `<xs:element name="text" type="xs:string"/>`,
      `\n      <xs:element name="EchoNumber"><xs:complexType><xs:sequence><xs:element name="n" type="xs:int"/></xs:sequence></xs:complexType></xs:element>`,
    ),
    echoMessages: MESSAGES,
    portType: PORT_TYPE,
    binding: `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${operations.join("")}
  </wsdl:binding>`,
  });
}

const model = (text: string) => loadModel(FILE, { reader: memoryReader({ [FILE]: text }) });

describe("overloaded operation names", () => {
  it("a binding operation naming its input/output binds that overload", async () => {
    const m = await model(wsdl(bound("ByNumber", "NumberOut")));
    const ops = m.ports[0]!.operations;
    expect(ops.map((o) => [o.name, o.input.element.local])).toEqual([["Echo", "EchoNumber"]]);
  });

  it("a binding operation that does not tell the overloads apart is a located error (not the first one)", async () => {
    const text = wsdl(bound());
    const ds = await diagnosticsOf(() => model(text));
    expect(ds.map(where)).toEqual([`wsdl-invalid ${FILE}:${locate(text, '<wsdl:operation name="Echo">\n')}`]);
    expect(ds[0]!.message).toContain('matches 0 of the 2 overloaded operations "Echo" of portType "EchoPortType"');
  });

  it("two bound overloads are two operations with distinct keys, never merged", async () => {
    const m = await model(wsdl(bound("ByText", "TextOut"), bound("ByNumber", "NumberOut")));
    const ops = m.ports[0]!.operations;
    expect(ops.map((o) => [o.name, o.wsdlName, o.input.element.local, o.soapAction])).toEqual([
      ["Echo", undefined, "Echo", "urn:test/EchoByText"],
      ["EchoByNumber", "Echo", "EchoNumber", "urn:test/EchoByNumber"],
    ]);
  });

  it("the same binding operation twice is still a located duplicate", async () => {
    const text = wsdl(bound("ByText", "TextOut"), bound("ByText", "TextOut"));
    const ds = await diagnosticsOf(() => model(text));
    expect(ds.map(where)).toEqual([`wsdl-duplicate ${FILE}:${locate(text, '<wsdl:operation name="Echo">\n', 2)}`]);
  });
});

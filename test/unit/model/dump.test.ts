import { describe, expect, it } from "vitest";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { buildModel } from "../../../generator/model/build-model.js";
import { dumpModel } from "../../../generator/model/dump.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoSchema, echoWsdl, TNS } from "../../helpers/wsdl-text.js";

const FILE = "/d/echo.wsdl";
const WSDL = echoWsdl({
  schema: echoSchema(
    `<xs:element name="z" type="tns:Z"/><xs:element name="a" type="tns:A"/>`,
    `\n      <xs:complexType name="Z"><xs:sequence/></xs:complexType>\n      <xs:simpleType name="A"><xs:restriction base="xs:string"/></xs:simpleType>`,
  ),
});

async function dump(): Promise<string> {
  return dumpModel(buildModel(await loadDocuments(FILE, { reader: memoryReader({ [FILE]: WSDL }) })));
}

describe("dumpModel", () => {
  it("is byte-identical across runs, LF-terminated", async () => {
    const a = await dump();
    expect(await dump()).toBe(a);
    expect(a.endsWith("}\n")).toBe(true);
    expect(a).not.toContain("\r");
  });

  it("renders Maps as objects with sorted keys and keeps sequence order in arrays", async () => {
    const json = JSON.parse(await dump()) as {
      types: Record<string, { fields?: { qname: { local: string } }[] }>;
      elements: Record<string, unknown>;
    };
    const keys = Object.keys(json.types);
    expect(keys).toEqual([...keys].sort());
    expect(keys).toContain(`complexType:{${TNS}}Z`);
    expect(json.types[`complexType:{${TNS}}Echo#element`]?.fields?.map((f) => f.qname.local)).toEqual(["z", "a"]);
    expect(Object.keys(json.elements)).toEqual([`{${TNS}}Echo`, `{${TNS}}EchoResponse`]);
  });
});

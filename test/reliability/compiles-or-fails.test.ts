/**
 * Issue 10 (medium): inputs for which generation used to exit 0 with output that does not
 * compile. Invalid XSD/WSDL must now fail with a located diagnostic (`kind file:line:col`);
 * valid input (a repeated element name, schema names that equal names soapkit declares or
 * imports) must generate code that compiles under tsc --strict.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { diagnosticsOf, where } from "../helpers/diagnostics.js";
import { memoryReader } from "../helpers/memory-reader.js";
import { repoRoot } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";
import { echoSchema, echoWsdl, locate } from "../helpers/wsdl-text.js";

const FILE = "/in/svc.wsdl";
const OUT = join(repoRoot, "test/.out/compiles-or-fails");

const gen = (wsdl: string, label: string) =>
  generate([FILE], { outDir: join(OUT, label), load: { reader: memoryReader({ [FILE]: wsdl }) } });

/** Valid inputs: generated in the tests, compiled together in one program (compileErrors). */
const pending = new Map<string, Promise<unknown>>();
function compiles(wsdl: string, label: string): void {
  pending.set(
    label,
    gen(wsdl, label).then(({ files }) => writeOutput(join(OUT, label), files)),
  );
}
async function compileErrors(label: string): Promise<string[]> {
  await Promise.all(pending.values());
  errors ??= typecheck((await Promise.all([...pending.keys()].map((l) => tsFiles(join(OUT, l))))).flat());
  return errors.filter((e) => e.includes(`/${label}/`));
}
let errors: string[] | undefined;

async function fails(wsdl: string, label: string): Promise<string[]> {
  return (await diagnosticsOf(() => gen(wsdl, label))).map(where);
}

const ext = (name: string, base: string, seq = "") =>
  `<xs:complexType name="${name}"><xs:complexContent><xs:extension base="tns:${base}"><xs:sequence>${seq}</xs:sequence></xs:extension></xs:complexContent></xs:complexType>`;

afterAll(() => rm(OUT, { recursive: true, force: true }));

describe("invalid input fails with a located diagnostic", () => {
  it("a complex type that extends itself (TS2310)", async () => {
    const wsdl = echoWsdl({ schema: echoSchema(`<xs:element name="a" type="tns:A"/>`, ext("A", "A")) });
    expect(await fails(wsdl, "self")).toEqual([`xsd-invalid ${FILE}:${locate(wsdl, '<xs:complexType name="A"')}`]);
  });

  it("an extension cycle A → B → A (TS2310)", async () => {
    const wsdl = echoWsdl({ schema: echoSchema(`<xs:element name="a" type="tns:A"/>`, ext("A", "B") + ext("B", "A")) });
    expect(await fails(wsdl, "ext-cycle")).toEqual([`xsd-invalid ${FILE}:${locate(wsdl, '<xs:complexType name="A"')}`]);
  });

  it("a simpleType restriction cycle (TS2456)", async () => {
    const st = (n: string, b: string) => `<xs:simpleType name="${n}"><xs:restriction base="tns:${b}"/></xs:simpleType>`;
    const wsdl = echoWsdl({
      schema: echoSchema(`<xs:element name="s" type="tns:S1"/>`, st("S1", "S2") + st("S2", "S1")),
    });
    expect(await fails(wsdl, "simple-cycle")).toEqual([
      `xsd-invalid ${FILE}:${locate(wsdl, '<xs:simpleType name="S1"')}`,
    ]);
  });

  it("a list whose item type is the list itself", async () => {
    const wsdl = echoWsdl({
      schema: echoSchema(
        `<xs:element name="l" type="tns:L"/>`,
        `<xs:simpleType name="L"><xs:list itemType="tns:L"/></xs:simpleType>`,
      ),
    });
    expect(await fails(wsdl, "list-cycle")).toEqual([`xsd-invalid ${FILE}:${locate(wsdl, '<xs:simpleType name="L"')}`]);
  });

  it("a binding that declares the same operation twice (TS2393)", async () => {
    const op = `
    <wsdl:operation name="Echo">
      <soap:operation soapAction="urn:test/Echo" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>`;
    const binding = `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${op}${op}
  </wsdl:binding>`;
    const wsdl = echoWsdl({ binding });
    expect(await fails(wsdl, "dup-op")).toEqual([
      `wsdl-duplicate ${FILE}:${locate(wsdl, '<wsdl:operation name="Echo">', 3)}`,
    ]);
  });

  it("two services with the same name (TS2451)", async () => {
    const svc = `
  <wsdl:service name="EchoService">
    <wsdl:port name="EchoPort" binding="tns:EchoBinding"><soap:address location="http://localhost/echo"/></wsdl:port>
  </wsdl:service>`;
    const wsdl = echoWsdl({ service: svc + svc });
    expect(await fails(wsdl, "dup-service")).toEqual([
      `wsdl-duplicate ${FILE}:${locate(wsdl, '<wsdl:service name="EchoService">', 2)}`,
    ]);
  });

  it("two ports with the same name in one service", async () => {
    const port = `<wsdl:port name="EchoPort" binding="tns:EchoBinding"><soap:address location="http://localhost/echo"/></wsdl:port>`;
    const wsdl = echoWsdl({ service: `\n  <wsdl:service name="EchoService">${port}${port}</wsdl:service>` });
    expect(await fails(wsdl, "dup-port")).toEqual([
      `wsdl-duplicate ${FILE}:${locate(wsdl, '<wsdl:port name="EchoPort"', 2)}`,
    ]);
  });

  it("an operation named __proto__ (as a metadata key it would set the prototype)", async () => {
    const wsdl = echoWsdl().replace(/<wsdl:operation name="Echo">/g, '<wsdl:operation name="__proto__">');
    expect(await fails(wsdl, "proto-op")).toEqual([
      `wsdl-unsupported ${FILE}:${locate(wsdl, '<wsdl:operation name="__proto__">', 2)}`,
    ]);
  });

  it("an operation named like another Object.prototype member (as a metadata key it loses its contextual type: TS2322)", async () => {
    for (const name of ["constructor", "toString", "valueOf"]) {
      const wsdl = echoWsdl().replace(/<wsdl:operation name="Echo">/g, `<wsdl:operation name="${name}">`);
      expect(await fails(wsdl, `${name}-op`)).toEqual([
        `wsdl-unsupported ${FILE}:${locate(wsdl, `<wsdl:operation name="${name}">`, 2)}`,
      ]);
    }
  });

  it("a repeated element name that is not adjacent (the wire order could not be kept)", async () => {
    const wsdl = echoWsdl({
      schema: echoSchema(
        `<xs:element name="a" type="xs:int"/><xs:element name="b" type="xs:int"/><xs:element name="a" type="xs:int"/>`,
      ),
    });
    expect(await fails(wsdl, "dup-elem-apart")).toEqual([
      `xsd-unsupported ${FILE}:${locate(wsdl, '<xs:element name="a"', 2)}`,
    ]);
  });
});

const DUP_ELEM = echoWsdl({
  schema: echoSchema(
    `<xs:element name="a" type="xs:int"/><xs:element name="a" type="xs:int" minOccurs="0"/><xs:element name="b" type="xs:string"/>`,
  ),
});
compiles(DUP_ELEM, "dup-elem");
compiles(reservedNamesWsdl(), "reserved");

function reservedNamesWsdl(): string {
  const named = [
    "AgentCallOptions",
    "ServiceMetadata",
    "CompactMetadata",
    "ClientCore",
    "EchoPortTypeClient",
    "EchoPortTypeClientOptions",
    "EchoPortTypeClientCallOptions",
    "EchoPortTypeRestClientOptions",
    "constructor",
    "valueOf",
    "__proto__",
  ];
  const extra = named
    .map(
      (n) =>
        `<xs:complexType name="${n}"><xs:sequence><xs:element name="v" type="xs:int"/></xs:sequence></xs:complexType>`,
    )
    .join("");
  const seq = named.map((n, i) => `<xs:element name="f${i}" type="tns:${n}"/>`).join("");
  const response = `<xs:element name="EchoResponse"><xs:complexType><xs:sequence><xs:element name="r" type="tns:EchoPortTypeClientOptions"/></xs:sequence></xs:complexType></xs:element>`;
  return echoWsdl({
    schema: echoSchema(seq, extra).replace(/<xs:element name="EchoResponse">[\s\S]*?<\/xs:element>/, response),
  });
}

describe("valid input generates code that compiles", () => {
  it("the same element name twice in a row in one sequence becomes one array property (TS2300)", async () => {
    expect(await compileErrors("dup-elem")).toEqual([]);
    const { files, models } = await gen(DUP_ELEM, "dup-elem");
    const wrapper = [...models[0]!.types.values()].find((t) => t.qname.local === "Echo" && t.kind === "complex");
    expect(wrapper?.kind === "complex" && wrapper.fields.map((f) => [f.qname.local, f.minOccurs, f.maxOccurs])).toEqual(
      [
        ["a", 1, 2],
        ["b", 1, 1],
      ],
    );
    expect(files.find((f) => f.path.endsWith("types.ts"))!.content).toMatch(/\ba: number\[\];/);
  });

  it("schema types named like what soapkit imports or declares (AgentCallOptions, ServiceMetadata, CompactMetadata, <Client>Options) or like Object members (metadata keys)", async () => {
    expect(await compileErrors("reserved")).toEqual([]);
  });
});

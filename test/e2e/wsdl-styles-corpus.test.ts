/**
 * The real-world WSDLs of issue 12 point 2 that soapkit used to refuse for their WSDL style:
 * jira-v2 (Axis 1 rpc/encoded with soapenc:Array), noaa-ndfd (rpc/encoded), gs1-epcis-query
 * (document/literal with simple-typed, i.e. bare, bodies). Each generates (noaa and gs1 for
 * the operations whose types need no xs:all/xs:any/xs:choice, a type-level matter), the output
 * compiles, and a noaa rpc/encoded call goes over HTTP to a local server.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { soapHttpTransport } from "../../runtime/index.js";
import { bodyOf, soap11, startCannedServer, type CannedServer } from "../helpers/canned-server.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";

const dir = requireShared("wsdl/public");
const OUT = join(repoRoot, "test/.out/styles-corpus");

const NOAA_OPS = ["LatLonListZipCode", "LatLonListSquare", "CornerPoints", "LatLonListCityNames", "NDFDgenByDay"];
const GS1_OPS = ["getQueryNames", "unsubscribe", "getSubscriptionIDs", "getStandardVersion", "getVendorVersion"];

describe.skipIf(dir === undefined)("real-world WSDL styles (../shared corpus)", () => {
  let server: CannedServer;
  const metadata: Record<string, string> = {};

  beforeAll(async () => {
    const jobs: [string, string, string[] | undefined][] = [
      ["jira", "jira-v2/jirasoapservice-v2.wsdl", undefined],
      ["noaa", "noaa-ndfd/ndfdXML.wsdl", NOAA_OPS],
      ["gs1", "gs1-epcis-query/EPCglobal-epcis-query-1_2.wsdl", GS1_OPS],
    ];
    for (const [name, wsdl, operations] of jobs) {
      const out = join(OUT, name);
      const { files } = await generate([join(dir!, wsdl)], { outDir: out, ...(operations ? { operations } : {}) });
      await writeOutput(out, files);
      metadata[name] = files.find((f) => f.path.endsWith("/metadata.ts"))!.content;
    }
    server = await startCannedServer(() => ({
      body: soap11(
        `<ns1:LatLonListZipCodeResponse xmlns:ns1="http://graphical.weather.gov/xml/DWMLgen/wsdl/ndfdXML.wsdl" soapenv:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">` +
          `<listLatLonOut xsi:type="xsd:string">38.99,-77.02</listLatLonOut></ns1:LatLonListZipCodeResponse>`,
      ),
    }));
  }, 180_000);
  afterAll(() => server?.close());

  it("generates rpc/encoded and bare-body metadata", () => {
    expect(metadata["jira"]).toContain('"v": 3,');
    expect(metadata["jira"]).toMatch(/"getIssue": \{[^}]*"enc": 1/);
    expect(metadata["noaa"]).toContain('"LatLonListZipCode": { "enc": 1 }');
    expect(metadata["gs1"]).toMatch(
      /"getStandardVersion": \{\s*"in": \["EmptyParmsRequest", "GetStandardVersion", 1\],\s*"out": \["getStandardVersionResponse", ""\]/,
    );
  });

  it("the generated clients compile under strict options", async () => {
    for (const name of ["jira", "noaa", "gs1"]) expect(typecheck(await tsFiles(join(OUT, name)))).toEqual([]);
  }, 240_000);

  it("calls noaa-ndfd LatLonListZipCode (rpc/encoded) over HTTP", async () => {
    const mod = (await import(join(OUT, "noaa/ndfd-xml/index.ts"))) as Record<string, (o: object) => unknown>;
    const client = mod["createNdfdXMLPortTypeClient"]!({
      transport: soapHttpTransport({ endpoint: server.endpoint }),
    }) as {
      latLonListZipCode(p: { zipCodeList: string }): Promise<string>;
    };
    expect(await client.latLonListZipCode({ zipCodeList: "20910" })).toBe("38.99,-77.02");
    expect(bodyOf(server.requests.at(-1)!.body)).toMatch(
      /^<tns:LatLonListZipCode xmlns:xsd="[^"]+" xmlns:soapenc="[^"]+" soap:encodingStyle="http:\/\/schemas.xmlsoap.org\/soap\/encoding\/"><zipCodeList xsi:type="q1:zipCodeListType">20910<\/zipCodeList><\/tns:LatLonListZipCode>$/,
    );
  });
});

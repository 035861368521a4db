/**
 * Ports bound to something other than SOAP 1.1/1.2 (an `http:binding`, or no known binding
 * element) are skipped with a located note, never in silence; the CLI prints the note and the manifest
 * lists it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../generator/cli/main.js";
import { loadModel } from "../../../generator/model/load-model.js";
import { captureIO, removeDir, tempDir } from "../../cli/helpers.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoWsdl, locate } from "../../helpers/wsdl-text.js";

const FILE = "/skipped/svc.wsdl";

const WSDL = echoWsdl({
  defsAttrs: ` xmlns:http="http://schemas.xmlsoap.org/wsdl/http/"`,
  binding: `
  <wsdl:binding name="EchoBinding" type="tns:EchoPortType">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Echo">
      <soap:operation soapAction="urn:test/Echo" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:binding name="EchoHttpGet" type="tns:EchoPortType">
    <http:binding verb="GET"/>
    <wsdl:operation name="Echo"><http:operation location="/Echo"/></wsdl:operation>
  </wsdl:binding>`,
  service: `
  <wsdl:service name="EchoService">
    <wsdl:port name="EchoPort" binding="tns:EchoBinding"><soap:address location="http://localhost/echo"/></wsdl:port>
    <wsdl:port name="EchoHttpGet" binding="tns:EchoHttpGet"><http:address location="http://localhost/echo"/></wsdl:port>
  </wsdl:service>`,
});

describe("non-SOAP bindings are skipped with a note", () => {
  it("the model keeps the SOAP port and notes the HTTP port, located", async () => {
    const model = await loadModel(FILE, { reader: memoryReader({ [FILE]: WSDL }) });
    expect(model.ports.map((p) => p.name)).toEqual(["EchoPort"]);
    expect(model.notes?.map((n) => `${n.kind} ${n.location.line}:${n.location.column}`)).toEqual([
      `wsdl-binding-skipped ${locate(WSDL, '<wsdl:port name="EchoHttpGet"')}`,
    ]);
    expect(model.notes?.[0]?.message).toContain(
      'wsdl:port "EchoHttpGet" of service "EchoService" uses an HTTP binding "EchoHttpGet"',
    );
  });

  it("the CLI prints the note and exits 0", async () => {
    const dir = tempDir("skipped-http");
    try {
      const wsdl = join(dir, "Echo.wsdl");
      writeFileSync(wsdl, WSDL);
      const cap = captureIO(dir);
      const code = await main(["generate", wsdl, "--out", join(dir, "gen")], cap.io);
      expect(code, cap.text()).toBe(0);
      expect(cap.err).toEqual([
        `Echo.wsdl:${locate(WSDL, '<wsdl:port name="EchoHttpGet"')}: note wsdl-binding-skipped: wsdl:port "EchoHttpGet" of service "EchoService" uses an HTTP binding "EchoHttpGet" (http:binding); skipped: soapkit generates clients for SOAP 1.1 and SOAP 1.2 bindings only`,
      ]);
      const manifest = JSON.parse(readFileSync(join(dir, "gen/soapkit.manifest.json"), "utf8"));
      const [line, column] = locate(WSDL, '<wsdl:port name="EchoHttpGet"').split(":").map(Number);
      expect(manifest.notes).toEqual([
        expect.objectContaining({ document: "Echo.wsdl", line, column, kind: "wsdl-binding-skipped" }),
      ]);
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});

/**
 * The synthesised rpc wrapper schema of the corpus sweep (test/helpers/rpc-schema.ts): which
 * operations are rpc (binding default, operation override), and that the schema accepts the
 * wrapper with its parts and rejects a wrapper missing one (xmllint).
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { ServiceMetadata } from "../../../runtime/metadata.js";
import { rpcOperations, rpcSchemas } from "../../helpers/rpc-schema.js";
import { requireTool } from "../../helpers/tools.js";

const WSDL = `<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/">
  <binding name="B" type="tns:PT">
    <soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Add"><soap:operation soapAction=""/></operation>
    <operation name="Doc"><soap:operation soapAction="" style="document"/></operation>
  </binding>
  <binding name="D" type="tns:PT">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Other"><soap:operation soapAction="" style="rpc"/></operation>
    <operation name="Plain"><soap:operation soapAction=""/></operation>
  </binding>
</definitions>`;

const NS = "urn:calc";
const meta: ServiceMetadata = {
  service: "S",
  port: "P",
  binding: "B",
  portType: "PT",
  soapVersion: "1.1",
  address: "http://127.0.0.1/",
  targetNamespace: NS,
  prefixes: [["tns", NS]],
  mapping: { long: "bigint", decimal: "string", dateTime: "string" },
  operations: {
    Add: {
      name: "Add",
      method: "add",
      soapAction: "",
      input: { ns: NS, element: "Add", type: "AddIn", unwrap: null, empty: false },
      output: null,
      inputHeaders: [],
      outputHeaders: [],
    },
  },
  types: {
    AddIn: {
      kind: "complex",
      ns: NS,
      local: "Add",
      fields: [
        { name: "a", ns: "", type: "xs:int", min: 1, max: 1, nillable: false },
        { name: "b", ns: "", type: "xs:int", min: 1, max: 1, nillable: true },
      ],
    },
  },
};

describe("rpc wrapper schemas of the corpus sweep", () => {
  it("reads the style of each binding operation (binding default, operation override)", () => {
    const rpc = rpcOperations([WSDL]);
    expect([...rpc.get("B")!]).toEqual(["Add"]);
    expect([...rpc.get("D")!]).toEqual(["Other"]);
  });

  it.skipIf(!requireTool("xmllint"))("declares the wrapper with its parts (unqualified, typed, nillable)", async () => {
    const [schema] = rpcSchemas([meta], [WSDL]);
    expect(schema?.ns).toBe(NS);
    const dir = await mkdtemp(join(tmpdir(), "soapkit-rpc-schema-"));
    try {
      await writeFile(
        join(dir, "rpc.xsd"),
        schema!.text(() => undefined),
      );
      const run = promisify(execFile);
      const check = async (xml: string) => {
        await writeFile(join(dir, "doc.xml"), xml);
        return run("xmllint", ["--noout", "--schema", join(dir, "rpc.xsd"), join(dir, "doc.xml")]).then(
          () => "valid",
          (e: { stderr: string }) => e.stderr,
        );
      };
      const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
      await expect(check(`<c:Add xmlns:c="${NS}" ${xsi}><a>1</a><b xsi:nil="true"/></c:Add>`)).resolves.toBe("valid");
      await expect(check(`<c:Add xmlns:c="${NS}"><a>1</a></c:Add>`)).resolves.toMatch(/Missing child element.*b/);
      await expect(check(`<c:Add xmlns:c="${NS}"><c:a>1</c:a><b>2</b></c:Add>`)).resolves.toMatch(/\{urn:calc\}a/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

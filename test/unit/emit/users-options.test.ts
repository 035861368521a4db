/**
 * Generated code for users: a REST twin only for SuperOffice NetServer services or when asked,
 * the relative import extension option, symmetric non-stuttering client names, and a banner
 * that names the regenerating command without repository wording.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generate, type GeneratedFile } from "../../../generator/index.js";
import { repoRoot } from "../../helpers/shared.js";

const CALCULATOR = join(repoRoot, "test/fixtures/wsdl/calculator/Calculator.wsdl");
const EMAIL = join(repoRoot, "wsdl/services84/EMail.wsdl");
const OUT = join(repoRoot, "test/.out/users-options");

const paths = (files: readonly GeneratedFile[]): string[] => files.map((f) => f.path);
const text = (files: readonly GeneratedFile[]): string => files.map((f) => f.content).join("\n");

describe("generated code for users", () => {
  it("a plain .asmx WSDL gets SOAP clients named CalculatorClient/createCalculatorClient, no REST twin, no SuperOffice", async () => {
    const { files } = await generate([CALCULATOR], { outDir: OUT });
    expect(paths(files).filter((p) => p.includes("rest"))).toEqual([]);
    expect(text(files)).not.toMatch(/superoffice|Agents\//i);
    // one client class per port, whatever the transport: no REST twin is mentioned either
    expect(text(files)).not.toMatch(/\bREST\b|restTransport|superOfficeProfile/);
    const all = text(files);
    for (const name of [
      "class CalculatorClient ",
      "function createCalculatorClient(",
      "class Calculator12Client ",
      "function createCalculator12Client(",
    ]) {
      expect(all).toContain(name);
    }
    expect(all).not.toMatch(/SoapSoap|Calculator(Soap)?(12)?SoapClient/);
  });

  it("--rest / rest: true asks for the REST twin of any WSDL; a source's rest: false wins over it", async () => {
    const asked = await generate([CALCULATOR], { outDir: OUT, rest: true });
    // the twin is the same client class over `restTransport` (no separate REST client file)
    const askedClient = asked.files.find((f) => f.path === "calculator/client-calculator-soap.ts")!;
    expect(askedClient.content).toContain("restTransport({ baseUrl })");
    expect(paths(asked.files).filter((p) => p.includes("rest"))).toEqual([]);
    const refused = await generate([{ input: CALCULATOR, rest: false }], { outDir: OUT, rest: true });
    expect(paths(refused.files).filter((p) => p.includes("rest"))).toEqual([]);
    expect(text(refused.files)).not.toMatch(/\bREST\b|restTransport/);
  });

  it("a SuperOffice NetServer WSDL gets its REST twin without being asked", async () => {
    const { files } = await generate([EMAIL], { outDir: OUT });
    const client = files.find((f) => f.path === "email/client.ts")!.content;
    expect(client).toContain("class EMailClient ");
    expect(client).toContain("restTransport({ baseUrl })");
    expect(client).not.toContain("RestClient");
    expect(paths(files).filter((p) => p.includes("rest"))).toEqual([]);
  });

  it("importExtension '.ts' writes every relative import with .ts; the default is .js", async () => {
    const ts = await generate([CALCULATOR], { outDir: OUT, importExtension: ".ts" });
    const relative = [...text(ts.files).matchAll(/from "(\.[^"]+)"/g)].map((m) => m[1]!);
    expect(relative.length).toBeGreaterThan(5);
    expect(relative.filter((s) => !s.endsWith(".ts"))).toEqual([]);
    const js = await generate([CALCULATOR], { outDir: OUT });
    expect([...text(js.files).matchAll(/from "(\.[^"]+)"/g)].every((m) => m[1]!.endsWith(".js"))).toBe(true);
  });

  it("the banner names the command, not this repository", async () => {
    const { files } = await generate([CALCULATOR], { outDir: OUT });
    const head = files
      .find((f) => f.path === "index.ts")!
      .content.split("\n")
      .slice(0, 3)
      .join("\n");
    expect(head).toContain("npx soapkit generate");
    expect(head).not.toMatch(/repository|npm run/);
  });
});

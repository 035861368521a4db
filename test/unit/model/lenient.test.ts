/**
 * `--lenient`: the sloppy inputs node-soap tolerates (an undeclared `xs` prefix, a type that no
 * schema defines, a gSOAP-style `name="urn:X"`) are errors by default; named kinds become
 * located warnings, printed and listed in the manifest, and the part is typed `unknown`.
 * Diagnostics soapkit cannot recover from stay errors even with `--lenient all`.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../../generator/cli/main.js";
import { captureIO, removeDir, tempDir } from "../../cli/helpers.js";
import { locate } from "../../helpers/wsdl-text.js";
import { repoRoot } from "../../helpers/shared.js";
import { tsFiles, typecheck } from "../../helpers/typecheck.js";

const WSDL = readFileSync(join(repoRoot, "test/fixtures/lenient/Sloppy.wsdl"), "utf8");

function setup(name: string, text = WSDL): { dir: string; wsdl: string; out: string } {
  const dir = tempDir(name);
  mkdirSync(dir, { recursive: true });
  const wsdl = join(dir, "Sloppy.wsdl");
  writeFileSync(wsdl, text);
  return { dir, wsdl, out: join(dir, "gen") };
}

const PREFIX = locate(WSDL, 'type="xs:string"');
const MISSING = locate(WSDL, 'type="tns:Missing"');
const NAME = locate(WSDL, 'name="urn:EchoIn"');

describe("--lenient", () => {
  it("by default each sloppy construct is a located error that names the way out, and nothing is written", async () => {
    const { dir, wsdl, out } = setup("lenient-strict");
    try {
      const cap = captureIO(dir);
      expect(await main(["generate", wsdl, "--out", out], cap.io)).toBe(2);
      const text = cap.err.join("\n");
      expect(text).toContain(`Sloppy.wsdl:${PREFIX}: error xml-unknown-prefix:`);
      expect(text).toContain("or pass --lenient xml-unknown-prefix: read as xs:string");
      expect(text).toContain(`Sloppy.wsdl:${MISSING}: error xsd-unresolved-type:`);
      expect(text).toContain(`Sloppy.wsdl:${NAME}: error wsdl-invalid:`);
      expect(() => readFileSync(join(out, "soapkit.manifest.json"))).toThrow();
    } finally {
      removeDir(dir);
    }
  }, 60_000);

  it("named kinds become warnings; the rest stay errors", async () => {
    const { dir, wsdl, out } = setup("lenient-partial");
    try {
      const cap = captureIO(dir);
      const code = await main(["generate", wsdl, "--out", out, "--lenient", "xml-unknown-prefix,wsdl-invalid"], cap.io);
      expect(code).toBe(2);
      const text = cap.err.join("\n");
      expect(text).toContain(`Sloppy.wsdl:${MISSING}: error xsd-unresolved-type:`);
      expect(text).not.toContain("error xml-unknown-prefix");
      expect(text).not.toContain("error wsdl-invalid");
    } finally {
      removeDir(dir);
    }
  }, 60_000);

  it("--lenient all generates: warnings printed, listed in the manifest, parts typed, output compiles", async () => {
    const { dir, wsdl, out } = setup("lenient-all");
    try {
      const cap = captureIO(dir);
      expect(await main(["generate", wsdl, "--out", out, "--lenient", "all"], cap.io), cap.text()).toBe(0);
      expect(cap.err).toEqual([
        `Sloppy.wsdl:${PREFIX}: warning xml-unknown-prefix: namespace prefix "xs" in "xs:string" is not declared; read as xs:string`,
        `Sloppy.wsdl:${MISSING}: warning xsd-unresolved-type: type "tns:Missing" ({urn:len}Missing) is not defined in any loaded schema; typed unknown (xs:anyType: text, raw XML or an xsi:type value)`,
        `Sloppy.wsdl:${NAME}: warning wsdl-invalid: wsdl:message name "urn:EchoIn" is not a valid XML name (NCName: it must start with a letter or "_" and contain no spaces or colons); kept as written (TypeScript names are sanitised)`,
      ]);
      const manifest = JSON.parse(readFileSync(join(out, "soapkit.manifest.json"), "utf8"));
      expect(manifest.notes.map((n: { kind: string; severity?: string }) => `${n.severity} ${n.kind}`)).toEqual([
        "warning xml-unknown-prefix",
        "warning xsd-unresolved-type",
        "warning wsdl-invalid",
      ]);
      expect(manifest.options.lenient).toEqual(["all"]);
      const files = await tsFiles(out);
      const types = readFileSync(
        files.find((f) => f.endsWith("types.ts"))!,
        "utf8",
      );
      expect(types).toMatch(/\ba: string;/);
      expect(types).toMatch(/\bb: unknown;/);
      expect(typecheck(files)).toEqual([]);
    } finally {
      removeDir(dir);
    }
  }, 120_000);

  it("a diagnostic without a recovery stays an error under --lenient all", async () => {
    const broken = WSDL.replace('element="tns:EchoResponse"', 'element="tns:Nowhere"');
    const { dir, wsdl, out } = setup("lenient-hard", broken);
    try {
      const cap = captureIO(dir);
      expect(await main(["generate", wsdl, "--out", out, "--lenient", "all"], cap.io)).toBe(2);
      expect(cap.err.join("\n")).toMatch(/error (wsdl|xsd)-unresolved(-element)?:.*Nowhere/);
    } finally {
      removeDir(dir);
    }
  }, 60_000);

  it("an unknown kind is a usage error listing the valid ones", async () => {
    const { dir, wsdl, out } = setup("lenient-usage");
    try {
      const cap = captureIO(dir);
      expect(await main(["generate", wsdl, "--out", out, "--lenient", "xsd-bogus"], cap.io)).toBe(64);
      expect(cap.err.join("\n")).toContain(
        "--lenient must be a list of all, xsd-unresolved-type, xml-unknown-prefix, wsdl-invalid",
      );
    } finally {
      removeDir(dir);
    }
  });
});

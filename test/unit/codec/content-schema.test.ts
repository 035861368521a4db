/**
 * Independent check: documents the encoder writes for choices, repeated groups, wildcards and
 * mixed content are valid against the XSD they came from (libxml2's xmllint).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { encodeBody } from "../../../runtime/codec/encode.js";
import { sampleValue } from "../../../generator/mock/sample-values.js";
import { TNS, v3Compact } from "./v3-fixture.js";

const XSD = join(import.meta.dirname, "../../fixtures/runtime-v3/content.xsd");
const meta = loadMetadata(v3Compact);
const dir = mkdtempSync(join(tmpdir(), "soapkit-v3-xsd-"));

function validate(type: string, value: object): { ok: boolean; output: string } {
  const xml = encodeBody(meta, { ns: TNS, element: type, type, unwrap: null, empty: false }, value, {
    declareNamespaces: true,
  });
  const file = join(dir, `${type}-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, xml);
  try {
    execFileSync("xmllint", ["--noout", "--schema", XSD, file], { stdio: "pipe" });
    return { ok: true, output: xml };
  } catch (e) {
    return { ok: false, output: `${xml}\n${String((e as { stderr?: Buffer }).stderr ?? e)}` };
  }
}

describe("encoded content models validate against their XSD (xmllint)", () => {
  const cases: [string, object][] = [
    ["Payment", { Id: 1, Card: "4111" }],
    ["Payment", { Id: 1, Iban: "DE1", Bic: "B", Note: "n" }],
    ["Steps", { Title: "t", $choice: [{ Add: 1 }, { Mul: 2, By: 3 }, { Mul: 4 }, { Add: 5 }] }],
    ["Pairs", { $sequence: [{ Key: "a", Value: ["1", "2"] }, { Key: "b" }, { Key: "c", Value: ["3"] }] }],
    ["Open", { Name: "a", $any: ['<x:Ext xmlns:x="urn:example:ext">v<x:i a="1"/></x:Ext>', "<o:O xmlns:o='urn:o'/>"] }],
    ["Text", { $value: "Hello ", B: ["x", "y"] }],
  ];
  for (const [type, value] of cases) {
    it(`${type} ${JSON.stringify(value).slice(0, 60)}`, () => {
      const r = validate(type, value);
      expect(r.ok, r.output).toBe(true);
    });
  }

  it("emulator samples of every variant validate", () => {
    for (const type of ["Payment", "Steps", "Pairs", "Open", "Text"]) {
      for (const variant of [0, 1]) {
        const r = validate(type, sampleValue(meta, type, { variant }) as object);
        expect(r.ok, r.output).toBe(true);
      }
    }
  });

  it("the schema check can fail: two branches of a choice written by hand are invalid", () => {
    const file = join(dir, "bad.xml");
    writeFileSync(file, `<Payment xmlns="${TNS}"><Id>1</Id><Card>c</Card><Iban>i</Iban></Payment>`);
    expect(() => execFileSync("xmllint", ["--noout", "--schema", XSD, file], { stdio: "pipe" })).toThrow();
  });
});

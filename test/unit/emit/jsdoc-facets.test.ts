/**
 * Issue 12, "facets and defaults as JSDoc": test/fixtures/jsdoc/Facets.wsdl → the exact JSDoc of
 * simple types (every facet kind, an enumeration with another facet), element fields (`default`,
 * `fixed`, through a `ref` and inside a choice branch) and attributes (`default`, `fixed`).
 */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../../generator/index.js";
import { repoRoot } from "../../helpers/shared.js";

const WSDL = join(repoRoot, "test/fixtures/jsdoc/Facets.wsdl");
let types = "";

beforeAll(async () => {
  const { files } = await generate([WSDL], { outDir: join(repoRoot, "test/.out/jsdoc-facets") });
  types = files.find((f) => f.path.endsWith("/types.ts"))!.content;
}, 60_000);

const block = (...lines: string[]) => lines.join("\n");

describe("facets and value constraints as JSDoc", () => {
  it.each([
    ["length, pattern", "Code", "string", "Restriction (length: `3`, pattern: `[A-Z]{3}`)."],
    [
      "minLength, maxLength, whiteSpace",
      "Note",
      "string",
      "Restriction (minLength: `1`, maxLength: `80`, whiteSpace: `collapse`).",
    ],
    ["minInclusive, maxInclusive", "Percent", "number", "Restriction (minInclusive: `0`, maxInclusive: `100`)."],
    ["minExclusive, maxExclusive", "Ratio", "number", "Restriction (minExclusive: `0`, maxExclusive: `1`)."],
    ["anonymous type of an element", "Share", "number", "Restriction (maxInclusive: `9`)."],
  ])("a simple type's facets (%s)", (_what, name, ts, facets) => {
    expect(types).toMatch(
      new RegExp(
        `/\\*\\*\\n \\* ${escape(facets)}\\n \\*\\n \\* Schema: [^\\n]*\\n \\*/\\nexport type ${name} = ${ts};`,
      ),
    );
  });

  it("totalDigits and fractionDigits beside the decimal mapping note", () => {
    expect(types).toContain(
      block(
        "/**",
        " * `xs:decimal` as `string` (exact lexical value).",
        " *",
        " * Restriction (totalDigits: `12`, fractionDigits: `2`).",
        " *",
        " * Schema: xsd:simpleType `{urn:soapkit:facets}Money`",
        " */",
        "export type Money = string;",
      ),
    );
  });

  it("an enumeration keeps its other facets", () => {
    expect(types).toContain(
      block(
        "/**",
        " * Restriction (maxLength: `4`).",
        " *",
        " * Schema: xsd:simpleType `{urn:soapkit:facets}Level`",
        " */",
        'export type Level = "low" | "high";',
      ),
    );
  });

  it("element default and fixed (local, through a ref, in a choice branch) and attribute default and fixed", () => {
    const dflt = (v: string) => `Default \`${v}\` (the value of an empty element; not filled in on decoding).`;
    for (const [doc, prop] of [
      [dflt("1"), "Count: number;"],
      ["Fixed value `standard`.", "Kind?: string;"],
      [dflt("EUR"), "Currency?: string;"],
      ["XML attribute `version`. Fixed value `2`.", "version?: string;"],
      ["XML attribute `lang`. Default `en` (applies when absent; not filled in on decoding).", "lang?: string;"],
    ])
      expect(types).toContain(block("  /**", `   * ${doc}`, "   */", `  ${prop}`));
    expect(types).toContain(block("      /**", `       * ${dflt("false")}`, "       */", "      Rush: boolean;"));
    // a field without a value constraint gets no such note
    expect(types).toMatch(/\n {2}Code: Code;\n/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

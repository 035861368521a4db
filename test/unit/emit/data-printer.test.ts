/**
 * The data printer writes JSON text in a template literal: given/want cases, each read back
 * (the value is exactly the data) and checked against prettier (which changes nothing).
 */
import { describe, expect, it } from "vitest";
import { printConstStatement } from "../../../generator/emit/data-printer.js";
import { formatTypeScript } from "../../../generator/format/prettier.js";

/** The data a printed statement holds, read as the runtime reads it. */
function readBack(statement: string): unknown {
  const template = statement.slice(statement.indexOf("JSON.parse(") + "JSON.parse(".length, statement.lastIndexOf(")"));
  return JSON.parse((0, eval)(template) as string);
}

const long = "x".repeat(90);
const cases: [string, unknown][] = [
  ["flat object that fits", { a: 1, b: "two", c: true, d: null }],
  ["nested objects and arrays", { outer: { inner: [1, 2, 3], empty: [], none: {} }, list: ["a", "b"] }],
  [
    "array of ≥2 multi-key objects always breaks",
    {
      fields: [
        { name: "A", min: 0 },
        { name: "B", min: 1 },
      ],
    },
  ],
  [
    "array of tuples breaks, tuples stay flat",
    {
      prefixes: [
        ["tns", "urn:a"],
        ["q1", "urn:b"],
      ],
    },
  ],
  ["single tuple stays flat", { prefixes: [["tns", "urn:a"]] }],
  ["a long string after a long key stays on its line", { soapAction: `http://example.com/${long}` }],
  ["a long string after a short key stays on its line", { ns: `http://example.com/${long}` }],
  ["string array that does not fit breaks one per line", { values: Array.from({ length: 20 }, (_, i) => `Value${i}`) }],
  ["object that does not fit breaks", { a: long, b: long }],
  ["deep nesting", { a: { b: { c: { d: { e: [{ f: 1, g: [{ h: "i", j: -1 }] }] } } } } }],
  // the compact metadata format: one tuple per field, `in`/`out` keys, negative indexes
  [
    "field tuples: one per line",
    {
      types: {
        T: {
          base: "B",
          f: [
            ["A", "xs:int", "?"],
            ["Bee", "ArrayOfstring", "?n", 1],
            ["C", "xs:string", "{2,}n", -1],
          ],
        },
      },
    },
  ],
  ["a single field tuple stays on the key's line", { types: { T: { f: [["AccountId", "xs:int", "?"]] } } }],
  [
    "a single field tuple that does not fit breaks the array, not the tuple",
    { types: { T: { local: "L", f: [[`Field${"x".repeat(33)}`, `Type${"y".repeat(34)}`, "?n"]] } } },
  ],
  [
    "a field tuple longer than the line breaks one item per line",
    {
      a: {
        b: {
          c: {
            d: {
              f: [
                [`F${"x".repeat(50)}`, `T${"y".repeat(40)}`, "*n", 3],
                ["G", "xs:int"],
              ],
            },
          },
        },
      },
    },
  ],
  [
    "header sets with reserved-word keys",
    {
      headers: [
        {
          in: [
            ["ApplicationToken", "xs:string", "n"],
            ["Credentials", "SoCredentials", "n"],
          ],
          out: [["Succeeded", "xs:boolean"]],
        },
      ],
    },
  ],
  [
    "operations that fit and one that does not",
    {
      ops: {
        Get: { in: "GetRequest", out: "GetResponse", h: 0 },
        GetReadySyncEmailAccounts: {
          in: "GetReadySyncEmailAccountsRequest",
          out: "GetReadySyncEmailAccountsResponse",
          h: 0,
        },
      },
    },
  ],
  [
    "body tuples and empty field lists",
    {
      ops: { Fire: { in: ["FireRequest", "FireIt", 1] } },
      types: { E: { f: [] }, A: { ns: 1, item: ["int", "xs:int", "*"], dict: ["Key", "Value"] } },
    },
  ],
  // format v2: attribute entries, xml:lang (-2), any attribute, simple content
  [
    "attribute entries",
    {
      types: {
        Flags: {
          f: [
            ["color", "Color", "@"],
            ["version", "xs:string", "@=", -1, "1.0"],
            ["lang", "xs:language", "@", -2],
            ["by", "xs:string", "@!", 1],
            ["*", "", "@"],
          ],
        },
      },
    },
  ],
  [
    "simple content with one attribute",
    {
      types: {
        Amount: { text: "xs:decimal", f: [["currencyID", "xs:token", "@!"]] },
        PreciseAmount: { base: "Amount", f: [["precision", "xs:int", "@~", -1, "2"]] },
      },
    },
  ],
  ["a long enum value list", { types: { E: { enum: Array.from({ length: 12 }, (_, i) => `UndefinedValue${i}`) } } }],
];

describe("printConstStatement", () => {
  for (const [name, value] of cases) {
    it(name, async () => {
      const text = printConstStatement("X", "T", value);
      expect(readBack(text)).toEqual(value);
      const file = `${text}\n`;
      expect(await formatTypeScript(file)).toBe(file);
    });
  }

  it('a field tuple that fits its own line but not after `"f": [` breaks only the array', () => {
    const text = printConstStatement("X", "T", {
      types: { T: { local: "L", f: [[`Field${"x".repeat(33)}`, `Type${"y".repeat(34)}`, "?n"]] } },
    });
    expect(text.split("\n")[5]).toBe(`        ["Field${"x".repeat(33)}", "Type${"y".repeat(34)}", "?n"]`);
  });

  it("prints a field as one line (the layout the metadata format relies on)", () => {
    const text = printConstStatement("X", "T", {
      f: [
        ["A", "xs:int", "?"],
        ["B", "Other", "*n", 1],
      ],
    });
    expect(text).toBe(
      'export const X: T = JSON.parse(`{\n  "f": [\n    ["A", "xs:int", "?"],\n    ["B", "Other", "*n", 1]\n  ]\n}`);',
    );
  });

  it("escapes what would end or substitute in the template literal, and keeps every string exact", async () => {
    const value = {
      a: 'say "hi"',
      b: "Größe",
      c: "back`quote ${x} \\ end\\",
      d: "line\u2028sep\r\n",
      "first-name": 0.5,
    };
    const text = printConstStatement("X", "T", value);
    expect(readBack(text)).toEqual(value);
    expect(text).toContain("back\\`quote \\${x}");
    expect(text).not.toMatch(/[\u2028\r]/);
    expect(await formatTypeScript(`${text}\n`)).toBe(`${text}\n`);
  });

  it("breaks after `=` when the first line does not fit, as prettier does", async () => {
    for (const n of [55, 56]) {
      const text = `${printConstStatement("N".repeat(n), "CompactMetadata", { a: 1 })}\n`;
      expect(text.split("\n")[0]!.length).toBeLessThanOrEqual(100);
      expect(await formatTypeScript(text)).toBe(text);
    }
  });
});

/**
 * The data printer reproduces prettier's layout for data literals (or declines): given/want
 * cases, each checked against prettier itself.
 */
import { describe, expect, it } from "vitest";
import { printConstStatement } from "../../../generator/emit/data-printer.js";
import { formatTypeScript } from "../../../generator/format/prettier.js";

const long = "x".repeat(90);
const cases: [string, unknown][] = [
  ["flat object that fits", { a: 1, b: "two", c: true, d: null }],
  ["nested objects and arrays", { outer: { inner: [1, 2, 3], empty: [], none: {} }, list: ["a", "b"] }],
  ["array of ≥2 multi-key objects always breaks", { fields: [{ name: "A", min: 0 }, { name: "B", min: 1 }] }],
  ["array of tuples breaks, tuples stay flat", { prefixes: [["tns", "urn:a"], ["q1", "urn:b"]] }],
  ["single tuple stays flat", { prefixes: [["tns", "urn:a"]] }],
  ["long string after a long key moves to the next line", { soapAction: `http://example.com/${long}` }],
  ["long string after a short key stays", { ns: `http://example.com/${long}` }],
  ["string array that does not fit breaks one per line", { values: Array.from({ length: 20 }, (_, i) => `Value${i}`) }],
  ["object that does not fit breaks", { a: long, b: long }],
  ["deep nesting", { a: { b: { c: { d: { e: [{ f: 1, g: [{ h: "i", j: -1 }] }] } } } } }],
];

describe("printConstStatement", () => {
  for (const [name, value] of cases) {
    it(name, async () => {
      const text = printConstStatement("X", "T", value);
      expect(text).toBeDefined();
      const file = `${text}\n`;
      expect(await formatTypeScript(file)).toBe(file);
    });
  }

  it("declines what only prettier can lay out with certainty", () => {
    expect(printConstStatement("X", "T", { "first-name": 1 })).toBeUndefined();
    expect(printConstStatement("X", "T", { a: 'say "hi"' })).toBeUndefined();
    expect(printConstStatement("X", "T", { a: "Größe" })).toBeUndefined();
    expect(printConstStatement("X", "T", { a: 0.5 })).toBeUndefined();
  });
});

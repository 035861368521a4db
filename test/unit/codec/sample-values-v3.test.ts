/** Emulator sample values for metadata v3 shapes: one branch per choice (rotated by `variant`), group items, `$any`, mixed, anyType. */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { encodeBody } from "../../../runtime/codec/encode.js";
import { decodeType } from "../../../runtime/codec/decode.js";
import { parseXml } from "../../../runtime/xml/parse.js";
import { SAMPLE_ANY, sampleInput, sampleOutput, sampleValue } from "../../../generator/mock/sample-values.js";
import { fitToType } from "../../../emulator/meta-util.js";
import { TNS, v3Compact } from "./v3-fixture.js";

const meta = loadMetadata(v3Compact);
const TYPES = ["Payment", "Contact", "Steps", "Pairs", "Open", "OneAny", "Holder", "Text", "IntsHolder"];

function roundTrip(type: string, v: unknown): unknown {
  const xml = encodeBody(meta, { ns: TNS, element: "R", type, unwrap: null, empty: false }, v as object, {
    declareNamespaces: true,
  });
  return decodeType(meta, type, parseXml(xml));
}

describe("sample values for v3 shapes", () => {
  it("picks one choice branch, rotated by variant", () => {
    const a = sampleValue(meta, "Payment") as Record<string, unknown>;
    const b = sampleValue(meta, "Payment", { variant: 1 }) as Record<string, unknown>;
    expect(Object.keys(a)).toEqual(["Id", "Card", "Note"]);
    expect(Object.keys(b)).toEqual(["Id", "Iban", "Bic", "Note"]);
    expect(Object.keys(sampleValue(meta, "Payment", { variant: 2 }) as object)).toEqual(Object.keys(a));
    expect(Object.keys(sampleValue(meta, "Contact", { variant: 1 }) as object)).toEqual(["Landline"]);
  });

  it("gives repeated groups two items of different branches, $any a foreign element, mixed a $value, anyType a string", () => {
    const steps = sampleValue(meta, "Steps") as { $choice: object[] };
    expect(steps.$choice.map((i) => Object.keys(i))).toEqual([["Add"], ["Mul", "By"]]);
    const pairs = sampleValue(meta, "Pairs") as { $sequence: object[] };
    expect(pairs.$sequence).toHaveLength(2);
    expect((sampleValue(meta, "Open") as { $any: unknown }).$any).toEqual([SAMPLE_ANY]);
    expect(SAMPLE_ANY).toBe('<x:Ext xmlns:x="urn:example:ext">v</x:Ext>');
    expect((sampleValue(meta, "OneAny") as { $any: unknown }).$any).toBe(SAMPLE_ANY);
    expect(typeof (sampleValue(meta, "Holder") as { Value: unknown }).Value).toBe("string");
    expect((sampleValue(meta, "Text") as { $value: unknown }).$value).toBe("Text text");
  });

  it("encodes and decodes back to the same value for every variant", () => {
    for (const type of TYPES) {
      for (const variant of [0, 1, 2]) {
        const v = sampleValue(meta, type, { variant });
        expect(roundTrip(type, v), `${type} variant ${variant}`).toStrictEqual(v);
        expect(fitToType(meta, type, v)).toStrictEqual(v);
      }
    }
  });

  it("builds operation inputs and outputs with content models", () => {
    expect(Object.keys(sampleInput(meta, "Pay", { variant: 1 }))).toEqual(["Id", "Iban", "Bic", "Note"]);
    expect(sampleOutput(meta, "Pay")).toHaveProperty("Card");
  });

  it("keeps a wildcard sample inside the namespaces the wildcard admits", () => {
    const m = loadMetadata({
      ...v3Compact,
      types: {
        ...v3Compact.types,
        Local: { f: [["*", "$any", "", "##local"]] },
        Own: { f: [["*", "$any", "+", "##targetNamespace"]] },
      },
    });
    expect(sampleValue(m, "Local")).toEqual({ $any: "<SampleExtension>v</SampleExtension>" });
    expect(sampleValue(m, "Own")).toEqual({ $any: [`<x:SampleExtension xmlns:x="${TNS}">v</x:SampleExtension>`] });
  });
});

describe("sample values for xs:list", () => {
  // ONVIF `StringAttrList` (`xs:list itemType="xs:string"`): string samples contain spaces, list items cannot.
  const m = loadMetadata({
    ...v3Compact,
    types: {
      ...v3Compact.types,
      Tok: { alias: "xs:normalizedString" },
      Strs: { list: "xs:string" },
      Toks: { list: "Tok" },
      Lists: {
        f: [
          ["Strs", "Strs"],
          ["Toks", "Toks", "*"],
          ["Aux", "Strs", "@"],
        ],
      },
    },
  });

  it("gives every list item a single non-empty token and encodes without error", () => {
    for (const seed of ["", "a", "b"]) {
      const v = sampleValue(m, "Lists", { seed }) as { Strs: string[]; Toks: string[][]; Aux: string[] };
      for (const item of [...v.Strs, ...v.Toks.flat(), ...v.Aux]) expect(item).toMatch(/^\S+$/);
      expect(v.Strs).toHaveLength(2);
      expect(() =>
        encodeBody(m, { ns: TNS, element: "R", type: "Lists", unwrap: null, empty: false }, v, {
          declareNamespaces: true,
        }),
      ).not.toThrow();
    }
  });
});

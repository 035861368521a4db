/** Metadata format v4: global elements (`el`), the lookup table of `decodeAnyElement`. */
import { describe, expect, it } from "vitest";
import { decodeAnyElement } from "../../../runtime/codec/lax.js";
import { SoapkitError } from "../../../runtime/errors.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { EXT, TNS, v3Compact } from "../codec/v3-fixture.js";

const v4: CompactMetadata = {
  ...v3Compact,
  v: 4,
  ns: [...v3Compact.ns, EXT],
  el: [
    ["Payment", "Payment"],
    ["Count", "xs:int", 1],
    ["Loose", "xs:string", -1],
  ],
};

function refusal(value: unknown): string {
  try {
    loadMetadata(value as CompactMetadata);
  } catch (e) {
    expect(e).toBeInstanceOf(SoapkitError);
    return (e as SoapkitError).message;
  }
  throw new Error("expected loadMetadata to refuse the metadata");
}

describe("metadata v4: global elements", () => {
  it("expands el entries with the namespace table (default ns[0], -1 none)", () => {
    expect(loadMetadata(v4).elements).toEqual([
      { ns: TNS, local: "Payment", type: "Payment" },
      { ns: EXT, local: "Count", type: "xs:int" },
      { ns: "", local: "Loose", type: "xs:string" },
    ]);
  });

  it("refuses el in an older version, an unknown type and a malformed entry", () => {
    expect(refusal({ ...v4, v: 3 })).toMatch(
      /el: global elements need metadata format version 4 \(this literal declares v: 3\)/,
    );
    expect(refusal({ ...v4, el: [["X", "Nope"]] })).toMatch(/el\[0\]: unknown type 'Nope'/);
    expect(refusal({ ...v4, el: [["X"]] })).toMatch(/el\[0\]: expected \[local, type, ns\?\]/);
    expect(refusal({ ...v4, el: [["X", "xs:int", 9]] })).toMatch(/namespace index 9 is outside the table/);
  });

  it("decodeAnyElement: a known element is typed, a scalar xsi:type too, anything else stays the same string", () => {
    const pay = `<p:Payment xmlns:p="${TNS}"><p:Id>7</p:Id><p:Card>4111</p:Card></p:Payment>`;
    expect(decodeAnyElement(v4, pay)).toEqual({
      ns: TNS,
      local: "Payment",
      type: "Payment",
      value: { Id: 7, Card: "4111" },
    });
    expect(decodeAnyElement(v4, `<e:Count xmlns:e="${EXT}">3</e:Count>`)).toMatchObject({ type: "xs:int", value: 3 });
    const scalar = `<u xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" xsi:type="xs:boolean">true</u>`;
    expect(decodeAnyElement(v4, scalar)).toEqual({ ns: "", local: "u", type: "xs:boolean", value: true });
    const other = `<e:Count xmlns:e="urn:other">3</e:Count>`;
    expect(decodeAnyElement(v4, other)).toBe(other);
    // without `el` (v3) only xsi:type can match
    expect(decodeAnyElement(v3Compact, pay)).toBe(pay);
  });

  it("decodeAnyElement fails with SoapkitError subclasses only: bad content, bad XML", () => {
    expect(() => decodeAnyElement(v4, `<e:Count xmlns:e="${EXT}">x</e:Count>`)).toThrow(SoapkitError);
    expect(() => decodeAnyElement(v4, "<a><b></a>")).toThrow(SoapkitError);
  });
});

/** The zeep comparison's normalisation (test/helpers/zeep-values.ts) for wildcards, integer enums and durations. */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { zeepExpected } from "../../helpers/zeep-values.js";
import { substitutionPairs } from "../../corpus/zeep-check.js";
import { SAMPLE_ANY } from "../../../generator/mock/sample-values.js";
import { TNS, v3Compact } from "../codec/v3-fixture.js";

const meta = loadMetadata({
  ...v3Compact,
  types: {
    ...v3Compact.types,
    Mode: { base: "xs:integer", enum: ["0", "1"] },
    Opts: {
      f: [
        ["Timeout", "xs:duration"],
        ["*", "$any", "*", "##other", "lax"],
        ["After", "Opts", "?"],
        ["mode", "Mode", "@"],
      ],
    },
    Events: { f: [["|", [[["Obj", "xs:string", "*"]], [["Agg", "xs:int"]]], "*", "$choice"]] },
    Version: {
      f: [
        ["Version", "xs:string", "@!=", -1, "2013"],
        ["note", "xs:string", "@"],
      ],
    },
  },
});

describe("zeep expected values", () => {
  it("reads an integer-based enumeration as an int and a duration as total seconds", () => {
    const v = zeepExpected(meta, "Opts", { Timeout: "P1DT2H3M4.5S", $any: [], mode: "1" }) as Record<string, unknown>;
    expect(v["mode"]).toBe(1);
    expect(v["Timeout"]).toEqual({ $dur: 93784.5 });
    expect(v["_value_1"]).toEqual([]);
  });

  it("maps $any to _value_1 (lxml elements by name and text); a repeated wildcard takes the following elements", () => {
    const v = zeepExpected(meta, "Opts", { Timeout: "PT1S", $any: [SAMPLE_ANY], After: { Timeout: "PT2S" } });
    expect(v).toMatchObject({
      $type: `{${TNS}}Opts`,
      Timeout: { $dur: 1 },
      _value_1: [{ $el: "{urn:example:ext}Ext", $text: "v" }, { $el: `{${TNS}}After` }],
      After: null,
    });
  });

  it("reads a repeated choice as _value_N dicts, consecutive items of one repeated branch as one", () => {
    const v = zeepExpected(meta, "Events", { $choice: [{ Obj: ["a"] }, { Obj: ["b", "c"] }, { Agg: 1 }, { Agg: 2 }] });
    expect(v).toEqual({
      $type: `{${TNS}}Events`,
      _value_1: [{ Obj: ["a", "b", "c"] }, { Agg: 1 }, { Agg: 2 }],
    });
    // a changed value still differs
    const w = zeepExpected(meta, "Events", { $choice: [{ Obj: ["aX"] }] }) as Record<string, unknown>;
    expect(w["_value_1"]).toEqual([{ Obj: ["aX"] }]);
  });

  it("expects a required fixed attribute the encoder writes when it is absent", () => {
    expect(zeepExpected(meta, "Version", {})).toEqual({ $type: `{${TNS}}Version`, Version: "2013", note: null });
    expect(zeepExpected(meta, "Version", { Version: "2013", note: "n" })).toMatchObject({ note: "n" });
  });

  it("finds substitution group members (zeep ignores substitutionGroup)", () => {
    const xsd = `<xs:element name="Path" abstract="true"/>
      <xs:element name="FieldURI" type="t:F" substitutionGroup="t:Path" /><xs:element name="Other"/>`;
    expect([...substitutionPairs([xsd])]).toEqual(["FieldURI Path"]);
  });
});

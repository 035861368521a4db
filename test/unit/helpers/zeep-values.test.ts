/** The zeep comparison's normalisation (test/helpers/zeep-values.ts) for wildcards, integer enums and durations. */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { zeepExpected } from "../../helpers/zeep-values.js";
import { SAMPLE_ANY } from "../../../emulator/sample-values.js";
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
});

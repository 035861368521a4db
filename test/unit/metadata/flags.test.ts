/** Field flags: every occurrence/nillable combination survives write (generator) → read (runtime). */
import { describe, expect, it } from "vitest";
import { fieldFlags } from "../../../generator/emit/compact-metadata.js";
import { parseFlags } from "../../../runtime/metadata/flags.js";
import { SoapkitError } from "../../../runtime/errors.js";

describe("field flags", () => {
  it.each([
    [1, 1, false, ""],
    [0, 1, true, "?n"],
    [0, -1, false, "*"],
    [1, -1, true, "+n"],
    [2, 5, false, "{2,5}"],
    [3, -1, true, "{3,}n"],
    [0, 0, false, "{0,0}"],
  ])("min %i max %i nillable %s ⇔ %j", (min, max, nillable, flags) => {
    expect(fieldFlags(min, max, nillable)).toBe(flags);
    expect(parseFlags(flags, "f")).toEqual({ min, max, nillable });
  });

  it.each(["@", "?*", "n?", "x", "{5,2}", "{1}", " ?"])("refuses %j with the path", (flags) => {
    expect(() => parseFlags(flags, "types.T.f[0][2]")).toThrow(SoapkitError);
    expect(() => parseFlags(flags, "types.T.f[0][2]")).toThrow(/types\.T\.f\[0\]\[2\]/);
  });
});

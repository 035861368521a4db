/** REST JSON form of metadata v3 content models: choice peers, group arrays, `$any` strings, mixed `$value`, anyType. */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { decodeJsonValue, encodeJsonValue } from "../../../runtime/rest/json-codec.js";
import { parseJson } from "../../../runtime/rest/json.js";
import { SerializationError } from "../../../runtime/errors.js";
import { v3Compact } from "./v3-fixture.js";

const meta = loadMetadata(v3Compact);
const round = (type: string, v: unknown): unknown =>
  decodeJsonValue(meta, type, parseJson(encodeJsonValue(meta, type, v)));
function encError(type: string, v: unknown): SerializationError {
  try {
    encodeJsonValue(meta, type, v);
  } catch (e) {
    expect(e).toBeInstanceOf(SerializationError);
    return e as SerializationError;
  }
  throw new Error("expected a SerializationError");
}

describe("JSON codec: content models", () => {
  it("writes single-choice branches as peer members and checks the one-branch rule", () => {
    expect(encodeJsonValue(meta, "Payment", { Id: 1, Iban: "DE1", Note: "n" })).toBe(
      '{"Id":1,"Iban":"DE1","Note":"n"}',
    );
    expect(round("Payment", { Id: 1, Card: "4111" })).toStrictEqual({ Id: 1, Card: "4111" });
    expect(encError("Payment", { Id: 1, Card: "4111", Iban: "DE1" }).message).toMatch(/two choice branches/);
    expect(encError("Payment", { Id: 1 }).message).toMatch(/a required choice has no branch set/);
  });

  it("writes repeated choices and sequences as arrays of item objects", () => {
    const steps = { Title: "t", $choice: [{ Add: 1 }, { Mul: 2, By: 3 }] };
    expect(encodeJsonValue(meta, "Steps", steps)).toBe('{"Title":"t","$choice":[{"Add":1},{"Mul":2,"By":3}]}');
    expect(round("Steps", steps)).toStrictEqual(steps);
    const pairs = { $sequence: [{ Key: "a", Value: ["1", "2"] }, { Key: "b" }] };
    expect(round("Pairs", pairs)).toStrictEqual(pairs);
    expect(encError("Steps", { Title: "t", $choice: [{ Add: 1, Mul: 2 }] }).path).toBe("$choice[0].Mul");
    expect(encError("Pairs", { $sequence: [{ Key: "a", Nope: 1 }] }).path).toBe("$sequence[0].Nope");
  });

  it("keeps $any as raw XML strings, checked on the way out", () => {
    const v = { Name: "a", $any: ['<x:Ext xmlns:x="urn:example:ext">v</x:Ext>'] };
    expect(encodeJsonValue(meta, "Open", v)).toBe(
      '{"Name":"a","$any":["<x:Ext xmlns:x=\\"urn:example:ext\\">v</x:Ext>"]}',
    );
    expect(round("Open", v)).toStrictEqual(v);
    expect(round("OneAny", { $any: "<x:A xmlns:x='urn:example:ext'/>" })).toStrictEqual({
      $any: "<x:A xmlns:x='urn:example:ext'/>",
    });
    expect(encError("Open", { Name: "a", $any: ["</a><b>"] }).path).toBe("$any[0]");
    expect(() => decodeJsonValue(meta, "Open", parseJson('{"Name":"a","$any":[1]}'))).toThrow(
      /expected a raw XML string/,
    );
  });

  it("writes mixed text as $value", () => {
    expect(encodeJsonValue(meta, "Text", { $value: "hi", B: ["x"] })).toBe('{"B":["x"],"$value":"hi"}');
    expect(round("Text", { $value: "hi", B: ["x"] })).toStrictEqual({ B: ["x"], $value: "hi" });
  });

  it("writes anyType scalars and typed objects; raw XML content has no JSON form", () => {
    expect(round("Holder", { Value: "s" })).toStrictEqual({ Value: "s" });
    expect(encodeJsonValue(meta, "Holder", { Value: { $type: "Point", X: 1, Y: 2 } })).toBe('{"Value":{"X":1,"Y":2}}');
    expect(encError("Holder", { Value: { $xml: "<a/>" } }).message).toMatch(
      /raw XML content \(\{ \$xml \}\) of an xs:anyType element has no JSON form \(REST\); send it over SOAP/,
    );
    expect(() => decodeJsonValue(meta, "Holder", parseJson('{"Value":{"a":1}}'))).toThrow(
      /expected a string \(xs:anyType\)/,
    );
  });
});

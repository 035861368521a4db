/**
 * Array wrapper types (EWS `NonEmptyArrayOf…`): the encoder enforces the item's occurrence bounds
 * like the decoder does, instead of writing a schema-invalid wrapper.
 */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { encodeBody } from "../../../runtime/codec/encode.js";
import { decodeType } from "../../../runtime/codec/decode.js";
import { parseXml } from "../../../runtime/xml/parse.js";
import { encodeJsonValue } from "../../../runtime/rest/json-codec.js";
import { DeserializationError, SerializationError } from "../../../runtime/errors.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";

const TNS = "urn:arr";
const meta = loadMetadata({
  v: 3,
  service: "S",
  port: "P",
  portType: "T",
  address: "http://127.0.0.1/arr",
  ns: [TNS],
  actionBase: "urn:arr/",
  ops: {},
  types: {
    NonEmpty: { item: ["Id", "xs:string", "+"] },
    Bounded: { item: ["Id", "xs:string", "{1,2}"] },
    Holder: {
      f: [
        ["Ids", "NonEmpty"],
        ["Few", "Bounded", "?"],
      ],
    },
  },
} satisfies CompactMetadata);

function enc(value: object): string {
  return encodeBody(meta, { ns: TNS, element: "R", type: "Holder", unwrap: null, empty: false }, value, {
    declareNamespaces: true,
  });
}
function encError(value: object): SerializationError {
  try {
    enc(value);
  } catch (e) {
    expect(e).toBeInstanceOf(SerializationError);
    return e as SerializationError;
  }
  throw new Error("expected a SerializationError");
}

describe("array wrapper occurrence bounds", () => {
  it("writes a wrapper with enough items", () => {
    expect(enc({ Ids: ["a"] })).toBe(`<tns:R xmlns:tns="${TNS}"><tns:Ids><tns:Id>a</tns:Id></tns:Ids></tns:R>`);
  });

  it("refuses an empty wrapper whose item has minOccurs 1, naming the path", () => {
    const e = encError({ Ids: [] });
    expect(e.path).toBe("Ids");
    expect(e.reason).toBe("at least 1 item(s) required, got 0");
  });

  it("refuses more items than a bounded maxOccurs", () => {
    const e = encError({ Ids: ["a"], Few: ["1", "2", "3"] });
    expect(e.path).toBe("Few");
    expect(e.reason).toBe("at most 2 item(s) allowed, got 3");
  });

  it("agrees with the decoder, which refuses the empty wrapper too", () => {
    const xml = `<R xmlns="${TNS}"><Ids/></R>`;
    expect(() => decodeType(meta, "Holder", parseXml(xml))).toThrow(DeserializationError);
  });

  it("applies the same bounds in the JSON codec", () => {
    expect(encodeJsonValue(meta, "Holder", { Ids: ["a"] })).toBe(`{"Ids":["a"]}`);
    let err: unknown;
    try {
      encodeJsonValue(meta, "Holder", { Ids: [] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SerializationError);
    expect((err as SerializationError).path).toBe("Ids");
  });
});

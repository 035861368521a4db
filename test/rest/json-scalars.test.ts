/**
 * Regression tests of issue 10 on the REST side: the JSON decoder applies the same scalar
 * checks as the SOAP decoder (shared code in runtime/codec/scalars.ts + lexical.ts).
 */
import { describe, expect, it } from "vitest";
import { ClientCore, DeserializationError, ProtocolError, restTransport } from "../../runtime/index.js";
import { decodeJsonResult } from "../../runtime/rest/json-codec.js";
import { parseJson } from "../../runtime/rest/json.js";
import { demoMeta, withMapping } from "../runtime/fixtures/demo.js";
import { fromExpanded } from "../helpers/metadata.js";

const output = demoMeta.operations.GetEMail!.output;

function decode(text: string, meta = demoMeta): unknown {
  return decodeJsonResult(meta, output, parseJson(text), text);
}

function error(text: string, meta = demoMeta): DeserializationError {
  try {
    decode(text, meta);
  } catch (e) {
    expect(e).toBeInstanceOf(DeserializationError);
    return e as DeserializationError;
  }
  throw new Error(`expected a DeserializationError for ${text}`);
}

describe("REST JSON decoding: shared scalar checks", () => {
  const cases: [string, string, RegExp][] = [
    ['{"Id": 99999999999999999999}', "Id", /xs:int value out of range/],
    [`{"Id": ${"9".repeat(400)}}`, "Id", /xs:int value out of range/],
    ['{"Small": -129}', "Small", /xs:byte value out of range/],
    ['{"Count": -1}', "Count", /xs:unsignedInt value out of range/],
    ['{"Size": 9223372036854775808}', "Size", /xs:long value out of range/],
    ['{"Content": "!!!!"}', "Content", /not valid xs:base64Binary/],
    ['{"Content": "QQ==QQ=="}', "Content", /not valid xs:base64Binary/],
    ['{"Sent": "2021-02-30T00:00:00"}', "Sent", /xs:dateTime names a day that does not exist/],
    ['{"Sent": "not a date"}', "Sent", /not a valid xs:dateTime/],
    ['{"Day": "2021-13-01"}', "Day", /not a valid xs:date/],
    ['{"Elapsed": "P1H"}', "Elapsed", /not a valid xs:duration/],
    ['{"IsRead": "yes"}', "IsRead", /not a valid xs:boolean/],
  ];
  for (const [text, path, re] of cases) {
    it(`rejects ${text.slice(0, 40)}`, () => {
      const e = error(text);
      expect(e.path).toBe(`Response.${path}`);
      expect(e.message).toMatch(re);
    });
  }

  it("a number-mapped long beyond 2^53 is an error, not a rounded value", () => {
    const meta = withMapping({ long: "number", decimal: "string", dateTime: "string" });
    expect(error('{"Size": 9007199254740993}', meta).message).toMatch(/beyond ±2\^53/);
    expect(decode('{"Size": 9007199254740991}', meta)).toEqual({ Size: 9007199254740991 });
  });

  it("keeps accepting valid values", () => {
    expect(
      decode(
        '{"Id": -2147483648, "Content": "QUJD RA==", "Sent": "2024-02-29T10:00:00+01:00", "Elapsed": "PT1H", "Size": 9223372036854775807}',
      ),
    ).toEqual({
      Id: -2147483648,
      Content: Buffer.from("ABCD"),
      Sent: "2024-02-29T10:00:00+01:00",
      Elapsed: "PT1H",
      Size: 9223372036854775807n,
    });
  });
});

describe("REST JSON decoding: enums", () => {
  it("rejects unknown enum names and numbers by default", () => {
    expect(error('{"Priority": "Critical"}').path).toBe("Response.Priority");
    expect(error('{"Priority": 3}').message).toMatch(/not one of the 4 values of EMailPriority/);
  });

  it('passes them through with the client\'s decode.unknownEnumValues: "accept"; strict clients report the path', async () => {
    const meta = { ...demoMeta, restAgent: "Demo" };
    const fetch = (async () =>
      new Response('{"Priority": "Critical"}', {
        status: 200,
        headers: { "content-type": "application/json" },
      })) as typeof globalThis.fetch;
    const lenient = new ClientCore(fromExpanded(meta), {
      transport: restTransport({ baseUrl: "http://127.0.0.1:1", fetch }),
      decode: { unknownEnumValues: "accept" },
    });
    expect((await lenient.invoke("GetEMail", { EMailId: 1 })).result).toEqual({ Priority: "Critical" });
    const strict = new ClientCore(fromExpanded(meta), {
      transport: restTransport({ baseUrl: "http://127.0.0.1:1", fetch }),
    });
    const e = await strict.invoke("GetEMail", { EMailId: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProtocolError);
    expect((e as ProtocolError).path).toBe("Response.Priority");
  });
});

/**
 * The REST JSON codec (runtime/rest/json-codec.ts) and its lossless JSON layer
 * (runtime/rest/json.ts), on the hand-written demo metadata (every construct: long,
 * decimal, flags, dictionary, base64, dates, char, hierarchy, recursion).
 */
import { describe, expect, it } from "vitest";
import {
  DeserializationError,
  JsonNumber,
  JsonObject,
  JsonSyntaxError,
  SerializationError,
  decodeBody,
  decodeJsonBody,
  decodeJsonResult,
  decodeJsonValue,
  encodeBody,
  encodeJsonBody,
  encodeJsonResult,
  encodeJsonValue,
  parseJson,
  parseXml,
  stringifyJson,
  toPlain,
} from "../../runtime/index.js";
import { createJsonRedactor } from "../../runtime/rest/redact-json.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import { demoMeta, withMapping } from "../runtime/fixtures/demo.js";

const save = demoMeta.operations.SaveEMail!;
const getEMail = demoMeta.operations.GetEMail!;
const getTwo = demoMeta.operations.GetTwo!;
const hasNewMail = demoMeta.operations.HasNewMail!;

/** Encode an EMail as the SaveEMail REST body and decode it back, as the server would. */
function jsonRoundTrip(email: unknown, meta: ServiceMetadata = demoMeta): { text: string; value: unknown } {
  const text = encodeJsonBody(meta, save.input, { EMail: email });
  const value = decodeJsonBody(meta, save.input, parseJson(text), text).EMail;
  return { text, value };
}

/** The same value through the SOAP codec. */
function xmlRoundTrip(email: unknown, meta: ServiceMetadata = demoMeta): unknown {
  const xml = encodeBody(meta, save.input, { EMail: email }, { declareNamespaces: true });
  return decodeBody(meta, save.input, parseXml(xml)).EMail;
}

/** Decode the JSON of an EMail (inside a SaveEMail body). */
function decodeEMail(json: string, meta: ServiceMetadata = demoMeta): Record<string, unknown> {
  const text = `{"EMail": ${json}}`;
  return decodeJsonBody(meta, save.input, parseJson(text), text).EMail as Record<string, unknown>;
}

function thrown<T extends Error>(type: new (...args: never[]) => T, fn: () => unknown): T {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return e as T;
  }
  throw new Error(`expected a ${type.name}`);
}

const full = {
  Id: 42,
  Subject: "Hello <world> & ]]> \"quotes\" 'apos' \r\n 😀",
  Priority: "High",
  Flags: ["Seen", "Flagged"],
  Sent: "2021-11-30T13:22:10",
  Size: 9007199254740993n, // 2^53 + 1
  Amount: "12345678901234567890.1234567890",
  Content: Buffer.from([0, 1, 2, 250, 255]),
  Hash: Buffer.from([0xde, 0xad, 0xbe, 0xef]),
  Ratio: 0.1,
  IsRead: true,
  Guid: "b4e2d6a8-0c1e-4a8b-9f00-1234567890ab",
  Initial: 65,
  Elapsed: "P1DT2H",
  Folders: [1, -2, 2147483647],
  Tags: ["a", null, ""],
  Headers: [
    { Key: "k1", Value: "v1" },
    { Key: "k2", Value: null },
  ],
  Owner: {
    $type: "EmployeeCarrier",
    TableRight: { Mask: ["Seen"], Reason: null },
    PersonId: 7,
    Name: "Ann",
    Emails: ["a@x"],
    EmployeeNo: -5n,
  },
  Thing: { $type: "ConcreteThing", Value: "v" },
  Attachments: [
    { Name: "a.txt", Stream: Buffer.from("hello"), Note: "unqualified" },
    { Name: "b.txt", Stream: null },
  ],
  Parent: { Id: 1, Parent: { Id: 2, Subject: null } },
  Extra: "any",
  Day: "2021-11-30",
  Small: -128,
  Count: 4294967295,
  Big: 18446744073709551615n,
};

describe("lossless JSON", () => {
  it("keeps number literals exactly (JSON.parse would round them)", () => {
    const text = '{"a": 9007199254740993, "b": -9223372036854775808, "c": 1.50, "d": 1e400, "e": -0}';
    expect((JSON.parse(text) as { a: number }).a).toBe(9007199254740992); // what we avoid
    const v = parseJson(text) as JsonObject;
    expect((v.get("a") as JsonNumber).raw).toBe("9007199254740993");
    expect((v.get("b") as JsonNumber).raw).toBe("-9223372036854775808");
    expect((v.get("c") as JsonNumber).raw).toBe("1.50");
    expect((v.get("d") as JsonNumber).raw).toBe("1e400");
    expect(stringifyJson(v)).toBe('{"a":9007199254740993,"b":-9223372036854775808,"c":1.50,"d":1e400,"e":-0}');
  });

  it("parses strings, escapes, surrogates, a BOM, and keeps member order and duplicates", () => {
    const v = parseJson(
      '\uFEFF {"2":"x","1":"\\u00e9\\ud83d\\ude00\\n\\"","2":"y","__proto__":{"a":true}} ',
    ) as JsonObject;
    expect(v.entries.map(([k]) => k)).toEqual(["2", "1", "2", "__proto__"]);
    expect(v.get("1")).toBe('é😀\n"');
    expect(v.get("2")).toBe("y");
    const plain = toPlain(v) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.hasOwn(plain, "__proto__")).toBe(true);
    expect(parseJson("[true,false,null,[],{}]")).toEqual([true, false, null, [], new JsonObject()]);
  });

  it("reports syntax errors with line and column, and bounds nesting", () => {
    const e = thrown(JsonSyntaxError, () => parseJson('{\n  "a": 1,\n  "b": tru\n}'));
    expect(e.line).toBe(3);
    expect(e.column).toBe(8);
    for (const bad of ["", "{", '{"a" 1}', "[1,]", "01", '"\u0001"', '"\\x"', "1 2", "NaN"]) {
      expect(() => parseJson(bad), bad).toThrow(JsonSyntaxError);
    }
    expect(() => parseJson("[".repeat(600) + "]".repeat(600))).toThrow(/nesting deeper than 512/);
    expect(parseJson("[".repeat(100) + "]".repeat(100))).toBeDefined();
  });
});

describe("JSON codec: every construct", () => {
  it("round-trips every construct to exactly what the SOAP codec round-trips", () => {
    const { value } = jsonRoundTrip(full);
    expect(value).toStrictEqual(xmlRoundTrip(full));
    const v = value as typeof full;
    expect(v.Content).toBeInstanceOf(Buffer);
    expect(v.Size).toBe(9007199254740993n);
    expect(v.Big).toBe(18446744073709551615n);
  });

  it("writes the WebAPI forms: flags as one string, dictionaries as objects, base64, bare long/decimal literals", () => {
    const { text } = jsonRoundTrip(full);
    const body = parseJson(text) as JsonObject;
    const email = body.get("EMail") as JsonObject;
    expect(email.get("Flags")).toBe("Seen, Flagged");
    expect(stringifyJson(email.get("Headers"))).toBe('{"k1":"v1","k2":null}');
    expect(email.get("Content")).toBe("AAEC+v8=");
    expect(email.get("Hash")).toBe("DEADBEEF");
    expect(text).toContain('"Size":9007199254740993,');
    expect(text).toContain('"Big":18446744073709551615}');
    expect(text).toContain('"Amount":12345678901234567890.1234567890,');
    expect(email.get("Sent")).toBe("2021-11-30T13:22:10");
    expect(email.get("Initial")).toBe("A"); // WCF char = .NET char = one-character string
    expect(stringifyJson(email.get("Folders"))).toBe("[1,-2,2147483647]");
    // $type has no JSON counterpart; subtype members are written, most-derived type first
    expect(stringifyJson(email.get("Owner"))).toBe(
      '{"EmployeeNo":-5,"PersonId":7,"Name":"Ann","Emails":["a@x"],"TableRight":{"Mask":"Seen","Reason":null}}',
    );
    expect(text).not.toContain("$type");
    // the wrapper is keyed by the SOAP parameter name
    expect(body.entries.map(([k]) => k)).toEqual(["EMail"]);
  });

  it("long beyond 2^53 both ways, for every long mapping", () => {
    const json = '{"Size": 9223372036854775807, "Big": "18446744073709551615"}';
    expect(decodeEMail(json)).toStrictEqual({ Size: 9223372036854775807n, Big: 18446744073709551615n });
    expect(decodeEMail(json, withMapping({ long: "string", decimal: "string", dateTime: "string" }))).toStrictEqual({
      Size: "9223372036854775807",
      Big: "18446744073709551615",
    });
    expect(encodeJsonBody(demoMeta, save.input, { EMail: { Size: -9223372036854775808n } })).toBe(
      '{"EMail":{"Size":-9223372036854775808}}',
    );
    expect(
      encodeJsonBody(withMapping({ long: "string", decimal: "string", dateTime: "string" }), save.input, {
        EMail: { Size: "9007199254740993" },
      }),
    ).toBe('{"EMail":{"Size":9007199254740993}}');
    // a number that already lost precision is refused, as over SOAP
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Size: 2 ** 60 } })).path,
    ).toBe("EMail.Size");
    expect(thrown(DeserializationError, () => decodeEMail('{"Size": 1.5}')).path).toBe("EMail.Size");
    // a result that is a long, at the top level (no double in between)
    expect(
      decodeJsonResult(demoMeta, getTwo.output, parseJson('{"First":null,"Second":9007199254740995}')),
    ).toStrictEqual({
      First: null,
      Second: 9007199254740995n,
    });
  });

  it("decimals keep their digits; JSON number literal rules are respected on output", () => {
    expect(decodeEMail('{"Amount": 1.50}')).toStrictEqual({ Amount: "1.50" });
    expect(decodeEMail('{"Amount": 0.1000000000000000055511151231257827}')).toStrictEqual({
      Amount: "0.1000000000000000055511151231257827",
    });
    for (const [given, written] of [
      ["+1.50", "1.50"],
      [".5", "0.5"],
      ["-.5", "-0.5"],
      ["007", "7"],
      ["1.", "1"],
    ]) {
      const text = encodeJsonBody(demoMeta, save.input, { EMail: { Amount: given } });
      expect(text).toBe(`{"EMail":{"Amount":${written}}}`);
      expect(() => parseJson(text)).not.toThrow();
    }
  });

  it("dictionaries: JSON object ↔ array of { Key, Value }, order kept (integer-like keys too)", () => {
    expect(decodeEMail('{"Headers": {"2": "b", "1": "a", "x": null}}')).toStrictEqual({
      Headers: [
        { Key: "2", Value: "b" },
        { Key: "1", Value: "a" },
        { Key: "x", Value: null },
      ],
    });
    // also the array-of-entries form, leniently
    expect(decodeEMail('{"Headers": [{"Key": "k", "Value": "v"}]}')).toStrictEqual({
      Headers: [{ Key: "k", Value: "v" }],
    });
    expect(
      encodeJsonBody(demoMeta, save.input, {
        EMail: {
          Headers: [
            { Key: "2", Value: "b" },
            { Key: "1", Value: "a" },
          ],
        },
      }),
    ).toBe('{"EMail":{"Headers":{"2":"b","1":"a"}}}');
    const dup = thrown(SerializationError, () =>
      encodeJsonBody(demoMeta, save.input, {
        EMail: {
          Headers: [
            { Key: "k", Value: "1" },
            { Key: "k", Value: "2" },
          ],
        },
      }),
    );
    expect(dup.path).toBe("EMail.Headers[1].Key");
    expect(dup.message).toMatch(/duplicate dictionary key/);
    const noKey = thrown(SerializationError, () =>
      encodeJsonBody(demoMeta, save.input, { EMail: { Headers: [{ Key: null, Value: "1" }] } }),
    );
    expect(noKey.path).toBe("EMail.Headers[0].Key");
    expect(
      thrown(SerializationError, () =>
        encodeJsonBody(demoMeta, save.input, { EMail: { Headers: [{ Key: "k", Value: "v", Extra: 1 }] } }),
      ).path,
    ).toBe("EMail.Headers[0].Extra");
  });

  it("flags: one comma-separated string (.NET [Flags] ToString), read leniently", () => {
    expect(encodeJsonBody(demoMeta, save.input, { EMail: { Flags: [] } })).toBe('{"EMail":{"Flags":""}}');
    expect(encodeJsonBody(demoMeta, save.input, { EMail: { Flags: ["Answered"] } })).toBe(
      '{"EMail":{"Flags":"Answered"}}',
    );
    for (const [json, flags] of [
      ['"Seen, Flagged"', ["Seen", "Flagged"]],
      ['"Seen,Flagged"', ["Seen", "Flagged"]],
      ['"Seen Flagged"', ["Seen", "Flagged"]],
      ['["Seen", "Flagged"]', ["Seen", "Flagged"]],
      ['"Answered"', ["Answered"]],
      ['""', []],
      ['"0"', []],
    ] as const) {
      expect(decodeEMail(`{"Flags": ${json}}`).Flags, json).toStrictEqual(flags);
    }
    // unknown names: rejected as over SOAP, passed through with unknownEnumValues: "accept"
    expect(thrown(DeserializationError, () => decodeEMail('{"Flags": "Seen, FutureFlag"}')).path).toBe(
      "EMail.Flags[1]",
    );
    const lenient = decodeJsonBody(
      demoMeta,
      save.input,
      parseJson('{"EMail": {"Flags": "Seen, FutureFlag"}}'),
      undefined,
      { unknownEnumValues: "accept" },
    );
    expect((lenient.EMail as Record<string, unknown>).Flags).toStrictEqual(["Seen", "FutureFlag"]);
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Flags: ["Seen", "Nope"] } }))
        .path,
    ).toBe("EMail.Flags[1]");
  });

  it("base64 ↔ Uint8Array/Buffer (decoded as Buffer), hexBinary", () => {
    const text = encodeJsonBody(demoMeta, save.input, {
      EMail: { Content: new Uint8Array([0, 255, 128]), Hash: new Uint8Array([1, 171]) },
    });
    expect(text).toBe('{"EMail":{"Content":"AP+A","Hash":"01AB"}}');
    const v = decodeJsonBody(demoMeta, save.input, parseJson(text)).EMail as Record<string, unknown>;
    expect(v.Content).toStrictEqual(Buffer.from([0, 255, 128]));
    expect(Buffer.isBuffer(v.Content)).toBe(true);
    expect(v.Hash).toStrictEqual(Buffer.from([1, 171]));
    expect(decodeEMail('{"Content": ""}').Content).toStrictEqual(Buffer.alloc(0));
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Content: "AP+A" } })).path,
    ).toBe("EMail.Content");
  });

  it("dates and times are kept exactly as sent (offset or not, 7 fractional digits)", () => {
    for (const sent of [
      "2021-11-30T13:22:10",
      "2021-11-30T13:22:10Z",
      "1998-11-14T18:28:49.0609673+01:00",
      "0001-01-01T00:00:00",
    ]) {
      expect(decodeEMail(`{"Sent": "${sent}"}`).Sent).toBe(sent);
      expect(encodeJsonBody(demoMeta, save.input, { EMail: { Sent: sent } })).toBe(`{"EMail":{"Sent":"${sent}"}}`);
    }
    const asDate = withMapping({ long: "bigint", decimal: "string", dateTime: "Date" });
    expect(decodeEMail('{"Sent": "2021-11-30T13:22:10"}', asDate).Sent).toStrictEqual(new Date("2021-11-30T13:22:10Z"));
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Sent: "30.11.2021" } })).path,
    ).toBe("EMail.Sent");
  });

  it("floats: NaN and ±Infinity as strings (Newtonsoft), -0 kept", () => {
    for (const [ratio, json] of [
      [NaN, '"NaN"'],
      [Infinity, '"Infinity"'],
      [-Infinity, '"-Infinity"'],
      [-0, "-0"],
      [1e21, "1e+21"],
    ] as const) {
      const text = encodeJsonBody(demoMeta, save.input, { EMail: { Ratio: ratio } });
      expect(text).toBe(`{"EMail":{"Ratio":${json}}}`);
      expect((decodeJsonBody(demoMeta, save.input, parseJson(text)).EMail as { Ratio: number }).Ratio).toStrictEqual(
        ratio,
      );
    }
  });

  it("hierarchy: the subtype comes from an explicit $type member or from the members present", () => {
    expect(decodeEMail('{"Owner": {"PersonId": 1, "EmployeeNo": 2}}').Owner).toStrictEqual({
      $type: "EmployeeCarrier",
      PersonId: 1,
      EmployeeNo: 2n,
    });
    expect(decodeEMail('{"Owner": {"PersonId": 1}}').Owner).toStrictEqual({ $type: "PersonCarrier", PersonId: 1 });
    expect(decodeEMail('{"Owner": {"TableRight": null}}').Owner).toStrictEqual({ $type: "Carrier", TableRight: null });
    expect(decodeEMail('{"Owner": {"$type": "Demo.EmployeeCarrier, Demo", "PersonId": 1}}').Owner).toStrictEqual({
      $type: "EmployeeCarrier",
      PersonId: 1,
    });
    expect(decodeEMail('{"Thing": {"Value": "v"}}').Thing).toStrictEqual({ $type: "ConcreteThing", Value: "v" });
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Owner: { $type: "Nope" } } }))
        .path,
    ).toBe("EMail.Owner.$type");
  });

  it("null: kept for nillable elements, read as absent for the others ($select nulls them)", () => {
    expect(decodeEMail('{"Subject": null, "Id": null, "Priority": null, "Attachments": null}')).toStrictEqual({
      Subject: null,
      Attachments: null,
    });
    expect(encodeJsonBody(demoMeta, save.input, { EMail: { Subject: null } })).toBe('{"EMail":{"Subject":null}}');
    expect(thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Id: null } })).path).toBe(
      "EMail.Id",
    );
    expect(encodeJsonBody(demoMeta, save.input, { EMail: null })).toBe('{"EMail":null}');
    expect(encodeJsonBody(demoMeta, save.input, {})).toBe("{}");
  });

  it("reads member names case-insensitively and ignores unknown members", () => {
    expect(decodeEMail('{"subject": "s", "ID": 3, "Future": {"x": 1}}')).toStrictEqual({ Subject: "s", Id: 3 });
  });

  it("strict on output: unknown properties, wrong types and missing required values name the path", () => {
    expect(thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Nope: 1 } })).path).toBe(
      "EMail.Nope",
    );
    expect(thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Id: "1" } })).path).toBe(
      "EMail.Id",
    );
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Priority: "Urgent" } })).path,
    ).toBe("EMail.Priority");
    expect(
      thrown(SerializationError, () => encodeJsonBody(demoMeta, save.input, { EMail: { Attachments: [{}] } })).path,
    ).toBe("EMail.Attachments[0].Name");
    expect(thrown(SerializationError, () => encodeJsonBody(demoMeta, getEMail.input, {})).path).toBe("EMailId");
  });

  it("lenient on input but typed: a wrong JSON type is a DeserializationError with path and position", () => {
    const text = '{"EMail": {\n  "Id": "x"\n}}';
    const e = thrown(DeserializationError, () => decodeJsonBody(demoMeta, save.input, parseJson(text), text));
    expect(e.path).toBe("EMail.Id");
    expect(e.line).toBe(1);
    expect(thrown(DeserializationError, () => decodeEMail('{"Folders": {"a": 1}}')).path).toBe("EMail.Folders");
    expect(thrown(DeserializationError, () => decodeEMail('{"Attachments": [{"Name": 1, "Stream": true}]}')).path).toBe(
      "EMail.Attachments[0].Stream",
    );
    // numbers for strings are read as their text; for enums (a server without string-enum
    // conversion) only with unknownEnumValues: "accept"
    expect(decodeEMail('{"Subject": 12}')).toStrictEqual({ Subject: "12" });
    expect(thrown(DeserializationError, () => decodeEMail('{"Priority": 3}')).path).toBe("EMail.Priority");
    const lenient = decodeJsonBody(demoMeta, save.input, parseJson('{"EMail": {"Priority": 3}}'), undefined, {
      unknownEnumValues: "accept",
    });
    expect(lenient.EMail).toStrictEqual({ Priority: "3" });
  });

  it("results are unwrapped like SOAP (output.unwrap), void and absent give undefined", () => {
    expect(decodeJsonResult(demoMeta, hasNewMail.output, parseJson("false"))).toBe(false);
    expect(decodeJsonResult(demoMeta, getEMail.output, parseJson('{"Id": 5}'))).toStrictEqual({ Id: 5 });
    expect(decodeJsonResult(demoMeta, getEMail.output, parseJson("null"))).toBeNull();
    expect(decodeJsonResult(demoMeta, getEMail.output, undefined)).toBeUndefined();
    expect(decodeJsonResult(demoMeta, save.output, parseJson("null"))).toBeUndefined();
    expect(encodeJsonResult(demoMeta, getEMail.output, { Response: { Id: 5 } })).toBe('{"Id":5}');
    expect(encodeJsonResult(demoMeta, getEMail.output, { Response: null })).toBe("null");
    expect(encodeJsonResult(demoMeta, getEMail.output, {})).toBeUndefined();
    expect(encodeJsonResult(demoMeta, save.output, {})).toBeUndefined();
    expect(encodeJsonResult(demoMeta, getTwo.output, { First: "a", Second: 9007199254740993n })).toBe(
      '{"First":"a","Second":9007199254740993}',
    );
    expect(encodeJsonValue(demoMeta, "xs:long", 12n)).toBe("12");
    expect(decodeJsonValue(demoMeta, "ArrayOfint", parseJson("[1,2]"))).toStrictEqual([1, 2]);
  });
});

describe("JSON redaction", () => {
  it("redacts secret members structurally, and textually in truncated or malformed text", () => {
    const r = createJsonRedactor();
    expect(
      r('{"Ticket":"7T:abc","Nested":{"password":"p\\"w","AuthenticationData":{"k":"v"}},"n":9007199254740993}'),
    ).toBe('{"Ticket":"***","Nested":{"password":"***","AuthenticationData":"***"},"n":9007199254740993}');
    expect(r('{"Ticket": "7T:abc", "x": ', true)).toBe('{"Ticket": "***", "x": ');
    expect(r('{"a":1,"Password":"hunt', true)).toBe('{"a":1,"Password":"***');
    expect(r('{"Ticket":"7T:abc"')).toBe('{"Ticket":"***"');
    expect(r('{"Subject":"no secrets"}')).toBe('{"Subject":"no secrets"}');
  });
});

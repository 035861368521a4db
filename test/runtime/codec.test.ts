import { describe, expect, it } from "vitest";
import {
  DeserializationError,
  SerializationError,
  decodeBody,
  decodeHeaders,
  decodeType,
  dictionaryToMap,
  dictionaryToRecord,
  encodeBody,
  encodeHeaders,
  mapToDictionary,
  parseXml,
  recordToDictionary,
} from "../../runtime/index.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { DecodeOptions } from "../../runtime/codec/decode-options.js";
import { ARR, TNS, demoMeta, withMapping } from "./fixtures/demo.js";

const save = demoMeta.operations.SaveEMail!;
const getEMail = demoMeta.operations.GetEMail!;
const DECL = `xmlns:tns="${TNS}"`;
const XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';

/** Encode a SaveEMail body as a standalone fragment and decode it back. */
function roundTrip(email: unknown, meta: ServiceMetadata = demoMeta): { xml: string; value: unknown } {
  const xml = encodeBody(meta, save.input, { EMail: email }, { declareNamespaces: true });
  const decoded = decodeBody(meta, save.input, parseXml(xml));
  return { xml, value: decoded.EMail };
}

/** Encode an EMail (inside SaveEMail) with the envelope-style prefixes (no declarations). */
function encodeEMail(email: unknown, meta: ServiceMetadata = demoMeta): string {
  return encodeBody(meta, save.input, { EMail: email });
}

function serializationError(fn: () => unknown): SerializationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SerializationError);
    return e as SerializationError;
  }
  throw new Error("expected a SerializationError");
}

/** Decode `<tns:EMail>` content given as inner XML. */
function decodeEMail(
  inner: string,
  meta: ServiceMetadata = demoMeta,
  extraDecls = "",
  options?: DecodeOptions,
): unknown {
  const xml = `<tns:SaveEMail ${DECL} ${XSI} xmlns:q1="${ARR}" ${extraDecls}><tns:EMail>${inner}</tns:EMail></tns:SaveEMail>`;
  return decodeBody(meta, save.input, parseXml(xml), options).EMail;
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

describe("encode/decode round trip", () => {
  it("round-trips every construct", () => {
    const { value } = roundTrip(full);
    expect(value).toEqual(full);
    const v = value as typeof full;
    expect(v.Content).toBeInstanceOf(Buffer);
    expect(typeof v.Size).toBe("bigint");
    expect(v.Size).toBe(9007199254740993n);
  });

  it("writes children in metadata order whatever the key order", () => {
    const reversed = Object.fromEntries(Object.entries(full).reverse());
    expect(encodeEMail(reversed)).toBe(encodeEMail(full));
    expect(encodeEMail({ Subject: "s", Id: 1 })).toBe(
      "<tns:SaveEMail><tns:EMail><tns:Id>1</tns:Id><tns:Subject>s</tns:Subject></tns:EMail></tns:SaveEMail>",
    );
    // base fields first, then own fields, even if $type comes last
    const owner = encodeEMail({
      Owner: { EmployeeNo: 1n, PersonId: 2, TableRight: { Reason: "r" }, $type: "EmployeeCarrier" },
    });
    expect(owner).toContain(
      '<tns:Owner xsi:type="tns:EmployeeCarrier"><tns:TableRight><tns:Reason>r</tns:Reason></tns:TableRight><tns:PersonId>2</tns:PersonId><tns:EmployeeNo>1</tns:EmployeeNo></tns:Owner>',
    );
  });

  it("produces the exact wire form for arrays, dictionaries, flags and nil", () => {
    const xml = encodeEMail({
      Flags: ["Seen", "Answered"],
      Folders: [1, 2],
      Tags: ["x", null],
      Headers: [{ Key: "k", Value: null }],
      Subject: null,
    });
    expect(xml).toBe(
      "<tns:SaveEMail><tns:EMail>" +
        '<tns:Subject xsi:nil="true"/>' +
        "<tns:Flags>Seen Answered</tns:Flags>" +
        "<tns:Folders><q1:int>1</q1:int><q1:int>2</q1:int></tns:Folders>" +
        '<tns:Tags><q1:string>x</q1:string><q1:string xsi:nil="true"/></tns:Tags>' +
        '<tns:Headers><tns:StringDictionaryKeyValuePair><tns:Key>k</tns:Key><tns:Value xsi:nil="true"/></tns:StringDictionaryKeyValuePair></tns:Headers>' +
        "</tns:EMail></tns:SaveEMail>",
    );
  });

  it("declares exactly the namespaces used when asked to", () => {
    expect(encodeBody(demoMeta, getEMail.input, { EMailId: 1 }, { declareNamespaces: true })).toBe(
      `<tns:GetEMail ${DECL}><tns:EMailId>1</tns:EMailId></tns:GetEMail>`,
    );
    const xml = encodeBody(
      demoMeta,
      save.input,
      { EMail: { Folders: [1], Subject: null } },
      { declareNamespaces: true },
    );
    expect(xml.startsWith(`<tns:SaveEMail xmlns:q1="${ARR}" ${DECL} ${XSI}>`)).toBe(true);
  });

  it("treats nil and absent differently", () => {
    const xml = encodeEMail({ Subject: null, Id: undefined });
    expect(xml).toBe('<tns:SaveEMail><tns:EMail><tns:Subject xsi:nil="true"/></tns:EMail></tns:SaveEMail>');
    const v = decodeEMail('<tns:Subject xsi:nil="true"/><tns:Folders xsi:nil="1"/>') as Record<string, unknown>;
    expect(v).toEqual({ Subject: null, Folders: null });
    expect("Id" in v).toBe(false);
    expect(Object.keys(v)).toEqual(["Subject", "Folders"]);
  });

  it("empty arrays and lists encode as empty elements and decode as []", () => {
    const { xml, value } = roundTrip({ Flags: [], Folders: [], Tags: [], Headers: [] });
    expect(xml).toContain("<tns:Flags/>");
    expect(xml).toContain("<tns:Folders/>");
    expect(value).toEqual({ Flags: [], Folders: [], Tags: [], Headers: [] });
  });

  it("repeated fields always decode as arrays", () => {
    const v = decodeEMail("<tns:Attachments><tns:Name>only</tns:Name></tns:Attachments>");
    expect(v).toEqual({ Attachments: [{ Name: "only" }] });
    const nilItem = decodeEMail(
      '<tns:Attachments xsi:nil="true"/><tns:Attachments><tns:Name>x</tns:Name></tns:Attachments>',
    );
    expect(nilItem).toEqual({ Attachments: [null, { Name: "x" }] });
  });

  it("round-trips injection strings and non-BMP text exactly", () => {
    for (const s of [
      "<",
      "&",
      "]]>",
      '"',
      "'",
      "<![CDATA[x]]>",
      "&amp;",
      "\r",
      "\r\n",
      "a\tb",
      "😀𝄞",
      "</tns:Subject>",
    ]) {
      const { xml, value } = roundTrip({ Subject: s, Attachments: [{ Name: s, Note: s }] });
      expect(value).toEqual({ Subject: s, Attachments: [{ Name: s, Note: s }] });
      expect(xml).not.toContain("<![CDATA[");
    }
  });

  it("rejects characters not allowed in XML 1.0, naming the property path", () => {
    const err = serializationError(() => encodeEMail({ Attachments: [{ Name: "ok" }, { Name: "bad\u0001" }] }));
    expect(err.path).toBe("EMail.Attachments[1].Name");
    expect(err.message).toMatch(/U\+0001/);
    expect(serializationError(() => encodeEMail({ Tags: ["\uD800"] })).path).toBe("EMail.Tags[0]");
  });
});

describe("encode validation", () => {
  it("rejects unknown properties with their path", () => {
    const err = serializationError(() => encodeEMail({ Owner: { $type: "PersonCarrier", PersonId: 1, Foo: 1 } }));
    expect(err.path).toBe("EMail.Owner.Foo");
    expect(err.message).toMatch(/unknown property for type PersonCarrier/);
    expect(serializationError(() => encodeBody(demoMeta, save.input, { Nope: 1 })).path).toBe("Nope");
    // $type is not a property of a type outside hierarchies
    expect(serializationError(() => encodeEMail({ Parent: { $type: "Carrier" } })).path).toBe("EMail.Parent.$type");
  });

  it("rejects missing required non-nillable values and non-nillable nulls", () => {
    expect(serializationError(() => encodeBody(demoMeta, getEMail.input, {})).path).toBe("EMailId");
    expect(serializationError(() => encodeBody(demoMeta, getEMail.input, undefined)).path).toBe("EMailId");
    expect(serializationError(() => encodeEMail({ Attachments: [{ Note: "x" }] })).path).toBe(
      "EMail.Attachments[0].Name",
    );
    const nullErr = serializationError(() => encodeEMail({ Id: null }));
    expect(nullErr.path).toBe("EMail.Id");
    expect(nullErr.message).toMatch(/not nillable/);
    expect(serializationError(() => encodeEMail({ Folders: [1, null] })).path).toBe("EMail.Folders[1]");
  });

  it("writes xsi:nil for a required nillable value left undefined", () => {
    const xml = encodeEMail({ Headers: [{ Key: "k" }] });
    expect(xml).toContain('<tns:StringDictionaryKeyValuePair><tns:Key>k</tns:Key><tns:Value xsi:nil="true"/>');
  });

  it("validates scalar types and ranges", () => {
    const cases: [unknown, RegExp][] = [
      [{ Id: "1" }, /xs:int expects a number, got string/],
      [{ Id: 1.5 }, /not an integer/],
      [{ Id: 2147483648 }, /out of range/],
      [{ Small: 128 }, /out of range/],
      [{ Count: -1 }, /out of range/],
      [{ IsRead: "true" }, /expects a boolean/],
      [{ Size: 1.5 }, /not an integer/],
      [{ Size: 2 ** 60 }, /not a safe integer/],
      [{ Size: "12a" }, /not an integer/],
      [{ Size: 2n ** 63n }, /out of range/],
      [{ Big: -1n }, /out of range/],
      [{ Amount: "1e5" }, /not a decimal/],
      [{ Sent: "2021-13-01T00:00:00" }, /not a valid xs:dateTime/],
      [{ Sent: "2021-02-29T00:00:00" }, /xs:dateTime names a day that does not exist/],
      [{ Sent: "30.11.2021" }, /not a valid xs:dateTime/],
      [{ Sent: new Date(Number.NaN) }, /invalid Date/],
      [{ Day: "2021-11-30T00:00:00" }, /not a valid xs:date/],
      [{ Content: "aGk=" }, /expects a Uint8Array/],
      [{ Priority: "Urgent" }, /invalid value "Urgent" for EMailPriority; expected one of: None, Low, Normal, High/],
      [{ Flags: ["Seen", "Bogus"] }, /invalid value "Bogus" for EMailFlagsItem/],
      [{ Flags: "Seen" }, /expected an array/],
      [{ Folders: "1,2" }, /expected an array/],
      [{ Attachments: { Name: "x" } }, /expected an array/],
      [{ Parent: [] }, /expected an object/],
      [{ Extra: {} }, /expected an xs:anyType value \(string, number, boolean/],
    ];
    for (const [email, re] of cases) {
      const err = serializationError(() => encodeEMail(email));
      expect(err.message).toMatch(re);
      expect(err.path.startsWith("EMail.")).toBe(true);
    }
  });

  it("accepts the documented alternative inputs", () => {
    const xml = encodeEMail({
      Size: "-9223372036854775808",
      Big: 5,
      Amount: 0.0000001,
      Sent: new Date(Date.UTC(2021, 10, 30, 13, 22, 10)),
      Day: new Date(Date.UTC(2021, 10, 30)),
      Content: new Uint8Array([104, 105]),
      Ratio: Number.POSITIVE_INFINITY,
      Extra: 12,
    });
    expect(xml).toContain("<tns:Size>-9223372036854775808</tns:Size>");
    expect(xml).toContain("<tns:Big>5</tns:Big>");
    expect(xml).toContain("<tns:Amount>0.0000001</tns:Amount>");
    expect(xml).toContain("<tns:Sent>2021-11-30T13:22:10.000Z</tns:Sent>");
    expect(xml).toContain("<tns:Day>2021-11-30</tns:Day>");
    expect(xml).toContain("<tns:Content>aGk=</tns:Content>");
    expect(xml).toContain("<tns:Ratio>INF</tns:Ratio>");
    // xs:anyType: a number carries its xsi:type so it decodes back as a number
    expect(xml).toContain('<tns:Extra xmlns:xsd="http://www.w3.org/2001/XMLSchema" xsi:type="xsd:int">12</tns:Extra>');
  });

  it("encodes and decodes INF, -INF and NaN", () => {
    for (const n of [Infinity, -Infinity, NaN, -0, 1e21, 5e-324]) {
      const { value } = roundTrip({ Ratio: n });
      expect(Object.is((value as { Ratio: number }).Ratio, n)).toBe(true);
    }
  });
});

describe("inheritance", () => {
  it("accepts only the declared type or its subtypes as $type", () => {
    const err = serializationError(() => encodeEMail({ Owner: { $type: "TableRight" } }));
    expect(err.path).toBe("EMail.Owner.$type");
    expect(err.message).toMatch(/Carrier, EmployeeCarrier, PersonCarrier/);
  });

  it("does not write xsi:type when $type is the declared type", () => {
    expect(encodeEMail({ Owner: { $type: "Carrier" } })).toContain("<tns:Owner/>");
    expect(encodeEMail({ Owner: {} })).toContain("<tns:Owner/>");
  });

  it("requires a concrete $type for abstract types", () => {
    expect(serializationError(() => encodeEMail({ Thing: {} })).message).toMatch(
      /abstract; set \$type to one of: ConcreteThing/,
    );
  });

  it("decodes xsi:type through any in-scope prefix and sets $type", () => {
    const v = decodeEMail(
      '<tns:Owner xmlns:d="http://example.com/demo" xsi:type="d:PersonCarrier"><tns:PersonId>3</tns:PersonId></tns:Owner>',
    );
    expect(v).toEqual({ Owner: { $type: "PersonCarrier", PersonId: 3 } });
    const viaDefault = decodeEMail(
      '<tns:Owner xmlns="http://example.com/demo" xsi:type="EmployeeCarrier"><PersonId>1</PersonId><EmployeeNo>9</EmployeeNo></tns:Owner>',
    );
    expect(viaDefault).toEqual({ Owner: { $type: "EmployeeCarrier", PersonId: 1, EmployeeNo: 9n } });
  });

  it("sets $type to the declared type when it has subtypes, and not outside hierarchies", () => {
    expect(decodeEMail("<tns:Owner/><tns:Parent/>")).toEqual({ Owner: { $type: "Carrier" }, Parent: {} });
    const leaf = decodeType(
      demoMeta,
      "EmployeeCarrier",
      parseXml(`<x xmlns="${TNS}"><PersonId>2</PersonId><EmployeeNo>1</EmployeeNo></x>`),
    );
    expect(leaf).toEqual({ PersonId: 2, EmployeeNo: 1n });
  });

  it('rejects unknown or unrelated xsi:types unless unknownElements is "ignore" (then: the declared type)', () => {
    const lenient = { unknownElements: "ignore" } as const;
    expect(
      decodeEMail(
        '<tns:Owner xsi:type="tns:FutureCarrier"><tns:PersonId>1</tns:PersonId></tns:Owner>',
        demoMeta,
        "",
        lenient,
      ),
    ).toEqual({
      Owner: { $type: "Carrier" },
    });
    expect(decodeEMail('<tns:Owner xsi:type="tns:TableRight"/>', demoMeta, "", lenient)).toEqual({
      Owner: { $type: "Carrier" },
    });
    expect(decodeEMail('<tns:Owner xsi:type="nope:PersonCarrier"/>', demoMeta, "", lenient)).toEqual({
      Owner: { $type: "Carrier" },
    });
    expect(() => decodeEMail('<tns:Owner xsi:type="tns:FutureCarrier"/>')).toThrow(
      /EMail\.Owner: xsi:type \{http:\/\/example\.com\/demo\}FutureCarrier is not Carrier/,
    );
    expect(() => decodeEMail('<tns:Owner xsi:type="tns:TableRight"/>')).toThrow(DeserializationError);
    expect(() => decodeEMail('<tns:Owner xsi:type="nope:PersonCarrier"/>')).toThrow(/unbound prefix/);
  });
});

describe("decode", () => {
  it('rejects unknown elements unless unknownElements is "ignore", and tolerates out-of-order children', () => {
    const xml =
      '<tns:Future>1</tns:Future><tns:Subject>s</tns:Subject><other:Id xmlns:other="urn:other">9</other:Id><tns:Id>1</tns:Id>';
    expect(decodeEMail(xml, demoMeta, "", { unknownElements: "ignore" })).toEqual({ Subject: "s", Id: 1 });
    expect(() => decodeEMail(xml)).toThrow(
      /^EMail: unexpected element \{http:\/\/example\.com\/demo\}Future; expected one of: Id, Subject/,
    );
    expect(decodeEMail("<tns:Subject>s</tns:Subject><tns:Id>1</tns:Id>")).toEqual({ Subject: "s", Id: 1 });
  });

  it("requires required elements", () => {
    expect(() => decodeEMail("<tns:Attachments><Note>x</Note></tns:Attachments>")).toThrow(
      /^EMail\.Attachments\[0\]\.Name: required element \{http:\/\/example\.com\/demo\}Name is missing/,
    );
  });

  it("decodes booleans, numbers and whitespace leniently", () => {
    const v = decodeEMail(
      "<tns:Id> 12 </tns:Id><tns:Ratio>-INF</tns:Ratio><tns:IsRead>1</tns:IsRead><tns:Flags> Seen  Deleted\n</tns:Flags><tns:Priority> Low </tns:Priority>",
    );
    expect(v).toEqual({ Id: 12, Ratio: -Infinity, IsRead: true, Flags: ["Seen", "Deleted"], Priority: "Low" });
    expect(decodeEMail("<tns:IsRead>0</tns:IsRead>")).toEqual({ IsRead: false });
  });

  it('rejects unknown enum values unless unknownEnumValues is "accept"', () => {
    const accept = { unknownEnumValues: "accept" } as const;
    expect(decodeEMail("<tns:Priority>Critical</tns:Priority>", demoMeta, "", accept)).toEqual({
      Priority: "Critical",
    });
    expect(decodeEMail("<tns:Flags>Seen Future</tns:Flags>", demoMeta, "", accept)).toEqual({
      Flags: ["Seen", "Future"],
    });
    expect(() => decodeEMail("<tns:Priority>Critical</tns:Priority>")).toThrow(
      /^EMail\.Priority: value is not one of the 4 values of EMailPriority/,
    );
    expect(() => decodeEMail("<tns:Flags>Seen Future</tns:Flags>")).toThrow(/^EMail\.Flags\[1\]: value is not one of/);
  });

  it("keeps long values beyond 2^53 exact and offset-less dateTimes as sent", () => {
    const v = decodeEMail(
      "<tns:Sent>2021-11-30T13:22:10</tns:Sent><tns:Size>9223372036854775807</tns:Size><tns:Amount>0.10</tns:Amount>",
    );
    expect(v).toEqual({ Sent: "2021-11-30T13:22:10", Size: 9223372036854775807n, Amount: "0.10" });
  });

  it("reports invalid scalar text with path and line", () => {
    let err: unknown;
    try {
      decodeEMail("<tns:Attachments><tns:Name>a</tns:Name></tns:Attachments>\n<tns:Id>abc</tns:Id>");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DeserializationError);
    expect((err as DeserializationError).path).toBe("EMail.Id");
    expect((err as DeserializationError).line).toBe(2);
    expect((err as Error).message).toMatch(/not a valid xs:int lexical form/);
    expect(() =>
      decodeEMail('<tns:Owner xsi:type="tns:PersonCarrier"><tns:PersonId>x</tns:PersonId></tns:Owner>'),
    ).toThrow(/EMail\.Owner\.PersonId/);
    expect(() => decodeEMail("<tns:Folders><q1:int>1</q1:int><q1:int>z</q1:int></tns:Folders>")).toThrow(
      /EMail\.Folders\[1\]/,
    );
  });

  it('rejects array items with the wrong name or namespace unless unknownElements is "ignore"', () => {
    const xml = "<tns:Folders><q1:int>1</q1:int><tns:int>2</tns:int><q1:long>3</q1:long></tns:Folders>";
    expect(decodeEMail(xml, demoMeta, "", { unknownElements: "ignore" })).toEqual({ Folders: [1] });
    expect(() => decodeEMail(xml)).toThrow(/^EMail\.Folders: unexpected element \{http:\/\/example\.com\/demo\}int/);
  });

  it("checks the body wrapper name", () => {
    expect(() => decodeBody(demoMeta, save.input, parseXml(`<tns:Other ${DECL}/>`))).toThrow(
      /expected body element \{http:\/\/example\.com\/demo\}SaveEMail/,
    );
  });

  it("decodes recursion to any depth within limits", () => {
    let inner = "<tns:Id>0</tns:Id>";
    for (let i = 1; i <= 40; i++) inner = `<tns:Id>${i}</tns:Id><tns:Parent>${inner}</tns:Parent>`;
    let v = decodeEMail(inner) as { Id: number; Parent?: unknown };
    let depth = 0;
    while (v.Parent !== undefined) {
      v = v.Parent as typeof v;
      depth++;
    }
    expect(depth).toBe(40);
    expect(v.Id).toBe(0);
  });
});

describe("type mappings", () => {
  it("long as string / number, decimal as number, dateTime as Date", () => {
    const meta = withMapping({ long: "string", decimal: "number", dateTime: "Date" });
    const v = decodeEMail(
      "<tns:Sent>2021-11-30T13:22:10</tns:Sent><tns:Day>2021-11-30</tns:Day><tns:Size>9223372036854775807</tns:Size><tns:Amount>1.5</tns:Amount>",
      meta,
    ) as Record<string, unknown>;
    expect(v.Size).toBe("9223372036854775807");
    expect(v.Amount).toBe(1.5);
    // offset-less → UTC, independent of the machine's time zone
    expect((v.Sent as Date).toISOString()).toBe("2021-11-30T13:22:10.000Z");
    expect((v.Day as Date).toISOString()).toBe("2021-11-30T00:00:00.000Z");
    const withOffset = decodeEMail("<tns:Sent>2021-11-30T13:22:10+02:00</tns:Sent>", meta) as { Sent: Date };
    expect(withOffset.Sent.toISOString()).toBe("2021-11-30T11:22:10.000Z");
    const min = decodeEMail("<tns:Sent>0001-01-01T00:00:00</tns:Sent>", meta) as { Sent: Date };
    expect(min.Sent.getUTCFullYear()).toBe(1);

    const num = withMapping({ long: "number", decimal: "string", dateTime: "string" });
    expect(decodeEMail("<tns:Size>42</tns:Size>", num)).toEqual({ Size: 42 });
    expect(encodeEMail({ Size: 2 ** 60 }, num)).toContain(`<tns:Size>${(2n ** 60n).toString()}</tns:Size>`);
    expect(encodeEMail({ Size: "9223372036854775807" }, meta)).toContain("<tns:Size>9223372036854775807</tns:Size>");
    expect(encodeEMail({ Amount: 1.25 }, meta)).toContain("<tns:Amount>1.25</tns:Amount>");
  });
});

describe("headers", () => {
  const op = demoMeta.operations.GetEMail!;

  it("encodes header parts in metadata order, skipping undefined", () => {
    const xml = encodeHeaders(demoMeta, op.inputHeaders, {
      TimeZone: null,
      Credentials: { Ticket: "7T:abc" },
      ApplicationToken: undefined,
    });
    expect(xml).toBe(
      '<tns:Credentials><tns:Ticket>7T:abc</tns:Ticket></tns:Credentials><tns:TimeZone xsi:nil="true"/>',
    );
    expect(encodeHeaders(demoMeta, op.inputHeaders, undefined)).toBe("");
  });

  it("declares namespaces per header element when asked to", () => {
    const xml = encodeHeaders(
      demoMeta,
      op.outputHeaders,
      { Succeeded: true, ExtraInfo: [] },
      { declareNamespaces: true },
    );
    expect(xml).toBe(`<tns:ExtraInfo ${DECL}/><tns:Succeeded ${DECL}>true</tns:Succeeded>`);
  });

  it("rejects unknown header parts unless told to ignore them", () => {
    expect(serializationError(() => encodeHeaders(demoMeta, op.inputHeaders, { Ticket: "x" })).path).toBe("Ticket");
    expect(encodeHeaders(demoMeta, op.inputHeaders, { Ticket: "x" }, { ignoreUnknown: true })).toBe("");
    expect(
      serializationError(() => encodeHeaders(demoMeta, op.inputHeaders, { Credentials: { Tiket: "x" } })).path,
    ).toBe("Credentials.Tiket");
  });

  it("decodes known header elements and ignores others", () => {
    const header = parseXml(
      `<soap:Header xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ${DECL} ${XSI}>` +
        '<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">x</wsa:Action>' +
        '<tns:Succeeded>true</tns:Succeeded><tns:ExceptionInfo xsi:nil="true"/>' +
        "<tns:ExtraInfo><tns:StringDictionaryKeyValuePair><tns:Key>a</tns:Key><tns:Value>1</tns:Value></tns:StringDictionaryKeyValuePair></tns:ExtraInfo>" +
        "</soap:Header>",
    );
    expect(decodeHeaders(demoMeta, op.outputHeaders, header)).toEqual({
      Succeeded: true,
      ExceptionInfo: null,
      ExtraInfo: [{ Key: "a", Value: "1" }],
    });
    expect(decodeHeaders(demoMeta, op.outputHeaders, undefined)).toEqual({});
  });
});

describe("dictionary helpers", () => {
  it("convert between item arrays, records and maps", () => {
    const items = [
      { Key: "a", Value: "1" },
      { Key: null, Value: "skipped" },
      { Key: "__proto__", Value: "safe" },
      { Key: "a", Value: "2" },
    ];
    const rec = dictionaryToRecord(items);
    expect(rec).toEqual(
      Object.fromEntries([
        ["a", "2"],
        ["__proto__", "safe"],
      ]),
    );
    expect(Object.getPrototypeOf(rec)).toBe(Object.prototype);
    expect(dictionaryToRecord(null)).toEqual({});
    expect(recordToDictionary({ x: "1", y: "2" })).toEqual([
      { Key: "x", Value: "1" },
      { Key: "y", Value: "2" },
    ]);
    const map = dictionaryToMap(items);
    expect([...map.entries()]).toEqual([
      ["a", "2"],
      ["__proto__", "safe"],
    ]);
    expect(mapToDictionary(new Map([["k", 1]]))).toEqual([{ Key: "k", Value: 1 }]);
  });

  it("round-trips a record through the codec", () => {
    const { value } = roundTrip({ Headers: recordToDictionary({ "Content-Type": "text/plain", Empty: "" }) });
    expect(dictionaryToRecord((value as { Headers: { Key: string; Value: string }[] }).Headers)).toEqual({
      "Content-Type": "text/plain",
      Empty: "",
    });
  });
});

describe("metadata plan", () => {
  it("reports metadata errors clearly", () => {
    const broken: ServiceMetadata = {
      ...demoMeta,
      types: {
        ...demoMeta.types,
        SaveEMail: {
          kind: "complex",
          ns: TNS,
          local: "SaveEMail",
          fields: [{ name: "EMail", ns: TNS, type: "Missing", min: 0, max: 1, nillable: false }],
        },
      },
    };
    expect(() => encodeBody(broken, save.input, { EMail: {} })).toThrow(/unknown type Missing/);
  });

  it("declares a private prefix for a namespace missing from meta.prefixes", () => {
    const meta: ServiceMetadata = { ...demoMeta, prefixes: [["tns", TNS]] };
    const xml = encodeBody(meta, save.input, { EMail: { Folders: [1] } });
    expect(xml).toContain(`<tns:Folders><ns0:int xmlns:ns0="${ARR}">1</ns0:int></tns:Folders>`);
    expect(
      decodeBody(
        meta,
        save.input,
        parseXml(encodeBody(meta, save.input, { EMail: { Folders: [1, 2] } }, { declareNamespaces: true })),
      ),
    ).toEqual({
      EMail: { Folders: [1, 2] },
    });
  });
});

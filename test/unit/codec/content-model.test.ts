/**
 * Codec for metadata v3 content models on hand-written compact literals: single and nested
 * choices, repeated choices and sequences, wildcards (`$any`), `xs:anyType`, mixed content and
 * SOAP-encoded arrays — encode to an exact string, decode to an exact value, round trip, errors.
 */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { encodeBody } from "../../../runtime/codec/encode.js";
import { decodeType } from "../../../runtime/codec/decode.js";
import type { DecodeOptions } from "../../../runtime/codec/decode-options.js";
import { parseXml } from "../../../runtime/xml/parse.js";
import { DeserializationError, SerializationError } from "../../../runtime/errors.js";
import { TNS, v3Compact } from "./v3-fixture.js";

const meta = loadMetadata(v3Compact);
const X = `xmlns:tns="${TNS}"`;

function enc(type: string, value: object): string {
  return encodeBody(meta, { ns: TNS, element: "R", type, unwrap: null, empty: false }, value, {
    declareNamespaces: true,
  });
}
function dec(type: string, xml: string, options?: DecodeOptions): unknown {
  return decodeType(meta, type, parseXml(xml), options);
}
function roundTrip(type: string, value: object): void {
  expect(dec(type, enc(type, value))).toStrictEqual(value);
}
function encError(type: string, value: object): SerializationError {
  try {
    enc(type, value);
  } catch (e) {
    expect(e).toBeInstanceOf(SerializationError);
    return e as SerializationError;
  }
  throw new Error("expected a SerializationError");
}
function decError(type: string, xml: string, options?: DecodeOptions): DeserializationError {
  try {
    dec(type, xml, options);
  } catch (e) {
    expect(e).toBeInstanceOf(DeserializationError);
    return e as DeserializationError;
  }
  throw new Error("expected a DeserializationError");
}

describe("single choice", () => {
  it("encodes the branch whose properties are set, in content order", () => {
    expect(enc("Payment", { Note: "n", Card: "4111", Id: 1 })).toBe(
      `<tns:R ${X}><tns:Id>1</tns:Id><tns:Card>4111</tns:Card><tns:Note>n</tns:Note></tns:R>`,
    );
    expect(enc("Payment", { Id: 2, Bic: "B", Iban: "DE1" })).toBe(
      `<tns:R ${X}><tns:Id>2</tns:Id><tns:Iban>DE1</tns:Iban><tns:Bic>B</tns:Bic></tns:R>`,
    );
  });

  it("decodes branch elements as peers and round-trips", () => {
    expect(dec("Payment", `<R xmlns="${TNS}"><Id>3</Id><Iban>DE9</Iban></R>`)).toStrictEqual({ Id: 3, Iban: "DE9" });
    roundTrip("Payment", { Id: 1, Card: "4111" });
    roundTrip("Payment", { Id: 1, Iban: "DE1", Bic: "B", Note: "x" });
  });

  it("refuses two branches, a missing required choice and a branch without its required element", () => {
    expect(encError("Payment", { Id: 1, Card: "4111", Iban: "DE1" }).message).toBe(
      "Iban: properties of two choice branches are set (Card and Iban); a choice takes one",
    );
    expect(encError("Payment", { Id: 1 }).message).toMatch(
      /a required choice has no branch set; set one of: Card \| Iban \+ Bic/,
    );
    expect(encError("Payment", { Id: 1, Bic: "B" }).message).toBe("Iban: required property is missing");
  });

  it("strict decoding rejects two branches, a missing required choice and a missing branch element", () => {
    expect(decError("Payment", `<R xmlns="${TNS}"><Id>1</Id><Card>c</Card><Iban>i</Iban></R>`).message).toMatch(
      /elements of 2 branches of a choice \(Card and Iban\); a choice takes one/,
    );
    expect(decError("Payment", `<R xmlns="${TNS}"><Id>1</Id></R>`).message).toMatch(
      /a required choice is missing \(one of: Card \| Iban \+ Bic\)/,
    );
    expect(decError("Payment", `<R xmlns="${TNS}"><Id>1</Id><Bic>b</Bic></R>`).message).toMatch(
      /^Iban: required element \{urn:v3\}Iban is missing/,
    );
    // lenient structure: unknownElements "ignore" keeps both branches
    expect(
      dec("Payment", `<R xmlns="${TNS}"><Id>1</Id><Card>c</Card><Iban>i</Iban></R>`, { unknownElements: "ignore" }),
    ).toStrictEqual({ Id: 1, Card: "c", Iban: "i" });
  });

  it("handles an optional choice with a nested choice", () => {
    expect(enc("Contact", {})).toBe(`<tns:R ${X}/>`);
    expect(enc("Contact", { Landline: "1" })).toBe(`<tns:R ${X}><tns:Landline>1</tns:Landline></tns:R>`);
    roundTrip("Contact", { Mobile: "2" });
    roundTrip("Contact", {});
    expect(encError("Contact", { Mobile: "2", Landline: "1" }).message).toMatch(/two choice branches/);
    expect(encError("Contact", { Email: "e", Landline: "1" }).message).toMatch(/\(Email and Landline\)/);
    expect(decError("Contact", `<R xmlns="${TNS}"><Mobile>1</Mobile><Landline>2</Landline></R>`).message).toMatch(
      /branches of a choice \(Mobile and Landline\)/,
    );
  });
});

describe("repeated choice and repeated sequence", () => {
  const steps = { Title: "t", $choice: [{ Add: 1 }, { Mul: 2, By: 3 }, { Mul: 4 }, { Add: 5 }] };

  it("encodes items inline, in order, without a wrapper", () => {
    expect(enc("Steps", steps)).toBe(
      `<tns:R ${X}><tns:Title>t</tns:Title><tns:Add>1</tns:Add><tns:Mul>2</tns:Mul><tns:By>3</tns:By>` +
        `<tns:Mul>4</tns:Mul><tns:Add>5</tns:Add></tns:R>`,
    );
  });

  it("decodes in document order: a branch element starts a new item unless it continues a multi-element branch", () => {
    expect(dec("Steps", enc("Steps", steps))).toStrictEqual(steps);
    expect(
      dec("Steps", `<R xmlns="${TNS}"><Title>t</Title><Mul>1</Mul><Mul>2</Mul><By>3</By><Add>4</Add><Add>5</Add></R>`),
    ).toStrictEqual({ Title: "t", $choice: [{ Mul: 1 }, { Mul: 2, By: 3 }, { Add: 4 }, { Add: 5 }] });
  });

  it("checks occurrence and item shapes", () => {
    expect(encError("Steps", { Title: "t" }).message).toBe("$choice: required (at least 1 item(s))");
    expect(encError("Steps", { Title: "t", $choice: [] }).message).toBe("$choice: at least 1 item(s) required, got 0");
    expect(encError("Steps", { Title: "t", $choice: [{ Add: 1, Mul: 2 }] }).message).toBe(
      "$choice[0].Mul: properties of two choice branches are set (Add and Mul); a choice takes one",
    );
    expect(encError("Steps", { Title: "t", $choice: [{ Nope: 1 }] }).message).toMatch(
      /^\$choice\[0\]\.Nope: unknown property for an item of \$choice/,
    );
    expect(encError("Steps", { Title: "t", $choice: [{}] }).message).toMatch(
      /^\$choice\[0\]: a required choice has no branch set/,
    );
    expect(decError("Steps", `<R xmlns="${TNS}"><Title>t</Title></R>`).message).toMatch(
      /^\$choice: at least 1 item\(s\) required, got 0/,
    );
    expect(decError("Steps", `<R xmlns="${TNS}"><Title>t</Title><By>1</By></R>`).message).toMatch(
      /^\$choice\[0\]: .*required element \{urn:v3\}Mul is missing|^\$choice\[0\]\.Mul: required element/,
    );
  });

  it("decodes a repeated sequence: a new item starts at a position not after the last one read", () => {
    const xml = `<R xmlns="${TNS}"><Key>a</Key><Value>1</Value><Value>2</Value><Key>b</Key><Key>c</Key><Value>3</Value></R>`;
    const value = {
      $sequence: [{ Key: "a", Value: ["1", "2"] }, { Key: "b" }, { Key: "c", Value: ["3"] }],
    };
    expect(dec("Pairs", xml)).toStrictEqual(value);
    expect(enc("Pairs", value)).toBe(
      `<tns:R ${X}><tns:Key>a</tns:Key><tns:Value>1</tns:Value><tns:Value>2</tns:Value><tns:Key>b</tns:Key>` +
        `<tns:Key>c</tns:Key><tns:Value>3</tns:Value></tns:R>`,
    );
    roundTrip("Pairs", value);
  });

  it("checks the sequence's occurrence and its items' required elements", () => {
    const four = [1, 2, 3, 4].map((i) => `<Key>${i}</Key>`).join("");
    expect(decError("Pairs", `<R xmlns="${TNS}">${four}</R>`).message).toMatch(
      /^\$sequence: at most 3 item\(s\) allowed, got 4/,
    );
    expect(decError("Pairs", `<R xmlns="${TNS}"><Value>1</Value></R>`).message).toMatch(
      /^\$sequence\[0\]\.Key: required element/,
    );
    expect(encError("Pairs", { $sequence: [{ Key: "a" }, { Key: "b" }, { Key: "c" }, { Key: "d" }] }).message).toBe(
      "$sequence: at most 3 item(s) allowed, got 4",
    );
    expect(encError("Pairs", { $sequence: [{ Value: ["1"] }] }).message).toBe(
      "$sequence[0].Key: required property is missing",
    );
  });
});

describe("xs:any ($any)", () => {
  const ext = '<x:Ext xmlns:x="urn:example:ext">v<x:i a="1"/></x:Ext>';

  it("writes raw elements verbatim at the wildcard's position", () => {
    expect(enc("Open", { Name: "a", $any: [ext, "<Other xmlns='urn:o'/>"] })).toBe(
      `<tns:R ${X}><tns:Name>a</tns:Name>${ext}<Other xmlns='urn:o'/></tns:R>`,
    );
  });

  it("decodes undeclared elements admitted by the namespace constraint into $any, standalone", () => {
    const xml =
      `<s:Env xmlns:s="urn:soap" xmlns:x="urn:example:ext" xmlns:q="urn:q"><R xmlns="${TNS}">` +
      `<Name>a</Name><x:Ext q:attr="1" xsi:type="q:T" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<Inner xmlns="">t</Inner></x:Ext><Foreign xmlns="urn:f"><x:Deep/></Foreign></R></s:Env>`;
    const v = decodeType(meta, "Open", parseXml(xml).children[0]!);
    expect(v).toStrictEqual({
      Name: "a",
      $any: [
        `<x:Ext xmlns:q="urn:q" xmlns:x="urn:example:ext" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" q:attr="1" xsi:type="q:T"><Inner xmlns="">t</Inner></x:Ext>`,
        `<Foreign xmlns="urn:f" xmlns:x="urn:example:ext"><x:Deep/></Foreign>`,
      ],
    });
  });

  it("round-trips losslessly: decode → encode → decode gives the same value", () => {
    const first = dec("Open", `<R xmlns="${TNS}" xmlns:x="urn:example:ext"><Name>a</Name><x:Ext>v<x:i/></x:Ext></R>`);
    expect(first).toStrictEqual({ Name: "a", $any: ['<x:Ext xmlns:x="urn:example:ext">v<x:i/></x:Ext>'] });
    const again = dec("Open", enc("Open", first as object));
    expect(again).toStrictEqual(first);
    const cdata = dec(
      "OneAny",
      `<R xmlns="${TNS}"><e:A xmlns:e="urn:example:ext" e:k="&amp;&lt;'"><![CDATA[x<y]]>&#10;</e:A></R>`,
    );
    expect(cdata).toStrictEqual({ $any: `<e:A xmlns:e="urn:example:ext" e:k="&amp;&lt;&apos;">x&lt;y\n</e:A>` });
    expect(dec("OneAny", enc("OneAny", cdata as object))).toStrictEqual(cdata);
  });

  it("treats elements the constraint does not admit as unknown elements", () => {
    // ##other excludes the target namespace and no namespace
    expect(decError("Open", `<R xmlns="${TNS}"><Name>a</Name><Extra/></R>`).message).toMatch(
      /unexpected element \{urn:v3\}Extra; expected one of: Name/,
    );
    expect(decError("Open", `<R xmlns="${TNS}"><Name>a</Name><Extra xmlns=""/></R>`).message).toMatch(
      /unexpected element Extra/,
    );
    expect(decError("OneAny", `<R xmlns="${TNS}"><A xmlns="urn:other"/></R>`).message).toMatch(/unexpected element/);
    expect(decError("OneAny", `<R xmlns="${TNS}"></R>`).message).toMatch(
      /^\$any: at least 1 item\(s\) required, got 0/,
    );
    expect(
      decError("OneAny", `<R xmlns="${TNS}"><A xmlns="urn:example:ext"/><B xmlns="urn:example:ext"/></R>`).message,
    ).toMatch(/a second element for a wildcard that occurs once/);
    expect(encError("OneAny", { $any: "<A xmlns='urn:other'/>" }).message).toBe(
      "$any: raw XML element in namespace urn:other is not allowed by the wildcard's namespace constraint",
    );
  });

  const hostile: [string, RegExp][] = [
    ["</a><b>", /must be exactly one element/],
    ["<a/><b/>", /only one root/],
    ["<a>x</a><b>", /not one well-formed element/],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', /must be exactly one element/],
    ["<a><!DOCTYPE b></a>", /not one well-formed element/],
    ["<?xml version='1.0'?><a/>", /must be exactly one element/],
    ["<a>&e;</a>", /undefined entity/],
    ["<p:a/>", /unbound namespace prefix/],
    ["plain text", /must be exactly one element/],
    ["<a/>tail", /must be exactly one element/],
    ["<a>\u0001</a>", /not one well-formed element/],
    ["<a></b>", /not one well-formed element/],
  ];
  for (const [bad, why] of hostile) {
    it(`refuses the hostile raw string ${JSON.stringify(bad)}`, () => {
      const e = encError("Open", { Name: "a", $any: ["<x:Ok xmlns:x='urn:example:ext'/>", bad] });
      expect(e.path).toBe("$any[1]");
      expect(e.message).toMatch(why);
    });
  }

  it("refuses a non-string", () => {
    expect(encError("OneAny", { $any: { a: 1 } }).message).toMatch(
      /^\$any: expected a raw XML element string, got object/,
    );
  });
});

describe("xs:anyType", () => {
  it("decodes text-only content to a string and element content to { $xml }", () => {
    expect(dec("Holder", `<R xmlns="${TNS}"><Value> text </Value></R>`)).toStrictEqual({ Value: " text " });
    expect(
      dec("Holder", `<R xmlns="${TNS}" xmlns:p="urn:p"><Value><p:A>1</p:A><B xmlns="">2</B></Value></R>`),
    ).toStrictEqual({
      Value: { $xml: '<p:A xmlns:p="urn:p">1</p:A><B xmlns="">2</B>' },
    });
    expect(
      dec(
        "Holder",
        `<R xmlns="${TNS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><Value xsi:nil="true"/></R>`,
      ),
    ).toStrictEqual({ Value: null });
  });

  it("decodes xsi:type naming an xs: scalar or a known complex type to the typed value", () => {
    const XS = `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema"`;
    expect(dec("Holder", `<R xmlns="${TNS}" ${XS}><Value xsi:type="xs:int">42</Value></R>`)).toStrictEqual({
      Value: 42,
    });
    expect(dec("Holder", `<R xmlns="${TNS}" ${XS}><Value xsi:type="xs:boolean">true</Value></R>`)).toStrictEqual({
      Value: true,
    });
    expect(
      dec("Holder", `<R xmlns="${TNS}" ${XS} xmlns:t="${TNS}"><Value xsi:type="t:Point"><X>1</X><Y>2</Y></Value></R>`),
    ).toStrictEqual({
      Value: { $type: "Point", X: 1, Y: 2 },
    });
    expect(decError("Holder", `<R xmlns="${TNS}" ${XS}><Value xsi:type="xs:int">x</Value></R>`).path).toBe("Value");
  });

  it("encodes strings as text, other scalars with their xsi:type, RawXml checked, { $type } typed", () => {
    const XSI = `xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`;
    const XSD = `xmlns:xsd="http://www.w3.org/2001/XMLSchema"`;
    expect(enc("Holder", { Value: "a<b" })).toBe(`<tns:R ${X}><tns:Value>a&lt;b</tns:Value></tns:R>`);
    expect(enc("Holder", { Value: 7 })).toBe(
      `<tns:R ${X} ${XSI}><tns:Value ${XSD} xsi:type="xsd:int">7</tns:Value></tns:R>`,
    );
    expect(enc("Holder", { Value: 1.5 })).toBe(
      `<tns:R ${X} ${XSI}><tns:Value ${XSD} xsi:type="xsd:double">1.5</tns:Value></tns:R>`,
    );
    expect(enc("Holder", { Value: 10n ** 20n })).toBe(
      `<tns:R ${X} ${XSI}><tns:Value ${XSD} xsi:type="xsd:integer">100000000000000000000</tns:Value></tns:R>`,
    );
    expect(enc("Holder", { Value: { $xml: "<a>1</a>t" } })).toBe(
      `<tns:R ${X}><tns:Value><a>1</a>t</tns:Value></tns:R>`,
    );
    expect(enc("Holder", { Value: { $type: "Point", X: 1, Y: 2 } })).toBe(
      `<tns:R ${X} ${XSI}><tns:Value xsi:type="tns:Point"><tns:X>1</tns:X><tns:Y>2</tns:Y></tns:Value></tns:R>`,
    );
    for (const v of [
      "s",
      7,
      -2.5,
      true,
      123n,
      { $xml: '<p:A xmlns:p="urn:p">1</p:A><B>2</B>' },
      { $type: "Point", X: 1, Y: 2 },
    ])
      roundTrip("Holder", { Value: v });
  });

  it("refuses unsafe raw content and values it cannot type", () => {
    for (const bad of [
      "</tns:Value><x>",
      "<a>",
      "<!DOCTYPE a><a/>",
      "</soapkit-raw-content-check><soapkit-raw-content-check>",
      "<p:a/>",
    ])
      expect(encError("Holder", { Value: { $xml: bad } }).path).toBe("Value.$xml");
    expect(encError("Holder", { Value: { $xml: "<a/>", extra: 1 } }).message).toMatch(/only the \$xml property/);
    expect(encError("Holder", { Value: { $type: "Nope" } }).message).toMatch(/expected an xs:anyType value/);
    expect(encError("Holder", { Value: [1] }).message).toMatch(/expected an xs:anyType value/);
  });
});

describe("mixed content", () => {
  it("writes $value before the elements and joins the text between children on decode", () => {
    expect(enc("Text", { $value: "Hello ", B: ["x"] })).toBe(`<tns:R ${X}>Hello <tns:B>x</tns:B></tns:R>`);
    expect(dec("Text", `<R xmlns="${TNS}">Hello <B>x</B> world<B>y</B>!</R>`)).toStrictEqual({
      $value: "Hello  world!",
      B: ["x", "y"],
    });
    expect(dec("Text", `<R xmlns="${TNS}">\n  <B>x</B>\n</R>`)).toStrictEqual({ B: ["x"] });
    roundTrip("Text", { $value: "a & b", B: ["x"] });
    roundTrip("Text", { $value: "only text" });
    expect(encError("Text", { $value: 5 }).message).toBe("$value: expected a string, got number");
  });
});

describe("SOAP-encoded arrays", () => {
  it("writes soapenc:Array with arrayType and reads items under any element name", () => {
    expect(enc("IntsHolder", { Items: [1, 2] })).toBe(
      `<tns:R ${X} xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><tns:Items xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" ` +
        `xmlns:xsd="http://www.w3.org/2001/XMLSchema" xsi:type="soapenc:Array" soapenc:arrayType="xsd:int[2]"><item>1</item><item>2</item></tns:Items></tns:R>`,
    );
    expect(
      dec(
        "IntsHolder",
        `<R xmlns="${TNS}" xmlns:se="http://schemas.xmlsoap.org/soap/encoding/"><Items se:arrayType="xsd:int[3]"><a>1</a><b>2</b><item>3</item></Items></R>`,
      ),
    ).toStrictEqual({ Items: [1, 2, 3] });
    roundTrip("IntsHolder", { Items: [] });
    roundTrip("IntsHolder", { Items: [5, -6] });
  });
});

describe("content models with inheritance and wildcards inside groups", () => {
  const m = loadMetadata({
    ...v3Compact,
    types: {
      ...v3Compact.types,
      Base: { f: [["A", "xs:int"]] },
      Derived: {
        base: "Base",
        f: [
          ["|", [[["B", "xs:int"]], [["C", "xs:int"]]]],
          [
            "(",
            [
              ["K", "xs:string"],
              ["*", "$any", "?", "##other"],
            ],
            "*",
            "$sequence",
          ],
        ],
      },
      MoreDerived: { base: "Derived", f: [["D", "xs:int", "?"]] },
      Holder2: { f: [["V", "Base"]] },
    },
  });
  const body = (type: string) => ({ ns: TNS, element: "R", type, unwrap: null, empty: false });
  const e = (type: string, v: object) => encodeBody(m, body(type), v, { declareNamespaces: true });
  const d = (type: string, xml: string) => decodeType(m, type, parseXml(xml));

  it("puts base fields first, then the derived content model, then further derived fields", () => {
    const v = {
      A: 1,
      C: 3,
      $sequence: [{ K: "k1", $any: '<x:E xmlns:x="urn:example:ext"/>' }, { K: "k2" }],
      D: 4,
    };
    const xml = e("MoreDerived", v);
    expect(xml).toBe(
      `<tns:R ${X}><tns:A>1</tns:A><tns:C>3</tns:C><tns:K>k1</tns:K><x:E xmlns:x="urn:example:ext"/>` +
        `<tns:K>k2</tns:K><tns:D>4</tns:D></tns:R>`,
    );
    expect(d("MoreDerived", xml)).toStrictEqual(v);
  });

  it("routes wildcard elements inside a repeated sequence to the current item", () => {
    const xml =
      `<R xmlns="${TNS}" xmlns:x="urn:example:ext"><A>1</A><B>2</B><K>a</K><x:E/><K>b</K>` + `<K>c</K><x:F>f</x:F></R>`;
    expect(d("Derived", xml)).toStrictEqual({
      $type: "Derived",
      A: 1,
      B: 2,
      $sequence: [
        { K: "a", $any: '<x:E xmlns:x="urn:example:ext"/>' },
        { K: "b" },
        { K: "c", $any: '<x:F xmlns:x="urn:example:ext">f</x:F>' },
      ],
    });
  });

  it("reads a subtype's content model through xsi:type", () => {
    const v = { V: { $type: "Derived", A: 1, B: 2 } };
    const xml = e("Holder2", v);
    expect(xml).toContain('<tns:V xsi:type="tns:Derived"><tns:A>1</tns:A><tns:B>2</tns:B></tns:V>');
    expect(d("Holder2", xml)).toStrictEqual(v);
  });
});

describe("xs:anyType attributes", () => {
  it("refuses attributes of an untyped anyType element in strict mode (they have no place in the value)", () => {
    expect(decError("Holder", `<R xmlns="${TNS}"><Value a="1">t</Value></R>`).message).toMatch(
      /unexpected attribute a/,
    );
    expect(dec("Holder", `<R xmlns="${TNS}"><Value a="1">t</Value></R>`, { unknownElements: "ignore" })).toStrictEqual({
      Value: "t",
    });
  });
});

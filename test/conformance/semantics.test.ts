/**
 * The wire semantics the conformance checks must cover, each asserted explicitly on the
 * envelope soapkit sends (or the codec writes, for responses) and on the value read back.
 * The same cases (helpers/cases.ts SEMANTICS) are validated by xmllint
 * (xsd-validation.test.ts) and compared with zeep (zeep.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { decodeBody, decodeHeaders } from "../../runtime/codec/decode.js";
import { parseEnvelope } from "../../runtime/envelope.js";
import { SerializationError } from "../../runtime/errors.js";
import { sampleInput } from "soapkit/mock";
import { requireShared } from "../helpers/shared.js";
import { at, canonical, childNames, has, XSI_NIL, XSI_TYPE, type Canon } from "./helpers/canonical.js";
import {
  ARRAYS_NS,
  FIXTURE_NS,
  SEMANTICS,
  SO_NS,
  clientRequest,
  loadServices,
  reverseKeys,
  semanticDocs,
  type Service,
  type WireDoc,
} from "./helpers/cases.js";

const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");

describe.skipIf(!emailWsdl)("wire semantics", () => {
  let email: Service;
  let fixture: Service;
  let docs: (WireDoc & { semantic: string })[];

  beforeAll(async () => {
    ({ email, fixture } = await loadServices(emailWsdl!));
    docs = await semanticDocs({ email, fixture });
  });

  function doc(
    name: string,
    direction: "request" | "response" = "request",
  ): {
    xml: string;
    env: Canon;
    body: Canon;
    header: Canon | undefined;
    decoded: { body: Record<string, unknown>; headers: Record<string, unknown> };
  } {
    const d = docs.find((x) => x.semantic === name && x.direction === direction);
    if (d === undefined) throw new Error(`no semantic case ${name} ${direction}`);
    const env = canonical(d.xml);
    const parsed = parseEnvelope(d.xml, "1.1");
    const bodyMeta = direction === "request" ? d.op.input : d.op.output!;
    const decoded = {
      body: decodeBody(d.service.meta, bodyMeta, parsed.firstBodyChild!),
      headers: decodeHeaders(
        d.service.meta,
        direction === "request" ? d.op.inputHeaders : d.op.outputHeaders,
        parsed.header,
      ),
    };
    return {
      xml: d.xml,
      env,
      body: at(env, "Body").children[0]!,
      header: env.children.find((c) => c.local === "Header"),
      decoded,
    };
  }

  it("covers every semantic case of the brief", () => {
    expect(new Set(SEMANTICS.map((c) => c.name))).toStrictEqual(
      new Set([
        "sequence-order",
        "xsi-type",
        "nil-array-item",
        "nil-vs-absent",
        "flags-list",
        "dictionary",
        "ArrayOfint",
        "ArrayOfstring",
        "long-beyond-2^53",
        "dateTime-without-offset",
      ]),
    );
  });

  describe("xs:sequence order, whatever the input key order", () => {
    it("children follow the schema (base Carrier fields first), headers follow the binding", () => {
      const { body, header } = doc("sequence-order");
      const account = at(body, "SyncUserAccount");
      expect(childNames(account)).toStrictEqual([
        "TableRight",
        "FieldProperties",
        "AccountId",
        "AssociateName",
        "AssociateId",
      ]);
      expect(childNames(at(account, "TableRight"))).toStrictEqual(["Mask", "Reason"]);
      expect(childNames(at(account, "FieldProperties", "FieldPropertyDictionaryKeyValuePair"))).toStrictEqual([
        "Key",
        "Value",
      ]);
      expect(childNames(at(account, "FieldProperties", "FieldPropertyDictionaryKeyValuePair", "Value"))).toStrictEqual([
        "FieldRight",
        "FieldType",
        "FieldLength",
      ]);
      expect(childNames(header!)).toStrictEqual(["ApplicationToken", "Credentials", "TimeZone"]);
      expect(childNames(at(header!, "TimeZone"))).toStrictEqual(["SoTimeZoneId", "SoTimeZoneLocationCode"]);
    });

    it("all 77 EMail requests: reversing every object's key order changes nothing on the wire", async () => {
      const differing: string[] = [];
      for (const op of Object.values(email.meta.operations)) {
        const input = op.input.empty ? undefined : sampleInput(email.meta, op.name);
        const a = await clientRequest(email.meta, op.name, input, {});
        const b = await clientRequest(email.meta, op.name, reverseKeys(input), {});
        if (a.xml !== b.xml) differing.push(op.name);
      }
      expect(differing).toStrictEqual([]);
    });
  });

  describe("a subtype sent where its base is declared carries xsi:type", () => {
    it("derived values get xsi:type={ns}Subtype, base values none, fields base-first", () => {
      const { body } = doc("xsi-type");
      const shape = at(body, "Shape");
      expect(shape.attrs[XSI_TYPE]).toBe(`{${FIXTURE_NS}}LabelledCircle`);
      expect(childNames(shape)).toStrictEqual(["Name", "Created", "Radius", "Label"]);
      const items = at(body, "Shapes").children;
      expect(items.map((c) => c.name)).toStrictEqual(Array(4).fill(`{${FIXTURE_NS}}Shape`));
      expect(items.map((c) => c.attrs[XSI_TYPE])).toStrictEqual([
        `{${FIXTURE_NS}}Circle`,
        `{${FIXTURE_NS}}Polygon`,
        undefined,
        undefined,
      ]);
      expect(childNames(items[1]!)).toStrictEqual(["Name", "Sides", "Area"]);
    });

    it("the subtype reads back as $type (the declared type too, since Shape has subtypes)", () => {
      const { decoded } = doc("xsi-type");
      expect(decoded.body).toStrictEqual({
        Shape: { $type: "LabelledCircle", Name: "ring", Created: "2021-11-30T13:22:10", Radius: 2.5, Label: "outer" },
        Shapes: [
          { $type: "Circle", Name: "c", Radius: 1 },
          { $type: "Polygon", Name: "pentagon", Sides: 5, Area: 9007199254740993n },
          { $type: "Shape", Name: "plain shape" },
          { $type: "Shape", Name: "declared type named explicitly" },
        ],
      });
      const response = doc("xsi-type", "response");
      expect(at(response.body, "Response").children.map((c) => c.attrs[XSI_TYPE])).toStrictEqual([
        `{${FIXTURE_NS}}LabelledCircle`,
        `{${FIXTURE_NS}}Polygon`,
        undefined,
        undefined,
      ]);
    });

    it("the metadata lists the fixture's subtypes (derived types are reachable through their base)", () => {
      const shape = fixture.meta.types["Shape"];
      expect(shape?.kind === "complex" ? shape.subtypes : undefined).toStrictEqual([
        "Circle",
        "LabelledCircle",
        "Polygon",
      ]);
    });

    it("a $type that is not a subtype of the declared type is refused", async () => {
      await expect(
        clientRequest(fixture.meta, "Draw", { Shape: { $type: "Counters", Big: 1n, Negative: 1n } }, {}),
      ).rejects.toThrow(SerializationError);
    });
  });

  describe('null → xsi:nil="true", undefined → omitted', () => {
    it("in the body and in the headers", () => {
      const { body, header } = doc("nil-vs-absent");
      const account = at(body, "SyncUserAccount");
      expect(childNames(account)).toStrictEqual(["TableRight", "AccountId", "AssociateName"]);
      for (const nil of [
        at(account, "TableRight"),
        at(account, "AssociateName"),
        at(header!, "ApplicationToken"),
        at(header!, "Credentials", "Ticket"),
      ]) {
        expect(nil.attrs, nil.local).toStrictEqual({ [XSI_NIL]: "true" });
        expect(nil.children, nil.local).toHaveLength(0);
        expect(nil.text, nil.local).toBe("");
      }
      expect(has(header!, "TimeZone")).toBe(false);
      expect(at(account, "AccountId").text).toBe("1");
    });

    it("reads back as null versus absent", () => {
      const { decoded } = doc("nil-vs-absent");
      expect(decoded.body).toStrictEqual({ SyncUserAccount: { TableRight: null, AccountId: 1, AssociateName: null } });
      expect(decoded.headers).toStrictEqual({ ApplicationToken: null, Credentials: { Ticket: null } });
    });

    it("a null item of an array is a nil item element", () => {
      const { body, decoded } = doc("nil-array-item");
      const items = at(body, "Shapes").children;
      expect(items).toHaveLength(3);
      expect(items[1]!.attrs).toStrictEqual({ [XSI_NIL]: "true" });
      expect(items[1]!.children).toHaveLength(0);
      expect((decoded.body["Shapes"] as unknown[])[1]).toBeNull();
    });
  });

  it("flag lists (xs:list) are space-separated tokens", () => {
    const { body, decoded } = doc("flags-list");
    expect(at(body, "Email", "Flags").text).toBe("Seen Flagged Answered");
    expect(at(body, "Email", "TableRight", "Mask").text).toBe("Select Insert Delete");
    expect((decoded.body["Email"] as Record<string, unknown>)["Flags"]).toStrictEqual(["Seen", "Flagged", "Answered"]);
  });

  describe("dictionaries are key/value items", () => {
    it("in the body (FieldPropertyDictionary)", () => {
      const { body, decoded } = doc("dictionary");
      const items = at(body, "SyncUserAccount", "FieldProperties").children;
      expect(items.map((i) => i.name)).toStrictEqual(Array(2).fill(`{${SO_NS}}FieldPropertyDictionaryKeyValuePair`));
      expect(items.map(childNames)).toStrictEqual([
        ["Key", "Value"],
        ["Key", "Value"],
      ]);
      expect(items.map((i) => at(i, "Key").text)).toStrictEqual(["AccountId", "AssociateName"]);
      expect(at(items[0]!, "Value", "FieldRight", "Mask").text).toBe("Read Write");
      expect(at(items[1]!, "Value").attrs).toStrictEqual({ [XSI_NIL]: "true" });
      expect((decoded.body["SyncUserAccount"] as Record<string, unknown>)["FieldProperties"]).toStrictEqual([
        {
          Key: "AccountId",
          Value: { FieldRight: { Mask: ["Read", "Write"], Reason: "" }, FieldType: "int", FieldLength: 4 },
        },
        { Key: "AssociateName", Value: null },
      ]);
    });

    it("in a response header (SoExtraInfo)", () => {
      const { header, decoded } = doc("dictionary", "response");
      const items = at(header!, "ExtraInfo").children;
      expect(items.map((i) => i.name)).toStrictEqual(Array(2).fill(`{${SO_NS}}ExtraInfoNameValuePair`));
      expect(items.map((i) => [at(i, "Key").text, at(i, "Value").text, at(i, "Value").attrs[XSI_NIL]])).toStrictEqual([
        ["ServerVersion", "10.3", undefined],
        ["Empty", "", "true"],
      ]);
      expect(decoded.headers["ExtraInfo"]).toStrictEqual([
        { Key: "ServerVersion", Value: "10.3" },
        { Key: "Empty", Value: null },
      ]);
    });
  });

  it("ArrayOfint / ArrayOfstring items are in the Microsoft Arrays namespace (wrapper in tns)", () => {
    const ints = at(doc("ArrayOfint").body, "MessageServerIds");
    expect(ints.name).toBe(`{${SO_NS}}MessageServerIds`);
    expect(ints.children.map((c) => [c.name, c.text])).toStrictEqual([
      [`{${ARRAYS_NS}}int`, "1"],
      [`{${ARRAYS_NS}}int`, "-2"],
      [`{${ARRAYS_NS}}int`, "2147483647"],
      [`{${ARRAYS_NS}}int`, "-2147483648"],
    ]);
    const strings = at(doc("ArrayOfstring").body, "Folders");
    expect(strings.children.map((c) => [c.name, c.text])).toStrictEqual([
      [`{${ARRAYS_NS}}string`, "INBOX"],
      [`{${ARRAYS_NS}}string`, "Sent Items"],
      [`{${ARRAYS_NS}}string`, ""],
      [`{${ARRAYS_NS}}string`, "a & <b>"],
    ]);
    expect(doc("ArrayOfstring").decoded.body).toStrictEqual({ Folders: ["INBOX", "Sent Items", "", "a & <b>"] });
  });

  it("xs:long values beyond 2^53 are unchanged, both ways", () => {
    const { body, decoded } = doc("long-beyond-2^53");
    const c = at(body, "Counters");
    expect([at(c, "Big").text, at(c, "Negative").text, at(c, "Unsigned").text]).toStrictEqual([
      "9007199254740993",
      "-9007199254740995",
      "18446744073709551615",
    ]);
    expect(at(c, "Values").children.map((v) => v.text)).toStrictEqual([
      "9223372036854775807",
      "-9223372036854775808",
      "0",
      "9007199254740993",
    ]);
    expect(decoded.body).toStrictEqual({
      Counters: {
        Big: 9007199254740993n,
        Negative: -9007199254740995n,
        Unsigned: 18446744073709551615n,
        Values: [9223372036854775807n, -9223372036854775808n, 0n, 9007199254740993n],
        At: "2021-11-30T13:22:10",
      },
    });
    const response = doc("long-beyond-2^53", "response");
    expect(response.decoded.body).toStrictEqual({
      Response: {
        Big: 9223372036854775807n,
        Negative: -9223372036854775808n,
        Unsigned: 18446744073709551615n,
        Values: [9007199254740993n],
      },
    });
  });

  it("xs:dateTime without offset is kept as sent (no Z, no local-time shift, all fraction digits)", () => {
    const { body, decoded } = doc("dateTime-without-offset");
    const mail = at(body, "Email");
    expect([at(mail, "Sent").text, at(mail, "ReceivedAt").text, at(mail, "RepliedAt").text]).toStrictEqual([
      "2021-11-30T13:22:10",
      "2021-11-30T13:22:10.1234567",
      "2021-11-30T13:22:10Z",
    ]);
    expect(decoded.body["Email"]).toStrictEqual({
      Sent: "2021-11-30T13:22:10",
      ReceivedAt: "2021-11-30T13:22:10.1234567",
      RepliedAt: "2021-11-30T13:22:10Z",
    });
    expect(doc("dateTime-without-offset", "response").decoded.body).toStrictEqual({
      Response: {
        Sent: "2021-11-30T13:22:10",
        ReceivedAt: "2021-11-30T13:22:10.123456",
        RepliedAt: "2021-11-30T13:22:10+01:00",
      },
    });
  });
});

/**
 * Regression tests of issue 10 ("decoded values that contradict the generated types"),
 * through the real client against a node:http server on 127.0.0.1: every response either
 * decodes to a value of the declared type or fails with a ProtocolError naming the path.
 * Imports only what the runtime exported before the fix, so each case fails on the old code
 * by its assertion, not by a missing import.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProtocolError, soapHttpTransport } from "../../runtime/index.js";
import { SOAP11_ENV_NS, XSI_NS } from "../../runtime/metadata.js";
import { createEMailClient } from "../../generated/index.js";
import { TNS, demoMeta } from "./fixtures/demo.js";
import { sendXml, startServer, type TestServer } from "./fixtures/server.js";
import { soapCore, type SoapCoreOptions } from "../helpers/soap-core.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

function envelope(bodyXml: string, ns = TNS): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP11_ENV_NS}" xmlns:i="${XSI_NS}">` +
    `<s:Header><Succeeded xmlns="${ns}">true</Succeeded></s:Header><s:Body>${bodyXml}</s:Body></s:Envelope>`
  );
}

/** GetEMail response whose EMailEntity content is `inner`. */
function getEMailResponse(inner: string): string {
  return envelope(`<GetEMailResponse xmlns="${TNS}"><Response>${inner}</Response></GetEMailResponse>`);
}

async function getEMail(inner: string, options: SoapCoreOptions<Record<string, unknown>> = {}): Promise<unknown> {
  server.handler = (_req, res) => sendXml(res, getEMailResponse(inner));
  const client = soapCore(demoMeta, { endpoint: server.url, ...options });
  return (await client.invoke("GetEMail", { EMailId: 1 })).result;
}

async function protocolError(p: Promise<unknown>): Promise<ProtocolError> {
  const outcome = await p.then(
    (v) => v,
    (e: unknown) => e,
  );
  expect(
    outcome,
    `expected a ProtocolError, got ${JSON.stringify(outcome, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v))}`,
  ).toBeInstanceOf(ProtocolError);
  return outcome as ProtocolError;
}

describe("nil on a non-nillable element", () => {
  it("hasNewMail() rejects instead of resolving null", async () => {
    const ns = "http://www.superoffice.net/ws/crm/NetServer/Services84";
    server.handler = (_req, res) =>
      sendXml(res, envelope(`<HasNewMailResponse xmlns="${ns}"><Response i:nil="true"/></HasNewMailResponse>`, ns));
    const email = createEMailClient({ transport: soapHttpTransport({ endpoint: server.url }) });
    const err = await protocolError(email.hasNewMail({ MailItemId: 1 }));
    expect(err.message).toMatch(/Response: xsi:nil on an element that is not nillable/);
    expect((err as { path?: string }).path).toBe("Response");
  });

  it("rejects nil on a non-nillable int inside an entity, names the path", async () => {
    const err = await protocolError(getEMail('<Id i:nil="true"/>'));
    expect(err.message).toMatch(/Response\.Id: xsi:nil/);
  });
});

describe("integer ranges and lexical forms", () => {
  const cases: [string, RegExp][] = [
    ["<Id>99999999999999999999</Id>", /Response\.Id: xs:int value out of range/],
    [`<Id>${"9".repeat(400)}</Id>`, /Response\.Id: xs:int value out of range/],
    ["<Id>2147483648</Id>", /Response\.Id: xs:int value out of range/],
    ["<Id>1.0</Id>", /Response\.Id: not a valid xs:int/],
    ["<Small>128</Small>", /Response\.Small: xs:byte value out of range/],
    ["<Count>-1</Count>", /Response\.Count: xs:unsignedInt value out of range/],
    ["<Size>9223372036854775808</Size>", /Response\.Size: xs:long value out of range/],
    ["<Big>-1</Big>", /Response\.Big: xs:unsignedLong value out of range/],
    [`<Big>${"1".repeat(5000)}</Big>`, /Response\.Big: xs:unsignedLong value out of range/],
  ];
  for (const [inner, re] of cases) {
    it(`rejects ${inner.slice(0, 40)}`, async () => {
      expect((await protocolError(getEMail(inner))).message).toMatch(re);
    });
  }

  it("accepts the extremes of each range exactly", async () => {
    const v = await getEMail(
      "<Id>-2147483648</Id><Size>-9223372036854775808</Size><Small>+127</Small><Count>004294967295</Count><Big>18446744073709551615</Big>",
    );
    expect(v).toEqual({ Id: -2147483648, Size: -(2n ** 63n), Small: 127, Count: 4294967295, Big: 2n ** 64n - 1n });
  });

  it("a number-mapped long beyond 2^53 is an error, not a rounded value", async () => {
    const meta = { ...demoMeta, mapping: { ...demoMeta.mapping, long: "number" as const } };
    server.handler = (_req, res) => sendXml(res, getEMailResponse("<Size>9007199254740993</Size>"));
    const client = soapCore(meta, { endpoint: server.url });
    const err = await protocolError(client.invoke("GetEMail", { EMailId: 1 }));
    expect(err.message).toMatch(/Response\.Size: xs:long value beyond ±2\^53/);
    server.handler = (_req, res) => sendXml(res, getEMailResponse("<Size>9007199254740991</Size>"));
    expect((await client.invoke("GetEMail", { EMailId: 1 })).result).toEqual({ Size: 9007199254740991 });
  });
});

describe("base64Binary", () => {
  for (const bad of ["!!!!", "QQ==QQ==", "QQ=", "QR==", "QUJD=", "QUJDRA"]) {
    it(`rejects "${bad}"`, async () => {
      expect((await protocolError(getEMail(`<Content>${bad}</Content>`))).message).toMatch(
        /Response\.Content: not valid xs:base64Binary/,
      );
    });
  }
  it("accepts whitespace anywhere (XSD) and decodes exactly", async () => {
    expect(await getEMail("<Content>\n QUJD\n RA==\n</Content>")).toEqual({ Content: Buffer.from("ABCD") });
  });
});

describe("date, time, duration, boolean, decimal, float lexical forms", () => {
  const cases: [string, RegExp][] = [
    ["<Sent>2021-02-29T00:00:00</Sent>", /Response\.Sent: xs:dateTime names a day that does not exist/],
    ["<Sent>2021-11-31T00:00:00Z</Sent>", /Response\.Sent: xs:dateTime names a day/],
    ["<Sent>2021-11-30 13:22:10</Sent>", /Response\.Sent: not a valid xs:dateTime/],
    ["<Sent>2021-11-30T25:00:00</Sent>", /Response\.Sent: not a valid xs:dateTime/],
    ["<Sent>yesterday</Sent>", /Response\.Sent: not a valid xs:dateTime/],
    ["<Day>2021-11-30T00:00:00</Day>", /Response\.Day: not a valid xs:date/],
    ["<Elapsed>P</Elapsed>", /Response\.Elapsed: not a valid xs:duration/],
    ["<Elapsed>PT</Elapsed>", /Response\.Elapsed: not a valid xs:duration/],
    ["<Elapsed>1 day</Elapsed>", /Response\.Elapsed: not a valid xs:duration/],
    ["<IsRead>yes</IsRead>", /Response\.IsRead: not a valid xs:boolean/],
    ["<Amount>1e5</Amount>", /Response\.Amount: not a valid xs:decimal/],
    ["<Ratio>1,5</Ratio>", /Response\.Ratio: not a valid xs:double/],
    ["<Ratio>Infinity</Ratio>", /Response\.Ratio: not a valid xs:double/],
  ];
  for (const [inner, re] of cases) {
    it(`rejects ${inner}`, async () => {
      expect((await protocolError(getEMail(inner))).message).toMatch(re);
    });
  }
  it("accepts valid forms, leap days included", async () => {
    const v = await getEMail(
      "<Sent>2024-02-29T24:00:00Z</Sent><Elapsed>-P1Y2M3DT4H5M6.5S</Elapsed><IsRead>0</IsRead><Amount>-.5</Amount><Ratio>-INF</Ratio><Day>2000-02-29</Day>",
    );
    expect(v).toEqual({
      Sent: "2024-02-29T24:00:00Z",
      Elapsed: "-P1Y2M3DT4H5M6.5S",
      IsRead: false,
      Amount: "-.5",
      Ratio: -Infinity,
      Day: "2000-02-29",
    });
  });
});

describe("missing required elements and occurrence", () => {
  it("a missing required element is an error, not undefined", async () => {
    const err = await protocolError(getEMail("<Attachments><Note xmlns=''>n</Note></Attachments>"));
    expect(err.message).toMatch(
      /Response\.Attachments\[0\]\.Name: required element \{http:\/\/example\.com\/demo\}Name is missing/,
    );
  });
  it("a non-repeated element twice is an error", async () => {
    expect((await protocolError(getEMail("<Id>1</Id><Id>2</Id>"))).message).toMatch(
      /Response\.Id: element .*Id occurs more than once/,
    );
  });
});

describe("leniency is explicit", () => {
  it("rejects unknown enum values and unknown elements by default", async () => {
    expect((await protocolError(getEMail("<Priority>Critical</Priority>"))).message).toMatch(
      /Response\.Priority: value is not one of the 4 values of EMailPriority/,
    );
    expect((await protocolError(getEMail("<Future>1</Future><Id>1</Id>"))).message).toMatch(
      /Response: unexpected element \{http:\/\/example\.com\/demo\}Future/,
    );
    expect((await protocolError(getEMail('<Owner i:type="FutureCarrier"/>'))).message).toMatch(
      /Response\.Owner: xsi:type/,
    );
  });

  it("accepts them when the client or the call says so", async () => {
    const lenient = { decode: { unknownEnumValues: "accept", unknownElements: "ignore" } } as SoapCoreOptions<
      Record<string, unknown>
    >;
    expect(
      await getEMail(
        '<Priority>Critical</Priority><Future>1</Future><Id>1</Id><Owner i:type="FutureCarrier"/>',
        lenient,
      ),
    ).toEqual({
      Priority: "Critical",
      Id: 1,
      Owner: { $type: "Carrier" },
    });
    server.handler = (_req, res) => sendXml(res, getEMailResponse("<Priority>Critical</Priority>"));
    const client = soapCore(demoMeta, { endpoint: server.url });
    const perCall = { decode: { unknownEnumValues: "accept" } } as Parameters<typeof client.invoke>[2];
    expect((await client.invoke("GetEMail", { EMailId: 1 }, perCall)).result).toEqual({ Priority: "Critical" });
  });
});

describe("field names that are Object.prototype members", () => {
  it("a required `constructor` element is missing when absent, and may occur once", async () => {
    const { decodeBody, parseXml } = await import("../../runtime/index.js");
    const meta = {
      ...demoMeta,
      types: {
        ...demoMeta.types,
        Proto: {
          kind: "complex" as const,
          ns: TNS,
          local: "Proto",
          fields: ["constructor", "toString", "__proto__"].map((name) => ({
            name,
            ns: TNS,
            type: "xs:int",
            min: 1,
            max: 1,
            nillable: false,
          })),
        },
      },
    };
    const body = { ns: TNS, element: "Proto", type: "Proto", unwrap: null, empty: false };
    const ok = decodeBody(
      meta,
      body,
      parseXml(
        `<Proto xmlns="${TNS}"><constructor>1</constructor><toString>2</toString><__proto__>3</__proto__></Proto>`,
      ),
    );
    expect(Object.entries(ok)).toEqual([
      ["constructor", 1],
      ["toString", 2],
      ["__proto__", 3],
    ]);
    expect(() =>
      decodeBody(meta, body, parseXml(`<Proto xmlns="${TNS}"><toString>2</toString><__proto__>3</__proto__></Proto>`)),
    ).toThrow(/^constructor: required element/);
  });
});

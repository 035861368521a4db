/**
 * The public `encodeBody`/`decodeBody` with a bare body (metadata v3: `BodyMeta.element` `""`,
 * document/literal with several or simple-typed parts): no wrapper element is written or
 * expected; the type's elements sit directly in `soap:Body`.
 */
import { describe, expect, it } from "vitest";
import { decodeBody } from "../../../runtime/codec/decode.js";
import { encodeBody } from "../../../runtime/codec/encode.js";
import type { BodyMeta, ServiceMetadata } from "../../../runtime/metadata.js";
import { parseXml } from "../../../runtime/xml/parse.js";

const TNS = "urn:bare";
const body: BodyMeta = { ns: "", element: "", type: "PollInput", unwrap: null, empty: false };
const meta: ServiceMetadata = {
  service: "S",
  port: "P",
  binding: "B",
  portType: "PT",
  soapVersion: "1.1",
  address: "http://127.0.0.1/",
  targetNamespace: TNS,
  prefixes: [["tns", TNS]],
  mapping: { long: "bigint", decimal: "string", dateTime: "string" },
  operations: {
    Poll: {
      name: "Poll",
      method: "poll",
      soapAction: "",
      input: body,
      output: null,
      inputHeaders: [],
      outputHeaders: [],
    },
  },
  types: {
    PollInput: {
      kind: "complex",
      ns: TNS,
      local: "PollInput",
      fields: [
        { name: "queryName", ns: TNS, type: "xs:string", min: 1, max: 1, nillable: false },
        { name: "limit", ns: TNS, type: "xs:int", min: 0, max: 1, nillable: false },
      ],
    },
  },
};

describe('encodeBody / decodeBody with a bare body (element "")', () => {
  it("writes the parts without a wrapper element (no `<>`)", () => {
    const xml = encodeBody(meta, body, { queryName: "q", limit: 3 });
    expect(xml).toBe("<tns:queryName>q</tns:queryName><tns:limit>3</tns:limit>");
  });

  it("reads the parts from the soap:Body element itself", () => {
    const soapBody = parseXml(
      `<s:Body xmlns:s="http://schemas.xmlsoap.org/soap/envelope/" xmlns:tns="${TNS}">` +
        "<tns:queryName>q</tns:queryName><tns:limit>3</tns:limit></s:Body>",
    );
    expect(decodeBody(meta, body, soapBody)).toEqual({ queryName: "q", limit: 3 });
  });

  it("still rejects a bare body missing a required part", () => {
    const soapBody = parseXml(`<s:Body xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"/>`);
    expect(() => decodeBody(meta, body, soapBody)).toThrow(/queryName/);
  });
});

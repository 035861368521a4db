/**
 * The rpc/encoded codec on metadata written by hand: exact XML of an encoded request with a
 * nested complex value, a subtype, a soapenc:Array of complex items and a nil; and decoding
 * of an Axis-style response (multiRef chains, arbitrary array item names, xsi:type on known
 * types, a reference to a missing id and a reference cycle rejected with a located error).
 */
import { describe, expect, it } from "vitest";
import { decodeOperationBody, encodeOperationBody } from "../../runtime/codec/body.js";
import { multiRefs, normalizeEncoded } from "../../runtime/codec/encoded-decode.js";
import { planFor } from "../../runtime/codec/plan.js";
import { DeserializationError } from "../../runtime/errors.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import { parseXml } from "../../runtime/xml/parse.js";

const NS = "urn:enc";
const f = (name: string, type: string, min = 1, max = 1, nillable = true) => ({
  name,
  ns: "",
  type,
  min,
  max,
  nillable,
});

const META: ServiceMetadata = {
  service: "S",
  port: "P",
  binding: "B",
  portType: "T",
  soapVersion: "1.1",
  address: "",
  targetNamespace: NS,
  prefixes: [["tns", NS]],
  mapping: { long: "bigint", decimal: "string", dateTime: "string" },
  operations: {
    put: {
      name: "put",
      method: "put",
      soapAction: "",
      input: { ns: NS, element: "put", type: "putRequest", unwrap: null, empty: false },
      output: { ns: NS, element: "putResponse", type: "putResponse", unwrap: "putReturn", empty: false },
      inputHeaders: [],
      outputHeaders: [],
      encoded: true,
    },
  },
  types: {
    Point: {
      kind: "complex",
      ns: NS,
      local: "Point",
      fields: [f("x", "xs:int"), f("y", "xs:int")],
      subtypes: ["Point3"],
    },
    Point3: { kind: "complex", ns: NS, local: "Point3", base: "Point", fields: [f("z", "xs:int")] },
    Shape: { kind: "complex", ns: NS, local: "Shape", fields: [f("name", "xs:string"), f("points", "ArrayOfPoint")] },
    ArrayOfPoint: { kind: "array", ns: NS, local: "ArrayOfPoint", item: f("item", "Point", 0, -1), encoded: true },
    putRequest: { kind: "complex", ns: NS, local: "put", fields: [f("shape", "Shape"), f("note", "xs:string")] },
    putResponse: { kind: "complex", ns: NS, local: "putResponse", fields: [f("putReturn", "Shape")] },
    Node: { kind: "complex", ns: NS, local: "Node", fields: [f("v", "xs:int"), f("next", "Node", 0)] },
  },
};
const op = META.operations["put"]!;

describe("rpc/encoded codec", () => {
  it("writes encodingStyle, xsi:type on every element, soapenc arrays, subtypes and nil", () => {
    const xml = encodeOperationBody(META, op, {
      shape: {
        name: "tri",
        points: [
          { x: 1, y: 2 },
          { $type: "Point3", x: 3, y: 4, z: 5 },
        ],
      },
      note: null,
    });
    expect(xml).toBe(
      '<tns:put xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
        '<shape xsi:type="tns:Shape"><name xsi:type="xsd:string">tri</name>' +
        '<points xsi:type="soapenc:Array" soapenc:arrayType="tns:Point[2]">' +
        '<item xsi:type="tns:Point"><x xsi:type="xsd:int">1</x><y xsi:type="xsd:int">2</y></item>' +
        '<item xsi:type="tns:Point3"><x xsi:type="xsd:int">3</x><y xsi:type="xsd:int">4</y><z xsi:type="xsd:int">5</z></item>' +
        '</points></shape><note xsi:nil="true"/></tns:put>',
    );
  });

  const body = (inner: string) =>
    parseXml(
      `<Body xmlns:ns1="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/">${inner}</Body>`,
    );

  it("reads multiRef chains, any array item names and subtypes named by xsi:type", () => {
    const b = body(
      `<ns1:putResponse><putReturn href="#a"/></ns1:putResponse>` +
        `<multiRef id="a" xsi:type="ns1:Shape"><name xsi:type="xsd:string">sq</name><points href="#b"/></multiRef>` +
        `<multiRef id="b" xsi:type="soapenc:Array" soapenc:arrayType="ns1:Point[2]"><p href="#c"/><q xsi:type="ns1:Point3"><x>3</x><y>4</y><z>5</z></q></multiRef>` +
        `<multiRef id="c" xsi:type="ns1:Point"><x xsi:type="xsd:int">1</x><y xsi:type="xsd:int">2</y></multiRef>`,
    );
    expect(decodeOperationBody(META, op, op.output!, b)).toEqual({
      putReturn: {
        name: "sq",
        points: [
          { $type: "Point", x: 1, y: 2 },
          { $type: "Point3", x: 3, y: 4, z: 5 },
        ],
      },
    });
  });

  it("a reference to a missing id and a reference cycle are located errors", () => {
    const missing = body(`<ns1:putResponse><putReturn href="#nope"/></ns1:putResponse>`);
    expect(() => decodeOperationBody(META, op, op.output!, missing)).toThrow(/names no multiRef/);
    // a Node whose next is itself: a cycle the literal shape cannot hold
    const cycle = body(`<multiRef id="n"><v>1</v><next href="#n"/></multiRef>`);
    const plan = planFor(META);
    const e = (() => {
      try {
        return normalizeEncoded(plan, plan.complex("Node"), cycle.children[0]!, multiRefs(cycle));
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(DeserializationError);
    expect((e as Error).message).toContain("nest too deeply");
  });
});

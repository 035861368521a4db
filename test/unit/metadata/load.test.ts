/**
 * loadMetadata: defaults, version refusal, structure validation, caching — on small
 * hand-written compact literals.
 */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { SoapkitError } from "../../../runtime/errors.js";

const TNS = "urn:demo";
const ARR = "urn:arrays";

const minimal: CompactMetadata = {
  v: 1,
  service: "DemoService",
  port: "DemoPort",
  portType: "Demo",
  address: "http://example.com/demo.svc",
  ns: [TNS, ARR],
  actionBase: "urn:demo/Demo/",
  headers: [{ in: [["Token", "xs:string", "n"]], out: [["Ok", "xs:boolean", "", 1, "Succeeded"]] }],
  ops: {
    Get: { h: 0 },
    Fire: { in: ["FireRequest", "FireIt", 1], out: null, method: "fireNow", action: "" },
    Put: { in: "PutIt", out: ["GetResponse", "PutDone"] },
  },
  types: {
    GetRequest: {
      local: "Get",
      f: [
        ["Id", "xs:long"],
        ["Tags", "ArrayOfstring", "?n"],
      ],
    },
    GetResponse: { f: [["Response", "Derived", "?n"]] },
    FireRequest: { ns: 1, f: [] },
    PutIt: { f: [] },
    ArrayOfstring: { ns: 1, item: ["string", "xs:string", "*n"] },
    Base: { abstract: true, f: [["Local", "xs:int", "{0,3}", -1]] },
    Middle: { base: "Base", f: [] },
    Derived: { base: "Middle", f: [["X", "Color", "+"]] },
    Color: { enum: ["Red", "Green"] },
    Colors: { list: "Color" },
    Id: { alias: "xs:string", wcf: "guid" },
  },
};

describe("loadMetadata: expansion", () => {
  const m = loadMetadata(minimal);

  it("fills the service defaults", () => {
    expect(m).toMatchObject({ binding: "DemoPort", soapVersion: "1.1", targetNamespace: TNS });
    expect(m.mapping).toEqual({ long: "bigint", decimal: "string", dateTime: "string" });
    expect(m.prefixes).toEqual([
      ["tns", TNS],
      ["q1", ARR],
    ]);
    expect(m.errorHeaders).toBeUndefined();
  });

  it("expands fields: names, namespaces (owner's by default, -1 = unqualified), occurrence, nillable", () => {
    expect(m.types["GetRequest"]).toEqual({
      kind: "complex",
      ns: TNS,
      local: "Get",
      fields: [
        { name: "Id", ns: TNS, type: "xs:long", min: 1, max: 1, nillable: false },
        { name: "Tags", ns: TNS, type: "ArrayOfstring", min: 0, max: 1, nillable: true },
      ],
    });
    expect(m.types["ArrayOfstring"]).toEqual({
      kind: "array",
      ns: ARR,
      local: "ArrayOfstring",
      item: { name: "string", ns: ARR, type: "xs:string", min: 0, max: -1, nillable: true },
    });
    expect(m.types["Base"]).toMatchObject({ abstract: true, fields: [{ name: "Local", ns: "", min: 0, max: 3 }] });
  });

  it("derives transitive, sorted subtype lists from base", () => {
    expect(m.types["Base"]).toMatchObject({ subtypes: ["Derived", "Middle"] });
    expect(m.types["Middle"]).toMatchObject({ subtypes: ["Derived"] });
    expect(m.types["Derived"]).not.toHaveProperty("subtypes");
  });

  it("expands the simple kinds", () => {
    expect(m.types["Color"]).toEqual({
      kind: "enum",
      ns: TNS,
      local: "Color",
      base: "xs:string",
      values: ["Red", "Green"],
    });
    expect(m.types["Colors"]).toEqual({ kind: "list", ns: TNS, local: "Colors", item: "Color" });
    expect(m.types["Id"]).toEqual({ kind: "alias", ns: TNS, local: "Id", base: "xs:string", wcf: "guid" });
  });

  it("expands operations: default elements, method, action, unwrap/empty, shared header sets", () => {
    const get = m.operations["Get"]!;
    expect(get).toMatchObject({ name: "Get", method: "get", soapAction: "urn:demo/Demo/Get" });
    expect(get.input).toEqual({ ns: TNS, element: "Get", type: "GetRequest", unwrap: null, empty: false });
    expect(get.output).toEqual({
      ns: TNS,
      element: "GetResponse",
      type: "GetResponse",
      unwrap: "Response",
      empty: false,
    });
    expect(get.inputHeaders).toEqual([{ name: "Token", ns: TNS, element: "Token", type: "xs:string", nillable: true }]);
    expect(get.outputHeaders).toEqual([
      { name: "Ok", ns: ARR, element: "Succeeded", type: "xs:boolean", nillable: false },
    ]);
    const fire = m.operations["Fire"]!;
    expect(fire).toMatchObject({
      method: "fireNow",
      soapAction: "",
      output: null,
      inputHeaders: [],
      outputHeaders: [],
    });
    expect(fire.input).toEqual({ ns: ARR, element: "FireIt", type: "FireRequest", unwrap: null, empty: true });
    const put = m.operations["Put"]!;
    expect(put.input).toEqual({ ns: TNS, element: "Put", type: "PutIt", unwrap: null, empty: true });
    expect(put.output).toEqual({ ns: TNS, element: "PutDone", type: "GetResponse", unwrap: "Response", empty: false });
    expect(put.soapAction).toBe("urn:demo/Demo/Put");
  });

  it("expands once per metadata object", () => {
    expect(loadMetadata(minimal)).toBe(m);
    expect(loadMetadata({ ...minimal })).not.toBe(m);
    expect(loadMetadata({ ...minimal })).toEqual(m);
  });
});

function refusal(value: unknown): SoapkitError {
  try {
    loadMetadata(value as CompactMetadata);
  } catch (e) {
    expect(e).toBeInstanceOf(SoapkitError);
    return e as SoapkitError;
  }
  throw new Error("expected loadMetadata to refuse the metadata");
}

describe("loadMetadata: version", () => {
  it("refuses another format version, naming the version found and the ones supported", () => {
    const e = refusal({ ...minimal, v: 5 });
    expect(e.code).toBe("ERR_METADATA_VERSION");
    expect(e.message).toBe(
      "soapkit metadata of port DemoPort has format version 5; this runtime reads format versions 1, 2, 3, 4. " +
        "Regenerate the client with the soapkit generator that matches this runtime, or update the runtime",
    );
    expect(refusal({ ...minimal, v: "1" }).message).toMatch(
      /format version "1"; this runtime reads format versions 1, 2, 3, 4/,
    );
  });

  it("refuses metadata without a version, and recognises soapkit 0.1's uncompressed form", () => {
    const { v: _v, ...none } = minimal;
    expect(refusal(none).message).toMatch(
      /^soapkit metadata of port DemoPort has no format version 'v'; this runtime reads format versions 1, 2, 3, 4/,
    );
    const old = refusal({ service: "S", port: "P", operations: {}, types: {} });
    expect(old.code).toBe("ERR_METADATA_VERSION");
    expect(old.message).toMatch(/uncompressed metadata of soapkit 0\.1.*Regenerate the client with `soapkit generate`/);
    expect(refusal(null).message).toMatch(/must be an object, found null/);
  });
});

describe("loadMetadata: structure", () => {
  const cases: [string, unknown, RegExp][] = [
    ["unknown top-level key", { ...minimal, extra: 1 }, /at metadata: unknown key 'extra'/],
    ["missing ops", { ...minimal, ops: undefined }, /at ops: expected an object, found undefined/],
    [
      "namespace index outside the table",
      { ...minimal, types: { ...minimal.types, Color: { ns: 2, enum: [] } } },
      /at types\.Color\.ns: namespace index 2 is outside the table \(2 entries\)/,
    ],
    [
      "a field that is not a tuple",
      { ...minimal, types: { ...minimal.types, Middle: { f: [{ name: "A" }] } } },
      /at types\.Middle\.f\[0\]: expected a field \[name, type, flags\?, ns\?\], found an object/,
    ],
    [
      "a field with a wrong arity",
      { ...minimal, types: { ...minimal.types, Middle: { f: [["A"]] } } },
      /at types\.Middle\.f\[0\]: expected a field \[name, type, flags\?, ns\?\], found 1 items/,
    ],
    [
      "an attribute in a v1 literal",
      { ...minimal, types: { ...minimal.types, Middle: { f: [["A", "xs:string", "@"]] } } },
      /at types\.Middle\.f\[0\]: an attribute entry needs metadata format version 2 \(this literal declares v: 1\)/,
    ],
    [
      "simple content in a v1 literal",
      { ...minimal, types: { ...minimal.types, Middle: { text: "xs:string", f: [] } } },
      /at types\.Middle\.text: 'text' \(simple content\) needs metadata format version 2/,
    ],
    [
      "unknown attribute flags (v2)",
      { ...minimal, v: 2, types: { ...minimal.types, Middle: { f: [["A", "xs:string", "@?"]] } } },
      /at types\.Middle\.f\[0\]\[2\]: unknown attribute flags '@\?'/,
    ],
    [
      "a fixed attribute without its value (v2)",
      { ...minimal, v: 2, types: { ...minimal.types, Middle: { f: [["A", "xs:string", "@="]] } } },
      /flags '@=' need a value/,
    ],
    [
      "any-content in a v2 literal (naming version 3)",
      { ...minimal, v: 2, types: { ...minimal.types, Middle: { f: [["*", "$any", "*"]] } } },
      /at types\.Middle\.f\[0\]: a '\*' entry \(choice, repeated sequence or wildcard\) needs metadata format version 3 \(this literal declares v: 2\)/,
    ],
    [
      "a choice group in a v1 literal (naming version 3)",
      { ...minimal, types: { ...minimal.types, Middle: { f: [["|", [[["A", "xs:int"]], [["B", "xs:int"]]]]] } } },
      /at types\.Middle\.f\[0\]: a '\|' entry \(choice, repeated sequence or wildcard\) needs metadata format version 3 \(this literal declares v: 1\)/,
    ],
    [
      "any-content in a v1 literal",
      { ...minimal, types: { ...minimal.types, Middle: { f: [["*", "", "*"]] } } },
      /at types\.Middle\.f\[0\]: a '\*' entry .*needs metadata format version 3/,
    ],
    [
      "a type with two kinds",
      { ...minimal, types: { ...minimal.types, Color: { enum: [], list: "xs:int" } } },
      /at types\.Color: a type needs exactly one kind key \(f, item, enum, list, alias\), found enum, list/,
    ],
    ["a type with no kind", { ...minimal, types: { ...minimal.types, Color: {} } }, /found none/],
    [
      "a key of another kind",
      { ...minimal, types: { ...minimal.types, Color: { enum: [], dict: ["K", "V"] } } },
      /at types\.Color: unknown key 'dict'/,
    ],
    [
      "an unknown type reference",
      { ...minimal, types: { ...minimal.types, Middle: { f: [["A", "Nope"]] } } },
      /at types\.Middle\.f\[0\]: unknown type 'Nope'/,
    ],
    [
      "an unknown scalar",
      { ...minimal, types: { ...minimal.types, Middle: { f: [["A", "xs:integral"]] } } },
      /unknown type 'xs:integral'/,
    ],
    [
      "a base that is not complex",
      { ...minimal, types: { ...minimal.types, Middle: { base: "Color", f: [] } } },
      /at types\.Middle\.base: base 'Color' is not a complex type/,
    ],
    [
      "an unknown body type",
      { ...minimal, ops: { Get: { in: "Missing" } } },
      /at ops\.Get\.in: unknown body type 'Missing'/,
    ],
    [
      "a missing default body type",
      { ...minimal, ops: { Gone: { out: null } } },
      /at ops\.Gone\.in: unknown body type 'GoneRequest'/,
    ],
    [
      "a header set that does not exist",
      { ...minimal, ops: { Get: { in: "GetRequest", h: 3 } } },
      /at ops\.Get\.h: header set 3 does not exist \(1 sets\)/,
    ],
    [
      "an unknown header type",
      { ...minimal, headers: [{ in: [["T", "Nope"]] }] },
      /ops\.Get header T: unknown type 'Nope'/,
    ],
    [
      "header flags other than n",
      { ...minimal, headers: [{ in: [["T", "xs:string", "?"]] }] },
      /at headers\[0\]\.in\[0\]\[2\]: expected one of , n/,
    ],
    [
      "no action and no actionBase",
      { ...minimal, actionBase: undefined },
      /at ops\.Get: no 'action' and no 'actionBase'/,
    ],
    [
      "an unknown soapVersion",
      { ...minimal, soapVersion: "1.3" },
      /at soapVersion: expected one of 1\.1, 1\.2, found "1\.3"/,
    ],
    [
      "an unknown mapping",
      { ...minimal, mapping: { long: "int64" } },
      /at mapping\.long: expected one of bigint, string, number/,
    ],
  ];
  for (const [name, value, message] of cases) {
    it(`refuses ${name}, saying where`, () => {
      const e = refusal(value);
      expect(e.code).toBe("ERR_METADATA");
      expect(e.message).toMatch(/^soapkit metadata of port DemoPort: invalid soapkit metadata at /);
      expect(e.message).toMatch(message);
    });
  }

  it("accepts the fixture itself (the cases above fail for their one defect)", () => {
    expect(() => loadMetadata({ ...minimal })).not.toThrow();
  });
});

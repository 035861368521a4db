/** Metadata format v3: expansion and validation of content models, mixed, encoded arrays, op keys, faults, bare bodies. */
import { describe, expect, it } from "vitest";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { SoapkitError } from "../../../runtime/errors.js";
import { EXT, TNS, v3Compact } from "../codec/v3-fixture.js";

function refusal(value: unknown): SoapkitError {
  try {
    loadMetadata(value as CompactMetadata);
  } catch (e) {
    expect(e).toBeInstanceOf(SoapkitError);
    return e as SoapkitError;
  }
  throw new Error("expected loadMetadata to refuse the metadata");
}

const el = (name: string, min = 1, max = 1, type = "xs:string") => ({ name, ns: TNS, type, min, max, nillable: false });

describe("metadata v3: content models", () => {
  const m = loadMetadata(v3Compact);

  it("expands a single choice: particles in order, branch elements as peers with min 0", () => {
    expect(m.types["Payment"]).toEqual({
      kind: "complex",
      ns: TNS,
      local: "Payment",
      fields: [el("Id", 1, 1, "xs:int"), el("Card", 0), el("Iban", 0), el("Bic", 0), el("Note", 0)],
      particles: [
        { kind: "element", field: el("Id", 1, 1, "xs:int") },
        {
          kind: "choice",
          min: 1,
          max: 1,
          branches: [
            [{ kind: "element", field: el("Card") }],
            [
              { kind: "element", field: el("Iban") },
              { kind: "element", field: el("Bic", 0) },
            ],
          ],
        },
        { kind: "element", field: el("Note", 0) },
      ],
    });
  });

  it("keeps nested single choices' elements as peers", () => {
    const t = m.types["Contact"];
    expect(t?.kind === "complex" && t.fields.map((f) => [f.name, f.min])).toEqual([
      ["Email", 0],
      ["Mobile", 0],
      ["Landline", 0],
    ]);
  });

  it("expands a repeated choice and a repeated sequence as named groups whose elements are not peers", () => {
    const steps = m.types["Steps"];
    expect(steps?.kind === "complex" && steps.fields.map((f) => f.name)).toEqual(["Title"]);
    expect(steps?.kind === "complex" && steps.particles?.[1]).toMatchObject({
      kind: "choice",
      min: 1,
      max: -1,
      name: "$choice",
    });
    const pairs = m.types["Pairs"];
    expect(pairs?.kind === "complex" && pairs.fields).toEqual([]);
    expect(pairs?.kind === "complex" && pairs.particles).toEqual([
      {
        kind: "sequence",
        min: 1,
        max: 3,
        name: "$sequence",
        particles: [
          { kind: "element", field: el("Key") },
          { kind: "element", field: el("Value", 0, -1) },
        ],
      },
    ]);
  });

  it("expands wildcards: ##other excludes the owner's namespace and no namespace; a URI list allows", () => {
    const open = m.types["Open"];
    expect(open?.kind === "complex" && open.particles?.[1]).toEqual({
      kind: "any",
      name: "$any",
      min: 0,
      max: -1,
      process: "lax",
      exclude: [TNS, ""],
    });
    const one = m.types["OneAny"];
    expect(one?.kind === "complex" && one.particles?.[0]).toEqual({
      kind: "any",
      name: "$any",
      min: 1,
      max: 1,
      process: "strict",
      allow: [EXT],
    });
  });

  it("expands ##local, ##targetNamespace and ##any", () => {
    const meta = loadMetadata({
      ...v3Compact,
      types: {
        ...v3Compact.types,
        W: {
          f: [
            ["*", "$any", "?", "##local ##targetNamespace urn:x"],
            ["*", "$any2", "?", "##any", "skip"],
          ],
        },
      },
    });
    const t = meta.types["W"];
    expect(t?.kind === "complex" && t.particles).toEqual([
      { kind: "any", name: "$any", min: 0, max: 1, process: "strict", allow: ["", TNS, "urn:x"] },
      { kind: "any", name: "$any2", min: 0, max: 1, process: "skip" },
    ]);
  });

  it("expands mixed and encoded arrays", () => {
    expect(m.types["Text"]).toMatchObject({ kind: "complex", mixed: true });
    expect(m.types["Ints"]).toEqual({
      kind: "array",
      ns: TNS,
      local: "Ints",
      item: { name: "item", ns: "", type: "xs:int", min: 0, max: -1, nillable: false },
      encoded: true,
    });
  });

  it("does not unwrap a body whose type has a group or wildcard", () => {
    const meta = loadMetadata({ ...v3Compact, ops: { Get: { in: "Open", out: "Pairs" } } });
    expect(meta.operations["Get"]!.input).toMatchObject({ unwrap: null, empty: false });
    expect(meta.operations["Get"]!.output).toMatchObject({ unwrap: null, empty: false });
  });
});

describe("metadata v3: operations", () => {
  const meta = loadMetadata({
    ...v3Compact,
    ops: {
      Pay: {
        in: ["Payment", ""],
        out: ["Payment", "", 0],
        enc: 1,
        faults: [
          ["Declined", "Point"],
          ["Other", "xs:string", "OtherFault", -1],
        ],
      },
      Pay2: { op: "Pay", in: "Payment", out: "Pairs" },
    },
  });

  it("expands a bare body (empty element), enc and faults", () => {
    const op = meta.operations["Pay"]!;
    expect(op.input).toEqual({ ns: "", element: "", type: "Payment", unwrap: null, empty: false });
    expect(op.encoded).toBe(true);
    expect(op.faults).toEqual([
      { name: "Declined", ns: TNS, element: "Declined", type: "Point" },
      { name: "Other", ns: "", element: "OtherFault", type: "xs:string" },
    ]);
  });

  it("takes the WSDL operation name from op: wire names follow it, the method follows the key", () => {
    const op = meta.operations["Pay2"]!;
    expect(op.name).toBe("Pay");
    expect(op.method).toBe("pay2");
    expect(op.soapAction).toBe("urn:v3/Pay");
    expect(op.input.element).toBe("Pay");
    expect(op.output?.element).toBe("PayResponse");
    expect(op.encoded).toBeUndefined();
    expect(op.faults).toBeUndefined();
  });
});

describe("metadata v3: refusals", () => {
  const withType = (t: unknown, v: 1 | 2 | 3 = 3): unknown => ({
    ...v3Compact,
    v,
    types: v === 3 ? { ...v3Compact.types, X: t } : { Payment: { f: [] }, X: t },
  });
  const cases: [string, unknown, RegExp][] = [
    [
      "mixed in a v2 literal",
      withType({ mixed: 1, f: [] }, 2),
      /types\.X\.mixed: 'mixed' needs metadata format version 3 \(this literal declares v: 2\)/,
    ],
    [
      "enc on an array in a v2 literal",
      withType({ enc: 1, item: ["i", "xs:int", "*"] }, 2),
      /types\.X\.enc: 'enc' \(a SOAP-encoded array\) needs metadata format version 3/,
    ],
    [
      "a repeated sequence in a v2 literal",
      withType({ f: [["(", [["A", "xs:int"]], "*", "$sequence"]] }, 2),
      /types\.X\.f\[0\]: a '\(' entry .* needs metadata format version 3 \(this literal declares v: 2\)/,
    ],
    [
      "op keys in a v2 literal",
      { ...v3Compact, v: 2, types: { Payment: { f: [] } }, ops: { Pay: { in: "Payment", out: null, enc: 1 } } },
      /ops\.Pay\.enc: 'enc' needs metadata format version 3/,
    ],
    [
      "a bare body in a v1 literal",
      { ...v3Compact, v: 1, types: { Payment: { f: [] } }, ops: { Pay: { in: ["Payment", ""], out: null } } },
      /ops\.Pay\.in\[1\]: a bare body \(empty element name\) needs metadata format version 3/,
    ],
    [
      "an unknown operation key",
      { ...v3Compact, ops: { Pay: { in: "Payment", out: null, style: "rpc" } } },
      /ops\.Pay: unknown key 'style'/,
    ],
    ["an unknown type key", withType({ f: [], choice: 1 }), /types\.X: unknown key 'choice'/],
    ["mixed other than 1", withType({ mixed: true, f: [] }), /types\.X\.mixed: expected 1/],
    [
      "a repeated choice without a name",
      withType({ f: [["|", [[["A", "xs:int"]]], "*"]] }),
      /types\.X\.f\[0\]: a repeated choice needs a name/,
    ],
    [
      "a single choice with a name",
      withType({ f: [["|", [[["A", "xs:int"]]], "", "$choice"]] }),
      /a choice that occurs once has no name/,
    ],
    ["a choice without branches", withType({ f: [["|", []]] }), /a choice needs at least one branch/],
    [
      "nillable group flags",
      withType({ f: [["|", [[["A", "xs:int"]]], "*n", "$c"]] }),
      /group flags '\*n' cannot be nillable/,
    ],
    [
      "an attribute inside a branch",
      withType({ f: [["|", [[["A", "xs:int", "@"]]]]] }),
      /types\.X\.f\[0\]\[1\]\[0\]\[0\]: an attribute entry cannot be inside a group/,
    ],
    [
      "an unknown process value",
      withType({ f: [["*", "$any", "", "##any", "eager"]] }),
      /types\.X\.f\[0\]\[4\]: expected one of strict, lax, skip/,
    ],
    [
      "an unknown ## namespace",
      withType({ f: [["*", "$any", "", "##others"]] }),
      /unknown wildcard namespace "##others"/,
    ],
    ["a wildcard without a name", withType({ f: [["*", ""]] }), /a wildcard needs a property name/],
    [
      "a repeated sequence of the wrong size",
      withType({ f: [["(", [["A", "xs:int"]], "*"]] }),
      /expected a repeated sequence \["\(", entries, flags, name\], found 3 items/,
    ],
    [
      "a group name used twice",
      withType({
        f: [
          ["A", "xs:int"],
          ["(", [["B", "xs:int"]], "*", "A"],
        ],
      }),
      /property 'A' of a group or wildcard is defined twice/,
    ],
    [
      "an unknown type inside a group",
      withType({ f: [["(", [["B", "Nope"]], "*", "$s"]] }),
      /types\.X element B: unknown type 'Nope'/,
    ],
    [
      "an unknown fault type",
      { ...v3Compact, ops: { Pay: { in: "Payment", out: null, faults: [["F", "Nope"]] } } },
      /ops\.Pay\.faults\[0\]: unknown type 'Nope'/,
    ],
    [
      "a malformed fault",
      { ...v3Compact, ops: { Pay: { in: "Payment", out: null, faults: [["F"]] } } },
      /expected a fault \[name, type, element\?, ns\?\], found 1 items/,
    ],
    [
      "op equal to the key",
      { ...v3Compact, ops: { Pay: { in: "Payment", out: null, op: "Pay" } } },
      /ops\.Pay\.op: equals the key/,
    ],
    ["mixed with simple content", withType({ mixed: 1, text: "xs:string", f: [] }), /cannot be mixed/],
  ];
  for (const [name, value, message] of cases) {
    it(`refuses ${name}`, () => {
      const e = refusal(value);
      expect(e.code).toBe("ERR_METADATA");
      expect(e.message).toMatch(message);
    });
  }
});

/**
 * Wire conformance, checked by libxml2: every request and response soapkit puts on the wire
 * for the real Services84 EMail WSDL (77 operations, fully populated values) and for the
 * conformance fixture (derived types, xs:long) validates against the WSDL's own schemas.
 *
 * The schemas are cut out of the WSDL (see test/helpers/xsd.ts); a SOAP envelope driver schema
 * imports them and requires every header element and body wrapper to be a declared global
 * element (strict wildcards). All documents are validated in a few batched xmllint runs.
 * Negative controls prove the validation is live (each must be rejected).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireShared } from "../helpers/shared.js";
import { requireTool } from "../helpers/tools.js";
import { extractSchemas, writeSchemaSet, xmllintValidate, type Validation } from "../helpers/xsd.js";
import {
  allRequests,
  allResponses,
  clientRequest,
  loadServices,
  reverseKeys,
  sampleHeaders,
  semanticDocs,
  SEMANTICS,
  SO_NS,
  type Service,
  type WireDoc,
} from "./helpers/cases.js";
import { sampleInput } from "soapkit/mock";

const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");
const hasXmllint = requireTool("xmllint");

/** Schema-invalid variants of valid documents: each must be rejected. */
const NEGATIVE: readonly { name: string; from: string; edit: (xml: string) => string }[] = [
  {
    name: "children out of xs:sequence order",
    from: "semantic.sequence-order.request",
    edit: (x) => x.replace(/(<tns:AccountId>42<\/tns:AccountId>)(<tns:AssociateName>Ann<\/tns:AssociateName>)/, "$2$1"),
  },
  {
    name: "undeclared body element",
    from: "email.request.GetEMail",
    edit: (x) => x.replace("</soap:Body>", "<tns:NoSuchWrapper/></soap:Body>"),
  },
  {
    name: "undeclared header element",
    from: "email.request.GetEMail",
    edit: (x) => x.replace("<soap:Header>", "<soap:Header><tns:NoSuchHeader/>"),
  },
  {
    name: "int that is not a number",
    from: "semantic.ArrayOfint.request",
    edit: (x) => x.replace("<q1:int>1</q1:int>", "<q1:int>one</q1:int>"),
  },
  {
    name: "ArrayOfint item outside the Arrays namespace",
    from: "semantic.ArrayOfint.request",
    edit: (x) => x.replace("<q1:int>1</q1:int>", "<tns:int>1</tns:int>"),
  },
  {
    name: "unknown flag token",
    from: "semantic.flags-list.request",
    edit: (x) => x.replace("Seen Flagged Answered", "Seen Bogus"),
  },
  {
    name: "nil on a non-nillable element",
    from: "semantic.sequence-order.request",
    edit: (x) => x.replace("<tns:AccountId>42</tns:AccountId>", '<tns:AccountId xsi:nil="true"/>'),
  },
  {
    name: "xs:long beyond 2^63-1",
    from: "semantic.long-beyond-2_53.request",
    edit: (x) => x.replace("9223372036854775807", "9223372036854775808"),
  },
  {
    name: "xsi:type naming an unrelated type",
    from: "semantic.xsi-type.request",
    edit: (x) => x.replace('xsi:type="tns:Circle"', 'xsi:type="tns:Counters"'),
  },
  {
    name: "dateTime with a bad offset",
    from: "semantic.dateTime-without-offset.request",
    edit: (x) => x.replace("2021-11-30T13:22:10</tns:Sent>", "2021-11-30T13:22:10+25:00</tns:Sent>"),
  },
];

describe.skipIf(!emailWsdl || !hasXmllint)("XSD validation of the wire format with xmllint", () => {
  let dir: string;
  let email: Service;
  let fixture: Service;
  const docs = new Map<string, WireDoc>();
  let results: Map<string, Validation>;
  let results12: Map<string, Validation>;
  const files = (prefix: string): string[] =>
    [...docs.keys()].filter((id) => id.startsWith(prefix)).map((id) => join(dir, `${id}.xml`));

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "soapkit-xsd-"));
    ({ email, fixture } = await loadServices(emailWsdl!));
    const drivers = await writeSchemaSet(dir, { email: email.wsdlText, fixture: fixture.wsdlText });

    const all: WireDoc[] = [
      ...(await allRequests(email)),
      ...allResponses(email),
      ...(await allRequests(fixture)),
      ...allResponses(fixture),
      ...(await semanticDocs({ email, fixture })),
    ];
    for (const d of all) docs.set(d.id, d);
    for (const n of NEGATIVE) {
      const base = docs.get(n.from);
      if (base === undefined) throw new Error(`negative control ${n.name}: no document ${n.from}`);
      const xml = n.edit(base.xml);
      if (xml === base.xml) throw new Error(`negative control ${n.name}: the edit changed nothing`);
      docs.set(`negative.${n.name.replace(/[^\w]+/g, "_")}`, { ...base, id: n.name, xml });
    }
    await Promise.all([...docs].map(([id, d]) => writeFile(join(dir, `${id}.xml`), d.xml)));

    // SOAP 1.2: the same requests with the client option soapVersion "1.2".
    const requests12 = await Promise.all(
      Object.values(email.meta.operations).map(async (op) => {
        const body = op.input.empty ? undefined : sampleInput(email.meta, op.name);
        const { xml } = await clientRequest(
          email.meta,
          op.name,
          reverseKeys(body),
          sampleHeaders(email.meta, op.inputHeaders),
          "1.2",
        );
        const file = join(dir, `soap12.request.${op.name}.xml`);
        await writeFile(file, xml);
        return file;
      }),
    );

    const t0 = performance.now();
    [results, results12] = await Promise.all([
      xmllintValidate(
        drivers.soap11,
        [...docs.keys()].map((id) => join(dir, `${id}.xml`)),
      ),
      xmllintValidate(drivers.soap12, requests12, 2),
    ]);
    console.info(
      `[xsd] xmllint validated ${results.size + results12.size} documents in ${(performance.now() - t0).toFixed(0)} ms`,
    );
  });

  afterAll(async () => {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  const invalid = (list: string[], map = results): string[] =>
    list.flatMap((f) => {
      const v = map.get(f);
      if (v === undefined) return [`${f}: not validated`];
      return v.valid ? [] : [`${f}:\n  ${v.errors.join("\n  ")}`];
    });

  it("extracts the three inline schemas of the EMail WSDL, imports wired by schemaLocation", () => {
    const schemas = extractSchemas(email.wsdlText, "email");
    expect(schemas.map((s) => s.targetNamespace)).toStrictEqual([
      SO_NS,
      "http://schemas.microsoft.com/2003/10/Serialization/",
      "http://schemas.microsoft.com/2003/10/Serialization/Arrays",
    ]);
    expect(schemas[0]!.text).toContain('schemaLocation="email-3.xsd"');
    expect(schemas[0]!.text).toContain('schemaLocation="email-2.xsd"');
    // tns is declared on wsdl:definitions only; the extracted schema must carry it itself
    expect(schemas[0]!.text).toMatch(
      /<xs:schema [^>]*xmlns:tns="http:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\/Services84"/,
    );
  });

  it("all 77 EMail requests (headers + body wrapper, every field populated) are schema-valid", () => {
    const list = files("email.request.");
    expect(list).toHaveLength(77);
    expect(invalid(list)).toStrictEqual([]);
  });

  it("all 77 EMail responses (output headers + body wrapper) are schema-valid", () => {
    const list = files("email.response.");
    expect(list).toHaveLength(77);
    expect(invalid(list)).toStrictEqual([]);
  });

  it("all 77 EMail requests sent as SOAP 1.2 are valid against the SOAP 1.2 envelope driver", () => {
    expect(results12.size).toBe(77);
    expect(invalid([...results12.keys()], results12)).toStrictEqual([]);
  });

  it("fixture requests and responses (derived types where the base is declared, xs:long) are schema-valid", () => {
    const list = [...files("fixture.request."), ...files("fixture.response.")];
    expect(list).toHaveLength(4);
    expect(invalid(list)).toStrictEqual([]);
    // the sample values really sent a derived type in place of its declared base
    expect(docs.get("fixture.request.Draw")!.xml).toMatch(/xsi:type="tns:(Circle|LabelledCircle|Polygon)"/);
  });

  for (const c of SEMANTICS) {
    it(`semantic case "${c.name}" (${c.op} ${c.direction}) is schema-valid`, () => {
      const id = `semantic.${c.name.replace(/[^\w.-]/g, "_")}.${c.direction}`;
      expect(docs.has(id)).toBe(true);
      expect(invalid([join(dir, `${id}.xml`)])).toStrictEqual([]);
    });
  }

  it("negative controls: schema-invalid variants are rejected (the validation is live)", () => {
    const accepted = NEGATIVE.filter(
      (n) => results.get(join(dir, `negative.${n.name.replace(/[^\w]+/g, "_")}.xml`))?.valid !== false,
    ).map((n) => n.name);
    expect(accepted).toStrictEqual([]);
  });
});

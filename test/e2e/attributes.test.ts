/**
 * XML attributes and xs:simpleContent (issue 12), end to end on a fixture written for it
 * (test/fixtures/wsdl/attributes/Attributes.wsdl): the TypeScript the emitter prints, the
 * exact wire XML both ways, strict decoding, xmllint validation of what is sent, and calls
 * through a generated client against the emulator (soap.listen).
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { sampleInput, sampleOutput } from "../../generator/mock/sample-values.js";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { decodeBody } from "../../runtime/codec/decode.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import { buildEnvelope } from "../../runtime/envelope.js";
import { DeserializationError, SerializationError } from "../../runtime/errors.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { decodeJsonBody, encodeJsonBody } from "../../runtime/rest/json-codec.js";
import { parseJson } from "../../runtime/rest/json.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { soapHttpTransport } from "../../runtime/index.js";
import { writeSchemaSet, xmllintValidate } from "../helpers/xsd.js";
import { repoRoot } from "../helpers/shared.js";

const WSDL = join(repoRoot, "test/fixtures/wsdl/attributes/Attributes.wsdl");
const OUT = join(repoRoot, "test/.out/attributes-e2e");
const PATH = "/Attributes.svc";

type AnyClient = Record<string, (params: unknown) => Promise<unknown>>;

let meta: ServiceMetadata;
let types: string;
let metadataText: string;
let create: (o: object) => AnyClient;

beforeAll(async () => {
  const { files } = await generate([WSDL], { outDir: OUT });
  await writeOutput(OUT, files);
  types = files.find((f) => f.path === "attributes/types.ts")!.content;
  metadataText = files.find((f) => f.path === "attributes/metadata.ts")!.content;
  const m = (await import(join(OUT, "attributes/metadata.ts"))) as Record<string, CompactMetadata>;
  meta = loadMetadata(m["AttributesMetadata"]!);
  const mod = (await import(join(OUT, "attributes/index.ts"))) as Record<string, unknown>;
  create = mod["createAttributesClient"] as (o: object) => AnyClient;
});

const SEND = {
  Total: { currencyID: "EUR", $value: "12.50" },
  Precise: { currencyID: "NOK", precision: 4, $value: "0.0001" },
  Euro: { currencyID: "EUR", $value: "1" },
  Flags: {
    color: "red",
    palette: ["red", "green"],
    enabled: true,
    version: "1.0",
    code: 'A&B"<',
    Lang: "sv-SE",
    by: "anne",
    at: "2024-01-02T03:04:05Z",
  },
  Item: { id: 7, kind: "green", Name: "n", Extra: 9007199254740993n },
  Open: { Note: "x", $anyAttributes: { "{urn:other}k": "v" } },
};

const SEND_XML =
  '<tns:Send><tns:Total currencyID="EUR">12.50</tns:Total>' +
  '<tns:Precise currencyID="NOK" precision="4">0.0001</tns:Precise>' +
  '<tns:Euro currencyID="EUR">1</tns:Euro>' +
  '<tns:Flags color="red" palette="red green" enabled="true" version="1.0" tns:code="A&amp;B&quot;&lt;" q1:Lang="sv-SE" q1:by="anne" q1:at="2024-01-02T03:04:05Z"/>' +
  '<tns:Item id="7" kind="green"><tns:Name>n</tns:Name><tns:Extra>9007199254740993</tns:Extra></tns:Item>' +
  '<tns:Open xmlns:ns0="urn:other" ns0:k="v"><tns:Note>x</tns:Note></tns:Open></tns:Send>';

const DECLS =
  'xmlns:tns="urn:soapkit:attributes" xmlns:q1="urn:soapkit:attributes:common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"';

function parseIn(xml: string): ReturnType<typeof parseXml> {
  return parseXml(`<r ${DECLS}>${xml}</r>`).children[0]!;
}

function decodeSend(xml: string, options?: object): Record<string, unknown> {
  return decodeBody(meta, meta.operations["Send"]!.input, parseIn(xml), options);
}

function encodeSend(value: object): string {
  return encodeBody(meta, meta.operations["Send"]!.input, value);
}

function interfaceText(name: string): string {
  const m = new RegExp(
    `(?:/\\*\\*(?:(?!\\*/)[\\s\\S])*\\*/\\n)?export interface ${name} [^{]*\\{\\n[\\s\\S]*?\\n\\}\\n`,
  ).exec(types);
  if (m === null) throw new Error(`no interface ${name} in types.ts`);
  return m[0];
}

describe("TypeScript: attributes and text values are peer properties", () => {
  it("simpleContent: the value is $value beside its attributes", () => {
    expect(interfaceText("Amount")).toBe(`/**
 * An amount with its currency.
 *
 * Schema: xsd:complexType \`{urn:soapkit:attributes}Amount\`
 */
export interface Amount {
  /** Concrete type: set it to send a derived type where this type is declared (written as \`xsi:type\`); set on decoded values. */
  $type?: "Amount" | "EuroAmount" | "PreciseAmount";
  /** XML attribute \`currencyID\`. */
  currencyID: string;
  /**
   * Text content of the element (\`xs:simpleContent\`).
   *
   * \`xs:decimal\` as \`string\` (exact lexical value).
   */
  $value: string;
}
`);
    expect(interfaceText("PreciseAmount")).toContain("export interface PreciseAmount extends Amount {");
    expect(interfaceText("PreciseAmount")).toContain(
      "/** XML attribute `precision`. Default `2` (applies when absent; not filled in on decoding). */\n  precision?: number;",
    );
  });

  it("a type with only attributes is an interface, not Record<string, never>", () => {
    expect(types).not.toMatch(/export type Flags = Record<string, never>/);
    expect(interfaceText("Flags")).toBe(`/** Schema: xsd:complexType \`{urn:soapkit:attributes}Flags\` */
export interface Flags {
  /** XML attribute \`color\`. */
  color?: Color;
  /** XML attribute \`palette\`. */
  palette?: ColorList;
  /** XML attribute \`enabled\`. */
  enabled: boolean;
  /** XML attribute \`version\`. Fixed value \`1.0\`. */
  version?: string;
  /** XML attribute \`{urn:soapkit:attributes}code\`. */
  code?: Flags_code;
  /** XML attribute \`{urn:soapkit:attributes:common}Lang\`. */
  Lang?: string;
  /** XML attribute \`{urn:soapkit:attributes:common}by\`. */
  by: string;
  /**
   * XML attribute \`{urn:soapkit:attributes:common}at\`.
   *
   * \`xs:dateTime\` lexical value, kept exactly as sent (an offset-less value stays offset-less).
   */
  at?: string;
}
`);
    expect(types).toContain("Schema: anonymous xsd:simpleType of attribute `code` in `{urn:soapkit:attributes}Flags`");
  });

  it("inherited attributes come through extends; anyAttribute is $anyAttributes", () => {
    expect(interfaceText("Derived")).toContain("export interface Derived extends Base {");
    expect(interfaceText("Derived")).toContain("/** XML attribute `kind`. */\n  kind?: Color;");
    expect(interfaceText("Base")).toContain("/** XML attribute `id`. */\n  id: number;\n  Name: string;");
    expect(interfaceText("Open")).toContain("$anyAttributes?: Record<string, string>;");
  });

  it("the spyne-style ScalarsResult keeps Lang and Version, and the result is not unwrapped past them", () => {
    expect(interfaceText("ScalarsResult")).toContain(
      "/** XML attribute `Lang`. */\n  Lang?: string;\n  /** XML attribute `Version`. */\n  Version?: number;\n  Count?: number;",
    );
    expect(types).toContain("scalars(params?: ScalarsRequest, options?: AgentCallOptions): Promise<ScalarsResult>;");
  });
});

describe("metadata: format v2 carries attributes, v1 stays for ports without them", () => {
  it("writes v: 2 with @-flagged entries and text", () => {
    expect(metadataText).toContain('"v": 2,');
    expect(metadataText).toContain('"Amount": { "text": "xs:decimal", "f": [["currencyID", "xs:token", "@!"]] },');
    expect(metadataText).toContain('["version", "xs:string", "@=", -1, "1.0"]');
    expect(metadataText).toContain('["Lang", "xs:language", "@", 1]');
    expect(metadataText).toContain('["*", "", "@"]');
  });

  it("expands them into AttributeMeta, text and anyAttributes", () => {
    const flags = meta.types["Flags"];
    expect(flags?.kind === "complex" && flags.attributes?.find((a) => a.name === "version")).toEqual({
      name: "version",
      ns: "",
      type: "xs:string",
      required: false,
      fixed: "1.0",
    });
    expect(meta.types["Amount"]).toMatchObject({ text: { type: "xs:decimal" } });
    expect(meta.types["Open"]).toMatchObject({ anyAttributes: true });
  });

  it("the project's own WCF output stays at v: 1", async () => {
    const text = await readFile(join(repoRoot, "generated/email/metadata.ts"), "utf8");
    expect(text).toMatch(/^\s+"v": 1,$/m);
  });
});

describe("wire: attributes both ways", () => {
  it("encodes to the exact XML (schema order, escaping, prefixes per form, inherited attributes)", () => {
    expect(encodeSend(SEND)).toBe(SEND_XML);
  });

  it("decodes the exact value back", () => {
    expect(decodeSend(SEND_XML)).toEqual({ ...SEND, Total: { $type: "Amount", ...SEND.Total } });
  });

  it("declares the namespaces a standalone fragment uses", () => {
    const xml = encodeBody(meta, meta.operations["Send"]!.input, SEND, { declareNamespaces: true });
    expect(
      xml.startsWith('<tns:Send xmlns:tns="urn:soapkit:attributes" xmlns:q1="urn:soapkit:attributes:common">'),
    ).toBe(true);
  });

  it("writes a required fixed attribute's value, refuses another value, a missing required one, null and unknown properties", () => {
    const minimal = { Total: { currencyID: "EUR", $value: "1" }, Flags: { enabled: false, by: "x" } };
    expect(encodeSend(minimal)).toBe(
      '<tns:Send><tns:Total currencyID="EUR">1</tns:Total><tns:Flags enabled="false" q1:by="x"/></tns:Send>',
    );
    const fails = (v: object): SerializationError => {
      try {
        encodeSend(v);
      } catch (e) {
        expect(e).toBeInstanceOf(SerializationError);
        return e as SerializationError;
      }
      throw new Error("expected a SerializationError");
    };
    expect(fails({ ...minimal, Flags: { ...minimal.Flags, version: "2.0" } }).message).toMatch(
      /Flags\.version.*fixed value "1\.0"/,
    );
    expect(fails({ ...minimal, Flags: { enabled: true } }).message).toMatch(/Flags\.by.*required attribute is missing/);
    expect(fails({ ...minimal, Total: { currencyID: "EUR" } }).message).toMatch(/Total\.\$value.*missing/);
    expect(fails({ ...minimal, Flags: { ...minimal.Flags, color: "blue" } }).message).toMatch(
      /Flags\.color.*invalid value "blue"/,
    );
    expect(fails({ ...minimal, Flags: { ...minimal.Flags, Lang: null } }).message).toMatch(
      /Flags\.Lang.*null is not allowed/,
    );
    expect(fails({ ...minimal, Flags: { ...minimal.Flags, nope: 1 } }).message).toMatch(
      /Flags\.nope.*unknown property.*enabled/,
    );
    expect(fails({ ...minimal, Open: { $anyAttributes: { 'a"><x': "1" } } }).message).toMatch(/Open\.\$anyAttributes/);
    expect(fails({ ...minimal, Total: { currencyID: "EUR", $value: "1", $anyAttributes: {} } }).message).toMatch(
      /unknown property/,
    );
  });

  it("decodes strictly: lexical checks, required, fixed, unknown attributes; xsi:* and soap:* ignored; lenient mode skips unknown ones", () => {
    const base = '<tns:Send><tns:Total currencyID="EUR">1</tns:Total>';
    const fails = (xml: string): string => {
      try {
        decodeSend(xml);
      } catch (e) {
        expect(e).toBeInstanceOf(DeserializationError);
        return (e as Error).message;
      }
      throw new Error("expected a DeserializationError");
    };
    expect(fails(`${base}<tns:Flags enabled="maybe" q1:by="x"/></tns:Send>`)).toMatch(/Flags\.enabled/);
    expect(fails(`${base}<tns:Flags enabled="true"/></tns:Send>`)).toMatch(
      /required attribute \{urn:soapkit:attributes:common\}by is missing/,
    );
    expect(fails(`${base}<tns:Flags enabled="true" q1:by="x" version="2"/></tns:Send>`)).toMatch(/fixed value "1\.0"/);
    expect(fails(`${base}<tns:Flags enabled="true" q1:by="x" by="unqualified"/></tns:Send>`)).toMatch(
      /unexpected attribute by on Flags/,
    );
    expect(
      fails(`<tns:Send><tns:Total currencyID="EUR">1.2.3</tns:Total><tns:Flags enabled="1" q1:by="x"/></tns:Send>`),
    ).toMatch(/Total\.\$value/);
    expect(
      fails(
        `${base}<tns:Flags enabled="1" q1:by="x"/><tns:Item id="99999999999" kind="red"><tns:Name>n</tns:Name></tns:Item></tns:Send>`,
      ),
    ).toMatch(/Item\.id/);
    expect(
      fails(`<tns:Send><tns:Total currencyID="EUR" x="1">1</tns:Total><tns:Flags enabled="1" q1:by="x"/></tns:Send>`),
    ).toMatch(/unexpected attribute x/);
    const soapAttrs = `<tns:Send><tns:Total currencyID="EUR" soap:mustUnderstand="1">1</tns:Total><tns:Flags xsi:type="tns:Flags" soap:encodingStyle="" enabled="1" q1:by="x"/></tns:Send>`;
    expect(decodeSend(soapAttrs)).toEqual({
      Total: { $type: "Amount", currencyID: "EUR", $value: "1" },
      Flags: { enabled: true, by: "x" },
    });
    const xml = `${base}<tns:Flags xsi:type="tns:Flags" enabled="1" q1:by="x" extra="e"/></tns:Send>`;
    expect(decodeSend(xml, { unknownElements: "ignore" })).toEqual({
      Total: { $type: "Amount", currencyID: "EUR", $value: "1" },
      Flags: { enabled: true, by: "x" },
    });
  });

  it("leaves a default absent (documented), and applies no value for an absent optional attribute", () => {
    const v = decodeSend(
      '<tns:Send><tns:Total currencyID="EUR">1</tns:Total><tns:Precise currencyID="EUR">2</tns:Precise><tns:Flags enabled="1" q1:by="x"/></tns:Send>',
    );
    expect(v["Precise"]).toEqual({ currencyID: "EUR", $value: "2" });
  });
});

describe("spyne-style <ScalarsResult Lang Version>", () => {
  it("decodes Lang and Version (they were dropped before)", () => {
    const out = decodeBody(
      meta,
      meta.operations["Scalars"]!.output!,
      parseIn(
        '<tns:ScalarsResponse><tns:ScalarsResult Lang="sv-SE" Version="7"><tns:Count>3</tns:Count></tns:ScalarsResult></tns:ScalarsResponse>',
      ),
    );
    expect(out).toEqual({ ScalarsResult: { Lang: "sv-SE", Version: 7, Count: 3 } });
  });

  it("sends them (no 'unknown property')", () => {
    const xml = encodeBody(meta, meta.operations["Scalars"]!.input, { Echo: { Lang: "sv-SE", Version: 7 } });
    expect(xml).toBe('<tns:Scalars><tns:Echo Lang="sv-SE" Version="7"/></tns:Scalars>');
  });
});

describe("JSON (REST twin): attributes and $value are peer members", () => {
  it("round-trips", () => {
    const value = {
      Total: { currencyID: "EUR", $value: "12.50" },
      Flags: { enabled: true, by: "anne", palette: ["green"] },
    };
    const json = encodeJsonBody(meta, meta.operations["Send"]!.input, value);
    expect(json).toBe(
      '{"Total":{"currencyID":"EUR","$value":12.50},"Flags":{"palette":"green","enabled":true,"by":"anne"}}',
    );
    expect(decodeJsonBody(meta, meta.operations["Send"]!.input, parseJson(json), json)).toEqual({
      ...value,
      Total: { $type: "Amount", ...value.Total },
    });
  });
});

describe("xmllint: encoded requests validate against the fixture's own schema", () => {
  it("accepts the encoded requests and rejects broken ones", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soapkit-attr-"));
    const drivers = await writeSchemaSet(dir, { attributes: await readFile(WSDL, "utf8") });
    const envelope = (bodyXml: string): string => buildEnvelope({ version: "1.1", prefixes: meta.prefixes, bodyXml });
    // Sample values know no facets (maxLength of `code`) and libxml2 caps xs:decimal digits: pin those two.
    const sample = sampleInput(meta, "Send") as Record<string, Record<string, unknown>>;
    for (const k of ["Total", "Precise", "Euro"]) if (sample[k] !== undefined) sample[k]!["$value"] = "42.5";
    sample["Flags"]!["code"] = "c1";
    const response = sampleOutput(meta, "Send") as Record<string, Record<string, unknown>>;
    response["Flags"]!["code"] = "c2";
    response["Total"]!["$value"] = "7";
    const docs: Record<string, string> = {
      send: envelope(encodeSend(SEND)),
      sample: envelope(encodeSend(sample)),
      scalars: envelope(
        encodeBody(meta, meta.operations["Scalars"]!.input, { Echo: { Lang: "sv-SE", Version: 7, Count: 1 } }),
      ),
      response: envelope(encodeBody(meta, meta.operations["Send"]!.output!, response)),
      brokenMissingRequired: envelope(encodeSend(SEND).replace(' q1:by="anne"', "")),
      brokenLexical: envelope(encodeSend(SEND).replace('enabled="true"', 'enabled="maybe"')),
    };
    for (const [name, xml] of Object.entries(docs)) await writeFile(join(dir, `${name}.xml`), xml);
    const results = await xmllintValidate(
      drivers.soap11,
      Object.keys(docs).map((n) => join(dir, `${n}.xml`)),
      1,
    );
    const verdict = Object.fromEntries(Object.keys(docs).map((n) => [n, results.get(join(dir, `${n}.xml`))!]));
    for (const n of ["send", "sample", "scalars", "response"]) expect(verdict[n]!.errors, n).toEqual([]);
    expect(verdict["brokenMissingRequired"]!.valid).toBe(false);
    expect(verdict["brokenMissingRequired"]!.errors.join("\n")).toMatch(/by.*required|required.*by/i);
    expect(verdict["brokenLexical"]!.valid).toBe(false);
  });
});

describe("through a generated client and the emulator (soap.listen)", () => {
  let emulator: Emulator;
  let client: AnyClient;
  beforeAll(async () => {
    const echo = {
      Send: (input: Record<string, unknown>) => ({ Total: input["Total"], Flags: input["Flags"] }),
      Scalars: (input: Record<string, unknown>) => ({ ScalarsResult: input["Echo"] }),
    };
    emulator = await startEmulator({
      services: [{ metadata: meta, wsdlXml: await readFile(WSDL, "utf8"), path: PATH, implementation: echo }],
    });
    client = create({ transport: soapHttpTransport({ endpoint: emulator.endpoint(PATH) }) });
  });
  afterAll(() => emulator?.close());

  it("attributes and $value survive a round trip", async () => {
    expect(await client["send"]!(SEND)).toEqual({ Total: { $type: "Amount", ...SEND.Total }, Flags: SEND.Flags });
    expect(await client["scalars"]!({ Echo: { Lang: "sv-SE", Version: 7 } })).toEqual({ Lang: "sv-SE", Version: 7 });
  });

  it("sample values carry attributes and round-trip", async () => {
    const input = sampleInput(meta, "Send") as { Flags: Record<string, unknown>; Total: Record<string, unknown> };
    expect(Object.keys(input.Flags)).toEqual(
      expect.arrayContaining(["color", "palette", "enabled", "version", "code", "Lang", "by", "at"]),
    );
    expect(input.Total["$value"]).toBeDefined();
    const out = (await client["send"]!(input)) as Record<string, unknown>;
    expect(out["Flags"]).toEqual(input.Flags);
  });
});

describe("xml:lang (the XML namespace is bound by definition)", () => {
  it("is written with the xml prefix, never declared, and read back", async () => {
    const literal = {
      v: 2,
      service: "S",
      port: "P",
      portType: "T",
      address: "http://x",
      actionBase: "urn:t/",
      ns: ["urn:t"],
      ops: { Echo: {} },
      types: {
        EchoRequest: { local: "Echo", f: [["Text", "Text"]] },
        EchoResponse: { f: [] },
        Text: { text: "xs:string", f: [["lang", "xs:language", "@", -2]] },
      },
    } as unknown as CompactMetadata;
    const m = loadMetadata(literal);
    const body = m.operations["Echo"]!.input;
    const xml = encodeBody(m, body, { Text: { lang: "sv", $value: "hej" } }, { declareNamespaces: true });
    expect(xml).toBe('<tns:Echo xmlns:tns="urn:t"><tns:Text xml:lang="sv">hej</tns:Text></tns:Echo>');
    expect(decodeBody(m, body, parseXml(xml))).toEqual({ Text: { lang: "sv", $value: "hej" } });
  });
});

/**
 * NetSuite SuiteTalk (../shared/wsdl/public/netsuite, 888 xs:attribute, one simpleContent):
 * refused before attributes and simple content were modelled, now generated. Checks that the
 * client compiles under the strict compile gate, that sample bodies of every operation (with
 * every attribute set) round-trip through the codec, and that xmllint validates them against
 * NetSuite's own schemas. The `*List` operations' wrappers hold a single repeated child: they
 * stay complex types with one repeated field (they were classed as arrays and failed at run time).
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sampleInput, sampleOutput } from "../../generator/mock/sample-values.js";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { decodeBody } from "../../runtime/codec/decode.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import { buildEnvelope } from "../../runtime/envelope.js";
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { parseXml } from "../../runtime/xml/parse.js";
import { xmllintValidate } from "../helpers/xsd.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";

const WSDL = requireShared("wsdl/public/netsuite/netsuite.wsdl");
const OUT = join(repoRoot, "test/.out/public-netsuite");

interface Body {
  readonly id: string;
  readonly xml: string;
  readonly value: unknown;
  readonly decl: {
    readonly meta: ServiceMetadata;
    readonly body: NonNullable<ServiceMetadata["operations"][string]["output"]>;
  };
}

describe.skipIf(WSDL === undefined)("public corpus: NetSuite with its attributes", () => {
  let meta: ServiceMetadata;
  let types: string;
  const bodies: Body[] = [];
  const refused = new Map<string, string>();

  beforeAll(async () => {
    const { files } = await generate([WSDL!], { outDir: OUT });
    await writeOutput(OUT, files);
    types = files.find((f) => f.path.endsWith("/types.ts"))!.content;
    const metaFile = files.find((f) => f.path.endsWith("/metadata.ts"))!;
    const mod = (await import(join(OUT, metaFile.path))) as Record<string, CompactMetadata>;
    meta = loadMetadata(Object.values(mod)[0]!);
    for (const op of Object.values(meta.operations)) {
      for (const [which, body] of [
        ["in", op.input],
        ["out", op.output],
      ] as const) {
        if (body === null) continue;
        try {
          const value = which === "in" ? sampleInput(meta, op.name) : sampleOutput(meta, op.name);
          bodies.push({ id: `${op.name}.${which}`, xml: encodeBody(meta, body, value), value, decl: { meta, body } });
        } catch (e) {
          refused.set(`${op.name}.${which}`, (e as Error).message);
        }
      }
    }
  }, 120_000);

  it("generates every operation with its attributes and compiles under the strict gate", async () => {
    expect(Object.keys(meta.operations)).toHaveLength(42);
    expect((types.match(/\/\*\* XML attribute /g) ?? []).length).toBeGreaterThan(800);
    expect(types).toMatch(/export interface RecordRef extends BaseRef \{[^}]*internalId\?: string;/);
    expect(typecheck(await tsFiles(OUT))).toEqual([]);
  }, 120_000);

  it("sample bodies of every operation round-trip through the codec (the single-child *List wrappers too)", () => {
    expect([...refused.entries()]).toEqual([]);
    expect(bodies.length).toBe(84);
    expect(bodies.some((b) => b.id === "getList.in")).toBe(true);
    const decls =
      meta.prefixes.map(([p, u]) => `xmlns:${p}="${u}"`).join(" ") +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    const plain = (v: unknown): unknown =>
      JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)));
    for (const b of bodies) {
      const back = decodeBody(b.decl.meta, b.decl.body, parseXml(`<r ${decls}>${b.xml}</r>`).children[0]!);
      expect(plain(back), b.id).toEqual(plain(b.value));
    }
    expect(bodies.some((b) => / internalId="/.test(b.xml))).toBe(true);
  });

  it("xmllint validates every sample body against NetSuite's own schemas (and rejects a broken one)", async () => {
    const dir = await mkdtemp(join(tmpdir(), "soapkit-netsuite-"));
    const wsdlText = await readFile(WSDL!, "utf8");
    const imports = [...wsdlText.matchAll(/<xsd:import namespace="([^"]+)" schemaLocation="\.\/([^"]+)"\/>/g)]
      .map((m) => `<xs:import namespace="${m[1]}" schemaLocation="${join(dirname(WSDL!), m[2]!)}"/>`)
      .join("\n");
    const any = (mode: string): string =>
      `<xs:complexType><xs:sequence><xs:any namespace="##other" processContents="${mode}" minOccurs="0" maxOccurs="unbounded"/></xs:sequence></xs:complexType>`;
    const driver = join(dir, "envelope.xsd");
    await writeFile(
      driver,
      `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://schemas.xmlsoap.org/soap/envelope/" elementFormDefault="qualified">\n${imports}\n` +
        `<xs:element name="Envelope"><xs:complexType><xs:sequence><xs:element name="Header" minOccurs="0">${any("lax")}</xs:element><xs:element name="Body">${any("strict")}</xs:element></xs:sequence></xs:complexType></xs:element></xs:schema>\n`,
    );
    const files: string[] = [];
    for (const b of bodies) {
      const f = join(dir, `${b.id}.xml`);
      await writeFile(f, buildEnvelope({ version: "1.1", prefixes: meta.prefixes, bodyXml: b.xml }));
      files.push(f);
    }
    const withAttr = bodies.find((b) => / internalId="/.test(b.xml))!;
    const broken = join(dir, "broken.xml");
    await writeFile(
      broken,
      buildEnvelope({
        version: "1.1",
        prefixes: meta.prefixes,
        bodyXml: withAttr.xml.replace(/ internalId="/, ' internalIdX="'),
      }),
    );
    const results = await xmllintValidate(driver, [...files, broken], 2);
    const errors = files.flatMap((f) => results.get(f)!.errors);
    expect(errors).toEqual([]);
    expect(results.get(broken)!.valid).toBe(false);
    expect(results.get(broken)!.errors.join("\n")).toMatch(/internalIdX/);
  }, 120_000);
});

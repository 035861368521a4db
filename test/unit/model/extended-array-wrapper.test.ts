/**
 * A complex type whose one content element repeats looks like an `ArrayOfX` wrapper, but when
 * another type extends it (`complexContent/extension`, EWS `EntityType` → `AddressEntityType`)
 * it must stay a complex type: the runtime refuses a `base` that is an array.
 */
import { describe, expect, it } from "vitest";
import { compactMetadata } from "../../../generator/emit/compact-metadata.js";
import { createEmitContext } from "../../../generator/emit/context.js";
import { portMetadata } from "../../../generator/emit/metadata-file.js";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { buildModel } from "../../../generator/model/build-model.js";
import type { ServiceModel } from "../../../generator/model/types.js";
import { DEFAULT_MAPPING } from "../../../generator/settings.js";
import type { ServiceMetadata } from "../../../runtime/metadata.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoSchema, echoWsdl, TNS } from "../../helpers/wsdl-text.js";

const FILE = "/ext/svc.wsdl";

const TYPES = `
      <xs:complexType name="EntityType">
        <xs:sequence>
          <xs:element name="Position" type="xs:string" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="AddressEntityType">
        <xs:complexContent>
          <xs:extension base="tns:EntityType">
            <xs:sequence>
              <xs:element name="Address" type="xs:string" minOccurs="0"/>
            </xs:sequence>
          </xs:extension>
        </xs:complexContent>
      </xs:complexType>
      <xs:complexType name="ArrayOfAddressEntitiesType">
        <xs:sequence>
          <xs:element name="AddressEntity" type="tns:AddressEntityType" minOccurs="0" maxOccurs="unbounded"/>
        </xs:sequence>
      </xs:complexType>`;

async function model(requestSequence: string): Promise<ServiceModel> {
  const docs = await loadDocuments(FILE, {
    reader: memoryReader({ [FILE]: echoWsdl({ schema: echoSchema(requestSequence, TYPES) }) }),
  });
  return buildModel(docs);
}

function metadataOf(m: ServiceModel): ServiceMetadata {
  const ctx = createEmitContext(m, {
    runtimeImport: "@soapkit/runtime",
    mapping: DEFAULT_MAPPING,
    sourceLabel: "",
    generatorVersion: "",
  });
  const compact = compactMetadata(portMetadata(ctx, m.ports[0]!, ctx.names.ports[0]!));
  return loadMetadata(JSON.parse(JSON.stringify(compact)) as CompactMetadata);
}

function wrapperFlag(m: ServiceModel, local: string): boolean {
  const t = m.types.get(`complexType:{${TNS}}${local}`);
  if (t?.kind !== "complex") throw new Error(`no complex type ${local}: ${[...m.types.keys()].join(", ")}`);
  return t.isArrayWrapper;
}

describe("a one-repeated-element type that another type extends", () => {
  const viaArray = `
            <xs:element name="entities" type="tns:ArrayOfAddressEntitiesType"/>`;
  const viaBase = `
            <xs:element name="entity" type="tns:EntityType"/>`;

  it.each([
    ["reached through the derived type (EWS shape)", viaArray],
    ["reached as the declared type, the extension found as a derived type", viaBase],
  ])("is a complex base, not an array wrapper: %s", async (_label, sequence) => {
    const m = await model(sequence);
    expect(wrapperFlag(m, "EntityType")).toBe(false);
    const meta = metadataOf(m);
    const base = meta.types["EntityType"];
    expect(base?.kind).toBe("complex");
    expect(base?.kind === "complex" ? base.fields.map((f) => `${f.name}:${f.min}..${f.max}`) : []).toEqual([
      "Position:0..-1",
    ]);
    expect(base?.kind === "complex" ? base.subtypes : undefined).toEqual(["AddressEntityType"]);
    const derived = meta.types["AddressEntityType"];
    expect(derived?.kind === "complex" ? derived.base : undefined).toBe("EntityType");
  });

  it("an array wrapper nobody extends stays an array", async () => {
    const m = await model(viaArray);
    expect(wrapperFlag(m, "ArrayOfAddressEntitiesType")).toBe(true);
    expect(metadataOf(m).types["ArrayOfAddressEntitiesType"]?.kind).toBe("array");
  });
});

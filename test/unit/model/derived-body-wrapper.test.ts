/**
 * A body wrapper element whose type extends another and declares nothing of its own (EWS
 * `ArchiveItemResponse` → `ArchiveItemResponseType` → `BaseResponseMessageType`) carries the
 * inherited members: it is neither empty (a void result) nor unwrapped, in the runtime metadata
 * and in the generated TypeScript alike.
 */
import { describe, expect, it } from "vitest";
import { compactMetadata } from "../../../generator/emit/compact-metadata.js";
import { createEmitContext, type EmitContext } from "../../../generator/emit/context.js";
import { portMetadata } from "../../../generator/emit/metadata-file.js";
import { paramsOptional, resultTs } from "../../../generator/emit/types-file.js";
import { loadDocuments } from "../../../generator/load/load-documents.js";
import { buildModel } from "../../../generator/model/build-model.js";
import type { ServiceModel } from "../../../generator/model/types.js";
import { DEFAULT_MAPPING } from "../../../generator/settings.js";
import type { CompactMetadata } from "../../../runtime/metadata/format.js";
import { loadMetadata } from "../../../runtime/metadata/load.js";
import { memoryReader } from "../../helpers/memory-reader.js";
import { echoWsdl } from "../../helpers/wsdl-text.js";

const FILE = "/derived/svc.wsdl";

const SCHEMA = `
      <xs:complexType name="BaseRequest">
        <xs:sequence>
          <xs:element name="Target" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="EchoRequestType">
        <xs:complexContent>
          <xs:extension base="tns:BaseRequest"/>
        </xs:complexContent>
      </xs:complexType>
      <xs:complexType name="BaseResponse">
        <xs:sequence>
          <xs:element name="Messages" type="xs:string"/>
        </xs:sequence>
      </xs:complexType>
      <xs:complexType name="EchoResponseType">
        <xs:complexContent>
          <xs:extension base="tns:BaseResponse"/>
        </xs:complexContent>
      </xs:complexType>
      <xs:element name="Echo" type="tns:EchoRequestType"/>
      <xs:element name="EchoResponse" type="tns:EchoResponseType"/>`;

async function setup(): Promise<{ m: ServiceModel; ctx: EmitContext }> {
  const docs = await loadDocuments(FILE, { reader: memoryReader({ [FILE]: echoWsdl({ schema: SCHEMA }) }) });
  const m = buildModel(docs);
  const ctx = createEmitContext(m, {
    runtimeImport: "@soapkit/runtime",
    mapping: DEFAULT_MAPPING,
    sourceLabel: "",
    generatorVersion: "",
  });
  return { m, ctx };
}

describe("a body wrapper type that only inherits its members", () => {
  it("is neither empty nor unwrapped in the loaded metadata", async () => {
    const { m, ctx } = await setup();
    const compact = compactMetadata(portMetadata(ctx, m.ports[0]!, ctx.names.ports[0]!));
    const op = loadMetadata(JSON.parse(JSON.stringify(compact)) as CompactMetadata).operations["Echo"]!;
    expect([op.input.empty, op.input.unwrap]).toEqual([false, null]);
    expect([op.output?.empty, op.output?.unwrap]).toEqual([false, null]);
  });

  it("the generated method takes required params and resolves to the whole response type", async () => {
    const { m, ctx } = await setup();
    const op = m.ports[0]!.operations[0]!;
    expect(paramsOptional(ctx, op)).toBe(false);
    expect(resultTs(ctx, op)).toBe(ctx.typeName(op.output!.type));
  });
});

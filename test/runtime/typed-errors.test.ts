/**
 * Issue 12: a runtime call never throws anything but a `SoapkitError`. Metadata that does not
 * fit what a codec is asked to do (here: a body wrapper typed as an array, the shape soapkit
 * generated for single-repeated-child wrappers) and values that break a codec in an unforeseen
 * way are typed errors, whichever entry point meets them.
 */
import { describe, expect, it } from "vitest";
import { ClientCore, soapHttpTransport, SoapkitError } from "../../runtime/index.js";
import { decodeBody } from "../../runtime/codec/decode.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import { SerializationError } from "../../runtime/errors.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { decodeJsonResult, encodeJsonBody } from "../../runtime/rest/json-codec.js";
import { parseXml } from "../../runtime/xml/parse.js";

const ARRAY_WRAPPER: CompactMetadata = {
  v: 1,
  service: "ListService",
  port: "ListPort",
  binding: "ListBinding",
  portType: "ListPort",
  address: "http://127.0.0.1:9/list",
  ns: ["urn:soapkit:list"],
  ops: { list: { action: "" } },
  types: {
    listRequest: { local: "list", item: ["q", "xs:string", "*", -1] },
    listResponse: { item: ["return", "xs:string", "*", -1] },
  },
};

const STRUCT: CompactMetadata = {
  ...ARRAY_WRAPPER,
  types: {
    listRequest: { local: "list", f: [["q", "xs:string", "?", -1]] },
    listResponse: { f: [["return", "xs:string", "*", -1]] },
  },
};

function metadataCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(SoapkitError);
    return (e as SoapkitError).code;
  }
  return undefined;
}

describe("codec metadata lookups are typed", () => {
  const meta = loadMetadata(ARRAY_WRAPPER);
  const op = meta.operations["list"]!;

  it("XML codec: a body type of the wrong kind is ERR_METADATA", () => {
    expect(metadataCode(() => encodeBody(meta, op.input!, { q: ["a"] }))).toBe("ERR_METADATA");
    const el = parseXml('<r xmlns:tns="urn:soapkit:list"><tns:listResponse/></r>').children[0]!;
    expect(metadataCode(() => decodeBody(meta, op.output!, el))).toBe("ERR_METADATA");
  });

  it("REST JSON codec: the same is ERR_METADATA", () => {
    expect(metadataCode(() => encodeJsonBody(meta, op.input!, { q: ["a"] }))).toBe("ERR_METADATA");
    expect(metadataCode(() => decodeJsonResult(meta, op.output, undefined, "[]"))).toBeUndefined();
  });

  it("a client call rejects with a SoapkitError, not a plain Error", async () => {
    const core = new ClientCore(ARRAY_WRAPPER, { transport: soapHttpTransport({ endpoint: "http://127.0.0.1:9/" }) });
    const err: unknown = await core.invoke("list", { q: ["a"] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapkitError);
    expect((err as SoapkitError).code).toBe("ERR_METADATA");
  });
});

describe("unforeseen failures inside the codec are located, typed errors", () => {
  const meta = loadMetadata(STRUCT);
  const op = meta.operations["list"]!;

  it("a value whose getter throws is a SerializationError with the path", () => {
    const hostile = Object.defineProperty({}, "q", {
      enumerable: true,
      get() {
        throw new TypeError("getter exploded");
      },
    });
    let err: unknown;
    try {
      encodeBody(meta, op.input!, hostile);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SerializationError);
    expect(String((err as Error).message)).toMatch(/getter exploded/);
  });

  it("a client call whose input getter throws rejects with a SoapkitError", async () => {
    const core = new ClientCore(STRUCT, { transport: soapHttpTransport({ endpoint: "http://127.0.0.1:9/" }) });
    const hostile = Object.defineProperty({}, "q", {
      enumerable: true,
      get() {
        throw new RangeError("getter exploded");
      },
    });
    const err: unknown = await core.invoke("list", hostile).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SoapkitError);
    expect(err instanceof SerializationError || (err as SoapkitError).code === "ERR_INTERNAL").toBe(true);
  });
});

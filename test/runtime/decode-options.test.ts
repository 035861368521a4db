/**
 * The decode-option contract: strict by default, per-call values override the client's key by
 * key, unknown values are a configuration error, and `Lenient<T>` widens enums only.
 * (The type assertions are checked by `npm run typecheck`.)
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  ClientCore,
  SoapkitError,
  resolveDecodeOptions,
  type DecodeOptions,
  type Lenient,
} from "../../runtime/index.js";
import type { EMailEntity, EMailPriority } from "../../generated/email/types.js";
import { demoMeta } from "./fixtures/demo.js";
import { fromExpanded } from "../helpers/metadata.js";

describe("DecodeOptions", () => {
  it("is strict by default and layers per-call options over the client's", () => {
    expect(resolveDecodeOptions()).toEqual({ acceptUnknownEnums: false, ignoreUnknownElements: false });
    expect(resolveDecodeOptions({ unknownEnumValues: "accept" }, { unknownElements: "ignore" })).toEqual({
      acceptUnknownEnums: true,
      ignoreUnknownElements: true,
    });
    expect(resolveDecodeOptions({ unknownEnumValues: "accept" }, { unknownEnumValues: "reject" })).toEqual({
      acceptUnknownEnums: false,
      ignoreUnknownElements: false,
    });
  });

  it("refuses unknown option values at construction (ERR_SOAP_CONFIG)", () => {
    const bad = { unknownEnumValues: "lenient" } as unknown as DecodeOptions;
    expect(() => new ClientCore(fromExpanded(demoMeta), { decode: bad })).toThrow(SoapkitError);
    expect(() => resolveDecodeOptions(bad)).toThrow(/decode\.unknownEnumValues must be one of: reject, accept/);
  });

  it("Lenient<T> widens string-literal unions, nothing else", () => {
    expectTypeOf<Lenient<EMailPriority>>().toEqualTypeOf<EMailPriority | (string & {})>();
    expectTypeOf<Lenient<string>>().toEqualTypeOf<string>();
    expectTypeOf<Lenient<{ a: number; b: bigint | null; c?: Uint8Array }>>().toEqualTypeOf<{
      a: number;
      b: bigint | null;
      c?: Uint8Array;
    }>();
    const e: Lenient<EMailEntity> = { Priority: "FuturePriority" } as Lenient<EMailEntity>;
    const p: EMailPriority | (string & {}) | undefined = e.Priority;
    // @ts-expect-error: the strict type does not take an unknown member
    const strict: EMailEntity["Priority"] = "FuturePriority";
    expect([p, strict]).toEqual(["FuturePriority", "FuturePriority"]);
  });
});

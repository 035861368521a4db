import { describe, expect, it } from "vitest";

import { decodeBody } from "../../runtime/codec/decode.js";
import { encodeBody } from "../../runtime/codec/encode.js";
import { parseXml } from "../../runtime/xml/parse.js";
import type { ServiceMetadata, TypeRef } from "../../runtime/metadata.js";
import {
  BIG_LONG,
  SAMPLE_DATETIMES,
  TRICKY_SUFFIX,
  sampleInput,
  sampleOutput,
  sampleValue,
} from "../../generator/mock/sample-values.js";
import { allFields } from "../../generator/mock/meta-walk.js";
import { authMetadata, echoMetadata } from "./fixtures/metadata.js";

/** Walk a typed value by metadata, collecting which fields were set / null per complex type. */
function census(meta: ServiceMetadata) {
  const present = new Map<string, Set<string>>();
  const nulls: string[] = [];
  const scalars: { type: string; value: unknown }[] = [];
  const visit = (ref: TypeRef, v: unknown, path: string): void => {
    if (v === null || v === undefined) return;
    if (ref.startsWith("xs:")) {
      scalars.push({ type: ref, value: v });
      return;
    }
    const t = meta.types[ref]!;
    if (t.kind === "array") {
      (v as unknown[]).forEach((x, i) => visit(t.item.type, x, `${path}[${i}]`));
      return;
    }
    if (t.kind === "alias") return visit(t.base, v, path);
    if (t.kind === "enum" || t.kind === "list") {
      scalars.push({ type: ref, value: v });
      return;
    }
    const obj = v as Record<string, unknown>;
    const actual = typeof obj["$type"] === "string" ? (obj["$type"] as string) : ref;
    const set = present.get(actual) ?? new Set<string>();
    present.set(actual, set);
    for (const f of allFields(meta, actual)) {
      if (!(f.name in obj)) continue;
      set.add(f.name);
      const fv = obj[f.name];
      if (fv === null) nulls.push(`${path}.${f.name}`);
      else if (f.max !== 1) (fv as unknown[]).forEach((x, i) => visit(f.type, x, `${path}.${f.name}[${i}]`));
      else visit(f.type, fv, `${path}.${f.name}`);
    }
  };
  return { present, nulls, scalars, visit };
}

describe("sample values", () => {
  it("are deterministic", () => {
    for (const meta of [echoMetadata, authMetadata]) {
      for (const op of Object.keys(meta.operations)) {
        expect(sampleOutput(meta, op)).toEqual(sampleOutput(meta, op));
        expect(sampleInput(meta, op)).toEqual(sampleInput(meta, op));
      }
    }
    expect(sampleValue(echoMetadata, "Item")).toEqual(sampleValue(echoMetadata, "Item"));
    expect(sampleValue(echoMetadata, "Item", { seed: "a" })).not.toEqual(
      sampleValue(echoMetadata, "Item", { seed: "b" }),
    );
  });

  it("populate every field of every reachable complex type, with nils and values", () => {
    const c = census(echoMetadata);
    for (const op of Object.values(echoMetadata.operations)) {
      c.visit(op.input.type, sampleInput(echoMetadata, op.name), op.input.element);
      if (op.output !== null) c.visit(op.output.type, sampleOutput(echoMetadata, op.name) ?? {}, op.output.element);
    }
    for (const id of [
      "Item",
      "SpecialItem",
      "EchoResponse",
      "GetItemsRequest",
      "PutItemRequest",
      "StringDictionaryKeyValuePair",
    ]) {
      const fields = allFields(echoMetadata, id).map((f) => f.name);
      expect([...(c.present.get(id) ?? [])].sort(), id).toEqual([...fields].sort());
    }
    expect(c.nulls.length).toBeGreaterThan(0);
    // A nillable field that is null somewhere is present with a value elsewhere.
    const items = sampleOutput(echoMetadata, "GetItems")!["Response"] as Record<string, unknown>[];
    const mixed = allFields(echoMetadata, "Item").filter(
      (f) => items.some((x) => x[f.name] === null) && items.some((x) => x[f.name] !== null && x[f.name] !== undefined),
    );
    expect(mixed.length).toBeGreaterThan(0);
    // The first item of an array is always fully present.
    expect(Object.values(items[0]!).every((v) => v !== null)).toBe(true);
  });

  it("stress the codec: big longs, dateTime forms, bytes, enums, flags, tricky strings, arrays", () => {
    const items = sampleOutput(echoMetadata, "GetItems")!["Response"] as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.length).toBeLessThanOrEqual(3);
    const first = items[0]!;
    expect(typeof first["BigId"]).toBe("bigint");
    expect(first["BigId"] as bigint).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(sampleOutput(echoMetadata, "PutItem")!["Response"]).toSatisfy(
      (v: unknown) => typeof v === "bigint" && (v > 2n ** 53n || v < -(2n ** 53n)),
    );
    const data = first["Data"] as Uint8Array;
    expect(data).toBeInstanceOf(Uint8Array);
    expect([...data]).toContain(0x00);
    expect([...data]).toContain(0xff);
    expect(first["Color"]).not.toBe("Red");
    const rights = first["Rights"] as string[];
    expect(rights).toHaveLength(2);
    expect(new Set(rights).size).toBe(2);
    expect(first["Properties"]).toHaveLength(2);
    expect(first["Ratings"]).toHaveLength(3);
    expect(first["Tags"]).toHaveLength(3);
    expect(first["Uid"]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

    const all = JSON.stringify(sampleOutput(echoMetadata, "GetItems"), (_k, v: unknown) =>
      typeof v === "bigint" ? v.toString() : v,
    );
    expect(all).toContain(TRICKY_SUFFIX.trim().slice(0, 5));
    for (const needle of ["<", "&", "]]>", '"', "'", "\u{1F600}"]) expect(all).toContain(needle);
    for (const dt of SAMPLE_DATETIMES.slice(0, 2)) expect(all).toContain(dt);
    expect(all).toContain(`"2021-11-30T13:22:10"`);
    expect(all).toContain(`"2021-11-30T13:22:10Z"`);
    expect(BIG_LONG).toBe(9007199254740993n);
    // Hierarchy: a subtype instance appears with its $type.
    expect(all).toContain(`"$type":"SpecialItem"`);
  });

  it("bound recursion (SoExceptionInfo.InnerException 1 level deep, then absent)", () => {
    const info = sampleValue(echoMetadata, "SoExceptionInfo") as Record<string, unknown>;
    const inner = info["InnerException"] as Record<string, unknown>;
    expect(inner).toBeTypeOf("object");
    expect(inner["Message"]).toBeTypeOf("string");
    expect("InnerException" in inner).toBe(false);
    expect(info["Parameters"]).toHaveLength(2);
  });

  it("encode and decode back to the same value with the runtime codec", () => {
    for (const meta of [echoMetadata, authMetadata]) {
      for (const op of Object.values(meta.operations)) {
        for (const [body, value] of [
          [op.input, sampleInput(meta, op.name)],
          [op.output!, sampleOutput(meta, op.name)],
        ] as const) {
          const xml = encodeBody(meta, body, value, { declareNamespaces: true });
          expect(decodeBody(meta, body, parseXml(xml)), `${op.name} ${body.element}`).toEqual(value ?? {});
        }
      }
    }
  });
});

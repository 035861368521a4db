/**
 * The warm-process printing of types.ts (emit/emit-memo.ts) prints each statement, and each
 * member of a large interface, on its own through a memo. It must print exactly what printing
 * the whole file at once prints (or refuse exactly when that refuses), with an empty memo and
 * with a memo full of the previous generation's pieces, on every statement emitted for the
 * project's sources, the public corpus and both SuperOffice WSDLs.
 */
import type { StatementStructures } from "ts-morph";
import { describe, expect, it } from "vitest";
import { printStatementsMemo, type EmitMemo } from "../../../generator/emit/emit-memo.js";
import { printStatements } from "../../../generator/emit/layout-statements.js";
import { StructureKind } from "../../../generator/emit/structures.js";
import { typesStatements } from "../../../generator/emit/types-file.js";
import { GenerationMemo, memoKey } from "../../../generator/incremental/memo.js";
import { corpusSources, emitContexts } from "../../helpers/emit-contexts.js";

/** Models whose types.ts soapkit printed itself (others go to prettier, memo or not). */
let printed = 0;

const newMemo = (): EmitMemo => ({ statements: new GenerationMemo<string | undefined>() });

describe("printStatementsMemo", () => {
  it.each(corpusSources().map((s) => [s.name, s] as const))(
    "%s: equals printStatements, cold and warm",
    async (_name, source) => {
      for (const ctx of await emitContexts(source.inputs)) {
        const statements = typesStatements(ctx);
        const whole = printStatements(statements);
        const memo = newMemo();
        expect(printStatementsMemo(statements, memo)).toBe(whole);
        memo.statements.rotate();
        const misses = memo.statements.misses;
        expect(printStatementsMemo(statements, memo)).toBe(whole);
        if (whole !== undefined) {
          expect(memo.statements.misses, "a warm run re-prints nothing").toBe(misses);
          printed += 1;
        }
      }
    },
    120_000,
  );

  it("covered models soapkit prints itself", () => {
    expect(printed).toBeGreaterThan(5);
  });

  it("re-prints only the changed member of a large interface", () => {
    const props = Array.from({ length: 20 }, (_, i) => ({ name: `p${i}`, type: "string", docs: [`Doc ${i}.`] }));
    const statement = (rename: string): StatementStructures[] => [
      { kind: StructureKind.TypeAlias, name: "A", isExported: true, type: '"a" | "b"' },
      {
        kind: StructureKind.Interface,
        name: "Big",
        isExported: true,
        docs: ["The big one."],
        properties: props.map((p, i) => (i === 7 ? { ...p, name: rename } : p)),
        methods: [{ name: "call", parameters: [{ name: "x", type: "number" }], returnType: "void" }],
      },
    ];
    const memo = newMemo();
    expect(printStatementsMemo(statement("p7"), memo)).toBe(printStatements(statement("p7")));
    memo.statements.rotate();
    const before = memo.statements.misses;
    const edited = printStatementsMemo(statement("renamed"), memo);
    expect(edited).toBe(printStatements(statement("renamed")));
    expect(edited).toMatch(/\n {2}renamed: string;\n/);
    expect(memo.statements.misses - before).toBe(1);
  });
});

describe("memoKey", () => {
  it("refuses what JSON would lose or merge", () => {
    expect(memoKey({ a: undefined })).toBeUndefined();
    expect(memoKey([undefined])).toBeUndefined();
    expect(memoKey(undefined)).toBeUndefined();
    expect(memoKey({ f: () => 1 })).toBeUndefined();
    expect(memoKey({ m: new Map([[1, 2]]) })).toBeUndefined();
    expect(memoKey({ d: new Date(0) })).toBeUndefined();
    expect(memoKey({ n: Number.NaN })).toBeUndefined();
    expect(memoKey({ a: [1, "x", true, null], b: { c: "d" } })).toBe('{"a":[1,"x",true,null],"b":{"c":"d"}}');
  });

  it("a memo keeps only what the latest generation used", () => {
    const memo = new GenerationMemo<number>();
    memo.get("a", () => 1);
    memo.get("b", () => 2);
    memo.rotate();
    expect(memo.get("a", () => 10)).toBe(1);
    memo.rotate();
    expect(memo.get("b", () => 20)).toBe(20);
    expect([memo.hits, memo.misses]).toEqual([1, 3]);
  });
});

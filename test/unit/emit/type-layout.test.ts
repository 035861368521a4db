/**
 * soapkit's own prettier layout (format/type-layout.ts, emit/layout-statements.ts) against
 * prettier itself: unions, object types, intersections, arrays and method signatures around
 * the width limit, each printed by soapkit and required to be what prettier prints.
 */
import { StructureKind, VariableDeclarationKind, type StatementStructures } from "ts-morph";
import { describe, expect, it } from "vitest";
import { printStatements } from "../../../generator/emit/layout-statements.js";
import { formatTypeScript } from "../../../generator/format/prettier.js";
import { parseType } from "../../../generator/format/type-layout.js";

const names = (n: number, len: number): string[] =>
  Array.from({ length: n }, (_x, i) => `N${String(i).padStart(2, "0")}${"x".repeat(Math.max(0, len - 3))}`);

async function expectPrettierLayout(statements: StatementStructures[]): Promise<string> {
  const text = printStatements(statements);
  expect(text).toBeDefined();
  expect(await formatTypeScript(text!)).toBe(text);
  return text!;
}

describe("type layout matches prettier", () => {
  it("type aliases: unions flat, on the next line, or one member per line, at every width", async () => {
    for (let n = 2; n <= 9; n++) {
      for (const len of [3, 6, 9, 14]) {
        const members = names(n, len).map((s) => `"${s}"`);
        await expectPrettierLayout([
          { kind: StructureKind.TypeAlias, name: "Some", isExported: true, type: members.join(" | ") },
        ]);
      }
    }
  });

  it("interface properties: unions, object types in intersections, nullable arrays", async () => {
    for (let n = 1; n <= 8; n++) {
      const refs = names(n, 8);
      const text = await expectPrettierLayout([
        {
          kind: StructureKind.Interface,
          name: "Holder",
          isExported: true,
          properties: [
            { name: "$type", hasQuestionToken: true, type: refs.map((r) => `"${r}"`).join(" | ") },
            { name: "items", type: `(${refs[0]} | null)[]` },
            { name: "variant", type: refs.map((r) => `(${r} & { $type: "${r}" })`).join(" | ") },
          ],
        },
      ]);
      expect(text).toMatch(/^export interface Holder \{\n/);
    }
  });

  it("enum value arrays, including heads too wide for `= [`", async () => {
    for (const head of [10, 60, 95, 110]) {
      for (const n of [2, 5, 12]) {
        const name = `V${"v".repeat(head / 2)}`;
        await expectPrettierLayout([
          {
            kind: StructureKind.VariableStatement,
            isExported: true,
            declarationKind: VariableDeclarationKind.Const,
            declarations: [
              {
                name: `${name}Values`,
                type: `readonly ${name}${"T".repeat(head / 2)}[]`,
                initializer: `[${names(n, 9)
                  .map((s) => `"${s}"`)
                  .join(", ")}]`,
              },
            ],
          },
        ]);
      }
    }
  });

  it("method signatures broken one parameter per line when too wide", async () => {
    for (const len of [5, 20, 30]) {
      await expectPrettierLayout([
        {
          kind: StructureKind.Interface,
          name: "Agent",
          isExported: true,
          methods: [
            {
              name: `call${"X".repeat(len)}`,
              parameters: [
                { name: "params", type: `Request${"R".repeat(len)}`, hasQuestionToken: true },
                { name: "options", type: "AgentCallOptions", hasQuestionToken: true },
              ],
              returnType: `Promise<Result${"Q".repeat(len)} | undefined>`,
            },
          ],
        },
      ]);
    }
  });

  it("quotes a string literal as prettier does and refuses what it does not lay out", async () => {
    const quoted = await expectPrettierLayout([
      { kind: StructureKind.TypeAlias, name: "Q", isExported: true, type: '"a\\"b" | "c"' },
    ]);
    expect(quoted).toBe(`export type Q = 'a"b' | "c";\n`);
    expect(() => parseType("keyof T")).toThrow();
    expect(() => parseType("A | /* c */ B")).toThrow();
    expect(
      printStatements([{ kind: StructureKind.TypeAlias, name: "Odd", isExported: true, type: "`tpl`" }]),
    ).toBeUndefined();
  });
});

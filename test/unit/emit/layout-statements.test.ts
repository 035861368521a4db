/**
 * The passes printStatements runs over a printed file (trailing spaces, empty bodies, broken
 * method signatures) and layoutCertain's check, on hand-made statements: the text is what
 * prettier makes of it, and layoutCertain refuses exactly the lines prettier would change.
 */
import type { StatementStructures } from "ts-morph";
import { describe, expect, it } from "vitest";
import { printStatements } from "../../../generator/emit/layout-statements.js";
import { StructureKind } from "../../../generator/emit/structures.js";
import { layoutCertain } from "../../../generator/format/layout-rules.js";
import { formatTypeScript } from "../../../generator/format/prettier.js";

const member = (i: number): string => `"VeryLongLiteralMemberNumber${i}"`;
const longUnion = Array.from({ length: 6 }, (_, i) => member(i)).join(" | ");
const longMethod = {
  name: "sendTheMessageWithEveryOptionSpelledOut",
  parameters: [
    { name: "request", type: "SendTheMessageWithEveryOptionRequest" },
    { name: "options", type: "AgentCallOptions", hasQuestionToken: true },
  ],
  returnType: "Promise<SendTheMessageWithEveryOptionResponse>",
};

const statements = [
  { kind: StructureKind.TypeAlias, name: "Kind", isExported: true, type: longUnion },
  { kind: StructureKind.Interface, name: "Empty", isExported: true },
  { kind: StructureKind.Interface, name: "AgentOne", isExported: true, methods: [longMethod] },
  {
    kind: StructureKind.Interface,
    name: "AgentTwo",
    isExported: true,
    methods: [longMethod, { ...longMethod, name: "x" }],
  },
] as StatementStructures[];

describe("printStatements", () => {
  const text = printStatements(statements);

  it("prints what prettier prints: no trailing space, `{}` bodies, every long signature broken", async () => {
    expect(text).toBeDefined();
    expect(await formatTypeScript(text!)).toBe(text);
    expect(text).toContain("export type Kind =\n  | ");
    expect(text).toContain("export interface Empty {}");
    expect(text!.split("  sendTheMessageWithEveryOptionSpelledOut(\n    request:").length).toBe(3);
    expect(text).not.toMatch(/[ \t]$/m);
  });
});

describe("layoutCertain", () => {
  const wide = `export type T = ${"A".repeat(100)};`;
  it.each([
    ["plain ASCII code", "const a = 1;\nconst b = 'x';\n", true, true],
    ["non-ASCII in code", "const a = 1;\nconst é = 2;\n", true, false],
    ["non-ASCII in comments", "/** é */\n// ü\n * ß\nconst a = 1;", true, true],
    ["an escaped double quote in code", 'const a = "\\"";', true, false],
    ["an escaped double quote in a comment", '// say \\"hi\\"\nconst a = 1;', true, true],
    ["a tab", "const a =\t1;", true, false],
    ["a carriage return", "const a = 1;\r\nconst b = 2;", true, false],
    ["a long code line, width checked", wide, true, false],
    ["a long code line, width not checked", wide, false, true],
    ["a long comment line", `// ${"x".repeat(120)}\nconst a = 1;`, true, true],
    ["a long last line without a line end", `const a = 1;\n${wide}`, true, false],
  ])("%s", (_name, text, checkWidth, certain) => {
    expect(layoutCertain(text, checkWidth)).toBe(certain);
  });
});

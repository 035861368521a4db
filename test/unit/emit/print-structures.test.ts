/**
 * soapkit prints the statement structures it lays out itself (emit/print-structures.ts);
 * ts-morph's `printStructure` is the reference. Compared on hand-made structures covering
 * every field the printer accepts, and on every statement emitted for the project's sources,
 * the public corpus and both SuperOffice WSDLs (raw and laid out). A structure the printer
 * does not cover must be refused (`Unsure`), never printed differently.
 */
import { printStructure, StructureKind as tsMorphKind, type StatementStructures } from "ts-morph";
import { describe, expect, it } from "vitest";
import { layoutStatements } from "../../../generator/emit/layout-statements.js";
import { printStructures } from "../../../generator/emit/print-structures.js";
import { StructureKind, VariableDeclarationKind } from "../../../generator/emit/structures.js";
import { typesStatements } from "../../../generator/emit/types-file.js";
import { corpusSources, emitContexts } from "../../helpers/emit-contexts.js";
import { Unsure } from "../../../generator/format/layout-rules.js";

const HIDDEN = "\u0000";
const LAID_OUT = new Set(["type", "initializer", "returnType"]);

/** The structures with the line breaks of their laid-out texts hidden (docs keep theirs). */
function hideBreaks<T>(value: T): T {
  if (Array.isArray(value)) return value.map(hideBreaks) as T;
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).map(([k, v]) => [
    k,
    LAID_OUT.has(k) && typeof v === "string" ? v.replace(/\n/g, HIDDEN) : k === "docs" ? v : hideBreaks(v),
  ]);
  return Object.fromEntries(entries) as T;
}

/**
 * ts-morph's printer, given the laid-out texts with their breaks hidden (its writer would
 * indent a real one; soapkit's texts come indented for column 0), breaks restored after.
 */
const reference = (statements: StatementStructures[]): string =>
  printStructure({ kind: StructureKind.SourceFile, statements: hideBreaks(statements) }, { indentNumberOfSpaces: 2 })
    .split(HIDDEN)
    .join("\n");

/** Printed like ts-morph prints it, or refused; returns whether it was printed. */
function expectSame(statements: StatementStructures[], label: string): boolean {
  let ours: string;
  try {
    ours = printStructures(statements);
  } catch (e) {
    if (e instanceof Unsure) return false;
    throw e;
  }
  expect(ours, label).toBe(reference(statements));
  return true;
}

const sample: StatementStructures[] = [
  {
    kind: StructureKind.Interface,
    name: "First",
    isExported: true,
    docs: [{ description: "One line." }],
    properties: [
      { name: "a", type: "string", docs: [{ description: "Two\nlines, then a blank:\n\nend." }] },
      { name: "b", type: '"x" | "y"', hasQuestionToken: true, isReadonly: true },
      { name: "laidOut", type: '\n    | "first"\n    | "second"' },
      { name: '"quoted-key"', type: "number[]", docs: ["as a string"] },
    ],
    methods: [
      {
        name: "Run",
        parameters: [
          { name: "params", type: "First" },
          { name: "options", type: "Opts", hasQuestionToken: true },
          { name: "loose", hasQuestionToken: true },
        ],
        returnType: "Promise<void>",
        docs: [{ description: "\nStarts with a line break." }],
      },
      { name: "Bare", parameters: [] },
    ],
  },
  { kind: StructureKind.TypeAlias, name: "Alias", isExported: true, type: "First | null" },
  { kind: StructureKind.TypeAlias, name: "Next", type: "string", docs: [{ description: "ends with a space " }] },
  { kind: StructureKind.Interface, name: "Empty", isExported: true, extends: ["First", "Other"] },
  { kind: StructureKind.Interface, name: "Methods", methods: [{ name: "m", returnType: "void" }], extends: ["First"] },
  {
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    docs: [{ description: "" }],
    declarations: [{ name: "all", type: "readonly Alias[]", initializer: '["a", "b"]' }, { name: "two" }],
  },
  { kind: StructureKind.VariableStatement, declarations: [{ name: "plain", initializer: "1" }] },
  { kind: StructureKind.TypeAlias, name: "Last", type: "{ a: string }" },
];

describe("printStructures matches ts-morph's printStructure", () => {
  it("hand-made structures, together and one by one", () => {
    expect(expectSame(sample, "all")).toBe(true);
    sample.forEach((s, i) => expect(expectSame([s], `#${i}`)).toBe(true));
    for (let i = 1; i < sample.length; i++)
      expect(expectSame([sample[i - 1]!, sample[i]!], `#${i - 1}+#${i}`)).toBe(true);
  });

  it("refuses what it does not print", () => {
    const refused: StatementStructures[] = [
      { kind: StructureKind.TypeAlias, name: "T\nU", type: "A" },
      { kind: StructureKind.TypeAlias, name: "T", type: "A", typeParameters: ["X"] },
      { kind: StructureKind.Interface, name: "I", indexSignatures: [{ keyType: "string", returnType: "number" }] },
      { kind: StructureKind.Interface, name: "I", docs: [{ description: "d", tags: [{ tagName: "see" }] }] },
      { kind: StructureKind.Interface, name: "I", leadingTrivia: "// x" },
      { kind: tsMorphKind.Enum, name: "E" },
    ];
    for (const s of refused) expect(() => printStructures([s]), JSON.stringify(s)).toThrow(Unsure);
  });
});

function laidOutOrUndefined(...statements: StatementStructures[]): StatementStructures[] | undefined {
  try {
    return layoutStatements(statements).laidOut;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

describe("every emitted statement", () => {
  it.each(corpusSources().map((s) => [s.name, s] as const))(
    "%s",
    async (_name, source) => {
      let printed = 0;
      for (const ctx of await emitContexts(source.inputs)) {
        const statements = typesStatements(ctx);
        expectSame(statements, `${source.name}: raw`);
        for (const [i, s] of statements.entries()) {
          if (expectSame([s], `${source.name}: raw #${i}`)) printed++;
          const laidOut = laidOutOrUndefined(s);
          if (laidOut !== undefined && expectSame(laidOut, `${source.name}: laid out #${i}`)) printed++;
        }
        const laidOut = laidOutOrUndefined(...statements);
        if (laidOut !== undefined) expectSame(laidOut, `${source.name}: laid out`);
      }
      expect(printed, "statements printed").toBeGreaterThan(0);
    },
    120_000,
  );
});

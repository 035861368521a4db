/**
 * Structure of the mock (issue 15): no module of `soapkit/mock`, its SuperOffice profile or the
 * repository's emulator imports another in a cycle, and no function there is longer than 80
 * lines. Read with the TypeScript parser from the sources, so a new cycle or a long function fails.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/shared.js";

const ROOTS = ["generator/mock", "emulator"].map((d) => join(repoRoot, d));
const MAX_LINES = 80;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

const files = ROOTS.flatMap(sources);
const parsed = new Map(files.map((f) => [f, ts.createSourceFile(f, readFileSync(f, "utf8"), ts.ScriptTarget.Latest)]));

/** Relative imports (static and `import()`) resolved to files of the set. */
function importsOf(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    const spec =
      (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier !== undefined
        ? n.moduleSpecifier
        : ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword
          ? n.arguments[0]
          : undefined;
    if (spec !== undefined && ts.isStringLiteral(spec) && spec.text.startsWith(".")) {
      const target = resolve(dirname(sf.fileName), spec.text.replace(/\.js$/, ".ts"));
      if (parsed.has(target)) out.push(target);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function cycles(): string[][] {
  const graph = new Map([...parsed].map(([f, sf]) => [f, importsOf(sf)]));
  const state = new Map<string, "open" | "done">();
  const found: string[][] = [];
  const walk = (f: string, path: string[]): void => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "open") {
      found.push(path.slice(path.indexOf(f)).map((p) => p.slice(repoRoot.length + 1)));
      return;
    }
    state.set(f, "open");
    for (const g of graph.get(f) ?? []) walk(g, [...path, g]);
    state.set(f, "done");
  };
  for (const f of graph.keys()) walk(f, [f]);
  return found;
}

function longFunctions(): string[] {
  const out: string[] = [];
  for (const sf of parsed.values()) {
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && "body" in n && n.body !== undefined) {
        const first = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
        const last = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
        if (last - first + 1 > MAX_LINES)
          out.push(`${sf.fileName.slice(repoRoot.length + 1)}:${first + 1} (${last - first + 1} lines)`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe("mock structure", () => {
  it("reads the modules it checks", () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith("generator/mock/superoffice/profile.ts"))).toBe(true);
  });

  it("has no import cycle", () => {
    expect(cycles()).toEqual([]);
  });

  it(`has no function over ${MAX_LINES} lines`, () => {
    expect(longFunctions()).toEqual([]);
  });
});

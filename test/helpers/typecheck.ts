/**
 * The compile gate used by tests: type-check files with the strict options users turn on
 * (TypeScript compiler API, no emit). Returns the diagnostics as `file:line message` strings.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";

/** Every `.ts` file under `dir`, sorted. */
export async function tsFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** Type-check `rootNames` (strict, noUncheckedIndexedAccess, noUnusedLocals, ...) plus `extra` options. */
export function typecheck(rootNames: readonly string[], extra: ts.CompilerOptions = {}): string[] {
  const program = ts.createProgram({
    rootNames,
    options: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      // `@soapkit/runtime` → runtime/index.ts (no build needed; see tsconfig.json)
      customConditions: ["soapkit-source"],
      lib: ["lib.es2023.d.ts"],
      types: ["node"],
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noUnusedLocals: true,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      noEmit: true,
      ...extra,
    },
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where =
      d.file && d.start !== undefined
        ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}`
        : (d.file?.fileName ?? "");
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

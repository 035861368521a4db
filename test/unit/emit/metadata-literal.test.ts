/**
 * Generated metadata constants hold JSON text (`: CompactMetadata = JSON.parse(`{…}`)`), so a
 * consumer's compiler does not check a large object literal on every build. The data is
 * checked against the type here instead: every committed generated/**\/metadata.ts, with each
 * `JSON.parse(…)` turned into its JSON text `satisfies CompactMetadata` (JSON is a TypeScript
 * expression), must type-check; and data that breaks the format must not (the check can fail).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/shared.js";
import { tsFiles, typecheck } from "../../helpers/typecheck.js";
import { removeDir } from "../../cli/helpers.js";

const out = join(repoRoot, "test/.out/metadata-literal");
afterAll(() => removeDir(out));

/** The `JSON.parse(`…`)` initializer of each exported metadata constant (and its declared type). */
function jsonCalls(file: string, text: string): { call: ts.CallExpression; json: string; type: string }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  return sf.statements.filter(ts.isVariableStatement).map((s) => {
    const d = s.declarationList.declarations[0]!;
    const call = d.initializer!;
    if (!ts.isCallExpression(call) || call.expression.getText(sf) !== "JSON.parse")
      throw new Error(`${file}: not JSON`);
    const arg = call.arguments[0]!;
    if (!ts.isNoSubstitutionTemplateLiteral(arg)) throw new Error(`${file}: not a plain template literal`);
    return { call, json: arg.text, type: d.type?.getText(sf) ?? "" };
  });
}

/** The file with every metadata constant's JSON text checked against the type (`satisfies`). */
function checkedVariant(file: string, mutate: (json: string) => string = (t) => t): string {
  let text = readFileSync(file, "utf8");
  for (const { call, json } of jsonCalls(file, text).reverse())
    text = `${text.slice(0, call.getStart())}${mutate(json)} satisfies CompactMetadata${text.slice(call.end)}`;
  const name = relative(join(repoRoot, "generated"), file).replace(/[\\/]/g, "_");
  const target = join(out, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(target, text);
  return target;
}

describe("generated metadata constants", () => {
  it("every metadata constant is JSON text typed CompactMetadata, and its data satisfies the type", async () => {
    const files = (await tsFiles(join(repoRoot, "generated"))).filter((f) => f.endsWith("/metadata.ts"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const consts = text.match(/^export const \w+/gm) ?? [];
      const calls = jsonCalls(f, text);
      expect(consts.length, f).toBeGreaterThan(0);
      expect(calls.length, f).toBe(consts.length);
      for (const c of calls) {
        expect(c.type, f).toBe("CompactMetadata");
        expect((JSON.parse(c.json) as { v: unknown }).v, f).toBeTypeOf("number");
      }
    }
    expect(typecheck(files.map((f) => checkedVariant(f)))).toEqual([]);
  });

  it("data that breaks the format fails the check", async () => {
    const file = (await tsFiles(join(repoRoot, "generated"))).find((f) => f.endsWith("email/metadata.ts"))!;
    const broken = checkedVariant(file, (t) => t.replace(/\n {2}"v": \d,\n/, '\n  "v": 9,\n').replace('["', '[1, "'));
    const errors = typecheck([broken]);
    expect(errors.join("\n")).toMatch(/:8 Type '9' is not assignable to type '[1-4 |]+'/);
    expect(errors.join("\n")).toMatch(/:23 Type 'number' is not assignable to type 'string'/);
  });
});

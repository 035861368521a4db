/**
 * Generated metadata constants are asserted (`= {…} as unknown as CompactMetadata`), so a
 * consumer's compiler does not relate the large literal to the format's unions on every build.
 * The relation is checked here instead: every committed generated/**\/metadata.ts, with the
 * assertion turned into `satisfies CompactMetadata`, must type-check; and a literal that breaks
 * the format must not (the check can fail).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../helpers/shared.js";
import { tsFiles, typecheck } from "../../helpers/typecheck.js";
import { removeDir } from "../../cli/helpers.js";

const out = join(repoRoot, "test/.out/metadata-literal");
afterAll(() => removeDir(out));

const ASSERTION = / as unknown as CompactMetadata;\n/g;

/** The file with every metadata constant checked against the type (`satisfies`). */
function checkedVariant(file: string, mutate: (text: string) => string = (t) => t): string {
  const text = readFileSync(file, "utf8");
  const name = relative(join(repoRoot, "generated"), file).replace(/[\\/]/g, "_");
  const target = join(out, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(target, mutate(text.replace(ASSERTION, " satisfies CompactMetadata;\n")));
  return target;
}

describe("generated metadata literals", () => {
  it("every metadata constant is asserted, and its literal satisfies CompactMetadata", async () => {
    const files = (await tsFiles(join(repoRoot, "generated"))).filter((f) => f.endsWith("/metadata.ts"));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const f of files) {
      const text = readFileSync(f, "utf8");
      const consts = text.match(/^export const \w+/gm) ?? [];
      expect(consts.length, f).toBeGreaterThan(0);
      expect(text.match(ASSERTION)?.length, f).toBe(consts.length);
    }
    expect(typecheck(files.map((f) => checkedVariant(f)))).toEqual([]);
  });

  it("a literal that breaks the format fails the check", async () => {
    const file = (await tsFiles(join(repoRoot, "generated"))).find((f) => f.endsWith("email/metadata.ts"))!;
    const broken = checkedVariant(file, (t) => t.replace(/\n {2}v: \d,\n/, "\n  v: 9,\n").replace('["', '[1, "'));
    const errors = typecheck([broken]);
    expect(errors.join("\n")).toMatch(/:8 Type '9' is not assignable to type '[1-4 |]+'/);
    expect(errors.join("\n")).toMatch(/:23 Type 'number' is not assignable to type 'string'/);
  });
});

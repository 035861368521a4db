/**
 * Compile gate: generated code (the committed generated/, plus fresh output for the real
 * SuperOffice WSDLs, the fidelity fixture and the abstract-base fixture) type-checks with `strict` and the stricter
 * options users turn on, together with the type-level assertions in assertions/.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { formatTypeScript } from "../../generator/format/prettier.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";

const OUT = join(repoRoot, "test/.out/compile");

const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");
const principalWsdl = requireShared("wsdl/superoffice/Services84-SoPrincipal.wsdl");

describe("compile gate", () => {
  beforeAll(async () => {
    const fid = await generate([join(repoRoot, "test/fixtures/wsdl/fidelity/Fidelity.wsdl")], {
      outDir: join(OUT, "fidelity"),
    });
    await writeOutput(join(OUT, "fidelity"), fid.files);
    const zoo = await generate([join(repoRoot, "test/fixtures/wsdl/abstract-base/Zoo.wsdl")], {
      outDir: join(OUT, "zoo"),
    });
    await writeOutput(join(OUT, "zoo"), zoo.files);
    if (emailWsdl && principalWsdl) {
      const real = await generate([emailWsdl, principalWsdl], { outDir: join(OUT, "superoffice") });
      await writeOutput(join(OUT, "superoffice"), real.files);
    }
  });

  it("generated/ and the type-level assertions compile with strict + noUncheckedIndexedAccess", async () => {
    const files = [
      ...(await tsFiles(join(repoRoot, "generated"))),
      ...(await tsFiles(join(repoRoot, "test/types/assertions"))),
    ];
    expect(typecheck(files)).toEqual([]);
  });

  it("also under exactOptionalPropertyTypes", async () => {
    expect(typecheck(await tsFiles(join(repoRoot, "generated")), { exactOptionalPropertyTypes: true })).toEqual([]);
  });

  it("the fidelity fixture output compiles", async () => {
    expect(typecheck(await tsFiles(join(OUT, "fidelity")))).toEqual([]);
  });

  it.skipIf(!emailWsdl || !principalWsdl)(
    "the real Services84 EMail (77 operations) + SoPrincipal output compiles (tsc --noEmit --strict)",
    async () => {
      const files = await tsFiles(join(OUT, "superoffice"));
      expect(files.length).toBeGreaterThanOrEqual(9);
      expect(typecheck(files)).toEqual([]);
    },
  );

  it.skipIf(!emailWsdl || !principalWsdl)(
    "the directly printed metadata of the real WSDLs is exactly what prettier would print",
    async () => {
      for (const file of ["services84-email/metadata.ts", "services84-so-principal/metadata.ts"]) {
        const text = await readFile(join(OUT, "superoffice", file), "utf8");
        expect(text.length).toBeGreaterThan(10_000);
        expect(await formatTypeScript(text), file).toBe(text);
      }
    },
  );

  it("a type error in an assertion file is reported (the gate can fail)", () => {
    const bad = join(OUT, "bad.ts");
    ts.sys.writeFile(
      bad,
      `import type { EMail } from "../../../generated/index.js";\nconst x: EMail.EMailPriority = "Urgent";\nexport { x };\n`,
    );
    const errors = typecheck([bad]);
    expect(errors.join("\n")).toMatch(/"Urgent"/);
  });
});

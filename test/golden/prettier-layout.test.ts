/**
 * soapkit prints generated TypeScript in prettier's layout itself (prettier runs only for the
 * files it reports as `prettierFallbacks`). Proof: prettier, run over every generated file of
 * the project's sources, every public corpus WSDL and both SuperOffice WSDLs, changes nothing.
 */
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/index.js";
import { formatTypeScript } from "../../generator/format/prettier.js";
import { requireShared } from "../helpers/shared.js";
import { projectSources, sharedSources } from "./format-sources.js";

const shared = requireShared("wsdl/public");
const sources = shared ? sharedSources() : [];

async function expectPrettierClean(name: string, inputs: Parameters<typeof generate>[0]): Promise<string[]> {
  const { files, prettierFallbacks } = await generate(inputs, { outDir: "generated" });
  const ts = files.filter((f) => f.path.endsWith(".ts"));
  for (const f of ts) expect(await formatTypeScript(f.content), `${name}: ${f.path}`).toBe(f.content);
  // metadata.ts is data only: always printed by soapkit
  expect(
    prettierFallbacks.filter((p) => p.endsWith("/metadata.ts")),
    name,
  ).toEqual([]);
  return [...prettierFallbacks];
}

describe("generated files are exactly prettier-formatted", () => {
  it("the project's sources", async () => {
    const fallbacks: Record<string, string[]> = {};
    for (const group of projectSources()) fallbacks[group.name] = await expectPrettierClean(group.name, group.inputs);
    // soapkit lays out every file of the project's sources itself (the SoPrincipal clients, too)
    expect(fallbacks).toEqual({ generated: [], "generated/services88": [] });
  }, 120_000);

  describe.skipIf(!shared)("the shared corpus", () => {
    it("has every public WSDL and both SuperOffice WSDLs", () => {
      expect(sources.length).toBeGreaterThanOrEqual(17);
      expect(sources.map((s) => s.name)).toContain("Services84-EMail");
      expect(sources.map((s) => s.name)).toContain("Services84-SoPrincipal");
    });

    for (const source of sources) {
      it(
        source.name,
        async () => {
          const fallbacks = await expectPrettierClean(source.name, source.inputs);
          // client files are laid out by soapkit whatever the length of the names (emit/client-layout.ts)
          expect(fallbacks.filter((f) => /\/client(-[^/]*)?\.ts$/.test(f))).toEqual([]);
          if (fallbacks.length > 0)
            console.log(`[layout] ${source.name}: formatted by prettier: ${fallbacks.join(", ")}`);
        },
        300_000,
      );
    }

    it("the SuperOffice EMail WSDL needs prettier for no file", async () => {
      const email = sources.find((s) => s.name === "Services84-EMail")!;
      const { prettierFallbacks } = await generate(email.inputs, { outDir: "generated" });
      expect(prettierFallbacks).toEqual([]);
    }, 120_000);
  });
});

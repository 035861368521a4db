/**
 * The installed generator renders the client template from the module the package build
 * precompiles (scripts/copy-templates.mjs → `precompiledModule`), loaded with the handlebars
 * runtime alone (template-runtime.ts). It must render exactly what the template compiled from
 * source renders: compared on every port of the project's sources and the corpus.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { banner } from "../../../generator/emit/banner.js";
import { clientView, type ClientView } from "../../../generator/emit/client-file.js";
import { createEmitContext } from "../../../generator/emit/context.js";
import { templateFromSpec } from "../../../generator/emit/template-runtime.js";
import { compileTemplate, precompiledModule } from "../../../generator/emit/template-view.js";
import { loadModels } from "../../../generator/select.js";
import { DEFAULT_MAPPING } from "../../../generator/settings.js";
import { repoRoot, requireShared } from "../../helpers/shared.js";
import { projectSources, sharedSources } from "../../golden/format-sources.js";

const source = readFileSync(join(repoRoot, "templates/client.ts.hbs"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "soapkit-precompiled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function precompiled(): (view: ClientView) => string {
  const file = join(dir, "client.ts.hbs.cjs");
  writeFileSync(file, precompiledModule(source));
  return templateFromSpec<ClientView>(createRequire(import.meta.url)(file) as TemplateSpecification);
}

const shared = requireShared("wsdl/public");

describe("the precompiled client template", () => {
  const fromSpec = precompiled();
  const compiled = compileTemplate<ClientView>(source);
  const sources = [...projectSources(), ...(shared ? sharedSources() : [])];

  it.each(sources.map((s) => [s.name, s] as const))(
    "renders %s like the compiled one",
    async (_name, s) => {
      const { models } = await loadModels(s.inputs, { outDir: "generated" });
      let ports = 0;
      for (const model of models) {
        const ctx = createEmitContext(model, {
          runtimeImport: "@soapkit/runtime/client",
          mapping: DEFAULT_MAPPING,
          sourceLabel: "x.wsdl",
          generatorVersion: "",
        });
        model.ports.forEach((port, i) => {
          const view = clientView(ctx, port, ctx.names.ports[i]!, banner("x.wsdl"));
          const text = fromSpec(view);
          expect(text).toBe(compiled(view));
          expect(text).toContain("class ");
          ports++;
        });
      }
      expect(ports).toBeGreaterThan(0);
    },
    120_000,
  );

  it("is strict like the compiled one: a missing field throws", () => {
    expect(() => fromSpec({} as ClientView)).toThrow(/not defined/);
  });
});

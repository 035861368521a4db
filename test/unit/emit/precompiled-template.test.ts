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
import { templateFromSpec } from "../../../generator/emit/template-runtime.js";
import { compileTemplate, precompiledModule } from "../../../generator/emit/template-view.js";
import { emitContexts, corpusSources } from "../../helpers/emit-contexts.js";
import { repoRoot } from "../../helpers/shared.js";

const source = readFileSync(join(repoRoot, "templates/client.ts.hbs"), "utf8");
const dir = mkdtempSync(join(tmpdir(), "soapkit-precompiled-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function precompiled(): (view: ClientView) => string {
  const file = join(dir, "client.ts.hbs.cjs");
  writeFileSync(file, precompiledModule(source));
  return templateFromSpec<ClientView>(createRequire(import.meta.url)(file) as TemplateSpecification);
}

describe("the precompiled client template", () => {
  const fromSpec = precompiled();
  const compiled = compileTemplate<ClientView>(source);

  it.each(corpusSources().map((s) => [s.name, s] as const))(
    "renders %s like the compiled one",
    async (_name, s) => {
      let ports = 0;
      for (const ctx of await emitContexts(s.inputs)) {
        ctx.model.ports.forEach((port, i) => {
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

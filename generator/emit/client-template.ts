/**
 * The client template, ready to render: from the precompiled module the package build writes
 * beside it (`client.ts.hbs.cjs`, scripts/copy-templates.mjs) when there is one, else compiled
 * from the template (a source checkout).
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ClientTemplate, ClientView } from "./client-file.js";
import { templateUrl } from "./templates.js";

export async function loadClientTemplate(): Promise<ClientTemplate> {
  const source = templateUrl("client.ts.hbs");
  const precompiled = fileURLToPath(new URL("client.ts.hbs.cjs", source));
  if (existsSync(precompiled)) {
    const { templateFromSpec } = await import("./template-runtime.js");
    return templateFromSpec<ClientView>(createRequire(import.meta.url)(precompiled) as TemplateSpecification);
  }
  const { compileTemplate } = await import("./template-view.js");
  return compileTemplate<ClientView>(await readFile(source, "utf8"));
}

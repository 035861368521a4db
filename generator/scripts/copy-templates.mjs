/**
 * Copies the handlebars templates into dist/templates (run by `npm run build` after tsc) and
 * writes each one's precompiled module beside it (`<name>.hbs.cjs`): the installed generator
 * then renders without loading the handlebars compiler (emit/client-template.ts).
 */
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { precompiledModule } from "../dist/emit/template-view.js";

rmSync("dist/templates", { recursive: true, force: true });
cpSync("../templates", "dist/templates", { recursive: true });
for (const name of readdirSync("dist/templates").filter((n) => n.endsWith(".hbs")))
  writeFileSync(`dist/templates/${name}.cjs`, precompiledModule(readFileSync(`dist/templates/${name}`, "utf8")));

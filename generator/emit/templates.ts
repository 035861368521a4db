/**
 * Where the handlebars templates are: `templates/` at the repository root when running from
 * source (generator/emit/ → ../../templates), `dist/templates/` inside the installed package
 * (the build copies them there; generator/dist/emit/ → ../templates).
 */
import { existsSync } from "node:fs";

const CANDIDATES = [new URL("../templates/", import.meta.url), new URL("../../templates/", import.meta.url)];

/** URL of a template file (`client.ts.hbs`), from the packaged or the source layout. */
export function templateUrl(name: string): URL {
  for (const dir of CANDIDATES) {
    const url = new URL(name, dir);
    if (existsSync(url)) return url;
  }
  throw new Error(
    `soapkit internal error: template ${name} not found in ${CANDIDATES.map((u) => u.pathname).join(" or ")}`,
  );
}

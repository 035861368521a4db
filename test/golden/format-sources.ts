/**
 * The sources whose generated output must be exactly prettier-formatted: the project's own
 * (`soapkit.config.json`, as `npm run generate` runs them), every WSDL of the public corpus and
 * both SuperOffice WSDLs (the last two only when ../shared is present).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SourceInput } from "../../generator/index.js";
import { readCorpus } from "../corpus/corpus.js";
import { repoRoot, sharedDir } from "../helpers/shared.js";

export interface FormatSource {
  readonly name: string;
  readonly inputs: SourceInput[];
}

/** The project's sources with their per-source settings, one group per output folder (soapkit.config.json). */
export function projectSources(): FormatSource[] {
  const config = JSON.parse(readFileSync(join(repoRoot, "soapkit.config.json"), "utf8")) as {
    sources: { input: string; out: string; rest?: boolean }[];
  };
  const outs = [...new Set(config.sources.map((s) => s.out))];
  return outs.map((out) => ({
    name: out,
    inputs: config.sources
      .filter((s) => s.out === out)
      .map((s) => ({ input: join(repoRoot, s.input), ...(s.rest !== undefined ? { rest: s.rest } : {}) })),
  }));
}

/** Every shared-corpus source (empty when ../shared is absent). */
export function sharedSources(): FormatSource[] {
  const publicDir = join(sharedDir, "wsdl/public");
  const superOffice = join(sharedDir, "wsdl/superoffice");
  const out: FormatSource[] = [];
  if (existsSync(publicDir))
    for (const entry of readCorpus(publicDir)) out.push({ name: entry.name, inputs: [entry.wsdl] });
  for (const name of ["Services84-EMail", "Services84-SoPrincipal"]) {
    const wsdl = join(superOffice, `${name}.wsdl`);
    if (existsSync(wsdl)) out.push({ name, inputs: [wsdl] });
  }
  return out;
}

/** The project's sources, then the shared ones. */
export function formatCorpusSources(): FormatSource[] {
  return [...projectSources(), ...sharedSources()];
}

/**
 * Generates one corpus WSDL with every operation through the public `generate()` API and writes
 * the output, recording what the corpus tests and report assert on: distinct operation names
 * over the SOAP ports, type count, time, and the error when generation is refused.
 */
import { rm } from "node:fs/promises";
import { GeneratorError, generate } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import type { CorpusEntry } from "./corpus.js";

export interface Generated {
  readonly ok: true;
  /** Distinct WSDL operation names over every generated port. */
  readonly operations: number;
  readonly ports: number;
  readonly types: number;
  readonly files: number;
  readonly ms: number;
  readonly notes: readonly string[];
}

export interface Refused {
  readonly ok: false;
  readonly ms: number;
  /** Refused with located diagnostics (`GeneratorError`), not an internal failure. */
  readonly diagnostic: boolean;
  /** The generator's message (located diagnostics), first lines. */
  readonly error: string;
}

/** Generate `entry` into `outDir` (emptied first). Never throws for a refused WSDL. */
export async function generateEntry(entry: CorpusEntry, outDir: string): Promise<Generated | Refused> {
  await rm(outDir, { recursive: true, force: true });
  const t0 = performance.now();
  try {
    const { files, models } = await generate([entry.wsdl], { outDir });
    const ms = performance.now() - t0;
    await writeOutput(outDir, files);
    const names = new Set(models.flatMap((m) => m.ports.flatMap((p) => p.operations.map((o) => o.name))));
    return {
      ok: true,
      operations: names.size,
      ports: models.reduce((n, m) => n + m.ports.length, 0),
      types: models.reduce((n, m) => n + m.types.size, 0),
      files: files.length,
      ms,
      notes: models.flatMap((m) => (m.notes ?? []).map((n) => `${n.kind}: ${n.message}`)),
    };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      ms: performance.now() - t0,
      diagnostic: e instanceof GeneratorError,
      error: message.split("\n").slice(0, 6).join("\n"),
    };
  }
}

/**
 * Seeded WSDL fuzz (issue 10): a few hundred mutations of the small WSDL in
 * test/helpers/hostile-wsdl.ts (hostile strings and colliding names in every slot, duplicated
 * elements/operations/services/ports/types/messages, derivation cycles, dangling references,
 * dropped and swapped lines), generated in-process. Every case must end in either
 * - a GeneratorError whose diagnostics are all located (no other exception type), or
 * - output without injected constructs that compiles under tsc --strict (all successful
 *   cases of a run in one program, each in its own folder).
 *
 * Reproduce: SOAPKIT_FUZZ_SEED=<seed> [SOAPKIT_FUZZ_CASES=<n>] npx vitest run test/fuzz
 * (the seed and the failing cases' mutation steps are printed).
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, GeneratorError, type GeneratedFile } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { unexpectedConstructs } from "../helpers/generated-ast.js";
import { memoryReader } from "../helpers/memory-reader.js";
import { repoRoot } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";
import { mutate } from "./mutations.js";
import { Prng } from "./helpers/prng.js";

const SEED = Number(process.env.SOAPKIT_FUZZ_SEED ?? 20261129);
const CASES = Number(process.env.SOAPKIT_FUZZ_CASES ?? 300);
const OUT = join(repoRoot, "test/.out/fuzz");
const FILE = "/fuzz/Echo.wsdl";

interface Case {
  readonly index: number;
  readonly steps: readonly string[];
  readonly files?: readonly GeneratedFile[];
  readonly error?: GeneratorError;
  readonly crash?: string;
}

async function runCase(index: number, r: Prng): Promise<Case> {
  const { wsdl, steps } = mutate(r);
  try {
    const { files } = await generate([FILE], {
      outDir: join(OUT, `case-${index}`),
      load: { reader: memoryReader({ [FILE]: wsdl }) },
    });
    return { index, steps, files };
  } catch (e) {
    if (e instanceof GeneratorError) return { index, steps, error: e };
    return { index, steps, crash: String(e).split("\n")[0]!.slice(0, 200) };
  }
}

const describeCase = (c: Case, problem: string) => `seed ${SEED} case ${c.index} [${c.steps.join("; ")}]: ${problem}`;

const cases: Case[] = [];
let compileErrors: string[] = [];
const ms = { generate: 0, compile: 0 };

beforeAll(async () => {
  await rm(OUT, { recursive: true, force: true });
  const r = new Prng(SEED);
  let t0 = performance.now();
  for (let i = 0; i < CASES; i++) cases.push(await runCase(i, r));
  ms.generate = performance.now() - t0;
  t0 = performance.now();
  const ok = cases.filter((c) => c.files);
  for (const c of ok) await writeOutput(join(OUT, `case-${c.index}`), c.files!);
  compileErrors = typecheck((await Promise.all(ok.map((c) => tsFiles(join(OUT, `case-${c.index}`))))).flat());
  ms.compile = performance.now() - t0;
  const failed = cases.filter((c) => c.error).length;
  console.log(
    `wsdl fuzz: seed ${SEED}, ${CASES} cases: ${ok.length} generated, ${failed} GeneratorError, ${cases.length - ok.length - failed} other; ` +
      `generate ${Math.round(ms.generate)} ms, compile ${Math.round(ms.compile)} ms`,
  );
});

describe(`WSDL mutations (seed ${SEED})`, () => {
  it("every failure is a GeneratorError (never another exception)", () => {
    expect(cases.filter((c) => c.crash).map((c) => describeCase(c, c.crash!))).toEqual([]);
  });

  it("every diagnostic is located (file:line:col)", () => {
    const unlocated = cases.flatMap((c) =>
      (c.error?.diagnostics ?? []).filter((d) => !d.location).map((d) => describeCase(c, `${d.kind}: ${d.message}`)),
    );
    expect(unlocated).toEqual([]);
  });

  it("no generated file contains a construct soapkit does not emit", () => {
    const problems = cases.flatMap((c) =>
      (c.files ?? [])
        .filter((f) => f.path.endsWith(".ts"))
        .flatMap((f) => unexpectedConstructs(f.path, f.content).map((p) => describeCase(c, `${f.path}: ${p}`))),
    );
    expect(problems).toEqual([]);
  });

  it("every successful output compiles under tsc --strict", () => {
    const byCase = compileErrors.map((e) => {
      const index = Number(/\/case-(\d+)\//.exec(e)?.[1] ?? -1);
      const c = cases[index];
      return c ? describeCase(c, e.slice(e.indexOf(`case-${index}/`))) : e;
    });
    expect(byCase.slice(0, 15)).toEqual([]);
  });

  it("the run exercised both outcomes", () => {
    expect(cases.filter((c) => c.files).length).toBeGreaterThan(CASES / 10);
    expect(cases.filter((c) => c.error).length).toBeGreaterThan(CASES / 10);
  });
});

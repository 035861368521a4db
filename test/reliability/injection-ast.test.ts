/**
 * Code injection from WSDL strings into generated code (issue 10, critical).
 *
 * Every WSDL-derived string position (test/helpers/hostile-wsdl.ts: addresses, names,
 * documentation, soapAction, enum values, namespaces, facet/default/fixed values, header
 * parts, messages) and the source path get payloads that close comments, strings and template
 * literals, add line terminators (CR, LF, U+2028, U+2029) and so on. For each case:
 * - generation either fails with a GeneratorError whose diagnostics are all located
 *   (`file:line:col`), or succeeds;
 * - every generated .ts file parses, has the same top-level statement kinds as the benign
 *   generation, and contains no construct soapkit never emits (test/helpers/generated-ast.ts);
 * - all successful outputs, each in its own folder, compile together in one strict program.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { generate, GeneratorError, type GeneratedFile } from "../../generator/index.js";
import { writeOutput } from "../../generator/write/write-files.js";
import { memoryReader } from "../helpers/memory-reader.js";
import { repoRoot } from "../helpers/shared.js";
import { tsFiles, typecheck } from "../helpers/typecheck.js";
import { hostileWsdl, SLOTS, type Slot } from "../helpers/hostile-wsdl.js";
import { statementKinds, unexpectedConstructs } from "../helpers/generated-ast.js";

const OUT = join(repoRoot, "test/.out/injection-ast");

/** Payloads that try to end a comment, a string, a template literal or a line. */
export const PAYLOADS: readonly string[] = [
  "http://127.0.0.1:1/echo*/console.log(process.env.HOME);/*",
  "*/ globalThis.pwned = 1; /*",
  '"); globalThis.pwned = 1; ("',
  "'); globalThis.pwned = 1; ('",
  "`; globalThis.pwned = 1; `",
  "${globalThis.pwned = 1}",
  "a\nglobalThis.pwned = 1; //",
  "a\rglobalThis.pwned = 1; //",
  "a\u2028globalThis.pwned = 1; //",
  "a\u2029globalThis.pwned = 1; //",
  "</script><script>globalThis.pwned = 1</script>",
  '\\"; globalThis.pwned = 1; //',
  "/ globalThis.pwned = 1; /*",
  "x*",
];

interface Outcome {
  readonly label: string;
  readonly files?: readonly GeneratedFile[];
  readonly error?: GeneratorError;
  /** Anything but a GeneratorError: an internal error (exit 70). */
  readonly crash?: string;
}

async function run(label: string, wsdl: string, path = "/in/Echo.wsdl"): Promise<Outcome> {
  const outDir = join(OUT, label);
  try {
    const { files } = await generate([path], { outDir, load: { reader: memoryReader({ [path]: wsdl }) } });
    return { label, files };
  } catch (e) {
    if (e instanceof GeneratorError) return { label, error: e };
    return { label, crash: String(e).split("\n")[0]!.slice(0, 200) };
  }
}

const outcomes: Outcome[] = [];
let baseline: Outcome;
let ms = 0;

beforeAll(async () => {
  const t0 = performance.now();
  await rm(OUT, { recursive: true, force: true });
  baseline = await run("benign", hostileWsdl());
  for (const slot of SLOTS) {
    for (const [i, payload] of PAYLOADS.entries())
      outcomes.push(await run(`${slot}-${i}`, hostileWsdl({ [slot as Slot]: payload })));
  }
  // the source path reaches the banner of every file
  for (const [i, payload] of PAYLOADS.entries())
    outcomes.push(await run(`path-${i}`, hostileWsdl(), `/in/${payload.replace(/\//g, "_")}/Echo.wsdl`));
  ms = performance.now() - t0;
});

const tsOf = (o: Outcome) => (o.files ?? []).filter((f) => f.path.endsWith(".ts"));

describe("injection: hostile strings in every WSDL position", () => {
  it("the benign generation succeeds and passes the structural check", () => {
    expect(baseline.files).toBeDefined();
    for (const f of tsOf(baseline)) expect(unexpectedConstructs(f.path, f.content), f.path).toEqual([]);
  });

  it("no generated file contains a construct soapkit does not emit", () => {
    const problems = outcomes.flatMap((o) =>
      tsOf(o).flatMap((f) => unexpectedConstructs(f.path, f.content).map((p) => `${o.label} ${f.path}: ${p}`)),
    );
    console.log(
      `injection-ast: ${outcomes.length} cases (${SLOTS.length} positions + path × ${PAYLOADS.length} payloads), ${outcomes.filter((o) => o.files).length} generated, ${Math.round(ms)} ms`,
    );
    expect(problems).toEqual([]);
  });

  it("every generated file has the top-level statement kinds of the benign generation", () => {
    const base = tsOf(baseline).map((f) => statementKinds(f.path, f.content));
    const diffs = outcomes.filter(
      (o) => o.files && JSON.stringify(tsOf(o).map((f) => statementKinds(f.path, f.content))) !== JSON.stringify(base),
    );
    expect(diffs.map((o) => o.label)).toEqual([]);
  });

  it("no case ends in an internal error (only GeneratorError or output)", () => {
    expect(outcomes.filter((o) => o.crash).map((o) => `${o.label}: ${o.crash}`)).toEqual([]);
  });

  it("a failed generation reports located diagnostics only", () => {
    const unlocated = outcomes.flatMap((o) =>
      (o.error?.diagnostics ?? [])
        .filter((d) => !d.location)
        .map((d) => `${o.label}: ${d.kind} ${d.message.slice(0, 120)}`),
    );
    expect(unlocated).toEqual([]);
  });

  it("every successful output compiles (one strict program, each case in its own folder)", async () => {
    const ok = outcomes.filter((o) => o.files);
    for (const o of ok) await writeOutput(join(OUT, o.label), o.files!);
    const files = (await Promise.all(ok.map((o) => tsFiles(join(OUT, o.label))))).flat();
    expect(typecheck(files).slice(0, 20)).toEqual([]);
  });
});

/**
 * The no-op stamp (generator/cli/noop-stamp.cts), the executable's first step: recorded only
 * after fast-path.ts verified every job by sha256, trusted only while every stat it recorded
 * is unchanged. Every kind of change must fall through to the verified path: an edited WSDL,
 * an edited imported XSD, the config file (or a second one appearing), the generator's own
 * files, a hand-edited, replaced or deleted output file, the manifest; and a stamp never
 * answers another command line or working folder.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { upToDateFastPath } from "../../generator/cli/fast-path.js";
import { main } from "../../generator/cli/main.js";
import * as stamp from "../../generator/cli/noop-stamp.js";
import { repoRoot } from "../helpers/shared.js";
import { captureIO, copyFixture, removeDir, tempDir } from "./helpers.js";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Replace one character, keeping the size (the stat's size field cannot tell). */
function editSameSize(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  expect(from.length).toBe(to.length);
  expect(from).not.toBe(to);
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

let dir: string;
let identity: string[];
beforeAll(() => {
  dir = tempDir("stamp");
  mkdirSync(join(dir, "node_modules")); // the stamp goes to <dir>/node_modules/.cache/soapkit
  copyFixture("remote", dir);
  copyFixture("shop/Shop.wsdl", dir);
  // stands in for the executable, package.json, build info and templates of a soapkit install
  identity = ["bin.cjs", "package.json", "tsconfig.tsbuildinfo", "templates"].map((n) => join(dir, "pkg", n));
  mkdirSync(join(dir, "pkg/templates"), { recursive: true });
  for (const f of identity.slice(0, 2)) writeFileSync(f, "x");
});
afterAll(() => removeDir(dir));

const quiet = () => captureIO(dir).io;

/** Generate (full CLI), wait past the racy window, then let the verified path record the stamp. */
async function prepare(args: string[]): Promise<void> {
  expect(await main(args, quiet())).toBe(0);
  await sleep(120);
  const c = captureIO(dir);
  expect(await upToDateFastPath(args, c.io, dir, identity)).toBe(0);
  expect(c.out.join("\n")).toMatch(/is up to date/);
  expect(answer(args)).toBe(0);
}

function answer(args: string[], cwd = dir): number | undefined {
  const lines: string[] = [];
  const code = stamp.answerFromStamp(args, cwd, identity, (l) => void lines.push(l));
  if (code === undefined) expect(lines).toEqual([]);
  return code;
}

describe("the no-op stamp", () => {
  const catalog = ["generate", "remote/services/Catalog.wsdl", "--out", "gen-catalog"];

  it("answers an intact output with the same line as the verified path, for that command only", async () => {
    await prepare(catalog);
    const lines: string[] = [];
    expect(stamp.answerFromStamp(catalog, dir, identity, (l) => void lines.push(l))).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^soapkit: gen-catalog is up to date \(1 source, 1 operation, 6 files; \d+ ms\)$/),
    ]);
    expect(answer([...catalog, "--check"])).toBeUndefined(); // another command line: its own stamp
    expect(answer(catalog, join(dir, "remote"))).toBeUndefined(); // another working folder
    expect(answer(["generate", "remote/services/Catalog.wsdl", "--out", "gen-catalog/"])).toBeUndefined();
    expect(answer(catalog)).toBe(0);
    await prepare([...catalog, "--check"]);
    expect(answer([...catalog, "--check"])).toBe(0);
  });

  it("falls through after an edit of the WSDL, an imported XSD or an output file, until re-verified", async () => {
    const cases: [string, string, string][] = [
      ["remote/services/Catalog.wsdl", 'name="CatalogService"', 'name="CatalogServicf"'],
      ["remote/schemas/common/base.xsd", 'name="Sku"', 'name="Skv"'],
      ["remote/schemas/catalog.xsd", 'name="Query"', 'name="Querz"'],
      ["gen-catalog/catalog/types.ts", "export", "exporT"],
      ["gen-catalog/soapkit.manifest.json", '"module"', '"modulE"'],
    ];
    for (const [file, from, to] of cases) {
      await prepare(catalog);
      const path = join(dir, file);
      const before = readFileSync(path, "utf8");
      editSameSize(path, from, to);
      expect(answer(catalog), file).toBeUndefined();
      writeFileSync(path, before); // content restored, stat not: still the verified path's call
      expect(answer(catalog), file).toBeUndefined();
    }
  });

  it("falls through when an output file is deleted or a file of the generator changes", async () => {
    await prepare(catalog);
    rmSync(join(dir, "gen-catalog/catalog/client.ts"));
    expect(answer(catalog)).toBeUndefined();
    expect(await upToDateFastPath(catalog, quiet(), dir, identity)).toBeUndefined(); // and is not up to date
    for (const f of identity) {
      await prepare(catalog);
      if (f.endsWith("templates")) writeFileSync(join(f, "client.ts.hbs"), "changed");
      else appendFileSync(f, "y");
      expect(answer(catalog), f).toBeUndefined();
    }
  });

  it("falls through when the JSON config changes or a second config file appears; a code config gets no stamp", async () => {
    const config = join(dir, "soapkit.config.json");
    writeFileSync(config, JSON.stringify({ sources: [{ input: "Shop.wsdl", out: "gen-config" }] }));
    const args = ["generate"];
    await prepare(args);
    writeFileSync(config, JSON.stringify({ sources: [{ input: "Shop.wsdl", out: "gen-confiG" }] }));
    expect(answer(args)).toBeUndefined();
    writeFileSync(config, JSON.stringify({ sources: [{ input: "Shop.wsdl", out: "gen-config" }] }));
    await prepare(args);
    writeFileSync(join(dir, "soapkit.config.mjs"), "export default {};\n");
    expect(answer(args)).toBeUndefined();
    rmSync(join(dir, "soapkit.config.mjs"));
    rmSync(config);

    const code = join(dir, "soapkit.config.mjs");
    writeFileSync(code, 'export default { sources: [{ input: "Shop.wsdl", out: "gen-config" }] };\n');
    expect(await main(args, quiet())).toBe(0);
    await sleep(120);
    expect(await upToDateFastPath(args, quiet(), dir, identity)).toBe(0);
    expect(answer(args)).toBeUndefined(); // it may read anything: always the verified path
    rmSync(code);
  });

  it("records nothing for a file changed within the racy window (same clock tick as its stat)", () => {
    const f = join(dir, "fresh.txt");
    writeFileSync(f, "now");
    expect(stamp.statForStamp([f])).toBeUndefined();
    expect(stamp.statForStamp([f], Date.now() + 1_000)).toEqual({ [f]: expect.stringMatching(/^3:\d+:\d+:\d+$/) });
    expect(stamp.statForStamp([join(dir, "absent")], Date.now())).toEqual({ [join(dir, "absent")]: "absent" });
  });

  it("loads nothing but node built-ins before answering (the executable's first module)", () => {
    const imports = (file: string): string[] =>
      [...readFileSync(join(repoRoot, file), "utf8").matchAll(/^import .*?(?:from |require\()"([^"]+)"/gm)].map(
        (m) => m[1]!,
      );
    expect(imports("generator/cli/bin.ts")).toEqual(["./noop-stamp.js"]);
    expect(imports("generator/cli/noop-stamp.ts")).toEqual(["node:fs", "node:path"]);
  });
});

/**
 * The no-op path never loads the emit stack: handlebars is imported lazily, only when files
 * are generated, and ts-morph's printer and prettier only for a file soapkit cannot lay out. The output is prepared by a real child-process run
 * so that this process starts with none of them loaded.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../generator/cli/main.js";
import { upToDateFastPath } from "../../generator/cli/fast-path.js";
import { repoRoot } from "../helpers/shared.js";
import { captureIO, removeDir, SHOP, tempDir } from "./helpers.js";

const loaded = vi.hoisted(() => new Set<string>());
vi.mock("ts-morph", async (importOriginal) => {
  loaded.add("ts-morph");
  return importOriginal();
});
vi.mock("prettier", async (importOriginal) => {
  loaded.add("prettier");
  return importOriginal();
});
vi.mock("handlebars", async (importOriginal) => {
  loaded.add("handlebars");
  return importOriginal();
});

let dir: string;
beforeAll(() => {
  dir = tempDir("light");
  execFileSync(process.execPath, [join(repoRoot, "bin/soapkit.mjs"), "generate", SHOP, "--out", join(dir, "gen")], {
    stdio: "pipe",
  });
});
afterAll(() => removeDir(dir));

describe("no-op regeneration", () => {
  it("reports up to date without loading ts-morph, prettier or handlebars", async () => {
    const c = captureIO();
    const t0 = performance.now();
    expect(await main(["generate", SHOP, "--out", join(dir, "gen")], c.io)).toBe(0);
    const ms = performance.now() - t0;
    expect(c.out.join("\n")).toMatch(/is up to date/);
    expect([...loaded]).toEqual([]);
    expect(ms).toBeLessThan(2_000); // typically ~20 ms; generous for loaded CI machines

    // sanity: the mocks do see the emit stack when generation actually runs (ts-morph and
    // prettier stay unloaded: soapkit prints every file of this WSDL in prettier's layout itself)
    expect(await main(["generate", SHOP, "--out", join(dir, "gen"), "--force"], captureIO().io)).toBe(0);
    expect([...loaded].sort()).toEqual(["handlebars"]);
  });

  it("the executable's fast path answers an up-to-date output and --check, and leaves everything else to main", async () => {
    loaded.clear();
    const args = ["generate", SHOP, "--out", join(dir, "gen")];
    const c = captureIO();
    expect(await upToDateFastPath(args, c.io, process.cwd())).toBe(0);
    expect(c.out.join("\n")).toMatch(/is up to date \(1 source, 3 operations, \d+ files; \d+ ms\)/);
    expect(await upToDateFastPath([...args, "--check"], c.io, process.cwd())).toBe(0);
    expect([...loaded]).toEqual([]);

    const quiet = captureIO();
    expect(await upToDateFastPath([...args, "--force"], quiet.io, process.cwd())).toBeUndefined();
    expect(
      await upToDateFastPath(["generate", SHOP, "--out", join(dir, "other")], quiet.io, process.cwd()),
    ).toBeUndefined();
    expect(await upToDateFastPath(["generate", SHOP, "--outt", "x"], quiet.io, process.cwd())).toBeUndefined();
    expect(await upToDateFastPath(["--version"], quiet.io, process.cwd())).toBeUndefined();
    expect([...quiet.out, ...quiet.err]).toEqual([]);
  });
});

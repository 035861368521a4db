/**
 * The warm-process reuse of `--watch` (generator/incremental/emit-reuse.ts): a source that did not change
 * gets the files emitted for it by the previous generation; a changed source, a changed option
 * or another output folder emits again; the files are always those of a generation without
 * reuse. A source whose documents read the same keeps its parsed documents and its model
 * (incremental/load-reuse.ts, model-reuse.ts). And a two-source watch regeneration after an
 * edit of one equals a cold generation.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watch, type WatchHandle } from "../../generator/cli/main.js";
import { loadSourcesWarm } from "../../generator/incremental/load-reuse.js";
import { createWarmCaches } from "../../generator/incremental/warm.js";
import { generate } from "../../generator/generate.js";
import type { GenerateOptions } from "../../generator/settings.js";
import { repoRoot } from "../helpers/shared.js";
import { captureIO, removeDir, SHOP, snapshotTree, tempDir } from "./helpers.js";

const dirs: string[] = [];
let handle: WatchHandle | undefined;
afterAll(async () => {
  await handle?.close();
  dirs.forEach(removeDir);
});

function twoSources(label: string): { dir: string; a: string; b: string } {
  const dir = tempDir(label);
  dirs.push(dir);
  const a = join(dir, "Shop.wsdl");
  const b = join(dir, "Store.wsdl");
  writeFileSync(a, readFileSync(SHOP, "utf8"));
  writeFileSync(b, readFileSync(SHOP, "utf8"));
  return { dir, a, b };
}

const contents = (files: readonly { path: string; content: string }[]) => files.map((f) => [f.path, f.content]);

function within<T>(p: Promise<T>, ms = 60_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no watch event within ${ms} ms`)), ms)),
  ]);
}

describe("watch reuse", { timeout: 120_000 }, () => {
  it("reuses the files of unchanged sources only, and they equal a generation without reuse", async () => {
    const { dir, a, b } = twoSources("reuse");
    const options: GenerateOptions = { outDir: join(dir, "gen") };
    const caches = createWarmCaches();
    const reuse = caches.emit;
    await generate([a, b], options, caches);
    expect([reuse.hits, reuse.misses]).toEqual([0, 2]);
    expect([caches.models.hits, caches.models.misses]).toEqual([0, 2]);

    const shop = readFileSync(a, "utf8");
    const renamed = shop.replace(/operation name="(\w+)"/g, 'operation name="$1Now"');
    expect(renamed).not.toEqual(shop);
    writeFileSync(a, renamed);
    const warm = await generate([a, b], options, caches);
    expect([reuse.hits, reuse.misses]).toEqual([1, 3]);
    expect(contents(warm.files)).toEqual(contents((await generate([a, b], options)).files));
    expect(warm.files.find((f) => f.path.endsWith("shop/client.ts"))?.content).toMatch(/Now\(/);

    // an option that changes the output, or another output folder: nothing is reused
    const other: GenerateOptions = { ...options, runtimeImport: "@acme/soap-runtime" };
    const changed = await generate([a, b], other, caches);
    expect([reuse.hits, reuse.misses]).toEqual([1, 5]);
    expect(contents(changed.files)).toEqual(contents((await generate([a, b], other)).files));
    await generate([a, b], { outDir: join(dir, "elsewhere/gen") }, caches);
    expect([reuse.hits, reuse.misses]).toEqual([1, 7]);
  });

  it("keeps the parsed documents and the model of a source whose documents read the same", async () => {
    const { dir, a, b } = twoSources("reuse-load");
    const options: GenerateOptions = { outDir: join(dir, "gen") };
    const caches = createWarmCaches();
    const first = await loadSourcesWarm([a, b], {}, caches.loads);
    await generate(first, options, caches);
    expect([caches.loads.hits, caches.loads.misses, caches.models.hits, caches.models.misses]).toEqual([0, 2, 0, 2]);

    writeFileSync(a, readFileSync(a, "utf8").replaceAll('operation name="GetItem"', 'operation name="FetchItem"'));
    writeFileSync(b, readFileSync(b, "utf8")); // written again, same content: still the same documents
    const second = await loadSourcesWarm([a, b], {}, caches.loads);
    expect(second[1]!.documents).toBe(first[1]!.documents);
    expect(second[0]!.documents).not.toBe(first[0]!.documents);
    const warm = await generate(second, options, caches);
    expect([caches.loads.hits, caches.loads.misses, caches.models.hits, caches.models.misses]).toEqual([1, 3, 1, 3]);
    expect(warm.models[1]).toEqual((await generate(first, options, caches)).models[1]);
    expect(contents(warm.files)).toEqual(contents((await generate([a, b], options)).files));

    // another operation subset is modelled again; so is a source whose document cannot be read
    const subset: GenerateOptions = { ...options, operations: ["GetCustomer"] };
    const third = await loadSourcesWarm([a, b], {}, caches.loads);
    const misses = caches.models.misses;
    expect(contents((await generate(third, subset, caches)).files)).toEqual(
      contents((await generate([a, b], subset)).files),
    );
    expect(caches.models.misses).toBe(misses + 2);
    rmSync(b);
    await expect(loadSourcesWarm([a, b], {}, caches.loads)).rejects.toThrow(/cannot find/);
  });

  it("a two-source watch regeneration after an edit of one equals a cold generation", async () => {
    const { dir, a } = twoSources("reuse-watch");
    const c = captureIO(dir);
    handle = watch(["generate", "Shop.wsdl", "Store.wsdl", "--out", "out"], { io: c.io, debounceMs: 20 });
    expect((await within(handle.ready)).code, c.text()).toBe(0);
    const next = handle.next();
    writeFileSync(a, readFileSync(a, "utf8").replace(/operation name="(\w+)"/g, 'operation name="$1Now"'));
    const event = await within(next);
    expect(event.code, c.text()).toBe(0);
    expect(event.line).toMatch(/out regenerated \(\d+ changed\)/);
    await handle.close();
    handle = undefined;
    const watched = snapshotTree(join(dir, "out"));
    execFileSync(
      process.execPath,
      [join(repoRoot, "bin/soapkit.mjs"), "generate", "Shop.wsdl", "Store.wsdl", "--out", "cold"],
      {
        cwd: dir,
        stdio: "pipe",
      },
    );
    // the same output folder name, so the manifest's relative labels are the same
    removeDir(join(dir, "out"));
    renameSync(join(dir, "cold"), join(dir, "out"));
    expect(snapshotTree(join(dir, "out"))).toEqual(watched);
  });
});

/**
 * A `--watch` regeneration reuses a warm process (loaded modules, and whatever the generator
 * keeps between runs), so it must still write exactly what a cold generation writes: after a
 * one-operation edit of the project's EMail WSDL, the watched output is byte-identical to the
 * output of a fresh `soapkit generate` process (bin/soapkit.mjs) of the edited WSDL. The watch
 * write replaces only the changed files (write/write-in-place.ts); the others keep their inode.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watch, type WatchHandle } from "../../generator/cli/main.js";
import { repoRoot } from "../helpers/shared.js";
import { captureIO, removeDir, snapshotTree, tempDir } from "./helpers.js";

const dir = tempDir("watch-det");
let handle: WatchHandle | undefined;
afterAll(async () => {
  await handle?.close();
  removeDir(dir);
});

function within<T>(p: Promise<T>, ms = 60_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no watch event within ${ms} ms`)), ms)),
  ]);
}

describe("watch determinism", { timeout: 180_000 }, () => {
  it("a watch regeneration after a one-operation edit equals a cold generation of the edited WSDL", async () => {
    const wsdl = join(dir, "EMail.wsdl");
    cpSync(join(repoRoot, "wsdl/services84/EMail.wsdl"), wsdl);
    const original = readFileSync(wsdl, "utf8");
    const c = captureIO(dir);
    handle = watch(["generate", "EMail.wsdl", "--out", "watched"], { io: c.io, debounceMs: 20 });
    expect((await within(handle.ready)).code, c.text()).toBe(0);
    const index = Object.keys(snapshotTree(join(dir, "watched"))).find((f) => f.endsWith("/index.ts"))!;
    const indexIno = statSync(join(dir, "watched", index)).ino;

    // two edits in the same process: the second run reuses what the first left warm
    for (const [from, to] of [
      ['operation name="HasNewMail"', 'operation name="HasNewMailNow"'],
      ['operation name="GetEMail"', 'operation name="FetchEMail"'],
    ] as const) {
      const next = handle.next();
      const before = readFileSync(wsdl, "utf8");
      expect(before).toContain(from);
      writeFileSync(wsdl, before.replaceAll(from, to));
      const event = await within(next);
      expect(event.code, c.text()).toBe(0);
      expect(event.line).toMatch(/watched regenerated \(4 changed\)/);
    }
    // replaced in place: a file whose content did not change is not rewritten
    expect(statSync(join(dir, "watched", index)).ino).toBe(indexIno);
    await handle.close();
    handle = undefined;
    const watched = snapshotTree(join(dir, "watched"));
    const client = Object.keys(watched).find((f) => f.endsWith("/client.ts"));
    expect(readFileSync(join(dir, "watched", client!), "utf8")).toMatch(/fetchEMail\(/);

    // the same output folder name, so the manifest's relative source label is the same
    execFileSync(process.execPath, [join(repoRoot, "bin/soapkit.mjs"), "generate", "EMail.wsdl", "--out", "cold"], {
      cwd: dir,
      stdio: "pipe",
    });
    expect(snapshotTree(join(dir, "cold"))).toEqual(watched);
    expect(original).not.toEqual(readFileSync(wsdl, "utf8"));
  });
});

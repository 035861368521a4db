/**
 * A `--watch` regeneration reuses a warm process (loaded modules, and the caches of
 * generator/incremental/: emitted files and printed pieces per source, file hashes, what was
 * written), so it must still write exactly what a cold generation writes. After each edit, the
 * watched output is byte-identical to the output of a fresh `soapkit generate` process
 * (bin/soapkit.mjs) of the same input: renaming, deleting and adding an operation, changing a
 * type several operations share, changing an imported XSD, changing the config. The watch write
 * replaces only the changed files (write/write-in-place.ts); the others keep their inode.
 */
import { execFileSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watch, type WatchEvent, type WatchHandle } from "../../generator/cli/main.js";
import { repoRoot } from "../helpers/shared.js";
import { captureIO, copyFixture, removeDir, snapshotTree, tempDir, type Captured } from "./helpers.js";

const dirs: string[] = [];
let handle: WatchHandle | undefined;
afterAll(async () => {
  await handle?.close();
  dirs.forEach(removeDir);
});

function within<T>(p: Promise<T>, ms = 60_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no watch event within ${ms} ms`)), ms)),
  ]);
}

/** A cold generation in a fresh process: `generate <args>` in `dir`, its output folder as a snapshot. */
function cold(dir: string, args: readonly string[], out: string): Record<string, string> {
  rmSync(join(dir, out), { recursive: true, force: true });
  execFileSync(process.execPath, [join(repoRoot, "bin/soapkit.mjs"), "generate", ...args], { cwd: dir, stdio: "pipe" });
  return snapshotTree(join(dir, out));
}

/** Start watching `args` in `dir`; resolves once the initial run succeeded. */
async function startWatch(dir: string, args: readonly string[]): Promise<{ h: WatchHandle; c: Captured }> {
  const c = captureIO(dir);
  handle = watch(["generate", ...args], { io: c.io, debounceMs: 20 });
  expect((await within(handle.ready)).code, c.text()).toBe(0);
  return { h: handle, c };
}

/** Apply `edit` to `file` and wait for the regeneration it triggers (which must succeed unless `fails`). */
async function edited(
  h: WatchHandle,
  c: Captured,
  file: string,
  edit: (text: string) => string,
  fails = false,
): Promise<WatchEvent> {
  const next = h.next();
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after, `the edit of ${file} changes it`).not.toEqual(before);
  writeFileSync(file, after);
  const event = await within(next);
  if (fails) expect(event.code, c.text()).not.toBe(0);
  else expect(event.code, c.text()).toBe(0);
  return event;
}

const block = (op: string): RegExp => new RegExp(`<wsdl:operation name="${op}">[\\s\\S]*?</wsdl:operation>`, "g");

/** Edits of the EMail WSDL, applied in turn: each regeneration must equal a cold one. */
const EMAIL_EDITS: readonly (readonly [string, (t: string) => string])[] = [
  ["rename an operation", (t) => t.replaceAll('operation name="HasNewMail"', 'operation name="HasNewMailNow"')],
  ["rename another operation", (t) => t.replaceAll('operation name="GetEMail"', 'operation name="FetchEMail"')],
  [
    "change a type several operations share (EMailAddress)",
    (t) =>
      t.replace(
        '<xs:element minOccurs="0" name="ContactId" type="xs:int" />',
        '<xs:element minOccurs="0" name="ContactId" type="xs:int" />\n<xs:element minOccurs="0" name="Alias" nillable="true" type="xs:string" />',
      ),
  ],
  ["delete an operation", (t) => t.replace(block("FetchEMail"), "").replace(block("FetchEMail"), "")],
  [
    "add an operation",
    (t) =>
      t.replace(block("HasNewMailNow"), (m) => `${m}\n${m.replace('name="HasNewMailNow"', 'name="HasNewMailLater"')}`),
  ],
  ["break the XML (the run fails, the output stays)", (t) => t.replace("</wsdl:definitions>", "")],
  ["undo every edit", () => readFileSync(join(repoRoot, "wsdl/services84/EMail.wsdl"), "utf8")],
];

describe("watch determinism", { timeout: 300_000 }, () => {
  it("every regeneration after an edit of the EMail WSDL equals a cold generation of the edited WSDL", async () => {
    const dir = tempDir("watch-det");
    dirs.push(dir);
    const wsdl = join(dir, "EMail.wsdl");
    cpSync(join(repoRoot, "wsdl/services84/EMail.wsdl"), wsdl);
    const { h, c } = await startWatch(dir, ["EMail.wsdl", "--out", "watched"]);
    const index = Object.keys(snapshotTree(join(dir, "watched"))).find((f) => f.endsWith("/index.ts"))!;
    const indexIno = statSync(join(dir, "watched", index)).ino;

    // in the same process: each run reuses what the previous ones left warm
    let last = snapshotTree(join(dir, "watched"));
    for (const [what, edit] of EMAIL_EDITS) {
      if (what.startsWith("break")) {
        await edited(h, c, wsdl, edit, true);
        expect(snapshotTree(join(dir, "watched")), what).toEqual(last);
        continue;
      }
      const event = await edited(h, c, wsdl, edit);
      expect(event.line, what).toMatch(/watched regenerated \(\d+ changed\)/);
      last = snapshotTree(join(dir, "watched"));
      // the same output folder name, so the manifest's relative source label is the same
      expect(snapshotTree(join(dir, "watched")), what).toEqual(cold(dir, ["EMail.wsdl", "--out", "cold"], "cold"));
      if (what === "delete an operation") {
        const client = readFileSync(join(dir, "watched", index.replace("index.ts", "client.ts")), "utf8");
        expect(client).not.toMatch(/fetchEMail\(/);
        expect(client).toMatch(/hasNewMailNow\(/);
      }
    }
    // replaced in place: a file whose content did not change is not rewritten
    expect(statSync(join(dir, "watched", index)).ino).toBe(indexIno);
    await h.close();
    handle = undefined;
  });

  it("a watch started on an up-to-date output (caches filled while it waits) regenerates what a cold generation writes", async () => {
    const dir = tempDir("watch-det-uptodate");
    dirs.push(dir);
    const wsdl = join(dir, "EMail.wsdl");
    cpSync(join(repoRoot, "wsdl/services84/EMail.wsdl"), wsdl);
    cold(dir, ["EMail.wsdl", "--out", "watched"], "watched");
    const c = captureIO(dir);
    handle = watch(["generate", "EMail.wsdl", "--out", "watched"], { io: c.io, debounceMs: 20 });
    const initial = await within(handle.ready);
    expect(initial.jobs.map((j) => j.status)).toEqual(["up-to-date"]);
    for (const [what, edit] of EMAIL_EDITS.slice(0, 3)) {
      await edited(handle, c, wsdl, edit);
      expect(snapshotTree(join(dir, "watched")), what).toEqual(cold(dir, ["EMail.wsdl", "--out", "cold"], "cold"));
    }
    await handle.close();
    handle = undefined;
  });

  it("a change in an imported XSD regenerates what a cold generation writes", async () => {
    const dir = tempDir("watch-det-xsd");
    dirs.push(dir);
    copyFixture("remote", dir);
    const args = ["remote/services/Catalog.wsdl", "--out", "watched"];
    const { h, c } = await startWatch(dir, args);
    const base = join(dir, "remote/schemas/common/base.xsd");
    const event = await edited(h, c, base, (t) =>
      t.replace(
        '<xs:element name="Sku" type="xs:string"/>',
        '<xs:element name="Sku" type="xs:string"/>\n      <xs:element name="Price" type="xs:decimal" minOccurs="0"/>',
      ),
    );
    expect(event.trigger).toEqual([base]);
    const types = Object.keys(snapshotTree(join(dir, "watched"))).find((f) => f.endsWith("/types.ts"))!;
    expect(readFileSync(join(dir, "watched", types), "utf8")).toMatch(/Price\?: string/);
    expect(snapshotTree(join(dir, "watched"))).toEqual(
      cold(dir, ["remote/services/Catalog.wsdl", "--out", "cold"], "cold"),
    );
    await h.close();
    handle = undefined;
  });

  it("a config change regenerates what a cold generation with the new config writes", async () => {
    const dir = tempDir("watch-det-config");
    dirs.push(dir);
    cpSync(join(repoRoot, "wsdl/services84/EMail.wsdl"), join(dir, "EMail.wsdl"));
    const config = (out: string, options: object): string =>
      `${JSON.stringify({ sources: [{ input: "EMail.wsdl", out }], options }, null, 2)}\n`;
    const file = join(dir, "soapkit.config.json");
    writeFileSync(file, config("watched", {}));
    const { h, c } = await startWatch(dir, ["--config", "soapkit.config.json"]);
    for (const options of [{ typePrefix: "I" }, { typePrefix: "I", methodCase: "pascal" }, {}]) {
      await edited(h, c, file, () => config("watched", options));
      writeFileSync(join(dir, "cold.config.json"), config("cold", options));
      expect(snapshotTree(join(dir, "watched")), JSON.stringify(options)).toEqual(
        cold(dir, ["--config", "cold.config.json"], "cold"),
      );
    }
    await h.close();
    handle = undefined;
  });
});

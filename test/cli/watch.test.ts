/**
 * `watch()`: regenerates when the WSDL or a document it imports changes, survives a broken
 * edit (diagnostics printed, last good output kept) and recovers when it is fixed.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { watch, type WatchEvent, type WatchHandle } from "../../generator/cli/main.js";
import { captureIO, FIXTURES, removeDir, snapshotTree, tempDir } from "./helpers.js";

const dirs: string[] = [];
const handles: WatchHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((h) => h.close()));
  dirs.forEach(removeDir);
});

function within<T>(p: Promise<T>, ms = 30_000): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no watch event within ${ms} ms`)), ms)),
  ]);
}

describe("watch", () => {
  it("regenerates on a change of an imported document, survives a broken edit and recovers", async () => {
    const dir = tempDir("watch");
    dirs.push(dir);
    cpSync(join(FIXTURES, "remote"), join(dir, "remote"), { recursive: true });
    const wsdl = join(dir, "remote/services/Catalog.wsdl");
    const base = join(dir, "remote/schemas/common/base.xsd");
    const out = join(dir, "gen");
    const c = captureIO(dir);
    const events: WatchEvent[] = [];
    const handle = watch(["generate", wsdl, "--out", out], {
      io: c.io,
      debounceMs: 50,
      onEvent: (e) => events.push(e),
    });
    handles.push(handle);

    const first = await within(handle.ready);
    expect(first.code, c.text()).toBe(0);
    expect(first.line).toMatch(/^soapkit watch: gen regenerated \(\d+ changed\) — initial run, \d+/);
    expect(first.watching).toEqual(
      [
        "remote/services/Catalog.wsdl",
        "remote/contracts/CatalogPort.wsdl",
        "remote/schemas/catalog.xsd",
        "remote/schemas/common/base.xsd",
      ]
        .map((p) => join(dir, p))
        .sort(),
    );
    const types = join(out, "catalog/types.ts");
    expect(readFileSync(types, "utf8")).not.toMatch(/Price/);

    // a change in a document two imports away
    const good = readFileSync(base, "utf8");
    let next = handle.next();
    writeFileSync(
      base,
      good.replace(
        '<xs:element name="Title"',
        '<xs:element name="Price" type="xs:decimal"/>\n      <xs:element name="Title"',
      ),
    );
    const changed = await within(next);
    expect(changed.code, c.text()).toBe(0);
    expect(changed.trigger).toEqual([base]);
    expect(changed.line).toMatch(/gen regenerated .* — remote\/schemas\/common\/base\.xsd changed, /);
    expect(readFileSync(types, "utf8")).toMatch(/Price: string/);

    // a broken edit: diagnostics, the last good output stays
    const snapshot = snapshotTree(out);
    const errBefore = c.err.length;
    next = handle.next();
    writeFileSync(base, good.replace("</xs:complexType>", "</xs:complexTyp>"));
    const broken = await within(next);
    expect(broken.code).toBe(2);
    expect(broken.line).toMatch(/gen failed \(1 error; last good output kept\)/);
    expect(c.err.slice(errBefore).join("\n")).toMatch(
      /^remote\/schemas\/common\/base\.xsd:\d+:\d+: error xml-malformed: /m,
    );
    expect(snapshotTree(out)).toEqual(snapshot);

    // fixed again: regenerated from the original content
    next = handle.next();
    writeFileSync(base, good);
    const fixed = await within(next);
    expect(fixed.code, c.text()).toBe(0);
    expect(readFileSync(types, "utf8")).not.toMatch(/Price/);

    // the WSDL itself
    next = handle.next();
    writeFileSync(wsdl, readFileSync(wsdl, "utf8").replace('name="CatalogService"', 'name="CatalogService2"'));
    const root = await within(next);
    expect(root.code).toBe(0);
    expect(root.trigger).toEqual([wsdl]);

    await handle.close();
    expect(events.map((e) => e.run)).toEqual([1, 2, 3, 4, 5]);
  });

  it("a watch whose first run fails keeps watching the sources and recovers", async () => {
    const dir = tempDir("watch-fail");
    dirs.push(dir);
    const wsdl = join(dir, "Shop.wsdl");
    const good = readFileSync(join(FIXTURES, "shop/Shop.wsdl"), "utf8");
    writeFileSync(wsdl, good.replace("<wsdl:types>", "<wsdl:types"));
    const c = captureIO(dir);
    const handle = watch([wsdl, "--out", join(dir, "gen")], { io: c.io, debounceMs: 50 });
    handles.push(handle);
    const first = await within(handle.ready);
    expect(first.code).toBe(2);
    expect(first.watching).toEqual([wsdl]);
    const next = handle.next();
    writeFileSync(wsdl, good);
    expect((await within(next)).code, c.text()).toBe(0);
    await handle.close();
  });
});

/**
 * Config files: soapkit.config.json and soapkit.config.ts (defineConfig from "soapkit"),
 * several sources with their own output folders and operation subsets, command-line
 * overrides, and config errors.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import { captureIO, exportedNames, removeDir, SHOP, tempDir } from "./helpers.js";

const dirs: string[] = [];
function project(label: string, config: { name: string; text: string } | undefined): string {
  const dir = tempDir(label);
  dirs.push(dir);
  mkdirSync(join(dir, "wsdl"));
  const shop = readFileSync(SHOP, "utf8");
  writeFileSync(join(dir, "wsdl/Shop.wsdl"), shop);
  writeFileSync(join(dir, "wsdl/Store.wsdl"), shop);
  if (config) writeFileSync(join(dir, config.name), config.text);
  return dir;
}
afterAll(() => dirs.forEach(removeDir));

async function run(argv: string[], cwd: string) {
  const c = captureIO(cwd);
  const code = await main(argv, c.io);
  return { code, ...c };
}

const JSON_CONFIG = JSON.stringify(
  {
    sources: [
      { input: "wsdl/Shop.wsdl", out: "gen/shop-items", operations: ["GetItem"] },
      { input: "wsdl/Store.wsdl", out: "gen/store" },
    ],
    options: { long: "number", runtimeImport: "my-runtime" },
  },
  null,
  2,
);

describe("soapkit.config.json", () => {
  it("generates every source into its own folder with its own operation subset", async () => {
    const dir = project("json", { name: "soapkit.config.json", text: JSON_CONFIG });
    const r = await run(["generate"], dir);
    expect(r.code, r.text()).toBe(0);
    expect(r.out.filter((l) => /^soapkit: wsdl\/\w+\.wsdl → gen\//.test(l))).toHaveLength(2);

    const items = readFileSync(join(dir, "gen/shop-items/shop/types.ts"), "utf8");
    expect(exportedNames(items)).toContain("Item");
    expect(exportedNames(items)).not.toContain("Order");
    const store = readFileSync(join(dir, "gen/store/store/types.ts"), "utf8");
    expect(exportedNames(store)).toContain("Order");
    expect(store).toMatch(/Id: number/);
    expect(store).toMatch(/from "my-runtime"/);
    const manifest = JSON.parse(readFileSync(join(dir, "gen/shop-items/soapkit.manifest.json"), "utf8"));
    expect(manifest.sources[0]).toMatchObject({
      source: "../../wsdl/Shop.wsdl",
      module: "shop",
      operations: ["GetItem"],
    });

    const again = await run(["generate"], dir);
    expect(again.out.filter((l) => l.includes("is up to date"))).toHaveLength(2);
  });

  it("command-line options override the file", async () => {
    const dir = project("json-override", { name: "soapkit.config.json", text: JSON_CONFIG });
    const r = await run(["generate", "--long", "string", "--operations", "PlaceOrder", "--out", "merged"], dir);
    expect(r.code, r.text()).toBe(0);
    const shop = readFileSync(join(dir, "merged/shop/types.ts"), "utf8");
    expect(shop).toMatch(/Id: string/);
    expect(exportedNames(shop)).toContain("Order");
    expect(exportedNames(shop)).not.toContain("GetItemRequest"); // --operations replaced the source's own list
    expect(readFileSync(join(dir, "merged/index.ts"), "utf8")).toMatch(/store\/index\.js/);
  });

  it("reports bad config files with their location (exit 64)", async () => {
    const broken = project("json-broken", {
      name: "soapkit.config.json",
      text: '{\n  "sources": [\n    { "input": "a.wsdl" },\n  ]\n}\n',
    });
    const r = await run(["generate"], broken);
    expect(r.code).toBe(64);
    expect(r.err[0]).toMatch(/^soapkit\.config\.json:\d+:\d+: error config-invalid: not valid JSON/);

    const wrong = project("json-wrong", {
      name: "soapkit.config.json",
      text: '{ "sources": [{ "input": "wsdl/Shop.wsdl" }], "options": { "check": true } }',
    });
    const w = await run(["generate"], wrong);
    expect(w.code).toBe(64);
    expect(w.err[0]).toMatch(/^soapkit\.config\.json:1:\d+: error option-unknown: unknown option 'check' in options/);
    expect(w.err.join("\n")).toMatch(/hint: valid options: out, operations, /);

    const none = project("none", undefined);
    const n = await run(["generate"], none);
    expect(n.code).toBe(64);
    expect(n.err[0]).toMatch(
      /error config-not-found: no sources given and no soapkit\.config\.json or soapkit\.config\.ts/,
    );

    const two = project("two", { name: "soapkit.config.json", text: JSON_CONFIG });
    writeFileSync(join(two, "soapkit.config.ts"), "export default {};\n");
    const t = await run(["generate"], two);
    expect(t.code).toBe(64);
    expect(t.err[0]).toMatch(/several config files .*soapkit\.config\.json, soapkit\.config\.ts/);
  });
});

describe("soapkit.config.ts", () => {
  it("loads a typed defineConfig default export (through tsx)", async () => {
    const ts = [
      'import { defineConfig } from "soapkit";',
      "",
      "export default defineConfig({",
      '  sources: [{ input: "wsdl/Shop.wsdl", out: "gen", operations: ["GetCustomer"] }],',
      '  options: { methodCase: "pascal", typeSuffix: "Dto", dateTime: "Date" },',
      "});",
      "",
    ].join("\n");
    const dir = project("ts", { name: "soapkit.config.ts", text: ts });
    const r = await run(["generate"], dir);
    expect(r.code, r.text()).toBe(0);
    const types = readFileSync(join(dir, "gen/shop/types.ts"), "utf8");
    expect(exportedNames(types)).toContain("CustomerDto");
    expect(exportedNames(types)).not.toContain("ItemDto");
    expect(types).toMatch(/Since\?: Date/);
    expect(readFileSync(join(dir, "gen/shop/client.ts"), "utf8")).toMatch(/\bGetCustomer\(/);
  });

  it("reports a config module that fails to load, or has no default export (exit 64)", async () => {
    const dir = project("ts-bad", { name: "soapkit.config.ts", text: "export const config = { sources: [] };\n" });
    const r = await run(["generate"], dir);
    expect(r.code).toBe(64);
    expect(r.err[0]).toMatch(/^soapkit\.config\.ts:1:1: error config-invalid: the config module has no default export/);

    writeFileSync(join(dir, "soapkit.config.ts"), 'throw new Error("boom");\nexport default {};\n');
    const t = await run(["generate", "--config", "soapkit.config.ts"], dir);
    expect(t.code).toBe(64);
    expect(t.err[0]).toMatch(/error config-invalid: cannot load the config module: boom/);
  });
});

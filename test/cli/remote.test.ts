/**
 * URL sources: a WSDL served over HTTP whose wsdl:import, xsd:import and xsd:include sit in
 * other folders (relative locations resolve against the importing document's URL); imports
 * to another origin are refused unless --allow-remote-imports; no-op runs still fetch and
 * hash every document.
 */
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import { captureIO, exportedNames, FIXTURES, removeDir, snapshotTree, tempDir } from "./helpers.js";

interface Served {
  readonly server: Server;
  readonly origin: string;
  readonly requests: string[];
}

/** Serves test/cli/fixtures/remote under /Remote/ (`X.svc?wsdl` → `X.wsdl`). */
async function serve(otherOrigin: () => string): Promise<Served> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    requests.push(`${url.pathname}${url.search}`);
    let path = url.pathname;
    if (/\.svc$/.test(path) && (url.searchParams.has("wsdl") || url.searchParams.has("singleWsdl")))
      path = path.replace(/\.svc$/, ".wsdl");
    if (!path.startsWith("/Remote/") || path.includes("..")) return void res.writeHead(404).end();
    try {
      const text = readFileSync(join(FIXTURES, "remote", path.slice("/Remote/".length)), "utf8").replaceAll(
        "{{OTHER_ORIGIN}}",
        otherOrigin(),
      );
      res.writeHead(200, { "content-type": "text/xml; charset=utf-8" }).end(text);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

let a: Served;
let b: Served;
const dirs: string[] = [];
beforeAll(async () => {
  a = await serve(() => b.origin);
  b = await serve(() => a.origin);
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => new Promise((r) => s.server.close(r))));
  dirs.forEach(removeDir);
});

async function run(argv: string[]) {
  const c = captureIO();
  const code = await main(argv, c.io);
  return { code, ...c };
}

describe("URL sources", () => {
  it("follows relative wsdl:import, xsd:import and xsd:include across folders", async () => {
    const out = join(tempDir("remote"), "gen");
    dirs.push(out, join(out, ".."));
    const url = `${a.origin}/Remote/services/Catalog.svc?wsdl`;
    const r = await run(["generate", url, "--out", out]);
    expect(r.code, r.text()).toBe(0);
    expect(a.requests).toEqual([
      "/Remote/services/Catalog.svc?wsdl",
      "/Remote/contracts/CatalogPort.wsdl",
      "/Remote/schemas/catalog.xsd",
      "/Remote/schemas/common/base.xsd",
    ]);
    expect(exportedNames(readFileSync(join(out, "catalog/types.ts"), "utf8"))).toEqual(
      [
        "CatalogAgent",
        "CatalogOperations",
        "CatalogRequestHeaders",
        "CatalogResponseHeaders",
        "FindRequest",
        "FindResponse",
        "Product",
      ].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(out, "soapkit.manifest.json"), "utf8"));
    expect(manifest.sources[0].source).toBe(url);
    expect(manifest.sources[0].documents.map((d: { path: string }) => d.path)).toEqual([
      url,
      `${a.origin}/Remote/contracts/CatalogPort.wsdl`,
      `${a.origin}/Remote/schemas/catalog.xsd`,
      `${a.origin}/Remote/schemas/common/base.xsd`,
    ]);

    // no-op: every document is fetched again (and hashed), nothing is written
    a.requests.length = 0;
    const tree = snapshotTree(out);
    const again = await run(["generate", url, "--out", out]);
    expect(again.code).toBe(0);
    expect(again.out.join("\n")).toMatch(/is up to date/);
    expect(a.requests).toHaveLength(4);
    expect(snapshotTree(out)).toEqual(tree);

    // ?singleWsdl names another source (another label): regenerated, same module
    const single = await run(["generate", `${a.origin}/Remote/services/Catalog.svc?singleWsdl`, "--out", out]);
    expect(single.code, single.text()).toBe(0);
    expect(single.out.join("\n")).not.toMatch(/up to date/);
  });

  it("refuses an import from another origin unless --allow-remote-imports, leaving the output untouched", async () => {
    const dir = tempDir("cross-origin");
    dirs.push(dir);
    const out = join(dir, "gen");
    const url = `${a.origin}/Remote/services/Foreign.wsdl`;
    const refused = await run(["generate", url, "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.err[0]).toBe(
      `${url}:9:48: error io-remote-origin: import of ${b.origin}/Remote/schemas/catalog.xsd leaves the origin of the root document (${a.origin})\n  hint: remote imports must come from the origin of the root WSDL unless allowed`,
    );
    expect(snapshotTree(dir)).toEqual({});
    expect(b.requests).toEqual([]);

    const allowed = await run(["generate", url, "--out", out, "--allow-remote-imports"]);
    expect(allowed.code, allowed.text()).toBe(0);
    expect(b.requests).toEqual(["/Remote/schemas/catalog.xsd", "/Remote/schemas/common/base.xsd"]);
    expect(exportedNames(readFileSync(join(out, "foreign/types.ts"), "utf8"))).toContain("Product");
  });

  it("enforces the document-count limit", async () => {
    const out = join(tempDir("limits"), "gen");
    dirs.push(join(out, ".."));
    const r = await run([
      "generate",
      `${a.origin}/Remote/services/Catalog.svc?wsdl`,
      "--out",
      out,
      "--max-documents",
      "2",
    ]);
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/error io-too-many-documents: more than 2 documents/);
  });
});

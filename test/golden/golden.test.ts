/**
 * Golden output: generating wsdl/ in memory reproduces the committed generated/ byte for
 * byte, with no orphan files, and two runs give identical output.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { generate, type SourceInput } from "../../generator/index.js";
import { formatTypeScript } from "../../generator/format/prettier.js";
import { repoRoot } from "../helpers/shared.js";

// the same sources and per-source settings `npm run generate` uses, one generation per output folder
const config = JSON.parse(readFileSync(join(repoRoot, "soapkit.config.json"), "utf8")) as {
  sources: { input: string; out: string; rest?: boolean }[];
};
const OUTS = [...new Set(config.sources.map((s) => s.out))].map((out) => ({
  dir: join(repoRoot, out),
  sources: config.sources
    .filter((s) => s.out === out)
    .map((s): SourceInput => ({ input: join(repoRoot, s.input), ...(s.rest !== undefined ? { rest: s.rest } : {}) })),
  // a nested output folder (generated/services88) is not an orphan of its parent's
  nested: config.sources.map((s) => s.out).filter((o) => o !== out && o.startsWith(`${out}/`)),
}));
const SOURCES = OUTS[0]!.sources;
const OUT = OUTS[0]!.dir;

async function tree(dir: string, skip: readonly string[] = []): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = relative(dir, join(e.parentPath, e.name)).split("\\").join("/");
    if (e.isFile() && !skip.some((n) => path.startsWith(`${n}/`))) out.push(path);
  }
  return out.sort();
}

describe("generated/ golden files", () => {
  it.each(OUTS.map((o) => [relative(repoRoot, o.dir), o] as const))(
    "%s matches a fresh generation byte for byte, without orphans",
    async (_name, o) => {
      const { files } = await generate(o.sources, { outDir: o.dir });
      const skip = o.nested.map((n) => relative(o.dir, join(repoRoot, n)));
      expect(files.map((f) => f.path)).toEqual(await tree(o.dir, skip));
      for (const f of files) {
        expect(await readFile(join(o.dir, f.path), "utf8"), f.path).toBe(f.content);
      }
    },
  );

  it("is deterministic: two runs give identical files", async () => {
    const a = await generate(SOURCES, { outDir: OUT });
    const b = await generate(SOURCES, { outDir: OUT });
    expect(b.files).toEqual(a.files);
    for (const f of a.files) {
      expect(f.content, f.path).not.toMatch(/\r/);
      expect(f.content.endsWith("\n"), f.path).toBe(true);
    }
  });

  it("every generated TypeScript file is prettier-formatted (prettier leaves it unchanged), printed so by soapkit itself", async () => {
    const { files, prettierFallbacks } = await generate(SOURCES, { outDir: OUT });
    const ts = files.filter((f) => f.path.endsWith(".ts"));
    expect(prettierFallbacks).toEqual([]);
    expect(ts.filter((f) => f.formatted).map((f) => f.path)).toEqual(ts.map((f) => f.path));
    for (const f of ts) expect(await formatTypeScript(f.content), f.path).toBe(f.content);
  });

  it("writes the manifest contract", async () => {
    const manifest = JSON.parse(await readFile(join(OUT, "soapkit.manifest.json"), "utf8"));
    expect(manifest.generator.name).toBe("soapkit");
    expect(manifest.sources.map((s: { source: string }) => s.source)).toEqual([
      "../wsdl/services84/EMail.wsdl",
      "../wsdl/services84/SoPrincipal.wsdl",
    ]);
    for (const s of manifest.sources) for (const d of s.documents) expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    const email = manifest.services.find((s: { port: string }) => s.port === "BasicHttpBinding_EMail");
    expect(email).toMatchObject({ binding: "BasicHttpBinding_EMail", soapVersion: "1.1", module: "email/index.ts" });
    const sync = email.operations.find((o: { name: string }) => o.name === "SyncEmailAccount");
    expect(sync).toEqual({
      name: "SyncEmailAccount",
      method: "syncEmailAccount",
      soapAction: "http://www.superoffice.net/ws/crm/NetServer/Services84/EMail/SyncEmailAccount",
      input: "SyncEmailAccountRequest",
      output: "SyncEmailAccountResponse",
      result: "void",
      requestHeaders: "EMailRequestHeaders",
      responseHeaders: "EMailResponseHeaders",
      module: "email/types.ts",
    });
    expect(email.operations).toHaveLength(7);
    expect(email.client).toMatchObject({ factory: "createEMailClient", class: "EMailClient" });
    expect(email.client.rest).toEqual({ agent: "EMail", transport: "restTransport" });
    // SoPrincipal has no WebAPI agent: no REST twin (soapkit.config.json "rest": false)
    const principal = manifest.services.find((s: { port: string }) => s.port === "BasicHttpBinding_SoPrincipal");
    expect(principal.client.rest).toBeUndefined();
  });
});

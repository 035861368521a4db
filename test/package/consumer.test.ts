/**
 * Acceptance test of the published packages, as a user gets them: `npm pack` both packages,
 * install the tarballs into a scratch project outside the repository (os.tmpdir()), generate
 * the real Services84 EMail WSDL with the installed `soapkit` bin, type-check the app with
 * its own strict NodeNext tsconfig (skipLibCheck off), then call SyncEmailAccount against the
 * embedded emulator from plain `node` (ESM), from a CommonJS app (require(esm)), and from
 * esbuild bundles (ESM and CJS); the ESM app and its bundles also make the same call through
 * the same client class over `restTransport` (the emulator's REST WebAPI route). Also: a
 * Calculator .asmx WSDL gets no REST twin and never mentions SuperOffice; the production install holds none of the build tools;
 * a vitest test of the consumer (consumer/mock-test) runs the mock from the installed `soapkit/mock`.
 * One pack and one install serve every case.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import type { RestCall } from "soapkit/mock/superoffice";
import { recordedAction } from "../emulator/helpers.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { repoRoot, requireShared } from "../helpers/shared.js";
import { diskKb, npm, packBoth, run, writeConsumer, type Packed } from "./scratch.js";

const emailWsdl = requireShared("wsdl/superoffice/Services84-EMail.wsdl");
const CALCULATOR = join(repoRoot, "test/fixtures/wsdl/calculator/Calculator.wsdl");
const PATH = "/Cust12345/Remote/Services84/EMail.svc";
const TICKET = "7T:consumer-ticket";
const APP_TOKEN = "consumer-app-token";
const BUILD_TOOLS = ["typescript", "ts-morph", "prettier", "handlebars", "tsx", "esbuild", "vitest"];

const log = (line: string): void => void process.stdout.write(`[package] ${line}\n`);

describe.skipIf(!emailWsdl)("the published packages in a fresh consumer project", { timeout: 300_000 }, () => {
  let scratch: string;
  let app: string;
  let packed: Packed[];
  let emulator: Emulator;
  const env = (): NodeJS.ProcessEnv => ({
    SOAPKIT_ENDPOINT: emulator.endpoint(PATH),
    SO_TICKET: TICKET,
    SO_APP_TOKEN: APP_TOKEN,
  });
  /** The ESM app also calls over REST (the CommonJS app does SOAP only). */
  const envWithRest = (): NodeJS.ProcessEnv => ({ ...env(), SOAPKIT_REST_BASE: emulator.url });
  const bin = (name: string): string => join(app, "node_modules/.bin", name);

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), "soapkit-consumer-"));
    app = join(scratch, "app");
    const t0 = performance.now();
    packed = await packBoth(join(scratch, "packs"));
    const packMs = performance.now() - t0;
    const byName = (n: string): Packed => packed.find((p) => p.name === n)!;
    writeConsumer(app, byName("@soapkit/runtime").filename, byName("soapkit").filename);
    const install = await npm(["install", "--prefer-offline"], app);
    log(`build + pack ${(packMs / 1000).toFixed(1)} s, install ${(install.ms / 1000).toFixed(1)} s`);

    // The installed bin, on the real WSDL (ESM app) and the Calculator; the CJS app gets a copy.
    const gen = await run(bin("soapkit"), ["generate", emailWsdl!, "--out", "src/generated"], app);
    await run(bin("soapkit"), ["generate", CALCULATOR, "--out", "src/calculator"], app);
    cpSync(join(app, "src/generated"), join(app, "cjs/src/generated"), { recursive: true });
    log(`installed soapkit bin: ${gen.stdout.trim()}`);

    const meta = (await import(pathToFileURL(join(app, "src/generated/services84-email/metadata.ts")).href)) as {
      EMailMetadata: CompactMetadata;
    };
    emulator = await startEmulator({
      applicationToken: APP_TOKEN,
      validTickets: [TICKET],
      services: [
        {
          metadata: loadMetadata(meta.EMailMetadata),
          wsdlXml: await readFile(emailWsdl!, "utf8"),
          path: PATH,
          implementation: { SyncEmailAccount: () => undefined },
        },
      ],
    });
  }, 300_000);

  afterAll(async () => {
    await emulator?.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /**
   * The emulator saw exactly one SyncEmailAccount over SOAP with the ticket and the application
   * token, and with `rest`, then exactly one more over the REST WebAPI route with the same.
   */
  function expectOneCall(options: { rest?: boolean } = {}): void {
    const calls = emulator.calls("SyncEmailAccount");
    expect(calls.map((c) => c.transport)).toEqual(options.rest === true ? ["soap", "rest"] : ["soap"]);
    expect(calls[0]!.outcome).toBe("ok");
    expect(recordedAction(calls[0]!)).toBe(
      "http://www.superoffice.net/ws/crm/NetServer/Services84/EMail/SyncEmailAccount",
    );
    for (const c of calls) {
      expect(c.outcome).toBe("ok");
      expect(c.headers).toStrictEqual({ ApplicationToken: APP_TOKEN, Credentials: { Ticket: TICKET } });
      expect(c.input).toStrictEqual({ SyncUserAccount: { AccountId: 1, AssociateId: 5, AssociateName: "ANNE" } });
    }
    if (options.rest === true) expect((calls[1] as RestCall).url).toBe("/api/v1/Agents/EMail/SyncEmailAccount");
    emulator.clear();
  }

  it("ships compiled JS, .d.ts and templates; no tests, bench or CI files", () => {
    for (const p of packed) {
      log(
        `${p.name}: ${p.filename.split("/").pop()} ${(p.size / 1024).toFixed(0)} kB packed, ${(p.unpackedSize / 1024).toFixed(0)} kB unpacked, ${p.files.length} files`,
      );
      expect(p.files).toContain("package.json");
      expect(p.files).toContain("dist/index.js");
      expect(p.files).toContain("dist/index.d.ts");
      expect(p.files.filter((f) => /(^|\/)(test|bench|\.ci|node_modules)\/|tsbuildinfo$/.test(f))).toEqual([]);
    }
    const generator = packed.find((p) => p.name === "soapkit")!;
    expect(generator.files).toEqual(expect.arrayContaining(["dist/cli/bin.cjs", "dist/templates/client.ts.hbs"]));
    // one client template: the separate REST client files are gone
    expect(generator.files.filter((f) => /rest-client/.test(f))).toEqual([]);
    const runtime = packed.find((p) => p.name === "@soapkit/runtime")!;
    // What apps install: compiled JS and declarations only (no sources, no source maps).
    expect(
      runtime.files.filter((f) => !["package.json", "README.md"].includes(f) && !/^dist\/.*\.(js|d\.ts)$/.test(f)),
    ).toEqual([]);
    expect(runtime.files).toEqual(expect.arrayContaining(["dist/ws-security.js", "dist/security/signature.js"]));
    expect(runtime.files).toEqual(
      expect.arrayContaining([
        "dist/pipeline/client-core.js",
        "dist/soap/http-transport.js",
        "dist/soap/fetch-transport.js",
        "dist/soap/lend-require.js",
        "dist/superoffice/rest-transport.js",
        "dist/superoffice/base-url.js",
        "dist/secrets/secret-set.js",
        "dist/http/fetch-exchange.js",
      ]),
    );
    // removed modules are not shipped
    expect(
      runtime.files.filter((f) =>
        /^(dist\/)?(client|agent|transport|auth|rest\/client|rest\/base-url|rest\/errors)\.(js|d\.ts|ts)$/.test(f),
      ),
    ).toEqual([]);
  });

  it("the app type-checks with its own strict NodeNext tsconfig (erasableSyntaxOnly, noPropertyAccessFromIndexSignature, skipLibCheck off)", async () => {
    await Promise.all(
      ["tsconfig.json", "cjs/tsconfig.json"].map((p) => run(process.execPath, [bin("tsc"), "-p", p], app)),
    );
  });

  it("ESM: plain node runs the compiled app and SyncEmailAccount goes through with ticket and application token", async () => {
    const r = await run(process.execPath, ["dist/main.js"], app, envWithRest());
    expect(JSON.parse(r.stdout)).toEqual({ consumer: "esm", ok: true, errorBase: "function", rest: true });
    expectOneCall({ rest: true });
  });

  it("CommonJS: the compiled app require()s @soapkit/runtime (require of ESM)", async () => {
    expect(readFileSync(join(app, "cjs/dist/main.js"), "utf8")).toMatch(/require\("@soapkit\/runtime"\)/);
    const r = await run(process.execPath, ["cjs/dist/main.js"], app, env());
    expect(JSON.parse(r.stdout)).toEqual({ consumer: "cjs", ok: true, errorBase: "function" });
    expectOneCall();
  });

  it.each(["esm", "cjs"] as const)(
    "esbuild bundle (--bundle --platform=node --format=%s, no extra flags) runs",
    async (format) => {
      const out = join(app, `bundle/main.${format === "esm" ? "mjs" : "cjs"}`);
      await run(
        bin("esbuild"),
        ["src/main.ts", "--bundle", "--platform=node", `--format=${format}`, `--outfile=${out}`, "--log-level=error"],
        app,
      );
      const r = await run(process.execPath, [out], scratch, envWithRest());
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, rest: true });
      expectOneCall({ rest: true });
    },
  );

  it("a user's vitest test starts the mock from the installed soapkit/mock, scripts a handler and asserts on mock.calls", async () => {
    const r = await run(bin("vitest"), ["run", "mock-test", "--reporter=verbose"], app, { NO_COLOR: "1" });
    expect(r.stdout).toMatch(/✓ .*scripts a handler and records the calls/);
    expect(r.stdout).toMatch(/Tests\s+1 passed \(1\)/);
  });

  it("the installed API (`generate` from soapkit, plain node ESM) returns the files the installed bin wrote", async () => {
    writeFileSync(
      join(app, "api-generate.mjs"),
      `import { generate } from "soapkit";\nconst r = await generate([process.argv[2]], { outDir: "src/generated" });\nprocess.stdout.write(JSON.stringify(r.files.filter((f) => f.path.endsWith(".ts")).map((f) => [f.path, f.content])));\n`,
    );
    const r = await run(process.execPath, ["api-generate.mjs", emailWsdl!], app);
    const files = JSON.parse(r.stdout) as [string, string][];
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const [path, content] of files)
      expect(content, path).toBe(readFileSync(join(app, "src/generated", path), "utf8"));
  });

  it("the Calculator .asmx WSDL gets SOAP clients only, and its generated code never mentions SuperOffice or REST", () => {
    const files = readdirSync(join(app, "src/calculator"), { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.(ts|json)$/.test(f),
    );
    expect(files.filter((f) => /rest/i.test(f))).toEqual([]);
    for (const f of files) {
      const code = readFileSync(join(app, "src/calculator", f), "utf8");
      expect(code, f).not.toMatch(/superoffice|\/api\/v1\/Agents/i);
      expect(code, f).not.toMatch(/restTransport|\bREST\b/);
    }
  });

  it("a soapkit.config.ts without tsx installed (Node 20 cannot strip types) fails with a clear message, exit 64", async () => {
    const dir = join(scratch, "ts-config");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "soapkit.config.ts"),
      `import { defineConfig } from "soapkit";\nexport default defineConfig({ sources: [{ input: ${JSON.stringify(CALCULATOR)} }] });\n`,
    );
    const r = await run(bin("soapkit"), ["generate"], dir).then(
      () => ({ failed: false, text: "" }),
      (e: Error) => ({ failed: true, text: e.message }),
    );
    if (!r.failed) return; // this Node loads .ts by itself (type stripping): nothing to explain
    expect(r.text).toMatch(
      /error config-invalid: a TypeScript config file needs tsx to load it, and tsx is not installed/,
    );
    expect(r.text).toMatch(/hint: npm i -D tsx/);
  });

  it("the production install holds no build tools; its size next to soap's own", async () => {
    const ls = await npm(["ls", "--omit=dev", "--all", "--parseable"], app);
    const names = ls.stdout
      .split("\n")
      .filter(Boolean)
      .map((p) => p.slice(p.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(names).toContain("@soapkit/runtime");
    expect(names.filter((n) => BUILD_TOOLS.includes(n))).toEqual([]);

    await npm(["prune", "--omit=dev"], app);
    const soapOnly = join(scratch, "soap-only");
    cpSync(join(repoRoot, "test/package/soap-only.json"), join(soapOnly, "package.json"));
    await npm(["install", "--omit=dev", "--prefer-offline"], soapOnly);
    const [ours, theirs] = [await diskKb(join(app, "node_modules")), await diskKb(join(soapOnly, "node_modules"))];
    log(
      `production install: app with @soapkit/runtime ${(ours / 1024).toFixed(1)} MB, soap 1.13.0 alone ${(theirs / 1024).toFixed(1)} MB`,
    );
    expect(ours).toBeLessThan(theirs * 1.5);
  });
});

/**
 * `@soapkit/runtime/client`, the entry point generated code imports: every export is the same
 * binding as the full `@soapkit/runtime`'s, and its declaration graph stays narrow (no transports,
 * codecs, soap, axios or sax typings), which is what keeps a consumer's `tsc` cheap.
 */
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as client from "../../../runtime/client-entry.js";
import * as full from "../../../runtime/index.js";
import { repoRoot } from "../../helpers/shared.js";

describe("@soapkit/runtime/client", () => {
  it("exports the same values as @soapkit/runtime", () => {
    expect(Object.keys(client).sort()).toEqual(["ClientCore", "superOfficeProfile"]);
    expect(client.ClientCore).toBe(full.ClientCore);
    expect(client.superOfficeProfile).toBe(full.superOfficeProfile);
  });

  it("has a declaration graph without transports, codecs or soap's typings", () => {
    // The runtime's declarations, emitted in memory as `tsc -b` would (no build needed).
    const config = ts.getParsedCommandLineOfConfigFile(
      join(repoRoot, "runtime/tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    )!;
    const dts = new Map<string, string>();
    const program = ts.createProgram(config.fileNames, { ...config.options, composite: false, declarationMap: false });
    program.emit(undefined, (file, text) => void (file.endsWith(".d.ts") && dts.set(file, text)), undefined, true);
    // Every declaration file and bare module reachable from client-entry.d.ts.
    const outDir = config.options.outDir!;
    const seen = new Set<string>();
    const bare = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = dts.get(file);
      if (text === undefined) throw new Error(`no declarations emitted for ${file}`);
      for (const [, spec] of text.matchAll(/(?:from|import\()\s*"([^"]+)"/g)) {
        if (spec!.startsWith(".")) visit(join(dirname(file), spec!.replace(/\.js$/, ".d.ts")));
        else bare.add(spec!);
      }
    };
    visit(join(outDir, "client-entry.d.ts"));
    const names = [...seen].map((f) => relative(outDir, f)).sort();
    expect(names.length).toBeGreaterThan(5);
    expect(names.length).toBeLessThanOrEqual(20);
    expect(
      names.filter((n) =>
        /^(soap\/(?!mtom-attachment\.)|http\/|rest\/|xml\/)|codec\/(encode|decode|body)\.|^superoffice\/(?!profile\.)/.test(
          n,
        ),
      ),
    ).toEqual([]);
    expect([...bare]).toEqual([]);
  });
});

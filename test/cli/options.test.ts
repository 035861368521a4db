/**
 * The declarative option spec: parsing, unknown/conflicting options (listing the valid ones),
 * help generated from the spec, the diagnostic format of every catalog kind, and the
 * config-file type derived from the spec.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import { diagnosticText } from "../../generator/cli/report.js";
import { OPTION_SPECS, configKey, helpText, parseArgs } from "../../generator/config/options.js";
import { jsonLocator, validateConfig } from "../../generator/config/define-config.js";
import { GeneratorError } from "../../generator/diagnostics/diagnostic.js";
import { DIAGNOSTIC_KINDS, isUsageKind, type DiagnosticKind } from "../../generator/diagnostics/messages.js";
import { defineConfig, type SoapkitConfig } from "../../generator/index.js";
import { captureIO } from "./helpers.js";

function usageError(fn: () => unknown): GeneratorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GeneratorError) return e;
    throw e;
  }
  throw new Error("expected a GeneratorError");
}

describe("parseArgs", () => {
  it("parses flags, values, --x=y, lists and integers", () => {
    const { positionals, options } = parseArgs([
      "a.wsdl",
      "--out",
      "gen",
      "--long=string",
      "--operations",
      "A, B,A",
      "--watch",
      "--debounce",
      "50",
      "b.wsdl",
    ]);
    expect(positionals).toEqual(["a.wsdl", "b.wsdl"]);
    expect(options).toEqual({ out: "gen", long: "string", operations: ["A", "B"], watch: true, debounce: 50 });
  });

  it("an unknown option fails, suggests the closest and lists the valid ones", () => {
    const e = usageError(() => parseArgs(["--chek"]));
    expect(e.diagnostics[0]).toMatchObject({
      kind: "option-unknown",
      message: "unknown option '--chek' (did you mean --check?)",
    });
    for (const name of Object.keys(OPTION_SPECS)) expect(e.diagnostics[0]!.hint).toContain(`--${name}`);
    expect(usageError(() => parseArgs(["-x"])).diagnostics[0]!.kind).toBe("option-unknown");
  });

  it("conflicting options fail and name the alternatives", () => {
    const e = usageError(() => parseArgs(["--check", "--watch"]));
    expect(e.diagnostics[0]).toMatchObject({
      kind: "option-conflict",
      message: "--check and --watch cannot be used together",
      hint: "use one of: --check, --watch",
    });
    expect(usageError(() => parseArgs(["--check", "--force"])).diagnostics[0]!.kind).toBe("option-conflict");
    expect(usageError(() => parseArgs(["--debounce", "10"])).diagnostics[0]).toMatchObject({
      kind: "option-conflict",
      message: "--debounce only applies together with --watch",
    });
    expect(usageError(() => parseArgs(["--long", "string", "--long", "number"])).diagnostics[0]!.kind).toBe(
      "option-conflict",
    );
  });

  it("invalid values list the valid ones", () => {
    expect(usageError(() => parseArgs(["--long", "int64"])).diagnostics[0]).toMatchObject({
      kind: "option-invalid",
      message: '--long must be one of bigint, string, number (got "int64")',
    });
    expect(usageError(() => parseArgs(["--type-prefix", "9x"])).diagnostics[0]!.message).toMatch(
      /must be an identifier/,
    );
    expect(usageError(() => parseArgs(["--debounce", "-1", "--watch"])).diagnostics[0]!.kind).toBe("option-invalid");
    expect(usageError(() => parseArgs(["--out"])).diagnostics[0]!.message).toMatch(/needs a value/);
    expect(usageError(() => parseArgs(["--check=yes"])).diagnostics[0]!.message).toMatch(/takes no value/);
  });
});

describe("help", () => {
  it("is generated from the spec: every option, its values/defaults, config keys and exit codes", () => {
    const help = helpText();
    for (const [name, spec] of Object.entries(OPTION_SPECS)) {
      expect(help).toContain(`--${name}`);
      expect(help).toContain(spec.description);
      if (spec.config) expect(help).toContain(configKey(name));
    }
    expect(help).toContain("--long <bigint|string|number>");
    expect(help).toContain("default: 150");
    for (const code of ["0 ", "1 ", "2 ", "64", "70"]) expect(help).toMatch(new RegExp(`^  ${code}`, "m"));
  });

  it("main prints it for --help (exit 0) and for no command (exit 64); unknown commands are usage errors", async () => {
    const ok = captureIO();
    expect(await main(["generate", "--help"], ok.io)).toBe(0);
    expect(ok.out.join("\n")).toContain("Usage: soapkit generate");
    const none = captureIO();
    expect(await main([], none.io)).toBe(64);
    const bad = captureIO();
    expect(await main(["generat"], bad.io)).toBe(64);
    expect(bad.err.join("\n")).toContain("unknown command 'generat'");
  });

  it("unknown and conflicting options exit 64 without a stack trace", async () => {
    for (const argv of [
      ["generate", "x.wsdl", "--nope"],
      ["generate", "x.wsdl", "--check", "--watch"],
      ["generate", "x.wsdl", "--config", "c.json"],
    ]) {
      const c = captureIO();
      expect(await main(argv, c.io)).toBe(64);
      expect(c.err[0]).toMatch(/^soapkit: error option-(unknown|conflict): /);
      expect(c.text()).not.toMatch(/\n\s+at /);
    }
  });
});

describe("diagnostics", () => {
  it("every catalog kind prints as file:line:col: error KIND: message + hint", () => {
    for (const kind of Object.keys(DIAGNOSTIC_KINDS) as DiagnosticKind[]) {
      const text = diagnosticText(
        { kind, message: "something happened", location: { file: "/work/x/a.wsdl", line: 3, column: 7 } },
        "/work/x",
      );
      expect(text).toBe(`a.wsdl:3:7: error ${kind}: something happened\n  hint: ${DIAGNOSTIC_KINDS[kind].hint}`);
      expect(diagnosticText({ kind, message: "m" }, "/")).toMatch(new RegExp(`^soapkit: error ${kind}: m\\n  hint: `));
    }
    expect(isUsageKind("option-unknown")).toBe(true);
    expect(isUsageKind("xml-malformed")).toBe(false);
  });
});

describe("config file contract", () => {
  it("defineConfig types sources and camelCase options derived from the spec", () => {
    const config = defineConfig({
      sources: [
        "a.wsdl",
        {
          input: "https://host/Remote/Services84/EMail.svc?singleWsdl",
          out: "gen/email",
          operations: ["SyncEmailAccount"],
        },
      ],
      options: {
        long: "string",
        dateTime: "Date",
        methodCase: "pascal",
        typePrefix: "I",
        allowRemoteImports: true,
        maxDocuments: 10,
        operations: ["X"],
      },
    });
    expectTypeOf(config).toEqualTypeOf<SoapkitConfig>();
    expectTypeOf<NonNullable<SoapkitConfig["options"]>["long"]>().toEqualTypeOf<
      "bigint" | "string" | "number" | undefined
    >();
    // @ts-expect-error CLI-only options are not config options
    defineConfig({ sources: [], options: { check: true } });
    // @ts-expect-error options are camelCase in a config file
    defineConfig({ sources: [], options: { "date-time": "Date" } });
  });

  it("validation reports every problem with its location, and suggests camelCase keys", () => {
    const text =
      '{\n  "sources": [{ "input": "a.wsdl", "outDir": "x" }],\n  "options": { "date-time": "Date", "long": "int64", "bogus": 1 }\n}\n';
    const e = usageError(() =>
      validateConfig(JSON.parse(text), "/c/soapkit.config.json", jsonLocator(text, "/c/soapkit.config.json")),
    );
    const lines = e.diagnostics.map((d) => diagnosticText(d, "/c"));
    expect(lines[0]).toMatch(/^soapkit\.config\.json:2:36: error config-invalid: unknown key 'outDir' in sources\[0\]/);
    expect(lines.join("\n")).toContain(
      "soapkit.config.json:3:16: error option-unknown: unknown option 'date-time' in options (did you mean dateTime?)",
    );
    expect(lines.join("\n")).toContain(
      'soapkit.config.json:3:37: error option-invalid: options.long must be one of bigint, string, number (got "int64")',
    );
    expect(lines.join("\n")).toMatch(
      /unknown option 'bogus' in options\n  hint: valid options: out, operations, allowRemoteImports/,
    );
  });
});

/**
 * Bad WSDL corpus, end to end through the CLI (`main()` in-process, a few through the real
 * bin in a child process). For every case:
 * - a diagnostic of the expected kind, at `file:line:col` where a location is meaningful;
 * - exit code 2 (bad input), no stack trace (`    at ` lines) anywhere in the output;
 * - the output folder (a previous generation + a user file) is byte-for-byte unchanged and
 *   no temporary folder is left beside it;
 * - the run ends well within a hang guard (10 s; it is not a timing test).
 * Hostile inputs (XXE, entity bomb, 50 MB document, deep nesting, secret file imported as a
 * schema) must additionally never echo the content they point at.
 *
 * Fixtures: test/reliability/fixtures/bad-wsdl/ (one file per case, imports in imports/);
 * the huge and deeply nested documents are generated into a temp folder at test time.
 */
import { tsFiles, typecheck } from "../helpers/typecheck.js";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../generator/cli/main.js";
import type { DiagnosticKind } from "../../generator/diagnostics/messages.js";
import { recordSection, type ResultRow } from "./helpers/results.js";

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const FIX = join(REPO, "test/reliability/fixtures/bad-wsdl");
const SECRET = readFileSync(join(FIX, "xxe-secret.txt"), "utf8").trim();
/** Hang guard per case (generous: the suite shares 2 cores with other test files). */
const HANG_GUARD_MS = 10_000;

let TMP: string;
let OUT: string;
const generated: Record<string, string> = {};
const rows: ResultRow[] = [];

// ------------------------------------------------------------------------------ helpers

interface CliRun {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly ms: number;
}

async function runCli(args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const t0 = performance.now();
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd: FIX });
  return { code, out: out.join("\n"), err: err.join("\n"), ms: performance.now() - t0 };
}

function runBin(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(REPO, "bin/soapkit.mjs"), ...args], {
      cwd: FIX,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (err += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, out, err, ms: performance.now() - t0 });
    });
  });
}

/** sha256 over every path and file content under `dir` (sorted). */
async function treeHash(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  const h = createHash("sha256");
  for (const f of files) {
    h.update(f.slice(dir.length));
    h.update("\0");
    h.update(await readFile(f));
    h.update("\0");
  }
  return `${files.length}:${h.digest("hex")}`;
}

/** 1-based `line:col` of the `occurrence`-th match of `needle` in `text`. */
function locate(text: string, needle: string, occurrence = 1): string {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`snippet not found: ${needle}`);
  }
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return `${line}:${at - before.lastIndexOf("\n")}`;
}

const DIAG = /^(?:(.+?):(\d+):(\d+): )?(?:soapkit: )?error ([a-z-]+): (.*)$/;

interface ParsedDiagnostic {
  readonly file: string | undefined;
  readonly line: number;
  readonly col: number;
  readonly kind: string;
  readonly message: string;
}

function diagnostics(stderr: string): ParsedDiagnostic[] {
  const found: ParsedDiagnostic[] = [];
  for (const l of stderr.split("\n")) {
    const m = DIAG.exec(l);
    if (m === null) continue;
    found.push({
      file: m[1] !== undefined ? resolve(FIX, m[1]) : undefined,
      line: Number(m[2] ?? 0),
      col: Number(m[3] ?? 0),
      kind: m[4]!,
      message: m[5]!,
    });
  }
  return found;
}

/** `file:line:col` for the report (fixture-relative, or the base name of a generated file). */
function where(d: ParsedDiagnostic): string {
  if (d.file === undefined) return "(no location)";
  return `${d.file.startsWith(FIX) ? d.file.slice(FIX.length + 1) : d.file.split("/").pop()}:${d.line}:${d.col}`;
}

// --------------------------------------------------------------------------------- cases

type Location =
  /** No location (e.g. the root document does not exist). */
  | "none"
  /** Some position inside the file (parser errors: where saxes noticed). */
  | { readonly file?: string; readonly fileSuffix?: string; readonly anywhere: true }
  /** The first character of the `occurrence`-th match of `snippet` in `file`. */
  | { readonly file?: string; readonly snippet: string; readonly occurrence?: number }
  | { readonly file?: string; readonly exact: string };

interface BadCase {
  readonly name: string;
  /** Fixture file (relative to fixtures/bad-wsdl) or a key of `generated`. */
  readonly input: string;
  readonly kind: DiagnosticKind;
  readonly at: Location;
  readonly message?: readonly string[];
  /** Strings that must appear nowhere in stdout, stderr or the output folder. */
  readonly never?: readonly string[];
}

const CASES: readonly BadCase[] = [
  // --- not a WSDL at all
  { name: "not XML (plain text)", input: "not-xml.wsdl", kind: "xml-malformed", at: { anywhere: true } },
  { name: "empty file", input: "empty.wsdl", kind: "xml-empty", at: { exact: "1:1" } },
  { name: "whitespace only", input: "whitespace-only.wsdl", kind: "xml-empty", at: { exact: "1:1" } },
  { name: "binary garbage", input: "binary-garbage.wsdl", kind: "xml-malformed", at: { anywhere: true } },
  {
    name: "truncated document",
    input: "truncated.wsdl",
    kind: "xml-malformed",
    at: { anywhere: true },
    message: ["unclosed tag"],
  },
  { name: "mismatched close tag", input: "mismatched-tags.wsdl", kind: "xml-malformed", at: { anywhere: true } },
  { name: "unclosed attribute value", input: "unclosed-attribute.wsdl", kind: "xml-malformed", at: { anywhere: true } },
  { name: "root file does not exist", input: "no-such-file.wsdl", kind: "io-not-found", at: "none" },
  { name: "root is a directory", input: "imports", kind: "io-read", at: "none" },
  // --- wrong root / namespaces / prefixes
  {
    name: "wrong root (an HTML login page)",
    input: "wrong-root-html.wsdl",
    kind: "wsdl-root",
    at: { snippet: "<html" },
  },
  { name: "wrong root (xs:schema)", input: "wrong-root-schema.wsdl", kind: "wsdl-root", at: { snippet: "<xs:schema" } },
  {
    name: "WSDL 2.0 namespace",
    input: "wsdl20-namespace.wsdl",
    kind: "wsdl-root",
    at: { snippet: "<description" },
    message: ["WSDL 2.0"],
  },
  {
    name: "typo'd WSDL namespace",
    input: "typo-wsdl-namespace.wsdl",
    kind: "wsdl-root",
    at: { snippet: "<wsdl:definitions" },
    message: ["wsdI/"],
  },
  {
    name: "undeclared element prefix",
    input: "unknown-element-prefix.wsdl",
    kind: "xml-unknown-prefix",
    at: { snippet: "<ext:policy" },
    message: ['"ext"'],
  },
  {
    name: "undeclared prefix in a QName",
    input: "unknown-qname-prefix.wsdl",
    kind: "xml-unknown-prefix",
    at: { snippet: 'element="nope:Echo"' },
    message: ['"nope"'],
  },
  // --- unresolved references
  {
    name: "unresolved type",
    input: "unresolved-type.wsdl",
    kind: "xsd-unresolved-type",
    at: { snippet: 'type="tns:NoSuchType"' },
  },
  {
    name: "unresolved element ref",
    input: "unresolved-element-ref.wsdl",
    kind: "xsd-unresolved-element",
    at: { snippet: 'ref="tns:NoSuchElement"' },
  },
  {
    name: "unresolved part element",
    input: "unresolved-part-element.wsdl",
    kind: "xsd-unresolved-element",
    at: { snippet: 'element="tns:NoSuchWrapper"' },
  },
  {
    name: "unresolved message",
    input: "unresolved-message.wsdl",
    kind: "wsdl-unresolved",
    at: { snippet: 'message="tns:NoSuchMessage"' },
  },
  {
    name: "unresolved binding",
    input: "unresolved-binding.wsdl",
    kind: "wsdl-unresolved",
    at: { snippet: 'binding="tns:NoSuchBinding"' },
  },
  {
    name: "unresolved portType",
    input: "unresolved-porttype.wsdl",
    kind: "wsdl-unresolved",
    at: { snippet: 'type="tns:NoSuchPortType"' },
  },
  // --- imports
  {
    name: "missing wsdl:import file",
    input: "missing-wsdl-import.wsdl",
    kind: "io-not-found",
    at: { snippet: 'location="imports/does-not-exist.wsdl"' },
  },
  {
    name: "missing xs:import file",
    input: "missing-xsd-import.wsdl",
    kind: "io-not-found",
    at: { snippet: 'schemaLocation="imports/no-such-schema.xsd"' },
  },
  {
    name: "xs:include of a directory",
    input: "import-directory.wsdl",
    kind: "io-read",
    at: { snippet: 'schemaLocation="imports"' },
  },
  {
    name: "wsdl:import cycle (a → b → a)",
    input: "import-cycle.wsdl",
    kind: "wsdl-import-cycle",
    at: { file: "imports/cycle-b.wsdl", snippet: 'location="../import-cycle.wsdl"' },
  },
  {
    name: "wsdl:import of itself",
    input: "self-import.wsdl",
    kind: "wsdl-import-cycle",
    at: { snippet: 'location="self-import.wsdl"' },
  },
  {
    name: "imported schema is malformed",
    input: "import-malformed.wsdl",
    kind: "xml-malformed",
    at: { file: "imports/malformed.xsd", anywhere: true },
  },
  {
    name: "import from a remote origin (no fetch)",
    input: "import-remote-origin.wsdl",
    kind: "io-remote-origin",
    at: { snippet: 'schemaLocation="http://127.0.0.1:9/types.xsd"' },
  },
  {
    name: "local secret file imported as a schema",
    input: "import-local-secret.wsdl",
    kind: "xml-malformed",
    at: { file: "xxe-secret.txt", anywhere: true },
    never: [SECRET, "7f3a9c2e51d84b06"],
  },
  {
    name: "more than 200 documents (generated chain)",
    input: "import-chain",
    kind: "io-too-many-documents",
    at: { fileSuffix: ".xsd", anywhere: true },
    message: ["more than 200 documents"],
  },
  // --- duplicates
  {
    name: "duplicate wsdl:message",
    input: "duplicate-message.wsdl",
    kind: "wsdl-duplicate",
    at: { snippet: '<wsdl:message name="EchoRequest">', occurrence: 2 },
  },
  {
    name: "duplicate xs:complexType",
    input: "duplicate-complextype.wsdl",
    kind: "xsd-duplicate",
    at: { snippet: '<xs:complexType name="Item">', occurrence: 2 },
  },
  {
    name: "duplicate binding operation",
    input: "duplicate-binding-operation.wsdl",
    kind: "wsdl-duplicate",
    at: { snippet: '<wsdl:operation name="Echo">', occurrence: 3 },
  },
  {
    name: "duplicate wsdl:service",
    input: "duplicate-service.wsdl",
    kind: "wsdl-duplicate",
    at: { snippet: '<wsdl:service name="EchoService">', occurrence: 2 },
  },
  // --- derivation cycles (issue 10: used to exit 0 with output failing TS2310/TS2456)
  {
    name: "complexContent extension cycle",
    input: "extension-cycle.wsdl",
    kind: "xsd-invalid",
    at: { snippet: '<xs:complexType name="Base">' },
    message: ["derives from itself"],
  },
  {
    name: "simpleType restricting itself",
    input: "restriction-cycle.wsdl",
    kind: "xsd-invalid",
    at: { snippet: '<xs:simpleType name="Code">' },
    message: ["derives from itself"],
  },
  // --- unsupported constructs reached by an operation
  {
    name: "element name repeated after another",
    input: "unsupported-repeated-name.wsdl",
    kind: "xsd-unsupported",
    at: { snippet: '<xs:element name="a"', occurrence: 2 },
  },
  {
    name: "attribute and element of one name",
    input: "unsupported-name-clash.wsdl",
    kind: "xsd-unsupported",
    at: { snippet: '<xs:attribute name="id"' },
  },
  {
    name: "xs:simpleType without a derivation",
    input: "unsupported-simple-type.wsdl",
    kind: "xsd-unsupported",
    at: { snippet: '<xs:simpleType name="IntOrDate">' },
  },
  {
    name: "unknown binding style",
    input: "unsupported-style.wsdl",
    kind: "wsdl-unsupported",
    at: { snippet: '<wsdl:operation name="Echo">', occurrence: 2 },
    message: ['style="message"'],
  },
  {
    name: "encoded use",
    input: "unsupported-encoded-use.wsdl",
    kind: "wsdl-unsupported",
    at: { snippet: '<soap:body use="encoded"' },
    message: ['use="encoded"'],
  },
  // --- invalid names, missing pieces
  {
    name: "operation name starts with a digit",
    input: "invalid-name-digit-operation.wsdl",
    kind: "wsdl-invalid",
    at: { snippet: 'name="1Echo"' },
    message: ['"1Echo"', "NCName"],
  },
  {
    name: "element name starts with a digit",
    input: "invalid-name-digit-element.wsdl",
    kind: "xsd-invalid",
    at: { snippet: 'name="9lives"' },
    message: ['"9lives"'],
  },
  {
    name: "type name starts with a digit",
    input: "invalid-name-digit-type.wsdl",
    kind: "xsd-invalid",
    at: { snippet: 'name="2Fast"' },
    message: ['"2Fast"'],
  },
  {
    name: "wsdl:message without a name",
    input: "missing-name.wsdl",
    kind: "wsdl-invalid",
    at: { snippet: "<wsdl:message>" },
  },
  {
    name: "binding with no SOAP port (HTTP binding only)",
    input: "no-soap-port.wsdl",
    kind: "wsdl-no-soap-port",
    at: { snippet: "<wsdl:definitions" },
  },
  {
    name: "no wsdl:service",
    input: "no-service.wsdl",
    kind: "wsdl-no-soap-port",
    at: { snippet: "<wsdl:definitions" },
  },
  // --- hostile documents
  {
    name: "XXE: external entity to a local file",
    input: "xxe-local-file.wsdl",
    kind: "xml-doctype",
    at: { snippet: "<!DOCTYPE" },
    never: [SECRET, "7f3a9c2e51d84b06"],
  },
  {
    name: "entity expansion bomb (billion laughs)",
    input: "entity-bomb.wsdl",
    kind: "xml-doctype",
    at: { snippet: "<!DOCTYPE" },
    never: ["lollollol"],
  },
  {
    name: "50 MB document (over the 16 MiB per-document limit)",
    input: "huge-50mb",
    kind: "io-too-large",
    at: { exact: "1:1" },
    message: ["huge-50mb.wsdl", "16777216"],
  },
  {
    name: "5000 levels of nested anonymous types",
    input: "deep-nesting",
    kind: "xml-too-deep",
    at: { anywhere: true },
  },
];

function inputPath(c: BadCase): string {
  return generated[c.input] ?? join(FIX, c.input);
}

function expectedFile(c: BadCase): string {
  const at = c.at;
  if (at !== "none" && at.file !== undefined) return join(FIX, at.file);
  return inputPath(c);
}

function checkCase(c: BadCase, run: CliRun): ParsedDiagnostic {
  const all = `${run.out}\n${run.err}`;
  expect(run.code, all).toBe(2);
  expect(all).not.toMatch(/^\s+at /m);
  expect(all).not.toMatch(/internal error/);
  const ds = diagnostics(run.err);
  const d = ds.find((x) => x.kind === c.kind);
  expect(d, `expected a ${c.kind} diagnostic in:\n${run.err}`).toBeDefined();
  for (const part of c.message ?? []) expect(d!.message).toContain(part);
  const at = c.at;
  if (at === "none") {
    expect(d!.file).toBeUndefined();
  } else {
    const file = "fileSuffix" in at && at.fileSuffix !== undefined ? d!.file! : expectedFile(c);
    if ("fileSuffix" in at && at.fileSuffix !== undefined)
      expect(d!.file).toMatch(new RegExp(`${at.fileSuffix.replace(".", "\\.")}$`));
    else expect(d!.file).toBe(file);
    if ("exact" in at) expect(`${d!.line}:${d!.col}`).toBe(at.exact);
    else if ("snippet" in at)
      expect(`${d!.line}:${d!.col}`).toBe(locate(readFileSync(file, "utf8"), at.snippet, at.occurrence ?? 1));
    else {
      expect(d!.line).toBeGreaterThanOrEqual(1);
      expect(d!.col).toBeGreaterThanOrEqual(1);
    }
  }
  for (const s of c.never ?? []) expect(all).not.toContain(s);
  return d!;
}

// ---------------------------------------------------------------------------------- setup

const GOOD = join(FIX, "good.wsdl");

beforeAll(async () => {
  TMP = mkdtempSync(join(tmpdir(), "soapkit-reliability-"));
  OUT = join(TMP, "out");

  // Huge: a valid WSDL padded to 50 MB with an XML comment (parsable if the limit is raised).
  const good = readFileSync(GOOD, "utf8");
  const pad = `<!-- ${"padding ".repeat((50 * 1024 * 1024) / 8)} -->`;
  generated["huge-50mb"] = join(TMP, "huge-50mb.wsdl");
  writeFileSync(generated["huge-50mb"], good.replace("<wsdl:types>", `${pad}\n  <wsdl:types>`));

  // Deep: 5000 nested anonymous types (would overflow the stack of a recursive reader).
  let inner = `<xs:element name="leaf" type="xs:string"/>`;
  for (let i = 0; i < 5000; i++)
    inner = `<xs:element name="n${i}"><xs:complexType><xs:sequence>${inner}</xs:sequence></xs:complexType></xs:element>`;
  generated["deep-nesting"] = join(TMP, "deep-nesting.wsdl");
  writeFileSync(generated["deep-nesting"], good.replace(`<xs:element name="text" type="xs:string"/>`, inner));

  // A chain of 250 schemas, each including the next.
  const chain = join(TMP, "chain");
  await mkdir(chain);
  for (let i = 0; i < 250; i++) {
    await writeFile(
      join(chain, `s${i}.xsd`),
      `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:reliability"><xs:include schemaLocation="s${i + 1}.xsd"/></xs:schema>\n`,
    );
  }
  generated["import-chain"] = join(chain, "root.wsdl");
  writeFileSync(
    generated["import-chain"],
    good.replace(
      `<xs:schema elementFormDefault="qualified" targetNamespace="urn:reliability" xmlns:xs="http://www.w3.org/2001/XMLSchema">`,
      `$&\n      <xs:include schemaLocation="s0.xsd"/>`,
    ),
  );

  // The output folder: a previous successful generation plus a file the user put there.
  const first = await runCli(["generate", GOOD, "--out", OUT]);
  expect(first.code, first.err).toBe(0);
  await writeFile(join(OUT, "NOTES.md"), "my notes: soapkit must never delete or change this\n");
  await mkdir(join(OUT, "custom"), { recursive: true });
  await writeFile(join(OUT, "custom", "extension.ts"), "export const mine = 1;\n");
}, 120_000);

afterAll(async () => {
  rmSync(TMP, { recursive: true, force: true });
  await recordSection("bad-wsdl", {
    title: "Bad WSDL corpus (CLI, in-process and child process)",
    rows,
    notes: [
      "Every case: exit 2, no stack trace, output folder (previous generation + user files) byte-identical, no temp folder left, within the 10 s hang guard.",
      "ms = wall time of the whole CLI run on the test machine (shared with the other test files).",
    ],
  });
});

// ---------------------------------------------------------------------------------- tests

describe("bad WSDL corpus through main()", () => {
  it("has at least 30 cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const before = await treeHash(OUT);
    const siblings = (await readdir(TMP)).sort();
    const run = await runCli(["generate", inputPath(c), "--out", OUT]);
    const d = checkCase(c, run);
    expect(run.ms).toBeLessThan(HANG_GUARD_MS);
    expect(await treeHash(OUT)).toBe(before);
    expect((await readdir(TMP)).sort()).toEqual(siblings);
    if (c.never !== undefined) {
      const files = await readdir(OUT, { recursive: true, withFileTypes: true });
      for (const f of files.filter((e) => e.isFile())) {
        const text = await readFile(join(f.parentPath, f.name), "utf8");
        for (const s of c.never) expect(text).not.toContain(s);
      }
    }
    rows.push({
      case: c.name,
      outcome: c.kind,
      where: where(d),
      exit: run.code,
      ms: Math.round(run.ms),
      via: "main()",
    });
  });

  it("a 50 MB document under a raised --max-bytes limit is generated within a bounded time", async () => {
    const out = join(TMP, "huge-out");
    const run = await runCli([
      "generate",
      generated["huge-50mb"]!,
      "--out",
      out,
      "--max-bytes",
      String(64 * 1024 * 1024),
    ]);
    expect(run.code, run.err).toBe(0);
    expect(run.err).not.toMatch(/^\s+at /m);
    expect(run.ms).toBeLessThan(60_000);
    rows.push({
      case: "50 MB document with --max-bytes 64 MiB",
      outcome: "ok (generated)",
      where: "",
      exit: run.code,
      ms: Math.round(run.ms),
      via: "main()",
    });
  }, 90_000);
});

describe("bad WSDL corpus through the real bin (child process)", () => {
  const BIN_CASES = [
    "not XML (plain text)",
    "missing wsdl:import file",
    "XXE: external entity to a local file",
    "50 MB document (over the 16 MiB per-document limit)",
    "5000 levels of nested anonymous types",
  ];

  it.each(BIN_CASES)(
    "%s",
    async (name) => {
      const c = CASES.find((x) => x.name === name)!;
      const before = await treeHash(OUT);
      const run = await runBin(["generate", inputPath(c), "--out", OUT]);
      const d = checkCase(c, run);
      expect(run.out).toBe("");
      expect(run.ms).toBeLessThan(30_000); // node + tsx startup included
      expect(await treeHash(OUT)).toBe(before);
      rows.push({
        case: `${name} (bin)`,
        outcome: c.kind,
        where: where(d),
        exit: run.code,
        ms: Math.round(run.ms),
        via: "bin/soapkit.mjs",
      });
    },
    60_000,
  );
});

describe("names that are hard for TypeScript succeed with safe names", () => {
  const OK_OUT = join(REPO, "test/.out/reliability");

  it("TypeScript reserved words (delete, class, enum, interface, new, this, __proto__) and non-ASCII names", async () => {
    const outs = { reserved: join(OK_OUT, "reserved"), unicode: join(OK_OUT, "unicode") };
    const r1 = await runCli(["generate", join(FIX, "reserved-words.wsdl"), "--out", outs.reserved]);
    const r2 = await runCli(["generate", join(FIX, "non-ascii-names.wsdl"), "--out", outs.unicode]);
    expect(r1.code, r1.err).toBe(0);
    expect(r2.code, r2.err).toBe(0);

    const reserved = (await Promise.all((await tsFiles(outs.reserved)).map((f) => readFile(f, "utf8")))).join("\n");
    expect(reserved).toMatch(/\bdelete_\(/); // method: escaped
    expect(reserved).toContain('invoke<void>("delete"'); // wire name: unchanged
    expect(reserved).toMatch(/export type enum_ = "void" \| "null"/);
    expect(reserved).toMatch(/export interface interface_ \{/);
    expect(reserved).toMatch(/\bclass: string;/); // property keys may be reserved words
    const unicode = (await Promise.all((await tsFiles(outs.unicode)).map((f) => readFile(f, "utf8")))).join("\n");
    for (const name of ["überweisung(", "Größe:", "名前:", "Ñandú: Città", "Straße:"]) expect(unicode).toContain(name);

    const errors = typecheck([...(await tsFiles(outs.reserved)), ...(await tsFiles(outs.unicode))], {
      exactOptionalPropertyTypes: true,
    });
    expect(errors).toEqual([]);
    rows.push({
      case: "TypeScript reserved words as names",
      outcome: "ok (compiles, escaped: delete_, enum_, interface_)",
      where: "",
      exit: r1.code,
      ms: Math.round(r1.ms),
      via: "main()",
    });
    rows.push({
      case: "non-ASCII names",
      outcome: "ok (compiles, names kept)",
      where: "",
      exit: r2.code,
      ms: Math.round(r2.ms),
      via: "main()",
    });
  }, 120_000);
});

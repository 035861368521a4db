/**
 * A consumer's `tsc --noEmit` over generated clients of one WSDL: soapkit's output, wsdl-tsclient
 * 1.7.1's output and a one-line project, each a project of its own with the same compiler
 * options (strict, NodeNext, target ES2022, `types: ["node"]`), once with `skipLibCheck` on and
 * once off; tsc from node_modules/typescript; the three projects alternate in every round.
 *
 * wsdl-tsclient's output for the SuperOffice EMail WSDL does not compile as written; the
 * minimal fixes applied here: (1) its project is CommonJS (`"type": "commonjs"`) because its
 * relative imports have no extension, which NodeNext refuses in an ES module; (2) a parameter
 * named `delete` (a reserved word) is renamed `delete_`; (3) the client interface's closing
 * brace, printed after `createClientAsync`, is moved before it. Each app file imports the
 * client factory so that the whole output is reached.
 *
 *   node --import tsx bench/gen-typecheck.ts <wsdl> <workDir> [rounds]
 *
 * Prints `TYPECHECK <json>`.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./config.js";
import { runNodeOk } from "./lib/proc.js";

const [wsdl, work, roundsArg] = process.argv.slice(2);
if (!wsdl || !work) throw new Error("usage: gen-typecheck.ts <wsdl> <workDir> [rounds]");
const rounds = Number(roundsArg ?? 5);
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");

/** The projects, all inside the repository so that @soapkit/runtime, soap and @types/node resolve. */
const PROJECTS = {
  soapkit: {
    type: "module",
    app: 'import { createEMailClient } from "./generated/index.js";\nexport const client: typeof createEMailClient = createEMailClient;\n',
  },
  "wsdl-tsclient": {
    type: "commonjs",
    app: 'import { createClientAsync } from "./generated/services84email/index";\nexport const client: typeof createClientAsync = createClientAsync;\n',
  },
  "one-line": { type: "module", app: "export const one: number = 1;\n" },
} as const;
type Name = keyof typeof PROJECTS;
const NAMES = Object.keys(PROJECTS) as Name[];

function tsconfig(skipLibCheck: boolean): string {
  const compilerOptions = {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    strict: true,
    skipLibCheck,
    noEmit: true,
    types: ["node"],
  };
  return `${JSON.stringify({ compilerOptions, include: ["**/*.ts"] }, null, 2)}\n`;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => f.endsWith(".ts") && statSync(f).isFile());
}

/** The minimal hand fixes wsdl-tsclient's output needs to compile (see the header). */
function fixWsdlTsclient(dir: string): string[] {
  const fixes: string[] = [];
  for (const file of tsFiles(dir)) {
    let text = readFileSync(file, "utf8");
    const before = text;
    text = text.replace(/\(delete: /g, "(delete_: ");
    const create = text.indexOf("\n/** Create ");
    if (create >= 0 && /\n}\s*$/.test(text) && !/\n}\s*\n\/\*\* Create /.test(text)) {
      text = `${text.slice(0, create)}\n}${text.slice(create).replace(/\n}\s*$/, "\n")}`;
    }
    if (text !== before) {
      writeFileSync(file, text);
      fixes.push(file.slice(dir.length + 1));
    }
  }
  return fixes;
}

async function setUp(): Promise<string[]> {
  rmSync(work!, { recursive: true, force: true });
  for (const name of NAMES) {
    mkdirSync(join(work!, name), { recursive: true });
    writeFileSync(join(work!, name, "package.json"), `${JSON.stringify({ type: PROJECTS[name].type })}\n`);
    writeFileSync(join(work!, name, "app.ts"), PROJECTS[name].app);
  }
  const gen = (n: Name): string => join(work!, n, "generated");
  await runNodeOk([join(ROOT, "generator/dist/cli/bin.cjs"), "generate", wsdl!, "--out", gen("soapkit")], {
    rss: false,
  });
  const wt = join(ROOT, "node_modules/wsdl-tsclient/dist/src/cli.js");
  await runNodeOk([wt, wsdl!, "-o", gen("wsdl-tsclient")], { cwd: ROOT, rss: false });
  return fixWsdlTsclient(gen("wsdl-tsclient"));
}

interface Diagnostics {
  readonly files: number;
  readonly lines: number;
  readonly types: number;
  readonly instantiations: number;
  readonly checkMs: number;
}

function parseDiagnostics(out: string): Diagnostics {
  const num = (label: string): number => Number(new RegExp(`${label}:\\s+([\\d.]+)`).exec(out)?.[1] ?? NaN);
  return {
    files: num("Files"),
    lines: num("Lines of TypeScript"),
    types: num("Types"),
    instantiations: num("Instantiations"),
    checkMs: num("Check time") * 1000,
  };
}

const fixes = await setUp();
const wall: Record<string, number[]> = {};
const diagnostics: Record<string, Diagnostics> = {};
for (const skipLibCheck of [true, false]) {
  for (const name of NAMES) writeFileSync(join(work, name, "tsconfig.json"), tsconfig(skipLibCheck));
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < NAMES.length; k++) {
      const name = NAMES[(k + round) % NAMES.length]!; // rotate the order per round
      const key = `${name}${skipLibCheck ? "" : " (skipLibCheck off)"}`;
      const run = await runNodeOk([TSC, "-p", ".", "--extendedDiagnostics"], { cwd: join(work, name), rss: false });
      (wall[key] ??= []).push(run.wallMs);
      diagnostics[key] = parseDiagnostics(run.stdout);
    }
  }
}
process.stdout.write(`TYPECHECK ${JSON.stringify({ fixes, wall, diagnostics })}\n`);

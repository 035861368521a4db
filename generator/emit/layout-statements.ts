/**
 * Prints the ts-morph statement structures of a file in prettier's layout (pinned options):
 * types, property types and array initialisers are laid out before they are printed
 * (format/type-layout.ts; printer: emit/print-structures.ts), method signatures that do not
 * fit are broken after printing.
 * Returns undefined when a layout is not certain; the caller then lets prettier format the file.
 */
import type {
  InterfaceDeclarationStructure,
  MethodSignatureStructure,
  OptionalKind,
  PropertySignatureStructure,
  StatementStructures,
  VariableStatementStructure,
} from "ts-morph";
import { Unsure, WIDTH, layoutCertain, pad, quoteString } from "../format/layout-rules.js";
import { afterColon, afterEquals } from "../format/type-layout.js";
import { printStructures } from "./print-structures.js";
import { StructureKind } from "./structures.js";

/** `type` text of a property at `indent`, laid out for column 0. */
function propertyType(p: OptionalKind<PropertySignatureStructure>, indent: number): string {
  const head = `${p.name}${p.hasQuestionToken === true ? "?" : ""}:`;
  return afterColon(String(p.type), indent, head.length);
}

function paramText(p: { name: string; type?: unknown; hasQuestionToken?: boolean }): string {
  return `${p.name}${p.hasQuestionToken === true ? "?" : ""}: ${String(p.type)}`;
}

/** The one-line signature as printed and, when it is too wide, prettier's broken form. */
function methodBreak(m: OptionalKind<MethodSignatureStructure>, indent: number): [string, string] | undefined {
  const params = (m.parameters ?? []).map(paramText);
  const ret = `: ${String(m.returnType)};`;
  const line = `${pad(indent)}${m.name}(${params.join(", ")})${ret}`;
  if (line.length <= WIDTH) return undefined;
  const lines = [`${pad(indent)}${m.name}(`, ...params.map((p) => `${pad(indent + 2)}${p},`), `${pad(indent)})${ret}`];
  if (lines.some((l) => l.length > WIDTH)) throw new Unsure();
  return [line, lines.join("\n")];
}

function layoutInterface(s: InterfaceDeclarationStructure, breaks: Map<string, string>): StatementStructures {
  for (const m of s.methods ?? []) {
    const b = methodBreak(m, 2);
    if (b) breaks.set(b[0], b[1]);
  }
  return { ...s, properties: (s.properties ?? []).map((p) => ({ ...p, type: propertyType(p, 2) })) };
}

/** `[a, b]` initialiser of an exported const: flat when it fits, else one element per line. */
function layoutVariable(s: VariableStatementStructure): StatementStructures {
  const declarations = s.declarations.map((d) => {
    const init = String(d.initializer);
    const m = /^\[(.*)\]$/.exec(init);
    if (m === null) throw new Unsure();
    const items = m[1] === "" ? [] : m[1]!.split(", ");
    if (items.some((i) => !/^"(?:[^"\\]|\\.)*"$/.test(i))) throw new Unsure();
    const quoted = items.map(quoteString);
    const head = `export const ${d.name}: ${String(d.type)} = `;
    const flat = `[${quoted.join(", ")}]`;
    if (head.length + flat.length + 1 <= WIDTH || items.length === 0) return { ...d, initializer: flat };
    if (head.length + 1 <= WIDTH) return { ...d, initializer: `[\n${quoted.map((q) => `  ${q},`).join("\n")}\n]` };
    // prettier's "fluid" assignment: a head too wide for `[` moves the array to the next line
    if (2 + flat.length + 1 <= WIDTH) return { ...d, initializer: `\n  ${flat}` };
    return { ...d, initializer: `\n  [\n${quoted.map((q) => `    ${q},`).join("\n")}\n  ]` };
  });
  return { ...s, declarations };
}

function layoutStatement(s: StatementStructures, breaks: Map<string, string>): StatementStructures {
  switch (s.kind) {
    case StructureKind.TypeAlias:
      return { ...s, type: afterEquals(String(s.type), `export type ${s.name} =`.length) };
    case StructureKind.Interface:
      return layoutInterface(s, breaks);
    case StructureKind.VariableStatement:
      return layoutVariable(s);
    default:
      throw new Unsure();
  }
}

/**
 * The statements with their types and initialisers laid out for column 0, and the
 * method signature lines to break after printing. Throws `Unsure`.
 */
export function layoutStatements(statements: readonly StatementStructures[]): {
  laidOut: StatementStructures[];
  breaks: Map<string, string>;
} {
  const breaks = new Map<string, string>();
  return { laidOut: statements.map((s) => layoutStatement(s, breaks)), breaks };
}

/** The text without spaces and tabs at line ends: found by a linear search, not a backtracking replacement. */
function trimLineEnds(text: string): string {
  const lastOfRun = /[ \t](?=\n|$)/g;
  let out = "";
  let from = 0;
  for (let m = lastOfRun.exec(text); m !== null; m = lastOfRun.exec(text)) {
    let start = m.index;
    while (start > from && (text.charCodeAt(start - 1) === 32 || text.charCodeAt(start - 1) === 9)) start--;
    out += text.slice(from, start);
    from = m.index + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * Every whole line of `text` that is a key of `breaks` (method lines wider than WIDTH, never
 * empty) replaced by its broken form. Only lines as long as the shortest key are looked up,
 * found by one multiline regular expression (each line is tried once, from its start).
 */
function applyBreaks(text: string, breaks: ReadonlyMap<string, string>): string {
  let shortest = Infinity;
  for (const line of breaks.keys()) shortest = Math.min(shortest, line.length);
  const long = new RegExp(`^[^\\n]{${Math.max(1, shortest)},}`, "gm");
  let out = "";
  let from = 0;
  for (let m = long.exec(text); m !== null; m = long.exec(text)) {
    const broken = breaks.get(m[0]);
    if (broken === undefined) continue;
    out += text.slice(from, m.index) + broken;
    from = m.index + m[0].length;
  }
  return out + text.slice(from);
}

/** The statements printed in prettier's layout, or undefined when that layout is not certain. */
export function printStatements(statements: readonly StatementStructures[]): string | undefined {
  try {
    const { laidOut, breaks } = layoutStatements(statements);
    let text = trimLineEnds(printStructures(laidOut)).replace(/ \{\n\}/g, " {}");
    if (breaks.size > 0) text = applyBreaks(text, breaks);
    return layoutCertain(text, false) ? text : undefined;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

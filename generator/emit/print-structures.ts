/**
 * Prints the statement structures soapkit lays out itself (interfaces, type aliases, variable
 * statements, with their JSDoc) as ts-morph's `printStructure` prints them with two-space
 * indentation, without loading ts-morph: the file-level blank lines, `/** … *\/` docs, member
 * order and separators follow its structure printers. Types and initialisers come laid out
 * (format/type-layout.ts): a line break in one is printed as it is, its lines already indented
 * for column 0. A structure field these printers do not cover throws `Unsure`, and the file
 * then goes to ts-morph's printer and prettier. test/unit/emit/print-structures.test.ts
 * compares the output with ts-morph's (given the laid-out texts with their breaks hidden).
 */
import type {
  InterfaceDeclarationStructure,
  JSDocStructure,
  MethodSignatureStructure,
  OptionalKind,
  ParameterDeclarationStructure,
  PropertySignatureStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
  VariableDeclarationStructure,
  VariableStatementStructure,
} from "ts-morph";
import { Unsure } from "../format/layout-rules.js";
import { StructureKind } from "./structures.js";

type Docs = readonly (OptionalKind<JSDocStructure> | string)[] | undefined;

/** Fields of a structure the printers below do not print: present (and not empty), they are unsure. */
const UNCOVERED = [
  "leadingTrivia",
  "trailingTrivia",
  "typeParameters",
  "isDefaultExport",
  "hasDeclareKeyword",
  "callSignatures",
  "constructSignatures",
  "indexSignatures",
  "getAccessors",
  "setAccessors",
  "initializer",
  "hasExclamationToken",
  "isRestParameter",
  "decorators",
  "scope",
  "tags",
] as const;

function covered(structure: object, except: readonly string[] = []): void {
  const fields = structure as Record<string, unknown>;
  for (const field of UNCOVERED) {
    if (except.includes(field)) continue;
    const value = fields[field];
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
    throw new Unsure();
  }
}

/** A name or keyword on one line: a line break in one is not certain. */
function line(text: string): string {
  if (text.includes("\n") || text.includes("\r")) throw new Unsure();
  return text;
}

/** `/** text *\/`, or one ` * ` line per line of the text, each line at `indent`. */
function jsDoc(doc: OptionalKind<JSDocStructure> | string, indent: string): string {
  if (typeof doc !== "string") covered(doc);
  const text = typeof doc === "string" ? doc : (doc.description ?? "");
  if (typeof text !== "string") throw new Unsure(); // a writer function
  const lines = text.split(/\r?\n/);
  if (lines.length <= 1) return `${indent}/** ${text}${text === "" || text.endsWith(" ") ? "" : " "}*/`;
  const body = lines.slice(lines[0] === "" ? 1 : 0).map((l) => `${indent} *${l === "" ? "" : ` ${l}`}`);
  return [`${indent}/**`, ...body, `${indent} */`].join("\n");
}

function withDocs(docs: Docs, indent: string, code: string): string {
  const comments = (docs ?? []).map((d) => `${jsDoc(d, indent)}\n`).join("");
  return `${comments}${indent}${code}`;
}

/** `: type` when the structure has a (non-blank) type text. */
function typed(separator: string, type: unknown): string {
  if (type === undefined) return "";
  if (typeof type !== "string") throw new Unsure();
  return type.trim() === "" ? "" : `${separator} ${type}`;
}

function exported(s: { isExported?: boolean }): string {
  return s.isExported === true ? "export " : "";
}

function parameter(p: OptionalKind<ParameterDeclarationStructure>): string {
  covered(p);
  const optional = p.hasQuestionToken === true;
  return `${line(p.name)}${optional ? "?" : ""}${typed(":", p.type ?? (optional ? "any" : undefined))}`;
}

function property(p: OptionalKind<PropertySignatureStructure>): string {
  covered(p);
  const head = `${p.isReadonly === true ? "readonly " : ""}${line(p.name)}${p.hasQuestionToken === true ? "?" : ""}`;
  return withDocs(p.docs, "  ", `${head}${typed(":", p.type)};`);
}

function method(m: OptionalKind<MethodSignatureStructure>): string {
  covered(m);
  const params = (m.parameters ?? []).map(parameter).join(", ");
  return withDocs(
    m.docs,
    "  ",
    `${line(m.name)}${m.hasQuestionToken === true ? "?" : ""}(${params})${typed(":", m.returnType)};`,
  );
}

function interfaceDeclaration(s: InterfaceDeclarationStructure): string {
  covered(s);
  const ext: unknown[] = s.extends === undefined ? [] : Array.isArray(s.extends) ? s.extends : [s.extends];
  if (ext.some((e) => typeof e !== "string")) throw new Unsure();
  const extendsText = line(ext.join(", "));
  const head = `${exported(s)}interface ${line(s.name)} ${extendsText.trim() === "" ? "" : `extends ${extendsText} `}{`;
  const groups = [(s.properties ?? []).map(property), (s.methods ?? []).map(method)].filter((g) => g.length > 0);
  const body = groups.map((g) => g.join("\n")).join("\n");
  return `${withDocs(s.docs, "", head)}\n${body === "" ? "" : `${body}\n`}}`;
}

function typeAlias(s: TypeAliasDeclarationStructure): string {
  covered(s);
  return withDocs(s.docs, "", `${exported(s)}type ${line(s.name)}${typed(" =", s.type)};`);
}

function declaration(d: OptionalKind<VariableDeclarationStructure>): string {
  covered(d, ["initializer"]);
  if (d.initializer !== undefined && typeof d.initializer !== "string") throw new Unsure();
  const init = d.initializer === undefined || d.initializer.trim() === "" ? "" : ` = ${d.initializer}`;
  return `${line(d.name)}${typed(":", d.type)}${init}`;
}

function variableStatement(s: VariableStatementStructure): string {
  covered(s);
  if (s.declarations.length === 0) throw new Unsure();
  const declarations = s.declarations.map(declaration).join(", ");
  return withDocs(s.docs, "", `${exported(s)}${line(s.declarationKind ?? "let")} ${declarations};`);
}

function statement(s: StatementStructures): string {
  switch (s.kind) {
    case StructureKind.Interface:
      return interfaceDeclaration(s);
    case StructureKind.TypeAlias:
      return typeAlias(s);
    case StructureKind.VariableStatement:
      return variableStatement(s);
    default:
      throw new Unsure();
  }
}

/**
 * The statements as a file's text. Between statements: a blank line after a `}` and before an
 * interface, else a line break; the text ends with a line break.
 */
export function printStructures(statements: readonly StatementStructures[]): string {
  let text = "";
  let previous: string | undefined;
  for (const s of statements) {
    const printed = statement(s);
    if (previous !== undefined) text += separator(previous, s);
    text += printed;
    previous = printed;
  }
  return text === "" ? "" : `${text}\n`;
}

/** What goes between the printed `previous` statement and the statement `next`. */
export function separator(previous: string, next: StatementStructures): string {
  return previous.endsWith("}") || next.kind === StructureKind.Interface ? "\n\n" : "\n";
}

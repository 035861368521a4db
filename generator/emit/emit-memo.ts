/**
 * What a warm process (`--watch`) lets the emitters reuse from the previous generation of a
 * source: printed statements by their structure, so an edit re-prints only the declarations
 * it changed, and of an interface only the members it changed (the operation map and the
 * agent interface hold one member per operation). A cold generation has none. Keys hold the
 * whole structure printed (incremental/memo.ts), so a hit is what printing would return.
 */
import type {
  InterfaceDeclarationStructure,
  MethodSignatureStructure,
  OptionalKind,
  PropertySignatureStructure,
  StatementStructures,
} from "ts-morph";
import { memoKey, type GenerationMemo } from "../incremental/memo.js";
import { printStatements } from "./layout-statements.js";
import { separator } from "./print-structures.js";
import { StructureKind } from "./structures.js";

export interface EmitMemo {
  /** A statement's (or an interface member's) text in prettier's layout, by `memoKey`. */
  readonly statements: GenerationMemo<string | undefined>;
}

/** Interfaces with at least this many members are printed member by member. */
const SPLIT_MEMBERS = 16;

/**
 * `printStatements(statements)`, one statement at a time through the memo. Every step of that
 * printing is per statement (layout, printing, per-line clean-up and checks) except the
 * separators, joined here by the same rule. Undefined when any statement is not certain (the
 * caller then prints the whole file as a cold generation does).
 */
export function printStatementsMemo(statements: readonly StatementStructures[], memo: EmitMemo): string | undefined {
  let text = "";
  let previous: string | undefined;
  for (const s of statements) {
    const printed = printOne(s, memo);
    if (printed === undefined) return undefined;
    if (previous !== undefined) text += separator(previous, s);
    text += printed;
    previous = printed;
  }
  return text === "" ? "" : `${text}\n`;
}

/** One statement as `printStatements` prints it, without the final line break. */
function printOne(s: StatementStructures, memo: EmitMemo): string | undefined {
  if (s.kind === StructureKind.Interface && (s.properties?.length ?? 0) + (s.methods?.length ?? 0) >= SPLIT_MEMBERS)
    return printInterface(s, memo);
  return memoized(s, memo)?.slice(0, -1);
}

/** `printStatements([s])` through the memo. */
function memoized(s: StatementStructures, memo: EmitMemo): string | undefined {
  const key = memoKey(s);
  return key === undefined ? printStatements([s]) : memo.statements.get(key, () => printStatements([s]));
}

/**
 * An interface as its shell (docs, head) and its members, each printed in an interface of its
 * own: a member's layout and printing depend on the member alone (at the indentation of an
 * interface member), and the printer joins properties, then methods, one per line.
 */
function printInterface(s: InterfaceDeclarationStructure, memo: EmitMemo): string | undefined {
  const shell = memoized({ ...s, properties: [], methods: [] }, memo);
  // `<docs and head> {}\n`: the head without its empty body
  if (shell === undefined || !shell.endsWith(" {}\n")) return undefined;
  const lines: string[] = [];
  const member = (part: Partial<InterfaceDeclarationStructure>): boolean => {
    const one = memoized({ kind: StructureKind.Interface, name: "M", ...part }, memo);
    if (one === undefined || !one.startsWith("interface M {\n") || !one.endsWith("\n}\n")) return false;
    lines.push(one.slice("interface M {\n".length, -"\n}\n".length));
    return true;
  };
  for (const p of s.properties ?? [])
    if (!member({ properties: [p as OptionalKind<PropertySignatureStructure>] })) return undefined;
  for (const m of s.methods ?? [])
    if (!member({ methods: [m as OptionalKind<MethodSignatureStructure>] })) return undefined;
  return `${shell.slice(0, -"{}\n".length)}{\n${lines.join("\n")}\n}`;
}

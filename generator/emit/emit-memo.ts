/**
 * What a warm process (`--watch`) lets the emitters reuse from the previous generation of a
 * source: printed statements by their structure, so an edit re-prints only the declarations
 * it changed (see incremental/memo.ts). A cold generation has none.
 */
import type { StatementStructures } from "ts-morph";
import { memoKey, type GenerationMemo } from "../incremental/memo.js";
import { printStatements } from "./layout-statements.js";
import { separator } from "./print-structures.js";

export interface EmitMemo {
  /** A statement's text in prettier's layout (`printStatements` of it alone), by `memoKey`. */
  readonly statements: GenerationMemo<string | undefined>;
}

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
    const key = memoKey(s);
    const one = key === undefined ? printStatements([s]) : memo.statements.get(key, () => printStatements([s]));
    if (one === undefined) return undefined;
    const printed = one.slice(0, -1); // without the file's final line break
    if (previous !== undefined) text += separator(previous, s);
    text += printed;
    previous = printed;
  }
  return text === "" ? "" : `${text}\n`;
}

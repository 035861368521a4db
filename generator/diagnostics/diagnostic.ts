/**
 * Diagnostics: every user-facing failure of the generator is a `Diagnostic` with a kind from
 * the catalog in `messages.ts`, a message, a location and a hint. User errors are thrown as
 * `GeneratorError` (printed without a stack trace); anything else is an internal bug.
 */
import type { Note, SourceLocation } from "../model/types.js";
import { capNames } from "./cap.js";
import { DIAGNOSTIC_KINDS, type DiagnosticKind } from "./messages.js";

export interface Diagnostic {
  readonly kind: DiagnosticKind;
  readonly message: string;
  readonly location?: SourceLocation | undefined;
  readonly hint?: string | undefined;
  /**
   * What the generator does instead when `--lenient` names this kind (e.g. "typed unknown (raw
   * XML)"); absent when it cannot recover, and the diagnostic stays an error.
   */
  readonly recovery?: string | undefined;
}

/** `file:line:col: error KIND: message` (+ hint on the next line). */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : "";
  const hint = d.hint ?? DIAGNOSTIC_KINDS[d.kind].hint;
  const lenient = d.recovery === undefined ? "" : `\n  or pass --lenient ${d.kind}: ${d.recovery}`;
  return `${where}error ${d.kind}: ${d.message}${hint ? `\n  hint: ${hint}` : ""}${lenient}`;
}

/**
 * `file:line:col: note KIND: message` for a located remark that does not stop generation;
 * `warning KIND: message` for a diagnostic `--lenient` downgraded.
 */
export function formatNote(n: Note): string {
  const where = `${n.location.file}:${n.location.line}:${n.location.column}`;
  return `${where}: ${n.severity === "warning" ? "warning" : "note"} ${n.kind}: ${capNames(n.message)}`;
}

/** The diagnostic with quoted names and long runs in its message and hint capped (cap.ts). */
function capped(d: Diagnostic): Diagnostic {
  return { ...d, message: capNames(d.message), ...(d.hint === undefined ? {} : { hint: capNames(d.hint) }) };
}

/** A user error (bad input): carries one or more diagnostics (names in them capped, see cap.ts). */
export class GeneratorError extends Error {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = (
      Array.isArray(diagnostics) ? (diagnostics as readonly Diagnostic[]) : [diagnostics as Diagnostic]
    ).map(capped);
    super(list.map(formatDiagnostic).join("\n"));
    this.name = "GeneratorError";
    this.diagnostics = list;
  }
}

/** Throw a single user error. */
export function fail(kind: DiagnosticKind, message: string, location?: SourceLocation, hint?: string): never {
  throw new GeneratorError(hint === undefined ? { kind, message, location } : { kind, message, location, hint });
}

/** Assert an internal invariant; a failure is a bug in soapkit, not in the input. */
export function assertInternal(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`soapkit internal error: ${message}`);
}

import type { StatementStructures } from "ts-morph";

/** A file produced by the generator: a path relative to the output folder and its content. */
export interface GeneratedFile {
  /** Relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
  /**
   * Already in prettier's layout (printed by emit/data-printer.ts): the format stage passes it
   * through unchanged. test/golden proves prettier would not change it.
   */
  readonly formatted?: boolean;
}

/**
 * A file of statements soapkit could not print in prettier's layout itself: the format stage
 * prints it with ts-morph's printer, loaded only then (format/print-pending.ts), and formats
 * it with prettier.
 */
export interface PendingFile {
  readonly path: string;
  /** The banner and imports, printed before the statements. */
  readonly head: string;
  readonly statements: readonly StatementStructures[];
}

/** What the emitters hand to the format stage. */
export type EmittedFile = GeneratedFile | PendingFile;

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

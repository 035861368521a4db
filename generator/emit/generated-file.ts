/** A file produced by the generator: a path relative to the output folder and its content. */
export interface GeneratedFile {
  /** Relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly content: string;
}

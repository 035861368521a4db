/**
 * Field flags of the metadata format: occurrence as a regex quantifier (`""` = 1..1, `?`,
 * `*`, `+`, `{m,n}`, `{m,}`) followed by `n` when the element is nillable.
 */
import { metadataError } from "./check.js";

export interface Occurrence {
  readonly min: number;
  /** `-1` = unbounded. */
  readonly max: number;
  readonly nillable: boolean;
}

const FLAGS = /^(?:([?*+])|\{(\d{1,9}),(\d{0,9})\})?(n?)$/;
const QUANTIFIERS: Readonly<Record<string, readonly [number, number]>> = { "?": [0, 1], "*": [0, -1], "+": [1, -1] };

export function parseFlags(flags: string, path: string): Occurrence {
  const m = FLAGS.exec(flags);
  if (m === null) throw metadataError(path, `unknown field flags '${flags}' (v1: ?, *, +, {m,n} then n)`);
  const nillable = m[4] === "n";
  if (m[1] !== undefined) {
    const [min, max] = QUANTIFIERS[m[1]]!;
    return { min, max, nillable };
  }
  if (m[2] === undefined) return { min: 1, max: 1, nillable };
  const min = Number(m[2]);
  const max = m[3] === "" ? -1 : Number(m[3]);
  if (max !== -1 && max < min) throw metadataError(path, `field flags '${flags}': maxOccurs below minOccurs`);
  return { min, max, nillable };
}

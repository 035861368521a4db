/** An in-memory `DocumentReader` for tests: path/URL → text; unknown → not found. */
import { documentNotFound } from "../../generator/load/default-reader.js";
import type { DocumentReader } from "../../generator/load/types.js";

export interface MemoryReader extends DocumentReader {
  /** Every path/URL requested, in order. */
  readonly requests: string[];
}

export function memoryReader(files: Readonly<Record<string, string>>): MemoryReader {
  const requests: string[] = [];
  const reader = async (p: string): Promise<string> => {
    requests.push(p);
    const text = files[p];
    if (text === undefined) throw documentNotFound(p);
    return text;
  };
  return Object.assign(reader, { requests });
}

/**
 * The text of a file the emitters could not lay out themselves, printed by ts-morph's
 * structure printer for prettier to format. Loaded only for such a file: importing ts-morph
 * loads the TypeScript compiler too.
 */
import { printStructure, StructureKind } from "ts-morph";
import type { PendingFile } from "../emit/generated-file.js";

export function printPending(file: PendingFile): string {
  const statements = [...file.statements];
  return `${file.head}\n\n${printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 })}`;
}

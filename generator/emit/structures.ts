/**
 * ts-morph's statement structures are the generator's model of a TypeScript file; these are
 * the values of the ts-morph enums the emitters use. Importing the enums from ts-morph would
 * load ts-morph and the TypeScript compiler it bundles (about half a second) on every run,
 * while only its types are needed unless a file goes to its printer (format/print-pending.ts).
 * test/unit/emit/structures.test.ts checks each value against ts-morph's own enum.
 */
import type { StructureKind as Kind, VariableDeclarationKind as DeclarationKind } from "ts-morph";

export const StructureKind = {
  Interface: 19 as Kind.Interface,
  SourceFile: 36 as Kind.SourceFile,
  TypeAlias: 38 as Kind.TypeAlias,
  VariableStatement: 41 as Kind.VariableStatement,
} as const;

export const VariableDeclarationKind = {
  Const: "const" as DeclarationKind.Const,
} as const;

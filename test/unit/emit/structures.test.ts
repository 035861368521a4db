/**
 * emit/structures.ts holds ts-morph's enum values so that emitting does not load ts-morph:
 * each must be the value ts-morph itself uses, or its printer (format/print-pending.ts) would
 * print the wrong declaration.
 */
import * as tsMorph from "ts-morph";
import { describe, expect, it } from "vitest";
import { StructureKind, VariableDeclarationKind } from "../../../generator/emit/structures.js";

describe("ts-morph enum values", () => {
  it("every StructureKind is ts-morph's", () => {
    for (const [name, value] of Object.entries(StructureKind))
      expect(value, name).toBe(tsMorph.StructureKind[name as keyof typeof StructureKind]);
  });

  it("every VariableDeclarationKind is ts-morph's", () => {
    for (const [name, value] of Object.entries(VariableDeclarationKind))
      expect(value, name).toBe(tsMorph.VariableDeclarationKind[name as keyof typeof VariableDeclarationKind]);
  });
});

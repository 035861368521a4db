/**
 * `xs:union` simple types: the lexical value travels as text (an alias of `xs:string` in the
 * runtime metadata). In TypeScript it is the union of the members' types when every member is
 * string-valued (enumerations, string built-ins, other such unions), else `string`.
 */
import type { TypeUse } from "../model/types.js";
import type { EmitContext } from "./context.js";
import { builtinTs, typeUseTs } from "./ts-types.js";

function stringValued(ctx: EmitContext, use: TypeUse, seen: Set<string>): boolean {
  if (use.kind === "builtin") return builtinTs(use.name, ctx.options.mapping) === "string";
  if (seen.has(use.id)) return false;
  seen.add(use.id);
  const t = ctx.type(use.id);
  if (t.kind === "enum") return true;
  if (t.kind !== "alias") return false;
  return t.union !== undefined ? t.union.every((m) => stringValued(ctx, m, seen)) : stringValued(ctx, t.base, seen);
}

/** The TypeScript type of a union with these members. */
export function unionTs(ctx: EmitContext, members: readonly TypeUse[]): string {
  if (members.length === 0 || !members.every((m) => stringValued(ctx, m, new Set()))) return "string";
  return [...new Set(members.map((m) => typeUseTs(ctx, m)))].join(" | ");
}

/** JSDoc line listing the member types. */
export function unionNote(ctx: EmitContext, members: readonly TypeUse[]): string {
  const names = members.map((m) => (m.kind === "builtin" ? `xs:${m.name}` : ctx.typeName(m.id)));
  return `An \`xs:union\` of ${names.map((n) => `\`${n}\``).join(", ")}: the value is sent as its lexical text.`;
}

/**
 * Variant unions of a complex type that has subtypes. A field declared with such a type may
 * carry any concrete type of the hierarchy (`xsi:type`), so its TypeScript type is
 * `AnyAnimal = (Animal & { $type?: "Animal" }) | (Dog & { $type: "Dog" }) | ...`: each member
 * narrowed to its own `$type` literal, so an object literal of a subtype is accepted and an
 * unknown property (or one of another member) is still an error. An abstract type is not a
 * member (it cannot be sent as itself); a concrete base accepts values without `$type`.
 */
import type { OptionalKind, TypeAliasDeclarationStructure } from "ts-morph";
import type { ComplexType, TypeId, TypeUse } from "../model/types.js";
import type { EmitContext } from "./context.js";
import { docText, identifier, stringLiteral } from "./escape.js";

const names = new WeakMap<EmitContext, ReadonlyMap<TypeId, string>>();

/** Name of each variant union (`Any<Type>`; suffixed with a number when that name is taken). */
export function variantNames(ctx: EmitContext): ReadonlyMap<TypeId, string> {
  let out = names.get(ctx);
  if (out !== undefined) return out;
  const taken = new Set([...ctx.model.types.keys()].map((id) => ctx.typeName(id)));
  const map = new Map<TypeId, string>();
  for (const id of [...ctx.subtypes.keys()].sort()) {
    const t = ctx.type(id);
    if (t.kind !== "complex") continue;
    let name = `Any${ctx.typeName(id)}`;
    for (let n = 2; taken.has(name); n++) name = `Any${ctx.typeName(id)}${n}`;
    taken.add(name);
    map.set(id, name);
  }
  out = map;
  names.set(ctx, out);
  return out;
}

/** The variant union's name for a reference to a type with subtypes, else undefined. */
export function variantOf(ctx: EmitContext, use: TypeUse): string | undefined {
  return use.kind === "ref" ? variantNames(ctx).get(use.id) : undefined;
}

/**
 * `export type AnyX = ...` for a complex type with subtypes (without its `kind`: this module is
 * also used by the metadata emitter, which must not load ts-morph).
 */
export function variantStatement(
  ctx: EmitContext,
  t: ComplexType,
): OptionalKind<TypeAliasDeclarationStructure> | undefined {
  const name = variantNames(ctx).get(t.id);
  if (name === undefined) return undefined;
  const members = [t.id, ...(ctx.subtypes.get(t.id) ?? [])]
    .map((id) => ctx.type(id))
    .filter((m): m is ComplexType => m.kind === "complex" && !m.abstract)
    .map((m) => {
      const n = ctx.typeName(m.id);
      return `(${identifier(n)} & { $type${m.id === t.id ? "?" : ""}: ${stringLiteral(n)} })`;
    });
  const base = identifier(ctx.typeName(t.id));
  return {
    name: identifier(name),
    isExported: true,
    type: members.length > 0 ? members.join(" | ") : "never",
    docs: [
      {
        description: docText(
          `\`${base}\` or any of its subtypes where \`${base}\` is declared, told apart by \`$type\` (sent as \`xsi:type\`)${t.abstract ? "; the type is abstract, so `$type` names a concrete subtype" : ""}.`,
        ),
      },
    ],
  };
}

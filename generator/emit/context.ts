/**
 * Everything emit needs for one service model, resolved once: the model, assigned names,
 * options, and derived lookups (subtypes, wrapper roles). Per-run state only.
 */
import type { TypeMapping } from "@soapkit/runtime";
import type { ComplexType, ServiceModel, TypeDef, TypeId } from "../model/types.js";
import type { EmitMemo } from "./emit-memo.js";
import { assignNames, type ModelNames, type NamingOptions } from "../naming/assign-names.js";

export interface EmitOptions {
  /** Module specifier generated code uses to import the runtime. */
  readonly runtimeImport: string;
  readonly mapping: TypeMapping;
  /** Source label printed in banners (path relative to the output folder, or the URL). */
  readonly sourceLabel: string;
  readonly generatorVersion: string;
  /** Extension of relative imports between generated files (default `.js`). */
  readonly importExtension?: ".js" | ".ts";
  /** Method casing and type-name affixes (default: camel, no affixes). */
  readonly naming?: NamingOptions;
  /** A warm process's memo of emitted pieces (emit-memo.ts); absent in a cold generation. */
  readonly memo?: EmitMemo;
}

export interface EmitContext {
  readonly model: ServiceModel;
  readonly names: ModelNames;
  readonly options: EmitOptions;
  /** Complex type id → transitive subtype ids (sorted by name). */
  readonly subtypes: ReadonlyMap<TypeId, readonly TypeId[]>;
  /** Type ids that take part in an inheritance hierarchy (have a base or subtypes). */
  readonly hierarchy: ReadonlySet<TypeId>;
  typeName(id: TypeId): string;
  type(id: TypeId): TypeDef;
}

/**
 * Names per model and naming options: the emitters, the root index and the manifest each
 * build a context for the same model (models are not changed once built).
 */
const namesOf = new WeakMap<ServiceModel, Map<string, ModelNames>>();

function modelNames(model: ServiceModel, naming: NamingOptions | undefined): ModelNames {
  const key = naming === undefined ? "" : JSON.stringify(naming); // every option, so a new one cannot share names
  let byNaming = namesOf.get(model);
  if (byNaming === undefined) namesOf.set(model, (byNaming = new Map()));
  let names = byNaming.get(key);
  if (names === undefined) byNaming.set(key, (names = assignNames(model, naming)));
  return names;
}

/** Build the emit context for a model. */
export function createEmitContext(model: ServiceModel, options: EmitOptions): EmitContext {
  const names = modelNames(model, options.naming);
  const direct = new Map<TypeId, TypeId[]>();
  for (const t of model.types.values()) {
    if (t.kind === "complex" && t.base !== undefined) {
      const list = direct.get(t.base) ?? [];
      list.push(t.id);
      direct.set(t.base, list);
    }
  }
  const typeName = (id: TypeId): string => {
    const n = names.types.get(id);
    if (n === undefined) throw new Error(`soapkit internal error: unnamed type ${id}`);
    return n;
  };
  const subtypes = new Map<TypeId, TypeId[]>();
  const collect = (id: TypeId, acc: Set<TypeId>): void => {
    for (const d of direct.get(id) ?? []) {
      if (!acc.has(d)) {
        acc.add(d);
        collect(d, acc);
      }
    }
  };
  const hierarchy = new Set<TypeId>();
  for (const t of model.types.values()) {
    if (t.kind !== "complex") continue;
    const acc = new Set<TypeId>();
    collect(t.id, acc);
    if (acc.size > 0) {
      subtypes.set(
        t.id,
        [...acc].sort((a, b) => cmp(typeName(a), typeName(b))),
      );
      hierarchy.add(t.id);
    }
    if (t.base !== undefined) hierarchy.add(t.id);
  }
  return {
    model,
    names,
    options,
    subtypes,
    hierarchy,
    typeName,
    type(id) {
      const t = model.types.get(id);
      if (t === undefined) throw new Error(`soapkit internal error: unknown type ${id}`);
      return t;
    },
  };
}

/** Own fields plus inherited ones, base first (wire order). */
export function allFields(ctx: EmitContext, t: ComplexType): ComplexType["fields"] {
  const chain: ComplexType[] = [];
  for (let cur: ComplexType | undefined = t; cur;) {
    chain.unshift(cur);
    const b: TypeDef | undefined = cur.base !== undefined ? ctx.type(cur.base) : undefined;
    cur = b?.kind === "complex" ? b : undefined;
  }
  return chain.flatMap((c) => c.fields);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

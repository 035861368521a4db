/**
 * Handlebars templates may print only escaped values: `compileTemplate<V>` accepts a view
 * model type only when every leaf is an `Escaped<...>` string (emit/escape.ts) or a boolean
 * (for `{{#if}}`), also inside arrays and nested objects. A plain `string` field is a type error.
 */
import Handlebars from "handlebars";
import type { EscapeContext, Escaped } from "./escape.js";

type Leaf = Escaped<EscapeContext> | boolean;

export type Printable<V> = {
  readonly [K in keyof V]: V[K] extends Leaf
    ? V[K]
    : V[K] extends readonly (infer E)[]
      ? E extends Leaf
        ? V[K]
        : readonly Printable<E>[]
      : never;
};

/** Compile a template (`strict`: a missing field throws; `noEscape`: values are already escaped for TypeScript). */
export function compileTemplate<V extends Printable<V>>(source: string): (view: V) => string {
  return Handlebars.compile<V>(source, { strict: true, noEscape: true });
}

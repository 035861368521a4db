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

/** `strict`: a missing field throws; `noEscape`: values are already escaped for TypeScript. */
const TEMPLATE_OPTIONS = { strict: true, noEscape: true } as const;

/** Compile a template. */
export function compileTemplate<V extends Printable<V>>(source: string): (view: V) => string {
  return Handlebars.compile<V>(source, TEMPLATE_OPTIONS);
}

/**
 * A template precompiled with the same options, as a CommonJS module exporting its
 * specification (written by the package build beside the template, scripts/copy-templates.mjs;
 * loaded by emit/template-runtime.ts without the handlebars compiler).
 */
export function precompiledModule(source: string): string {
  return `module.exports = ${Handlebars.precompile(source, TEMPLATE_OPTIONS)};\n`;
}

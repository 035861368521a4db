/**
 * Prints plain data (objects, arrays, strings, numbers, booleans, null) as JSON text laid out
 * for people, and the constant that holds it: `export const <name>: <type> = JSON.parse(`…`);`.
 *
 * Why JSON text rather than an object literal: a consumer's compiler checks every object and
 * array literal of a constant, on every build, and the runtime metadata is the largest
 * generated file (46 KB for the 77-operation SuperOffice EMail WSDL); a template literal is one
 * token to it. The constant still has exactly `<type>`; soapkit's own tests check the data
 * against it (test/unit/emit/metadata-literal.test.ts).
 *
 * Layout: a value stays on one line when it fits in 100 columns, and an array of two or more
 * arrays (or objects with two or more entries) puts each on its own line, so a field of the
 * compact metadata format is one line. prettier leaves a template literal's text as it is.
 */
import { templateLiteral } from "./escape.js";

const WIDTH = 100;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function entries(v: Record<string, unknown>): [string, unknown][] {
  return Object.entries(v).filter(([, x]) => x !== undefined);
}

function scalarText(v: unknown): string {
  if (v === null || typeof v === "boolean" || typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" && Number.isFinite(v)) return JSON.stringify(v);
  throw new Error(`not JSON data: ${String(v)}`);
}

/** An array of ≥2 elements that are all objects (or all arrays) with ≥2 entries: one per line. */
function forcedBreak(a: readonly unknown[]): boolean {
  if (a.length < 2) return false;
  const objects = a.every((e) => isObject(e) && entries(e).length > 1);
  const arrays = a.every((e) => Array.isArray(e) && e.length > 1);
  return objects || arrays;
}

/**
 * The one-line form, or undefined when the value is never printed on one line or its form
 * would be longer than `budget` characters (the caller only uses a form that fits).
 */
function flat(v: unknown, budget: number): string | undefined {
  if (Array.isArray(v)) {
    if (forcedBreak(v)) return undefined;
    let text = "[";
    for (const [i, e] of v.entries()) {
      const f = flat(e, budget - text.length - 1);
      if (f === undefined) return undefined;
      text += i === 0 ? f : `, ${f}`;
      if (text.length + 1 > budget) return undefined;
    }
    return `${text}]`;
  }
  if (isObject(v)) {
    const all = entries(v);
    if (all.length === 0) return "{}";
    let text = "{ ";
    for (const [i, [k, x]] of all.entries()) {
      const key = `${i === 0 ? "" : ", "}${JSON.stringify(k)}: `;
      const f = flat(x, budget - text.length - key.length - 2);
      if (f === undefined) return undefined;
      text += `${key}${f}`;
      if (text.length + 2 > budget) return undefined;
    }
    return `${text} }`;
  }
  const s = scalarText(v);
  return s.length > budget ? undefined : s;
}

/** Print `v` starting at column `column` of a line indented by `indent`, followed by `trail` characters. */
function print(v: unknown, indent: number, column: number, trail: number): string {
  const f = flat(v, WIDTH - column - trail);
  if (f !== undefined) return f;
  return broken(v, indent);
}

/** An array or object with one entry per line (a scalar as it is). */
function broken(v: unknown, indent: number): string {
  if (!Array.isArray(v) && !isObject(v)) return scalarText(v);
  const inner = " ".repeat(indent + 2);
  const items = Array.isArray(v)
    ? v.map((e, i) => `${inner}${print(e, indent + 2, indent + 2, i < v.length - 1 ? 1 : 0)}`)
    : entries(v).map(([k, x], i, all) => {
        const key = `${JSON.stringify(k)}: `;
        return `${inner}${key}${print(x, indent + 2, indent + 2 + key.length, i < all.length - 1 ? 1 : 0)}`;
      });
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  return items.length === 0 ? `${open}${close}` : `${open}\n${items.join(",\n")}\n${" ".repeat(indent)}${close}`;
}

/**
 * JSON text of `value` in the layout above, an array or object broken at the top level whatever
 * its width (so the statement's first line stays short); U+2028/U+2029 escaped, as `stringLiteral` does.
 */
export function printJson(value: unknown): string {
  return broken(value, 0).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * `export const <name>: <type> = JSON.parse(`<JSON text>`);` (names already escaped by the
 * caller); like prettier, broken after `=` when its first line is wider than 100 columns.
 */
export function printConstStatement(name: string, type: string, value: unknown): string {
  const head = `export const ${name}: ${type} =`;
  const call = `JSON.parse(${templateLiteral(printJson(value))});`;
  const firstLine = head.length + 1 + call.split("\n", 1)[0]!.length;
  return `${head}${firstLine > WIDTH ? "\n  " : " "}${call}`;
}

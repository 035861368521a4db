/**
 * Prints plain data (objects, arrays, strings, numbers, booleans, null) as a TypeScript
 * literal in exactly the layout prettier gives it with our pinned options (printWidth 100,
 * 2 spaces, double quotes, trailing commas, quoteProps as-needed).
 *
 * Why: the runtime metadata is the largest generated file (≈350 KB for the 77-operation
 * SuperOffice EMail WSDL) and formatting it with prettier was about half of the generation
 * time (bench/RESULTS.md, "Where the time goes"). Data literals only need a handful of
 * prettier's rules, reproduced here. Anything those rules do not cover with certainty (quotes,
 * backslashes or non-ASCII text in a string, keys that need quoting) makes `printData` return
 * `undefined`, and the caller lets prettier format the file as before. test/golden checks
 * that prettier leaves every preformatted file unchanged.
 */

const WIDTH = 100;
/** prettier: an object key shorter than tabWidth + 3 never moves its string value to the next line. */
const SHORT_KEY = 2 + 3;

class Unsure extends Error {}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function keyText(k: string): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(k)) throw new Unsure();
  return k;
}

function stringText(s: string): string {
  // quotes/backslashes/control or non-ASCII characters: prettier's quote choice and width rules apply
  if (/[^\x20-\x7e]|["'\\]/.test(s)) throw new Unsure();
  return `"${s}"`;
}

function scalarText(v: unknown): string {
  if (v === null) return "null";
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") {
    if (!Number.isSafeInteger(v)) throw new Unsure();
    return String(v);
  }
  if (typeof v === "string") return stringText(v);
  throw new Unsure();
}

/** prettier breaks an array of ≥2 elements that are all objects (or all arrays) with ≥2 entries. */
function forcedBreak(a: readonly unknown[]): boolean {
  if (a.length < 2) return false;
  const objects = a.every((e) => isObject(e) && Object.keys(e).length > 1);
  const arrays = a.every((e) => Array.isArray(e) && e.length > 1);
  return objects || arrays;
}

/** The one-line form, or undefined when the value can never be printed on one line. */
function flat(v: unknown): string | undefined {
  if (Array.isArray(v)) {
    if (v.length === 0) return "[]";
    if (forcedBreak(v)) return undefined;
    const parts = v.map(flat);
    return parts.every((p) => p !== undefined) ? `[${parts.join(", ")}]` : undefined;
  }
  if (isObject(v)) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return "{}";
    const parts = entries.map(([k, x]) => {
      const f = flat(x);
      return f === undefined ? undefined : `${keyText(k)}: ${f}`;
    });
    return parts.every((p) => p !== undefined) ? `{ ${parts.join(", ")} }` : undefined;
  }
  return scalarText(v);
}

/** Print `v` starting at column `column` of a line indented by `indent`, followed by `trail` characters. */
function print(v: unknown, indent: number, column: number, trail: number): string {
  const f = flat(v);
  if (f !== undefined && column + f.length + trail <= WIDTH) return f;
  if (!Array.isArray(v) && !isObject(v)) return scalarText(v);
  const inner = " ".repeat(indent + 2);
  const close = " ".repeat(indent);
  if (Array.isArray(v)) {
    return `[\n${v.map((e) => `${inner}${print(e, indent + 2, indent + 2, 1)},\n`).join("")}${close}]`;
  }
  const lines = Object.entries(v)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => `${inner}${property(k, x, indent + 2)},\n`);
  return `{\n${lines.join("")}${close}}`;
}

function property(k: string, x: unknown, indent: number): string {
  const key = keyText(k);
  if (typeof x === "string") {
    const s = stringText(x);
    // prettier's "break-after-operator" layout for a string that does not fit after its key
    if (indent + key.length + 2 + s.length + 1 > WIDTH && key.length >= SHORT_KEY)
      return `${key}:\n${" ".repeat(indent + 2)}${s}`;
    return `${key}: ${s}`;
  }
  return `${key}: ${print(x, indent, indent + key.length + 2, 1)}`;
}

/**
 * `export const <name> = <value> as unknown as <type>;` in prettier's layout, or `undefined`
 * when the value holds something only prettier itself can lay out with certainty. The constant
 * has exactly `<type>`, but a consumer's compiler does not relate the (large) literal to it on
 * every build; soapkit's own tests check the literal against the type instead.
 */
export function printConstStatement(name: string, type: string, value: unknown): string | undefined {
  const head = `export const ${name} = `;
  const tail = ` as unknown as ${type};`;
  try {
    return `${head}${print(value, 0, head.length, tail.length)}${tail}`;
  } catch (e) {
    if (e instanceof Unsure) return undefined;
    throw e;
  }
}

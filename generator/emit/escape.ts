/**
 * The one place where strings from WSDLs, XSDs, paths and URLs become generated code: one
 * escaping function per context. Each returns an `Escaped<Context>`, a branded string that
 * only this module can create, so the template view models (client-file.ts,
 * template-view.ts) cannot hold a raw string by mistake.
 */
import { assertInternal } from "../diagnostics/diagnostic.js";
import { isDeclarableName, isIdentifier } from "../naming/identifiers.js";

declare const context: unique symbol;

/**
 * - `comment`: text for one line of a `//` or `/* *\/` comment;
 * - `docLine`: one line of a JSDoc block, printed right after the ` *` of the line;
 * - `string`: a complete double-quoted string literal (quotes included);
 * - `template`: a complete template literal without substitutions (backquotes included);
 * - `identifier`: a declarable name (type, class, function, const);
 * - `member`: a method or property name (reserved words allowed);
 * - `type`: a type expression made of identifiers, keywords and `| ( ) [ ]`;
 * - `code`: a fragment soapkit wrote itself, with only escaped values interpolated (`code` tag).
 */
export type EscapeContext = "comment" | "docLine" | "string" | "template" | "identifier" | "member" | "type" | "code";

export type Escaped<C extends EscapeContext> = string & { readonly [context]: C };

function brand<C extends EscapeContext>(s: string): Escaped<C> {
  return s as Escaped<C>;
}

/** JavaScript line terminators: any of them ends a `//` comment (and a string literal in TS). */
const LINE_TERMINATORS = /\r\n|[\r\n\u2028\u2029]/g;

/** Visible, inert form of the characters that could end a comment or a line. */
function neutralise(text: string): string {
  return text.replace(/\*\//g, "*\\/").replace(LINE_TERMINATORS, (t) =>
    JSON.stringify(t)
      .slice(1, -1)
      .replace(/[\u2028\u2029]/, (c) => `\\u${c.charCodeAt(0).toString(16)}`),
  );
}

/**
 * Text for a single comment line (`//` or inside `/* *\/`): no line terminator, no `*\/`, and
 * it neither starts with `/` nor ends with `*` (so no neighbour character can complete `*\/`).
 */
export function commentText(text: string): Escaped<"comment"> {
  return brand(neutralise(text).replace(/^\//, "\\/").replace(/\*$/, "*\\"));
}

/**
 * The lines of a JSDoc description: line terminators (including U+2028/U+2029) split lines,
 * lines are trimmed, runs of blank lines collapse. Each non-empty line starts with a space,
 * so it can follow the ` *` of the block directly.
 */
export function docLines(text: string): Escaped<"docLine">[] {
  const lines = text
    .split(LINE_TERMINATORS)
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .split("\n");
  return lines.map((l) => brand(l === "" ? "" : ` ${commentText(l)}`));
}

/** A JSDoc description for ts-morph `docs` (ts-morph adds the ` * ` prefixes). */
export function docText(text: string): string {
  return docLines(text)
    .map((l) => l.slice(1))
    .join("\n");
}

/** A complete string literal: JSON escaping plus U+2028/U+2029 (line terminators in TypeScript). */
export function stringLiteral(value: string): Escaped<"string"> {
  return brand(JSON.stringify(value).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`));
}

/**
 * A template literal whose value is exactly `text`: backslashes, backquotes and `${` escaped
 * (so it holds no substitution and ends only at its closing backquote), and a carriage return
 * written `\r` (a template literal reads a raw one as a line feed). Line feeds stay as they are.
 */
export function templateLiteral(text: string): Escaped<"template"> {
  return brand(`\`${text.replace(/\\|`|\$\{/g, (c) => `\\${c}`).replace(/\r/g, "\\r")}\``);
}

/** A declarable name, already made valid by `naming/`; anything else is a bug in soapkit. */
export function identifier(name: string): Escaped<"identifier"> {
  assertInternal(isDeclarableName(name), `not a declarable identifier: ${JSON.stringify(name.slice(0, 80))}`);
  return brand(name);
}

/** A member name (method, property): a valid identifier, reserved words allowed. */
export function memberName(name: string): Escaped<"member"> {
  assertInternal(isIdentifier(name), `not an identifier: ${JSON.stringify(name.slice(0, 80))}`);
  return brand(name);
}

/** A property key: bare when it is an identifier, else a string literal. */
export function propertyKey(name: string): string {
  return isIdentifier(name) ? name : stringLiteral(name);
}

/** A type expression built from assigned names: identifiers, spaces, `|`, `(`, `)`, `[]`, `<`, `>`, `,`, `.`. */
export function typeExpression(type: string): Escaped<"type"> {
  assertInternal(
    /^[\p{ID_Continue}$\u200c\u200d |()[\]<>,.]+$/u.test(type),
    `unexpected type expression: ${JSON.stringify(type.slice(0, 80))}`,
  );
  return brand(type);
}

/**
 * A type soapkit wrote from escaped fragments, laid out in prettier's form (format/type-layout.ts
 * only adds spaces and line breaks, and picks the quotes of a string literal that already was one).
 */
export function laidOutType(text: string): Escaped<"code"> {
  return brand(text);
}

/** soapkit's own code with only escaped values in it, laid out in prettier's form (emit/client-layout.ts). */
export function laidOutCode(text: string): Escaped<"code"> {
  return brand(text);
}

/** A code fragment: soapkit's own text with only escaped values interpolated. */
export function code(strings: TemplateStringsArray, ...values: Escaped<EscapeContext>[]): Escaped<"code"> {
  return brand(strings.reduce((out, s, i) => out + s + (i < values.length ? values[i] : ""), ""));
}

/**
 * The few prettier rules soapkit's own printers reproduce (format/type-layout.ts,
 * emit/data-printer.ts, the client and index files): the width, indentation, string quotes,
 * and the final check that sends a file to prettier when it holds something they do not cover.
 */

/** `printWidth` of the pinned prettier options (format/prettier.ts). */
export const WIDTH = 100;

/** Thrown when a layout is not certain: the file is then formatted by prettier instead. */
export class Unsure extends Error {}

export function pad(n: number): string {
  return " ".repeat(n);
}

/**
 * prettier's quotes for a double-quoted (JSON-escaped) string literal: double quotes unless
 * the text holds more double than single quotes.
 */
export function quoteString(literal: string): string {
  const doubles = literal.split('\\"').length - 1;
  if (doubles === 0) return literal;
  const singles = literal.split("'").length - 1;
  if (doubles <= singles) return literal;
  return `'${literal.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*)/;

/**
 * True when every code line (comments aside) is plain ASCII and holds no escaped double quote
 * (and, with `checkWidth`, fits the width): the cases where prettier's widths and quotes are
 * known to be ours. Printers that decide every break themselves skip the width check, since
 * prettier leaves a line it cannot break (a long `extends` head) as wide as it is.
 */
export function layoutCertain(text: string, checkWidth: boolean): boolean {
  for (const line of text.split("\n")) {
    if (COMMENT_LINE.test(line)) continue;
    if ((checkWidth && line.length > WIDTH) || /[^\x20-\x7e]/.test(line) || line.includes('\\"')) return false;
  }
  return true;
}

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
/** A character outside printable ASCII (line ends aside), or an escaped double quote. */
const SUSPECT = /[^\x20-\x7e\n]|\\"/g;
/** A line wider than WIDTH (matched from its start, so each line is tried once). */
const LONG_LINE = new RegExp(`^[^\\n]{${WIDTH + 1},}`, "gm");

function lineAround(text: string, at: number): { start: number; end: number } {
  const end = text.indexOf("\n", at);
  return { start: text.lastIndexOf("\n", at) + 1, end: end === -1 ? text.length : end };
}

/**
 * True when every code line (comments aside) is plain ASCII and holds no escaped double quote
 * (and, with `checkWidth`, fits the width): the cases where prettier's widths and quotes are
 * known to be ours. Printers that decide every break themselves skip the width check, since
 * prettier leaves a line it cannot break (a long `extends` head) as wide as it is.
 * Whole-text searches, not a split into lines: output files are large and this runs cold.
 */
export function layoutCertain(text: string, checkWidth: boolean): boolean {
  SUSPECT.lastIndex = 0;
  for (let m = SUSPECT.exec(text); m !== null; m = SUSPECT.exec(text)) {
    const { start, end } = lineAround(text, m.index);
    if (!COMMENT_LINE.test(text.slice(start, end))) return false;
    SUSPECT.lastIndex = end;
  }
  if (!checkWidth) return true;
  LONG_LINE.lastIndex = 0;
  for (let m = LONG_LINE.exec(text); m !== null; m = LONG_LINE.exec(text)) {
    if (!COMMENT_LINE.test(m[0])) return false;
  }
  return true;
}

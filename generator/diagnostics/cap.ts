/**
 * Diagnostics quote names from the input, and names can be huge (a 400 KB element name makes
 * a 400 KB message, several times over with did-you-mean hints). Quoted names are capped to
 * MAX_QUOTED characters, other unbroken runs (qnames, URLs) to MAX_RUN, the whole text to
 * MAX_TEXT; each cut says how much it left out.
 */
export const MAX_QUOTED = 80;
const MAX_RUN = 300;
const MAX_TEXT = 4000;

function cut(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max)}…(+${s.length - max} chars)`;
}

/** `text` with every long quoted name, long unbroken run and the whole text capped. */
export function capNames(text: string): string {
  const quoted = text.replace(
    /(["'`])([^"'`\n]{81,}?)\1/g,
    (_m, q: string, inner: string) => `${q}${cut(inner, MAX_QUOTED)}${q}`,
  );
  const runs = quoted.replace(/\S{301,}/g, (run) => cut(run, MAX_RUN));
  return cut(runs, MAX_TEXT);
}

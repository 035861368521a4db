/** Leak detection: does any 6-character piece of a secret appear in a text? */
import { inspect } from "node:util";

export const MIN_PIECE = 6;

/** The first secret piece of `MIN_PIECE` characters found in `text`, if any. */
export function findLeak(text: string, secrets: readonly string[]): string | undefined {
  for (const s of secrets) {
    for (let i = 0; i + MIN_PIECE <= s.length; i++) {
      const piece = s.slice(i, i + MIN_PIECE);
      if (text.includes(piece))
        return `${piece} (of a ${s.length}-character secret) in …${around(text, text.indexOf(piece))}…`;
    }
  }
  return undefined;
}

function around(text: string, at: number): string {
  return text.slice(Math.max(0, at - 60), at + 60);
}

/** Everything an error shows: message, stack, JSON, util.inspect with depth 10. */
export function errorViews(err: unknown): string {
  if (!(err instanceof Error)) return inspect(err, { depth: 10 });
  return [err.message, err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 10 })].join("\n");
}

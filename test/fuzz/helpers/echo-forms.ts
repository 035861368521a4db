/** The ways a hostile or careless server echoes a secret back. */
export type EchoForm =
  | "whole"
  | "xml-escaped"
  | "numeric-refs"
  | "first-char-ref"
  | "hex-refs"
  | "url-encoded"
  | "json-escaped"
  | "json-unicode"
  | "comment-split"
  | "prefix"
  | "suffix"
  | "base64";

export const ECHO_FORMS: readonly EchoForm[] = [
  "whole",
  "xml-escaped",
  "numeric-refs",
  "first-char-ref",
  "hex-refs",
  "url-encoded",
  "json-escaped",
  "json-unicode",
  "comment-split",
  "prefix",
  "suffix",
  "base64",
];

const xmlEscape = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** The echoed text; `cut` (≥ 6) is where the split/truncation happens. */
export function echo(secret: string, form: EchoForm, cut: number): string {
  const at = Math.min(Math.max(cut, 6), secret.length - 6);
  switch (form) {
    case "whole":
      return secret;
    case "xml-escaped":
      return xmlEscape(secret);
    case "numeric-refs":
      return [...secret].map((c) => `&#${c.codePointAt(0)};`).join("");
    case "first-char-ref":
      return `&#${secret.codePointAt(0)};${xmlEscape(secret.slice(1))}`;
    case "hex-refs":
      return [...secret].map((c) => `&#x${c.codePointAt(0)!.toString(16)};`).join("");
    case "url-encoded":
      return encodeURIComponent(secret);
    case "json-escaped":
      return JSON.stringify(secret).slice(1, -1);
    case "json-unicode":
      return [...secret].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");
    case "comment-split":
      return `${xmlEscape(secret.slice(0, at))}<!-- split -->${xmlEscape(secret.slice(at))}`;
    case "prefix":
      return xmlEscape(secret.slice(0, at));
    case "suffix":
      return xmlEscape(secret.slice(at));
    case "base64":
      return btoa(secret);
  }
}

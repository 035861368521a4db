/**
 * Secret redaction for JSON bodies (REST hook events, error snippets), the JSON counterpart
 * of `createXmlRedactor`: the value of every member whose name is a secret name
 * (`Ticket`, `Password`, `ApplicationToken`, ... compared case-insensitively) becomes `"***"`,
 * whatever its type (a string, or a whole object such as `AuthenticationData`).
 *
 * Well-formed bodies are redacted structurally (parse → replace → print compactly, number
 * literals unchanged); malformed or truncated text falls back to a textual pass that also
 * cuts a secret string left open at the end.
 */

import { DEFAULT_SECRET_ELEMENTS } from "../redact.js";
import { JsonObject, parseJson, stringifyJson, type JsonValue } from "./json.js";

/** Redacts secrets in JSON text; `truncated: true` for text that may end inside a secret value. */
export type JsonRedactor = (json: string, truncated?: boolean) => string;

const REDACTED = "***";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Build a redactor for a list of member names (case-insensitive). */
export function createJsonRedactor(names: readonly string[] = DEFAULT_SECRET_ELEMENTS): JsonRedactor {
  if (names.length === 0) return (json) => json;
  const secret = new Set(names.map((n) => n.toLowerCase()));
  const alt = names.map(escapeRegExp).join("|");
  const quick = new RegExp(`"(?:${alt})"`, "i");
  // "Name" : "value"   (string values; escapes inside the string handled)
  const closed = new RegExp(`("(?:${alt})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi");
  // "Name" : "value-cut-off-at-the-end
  const open = new RegExp(`("(?:${alt})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*\\\\?$`, "i");

  const walk = (v: JsonValue): JsonValue => {
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof JsonObject) {
      const out = new JsonObject();
      for (const [k, x] of v.entries)
        out.entries.push([k, secret.has(k.toLowerCase()) && x !== null ? REDACTED : walk(x)]);
      return out;
    }
    return v;
  };

  return (json: string, truncated?: boolean): string => {
    if (!quick.test(json)) return json;
    if (truncated !== true) {
      try {
        return stringifyJson(walk(parseJson(json)));
      } catch {
        // not well-formed: textual pass below
      }
    }
    let out = json.replace(closed, `$1"${REDACTED}"`);
    out = out.replace(open, `$1"${REDACTED}`);
    return out;
  };
}

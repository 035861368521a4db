/** Caller HTTP headers: merged case-insensitively and refused when they could inject headers. */
import { SerializationError } from "../errors.js";

/** RFC 9110 token (header field name). */
const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Characters Node refuses in a header value (CR, LF, NUL and other controls except tab). */
const HTTP_VALUE_INVALID = /[^\t\x20-\x7e\x80-\xff]/;

/** Set `name` in `headers`, replacing another spelling of the same name. */
export function putHeader(headers: Record<string, string>, name: string, value: string): void {
  for (const existing of Object.keys(headers)) {
    if (existing !== name && existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
  }
  headers[name] = value;
}

/** The client's headers, then the call's, validated (values are never quoted: they may be credentials). */
export function mergeHttpHeaders(
  operation: string,
  ...sources: readonly (Readonly<Record<string, string>> | undefined)[]
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const src of sources) {
    for (const [name, value] of Object.entries(src ?? {})) {
      checkHttpHeader(operation, name, value);
      putHeader(out, name, value);
    }
  }
  return out;
}

/**
 * Refuse an HTTP header the transport would otherwise mangle (axios silently strips CR/LF,
 * turning `a\r\nX-Evil: 1` into `aX-Evil: 1`): header injection is an error, never a rewrite.
 */
export function checkHttpHeader(operation: string, name: string, value: unknown): void {
  const opt = operation !== "" ? { operation } : undefined;
  if (!HTTP_TOKEN.test(name)) {
    throw new SerializationError(
      `httpHeaders[${JSON.stringify(name.replace(/[^\x20-\x7e]/g, "?").slice(0, 40))}]`,
      "invalid HTTP header name",
      opt,
    );
  }
  if (typeof value !== "string")
    throw new SerializationError(`httpHeaders.${name}`, "HTTP header value must be a string", opt);
  if (HTTP_VALUE_INVALID.test(value)) {
    throw new SerializationError(
      `httpHeaders.${name}`,
      "HTTP header value contains CR, LF or another control character (refused: header injection)",
      opt,
    );
  }
}

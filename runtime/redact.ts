/**
 * Secret redaction for everything that leaves the runtime for observation: hook events,
 * error messages and body snippets. Works on XML text (no parse needed, so it also handles
 * truncated or malformed bodies) and on HTTP header maps.
 */

/** Element local names whose text content is replaced by `***` unless configured otherwise. */
export const DEFAULT_SECRET_ELEMENTS: readonly string[] = Object.freeze([
  "Ticket",
  "ApplicationToken",
  "Password",
  "Token",
  "AccessToken",
  "RefreshToken",
  "IdToken",
  "ClientSecret",
  "Secret",
  "ApiKey",
  "AuthenticationData",
]);

/** HTTP headers whose values are always redacted (compared case-insensitively). */
export const SECRET_HTTP_HEADERS: readonly string[] = Object.freeze([
  "authorization",
  "proxy-authorization",
  "so-apptoken",
  "cookie",
  "set-cookie",
  "x-api-key",
]);

export const REDACTED = "***";

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A compiled redactor; pass `truncated: true` for text that may end inside a secret element. */
export type XmlRedactor = (xml: string, truncated?: boolean) => string;

/**
 * Build a redactor for a list of element local names (any prefix). The returned function
 * replaces the content of every such element with `***`. With `truncated`, a secret element
 * left open at the end of the text (a cut-off body) is redacted to the end as well.
 */
export function createXmlRedactor(names: readonly string[]): XmlRedactor {
  if (names.length === 0) return (xml) => xml;
  const alt = names.map(escapeRegExp).join("|");
  const start = `<((?:[A-Za-z_][\\w.-]*:)?)(${alt})((?:\\s[^>]*)?)(?<!/)>`;
  // <(prefix:)?Name attrs> content </(prefix:)?Name>; self-closing tags (no content) are
  // skipped by requiring that the start tag does not end with "/>".
  const closed = new RegExp(`${start}[\\s\\S]*?</\\1\\2\\s*>`, "g");
  const startOnly = new RegExp(start, "g");
  const quick = new RegExp(`(?:${alt})`);
  return (xml: string, truncated?: boolean): string => {
    if (!quick.test(xml)) return xml;
    const out = xml.replace(closed, `<$1$2$3>${REDACTED}</$1$2>`);
    if (truncated !== true) return out;
    // Find the last secret start tag; if its element is not closed, cut everything after it.
    let last: RegExpExecArray | null = null;
    startOnly.lastIndex = 0;
    for (let m = startOnly.exec(out); m !== null; m = startOnly.exec(out)) last = m;
    if (last === null) return out;
    const after = last.index + last[0].length;
    if (out.startsWith(REDACTED + "</", after)) return out;
    return `${out.slice(0, after)}${REDACTED}`;
  };
}

/** Replace the text content of elements whose local name is in `names` with `***`. */
export function redactXml(xml: string, names: readonly string[] = DEFAULT_SECRET_ELEMENTS): string {
  return createXmlRedactor(names)(xml);
}

/** Copy of an HTTP header map with credential-bearing values replaced by `***`. */
export function redactHttpHeaders(
  headers: Readonly<Record<string, string | readonly string[] | number | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const v = Array.isArray(value) ? value.join(", ") : String(value);
    out[name] = SECRET_HTTP_HEADERS.includes(name.toLowerCase()) ? REDACTED : v;
  }
  return out;
}

/**
 * An endpoint URL safe for messages: user info (credentials), query and fragment removed
 * (query strings can carry tokens).
 */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    const hadQuery = u.search !== "";
    u.search = "";
    u.hash = "";
    return hadQuery ? `${u.href}?…` : u.href;
  } catch {
    return "(invalid URL)";
  }
}

/** Redacts secrets in a text; `truncated: true` for text that may end inside a secret. */
export type TextRedactor = (text: string, truncated?: boolean) => string;

/**
 * First ~`max` characters of a response body with secrets redacted BEFORE the cut (a secret
 * at the cut is masked whole, not left half-visible), work bounded on huge bodies.
 */
export function bodySnippet(body: string, redact: TextRedactor, max = 200): string {
  const head = body.length > 4096 ? redact(body.slice(0, 4096), true) : redact(body);
  const cut = head.length > max ? redact(head.slice(0, max), true) : head;
  return cut.length < head.length || body.length > 4096 ? `${cut}…` : cut;
}

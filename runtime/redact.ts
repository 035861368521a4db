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

const REDACTED = "***";

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

/** First ~`max` characters of a response body with secrets redacted (redaction happens before truncation). */
export function bodySnippet(body: string, redact: XmlRedactor, max = 200): string {
  // Redact a bounded prefix (bounded work on huge bodies); a secret element cut at the
  // boundary is redacted to the end.
  const head = body.length > 4096 ? redact(body.slice(0, 4096), true) : redact(body);
  const cut = head.length > max ? redact(head.slice(0, max), true) : head;
  return cut.length < head.length || body.length > 4096 ? `${cut}…` : cut;
}

/** Secret values shorter than this are not scrubbed (masking "ab" everywhere would garble text). */
const MIN_SECRET_LENGTH = 6;

/**
 * The credential values of one call: strings under secret element names in the SOAP header
 * values (any depth), and the values of credential-bearing HTTP headers (plus their
 * space-separated parts, so `Bearer xyz` also masks a bare `xyz`).
 */
export function secretValues(
  soapHeaders: readonly (Readonly<Record<string, unknown>> | undefined)[],
  httpHeaders: readonly (Readonly<Record<string, string>> | undefined)[],
  secretElements: ReadonlySet<string>,
): string[] {
  const out = new Set<string>();
  const add = (v: string): void => {
    if (v.length >= MIN_SECRET_LENGTH) out.add(v);
  };
  const walk = (v: unknown, secret: boolean, depth: number): void => {
    if (typeof v === "string") {
      if (secret) add(v);
      return;
    }
    if (v === null || typeof v !== "object" || depth > 16) return;
    if (Array.isArray(v)) {
      for (const x of v) walk(x, secret, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v)) walk(x, secret || secretElements.has(k), depth + 1);
  };
  for (const h of soapHeaders) if (h !== undefined) walk(h, false, 0);
  for (const h of httpHeaders) {
    if (h === undefined) continue;
    for (const [name, value] of Object.entries(h)) {
      if (!SECRET_HTTP_HEADERS.includes(name.toLowerCase())) continue;
      add(value);
      for (const part of value.split(/[\s,;]+/)) add(part);
    }
  }
  // Longest first: a secret containing another is masked whole.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Replace every occurrence of the given values with `***`. */
export function scrubText(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) if (out.includes(v)) out = out.split(v).join(REDACTED);
  return out;
}

function scrubValue(v: unknown, values: readonly string[], depth: number): unknown {
  if (typeof v === "string") return scrubText(v, values);
  if (v === null || typeof v !== "object" || depth > 32) return v;
  if (v instanceof Error) return scrubError(v, values, depth + 1);
  if (Array.isArray(v)) {
    const a = v.map((x: unknown) => scrubValue(x, values, depth + 1));
    return a.some((x, i) => x !== v[i]) ? (Object.isFrozen(v) ? Object.freeze(a) : a) : v;
  }
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v; // bytes, dates, class instances: no text
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = scrubValue(x, values, depth + 1);
    if (y !== x) changed = true;
    // defineProperty: a "__proto__" key stays a plain key.
    Object.defineProperty(copy, k, { value: y, enumerable: true, writable: true, configurable: true });
  }
  if (!changed) return v;
  return Object.isFrozen(v) ? Object.freeze(copy) : copy;
}

/**
 * Mask secret values wherever they appear in an error: message, stack, string fields, nested
 * values (fault detail, ExceptionInfo, parameters) and nested errors (`inner`, `cause`).
 * A server that echoes the caller's ticket or token (in a fault string, an error page...)
 * must not make soapkit put it into logs. Mutates and returns `err`.
 */
export function scrubError<E>(err: E, values: readonly string[], depth = 0): E {
  if (values.length === 0 || !(err instanceof Error) || depth > 32) return err;
  for (const key of Object.getOwnPropertyNames(err)) {
    const d = Object.getOwnPropertyDescriptor(err, key);
    if (d === undefined) continue;
    const v: unknown = "value" in d ? d.value : key === "stack" ? err.stack : undefined;
    const next = scrubValue(v, values, depth + 1);
    if (next === v) continue;
    try {
      Object.defineProperty(err, key, { value: next, writable: true, enumerable: d.enumerable ?? false, configurable: true });
    } catch {
      // non-configurable property: leave it (none of soapkit's errors have one)
    }
  }
  return err;
}

/**
 * Which values of a call are secrets: strings under a secret element/member name anywhere in
 * the SOAP headers or in the request input (`Credentials.Ticket`, `ApplicationToken`,
 * `EMailConnectionInfo.Password`...), credential-bearing HTTP header values (whole and
 * without their scheme: `SOTicket 7T:…` masks `7T:…`), and the password of a URL.
 */
import { SECRET_HTTP_HEADERS } from "../redact.js";
import type { SecretSet } from "./secret-set.js";

/** Add every string found under a secret name (compared case-insensitively) in `value`. */
export function addSecretFields(set: SecretSet, value: unknown, secretNames: ReadonlySet<string>): void {
  walk(set, value, false, secretNames, 0);
}

function walk(set: SecretSet, v: unknown, secret: boolean, names: ReadonlySet<string>, depth: number): void {
  if (typeof v === "string") {
    if (secret) set.add(v);
    return;
  }
  if (v === null || typeof v !== "object" || depth > 32 || ArrayBuffer.isView(v) || v instanceof Date) return;
  if (Array.isArray(v)) {
    for (const x of v) walk(set, x, secret, names, depth + 1);
    return;
  }
  const keys = Object.keys(v);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    walk(set, (v as Record<string, unknown>)[k], secret || names.has(lowerCase(k)), names, depth + 1);
  }
}

/** Member names seen (a service has a bounded set) in lower case: no new string per member per call. */
const lower = new Map<string, string>();

function lowerCase(name: string): string {
  let out = lower.get(name);
  if (out === undefined) {
    if (lower.size >= 4096) lower.clear();
    lower.set(name, (out = name.toLowerCase()));
  }
  return out;
}

/** Add the values of credential-bearing HTTP headers (`Authorization`, `SO-AppToken`, ...). */
export function addSecretHttpHeaders(set: SecretSet, headers: Readonly<Record<string, string>> | undefined): void {
  if (headers === undefined) return;
  for (const value of secretHttpHeaderValues(headers)) set.add(value);
}

/** The secrets among HTTP headers (what `addSecretHttpHeaders` adds), for a caller that keeps them. */
export function secretHttpHeaderValues(headers: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name];
    if (!SECRET_HTTP_HEADERS.includes(name.toLowerCase()) || typeof value !== "string") continue;
    // `SOTicket 7T:…`: the credentials only (the scheme's fragments would mask the word "Ticket").
    const credentials = /^\s*[A-Za-z][\w-]*\s+(\S.*)$/.exec(value)?.[1];
    out.push(credentials ?? value);
  }
  return out;
}

/** Add the user info of a URL (`https://user:password@host/`). */
export function addUrlCredentials(set: SecretSet, url: string): void {
  if (!URL.canParse(url)) return;
  const u = new URL(url);
  if (u.password !== "") {
    set.add(u.password);
    set.add(safeDecode(u.password));
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The secret set of one call and the redactor built on it. Secrets: strings under secret
 * names in the request headers and in the request input (passwords at least), credential
 * HTTP header values, and configured extra values. Transports add what they derive
 * (`Authorization` from configured credentials, URL user info).
 */
import { createXmlRedactor, type TextRedactor } from "../redact.js";
import { createJsonRedactor } from "../rest/redact-json.js";
import { addSecretFields, addSecretHttpHeaders } from "../secrets/collect.js";
import { SecretSet } from "../secrets/secret-set.js";

export interface SecretSources {
  /** Request headers (an object, or a list of them). */
  readonly headers: Readonly<Record<string, unknown>> | readonly unknown[];
  readonly input: unknown;
  readonly httpHeaders: Readonly<Record<string, string>>;
  readonly extra: readonly string[];
}

/**
 * The secrets of `sources`. With `base` (the client's own secrets, indexed once per client), the
 * set includes base's and indexes only what the call adds: per call, the cost is the call's own.
 */
export function callSecrets(sources: SecretSources, secretNames: ReadonlySet<string>, base?: SecretSet): SecretSet {
  const set = new SecretSet(sources.extra, base);
  addSecretFields(set, sources.headers, secretNames);
  addSecretFields(set, sources.input, secretNames);
  addSecretHttpHeaders(set, sources.httpHeaders);
  return set;
}

/** Redact by element/member name (XML and JSON) and by value, in that order. */
export function nameRedactor(names: readonly string[]): TextRedactor {
  const xml = createXmlRedactor(names);
  const json = createJsonRedactor(names);
  return (text, truncated) => xml(json(text, truncated), truncated);
}

export function callRedactor(byName: TextRedactor, secrets: SecretSet): TextRedactor {
  return (text, truncated) => secrets.mask(byName(text, truncated));
}

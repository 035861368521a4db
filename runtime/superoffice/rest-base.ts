/** The installation base URL of the REST transport: checked, user info moved to Basic auth. */
import type { ServiceMetadata } from "../metadata.js";
import { SoapkitError } from "../errors.js";
import { safeUrl } from "../redact.js";
import { restBaseUrlFromAddress } from "./base-url.js";
import type { RestAuth } from "./rest-auth.js";

export interface RestBase {
  /** Without user info and trailing slash. */
  readonly href: string;
  /** Safe for messages. */
  readonly safe: string;
  /** Basic credentials that were in the URL (fetch refuses URLs with user info). */
  readonly urlAuth?: RestAuth;
}

export function restBase(configured: string | undefined, meta: ServiceMetadata): RestBase {
  return parseRestBase(configured ?? restBaseUrlFromAddress(meta.address), `service ${meta.service}`);
}

/** Check a base URL (`what` names it in the error) and move its user info to Basic auth. */
export function parseRestBase(url: string, what: string): RestBase {
  const given = url.replace(/\/+$/, "");
  const safe = safeUrl(given).replace(/\/+$/, "");
  if (!URL.canParse(given) || !/^https?:$/i.test(new URL(given).protocol)) {
    throw new SoapkitError("ERR_REST_CONFIG", `invalid REST base URL for ${what}: ${safe}`);
  }
  const u = new URL(given);
  if (u.username === "" && u.password === "") return { href: u.href.replace(/\/+$/, ""), safe };
  const urlAuth: RestAuth = {
    scheme: "Basic",
    username: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
  u.username = "";
  u.password = "";
  return { href: u.href.replace(/\/+$/, ""), safe, urlAuth };
}

/** `/api/v1/Agents/EMail/SyncEmailAccount` */
export function agentPath(meta: ServiceMetadata, operation: string): string {
  if (meta.restAgent === undefined || meta.restAgent === "") {
    throw new SoapkitError("ERR_REST_CONFIG", `service ${meta.service} has no REST agent (metadata restAgent)`);
  }
  return `/api/v1/Agents/${encodeURIComponent(meta.restAgent)}/${encodeURIComponent(operation)}`;
}

/** `?$select=a,b/c&k=v` (commas and slashes kept readable, everything else percent-encoded). */
export function queryString(query: Readonly<Record<string, string>>): string {
  const enc = (s: string): string =>
    encodeURIComponent(s).replace(/%2C/gi, ",").replace(/%2F/gi, "/").replace(/%24/g, "$");
  const parts = Object.entries(query)
    .filter(([, v]) => v !== "")
    .map(([k, v]) => `${enc(k)}=${enc(v)}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

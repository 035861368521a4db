/**
 * `SignedSystemToken`: `<system user token>.<UTC yyyyMMddHHmm>.<base64 RSA-SHA256 signature of
 * the first two parts>` (SuperOffice, "How to sign system user token").
 */
import { createSign, type KeyObject } from "node:crypto";

function utcStamp(d: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${d.getUTCFullYear()}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}`;
}

export function signSystemUserToken(systemUserToken: string, key: KeyObject, now: Date = new Date()): string {
  const data = `${systemUserToken}.${utcStamp(now)}`;
  const signature = createSign("SHA256").update(data, "utf8").sign(key, "base64");
  return `${data}.${signature}`;
}

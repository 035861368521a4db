/**
 * Checks a `SignedSystemToken` the way the partner system user service does:
 * `<system user token>.<UTC yyyyMMddHHmm>.<base64 RSA-SHA256 signature of the first two parts>`,
 * signed with the partner's private key and verified with the public key registered for the
 * application; the token must be the tenant's, and the timestamp close to the service's clock.
 * Failure texts never repeat the token, the signature or a key.
 */

import { createVerify, type KeyObject } from "node:crypto";
import { sameSecret } from "./users.js";

/** The partner's public key: PEM (SPKI, PKCS#1, or a private key it is derived from), a KeyObject, or .NET RSA XML (read by the runtime's `readPublicKey`). */
export type PartnerKey = string | KeyObject;

export interface SignedTokenCheck {
  /** The system user token registered for the tenant. */
  systemUserToken: string;
  publicKey: KeyObject;
  now: number;
  /** How far the timestamp may be from `now` (either way). */
  maxSkewMs: number;
}

/** undefined when the signed token is good, else why it is not. */
export function signedTokenProblem(signed: string, c: SignedTokenCheck): string | undefined {
  const cut = signed.lastIndexOf(".");
  const data = cut < 0 ? "" : signed.slice(0, cut);
  const stampAt = data.lastIndexOf(".");
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(data.slice(stampAt + 1));
  if (cut < 0 || stampAt < 0 || m === null)
    return "The signed system token is malformed (expected token.yyyyMMddHHmm.signature)";
  if (!sameSecret(data.slice(0, stampAt), c.systemUserToken))
    return "The system user token is not valid for this tenant and application";
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  if (Number.isNaN(at) || Math.abs(c.now - at) > c.maxSkewMs)
    return "The signed system token's timestamp is too far from the current time (UTC)";
  const signature = Buffer.from(signed.slice(cut + 1), "base64");
  const ok = createVerify("RSA-SHA256").update(data, "utf8").verify(c.publicKey, signature);
  return ok ? undefined : "The signature of the signed system token does not verify with the partner's public key";
}

/**
 * The emulator's own token-signing key: an RSA key pair generated with node:crypto the first time
 * it is needed (never stored), published as a JSON Web Key set, and used to sign RS256 JWTs.
 */

import { createSign, generateKeyPairSync, randomBytes, type JsonWebKey, type KeyObject } from "node:crypto";

export interface JwtSigner {
  /** `{ keys: [...] }`, as served at `/login/.well-known/jwks`. */
  jwks(): { keys: JsonWebKey[] };
  /** Compact RS256 JWS of these claims (`kid` and `alg` set; `header` may add or change fields). */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
}

function b64url(v: object): string {
  return Buffer.from(JSON.stringify(v), "utf8").toString("base64url");
}

export function jwtSigner(): JwtSigner {
  let key: { privateKey: KeyObject; jwk: JsonWebKey } | undefined;
  const keys = (): { privateKey: KeyObject; jwk: JsonWebKey } => {
    if (key !== undefined) return key;
    const pair = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const kid = `soapkit-emulator-${randomBytes(6).toString("hex")}`;
    const jwk = { ...pair.publicKey.export({ format: "jwk" }), kid, use: "sig", alg: "RS256" };
    return (key = { privateKey: pair.privateKey, jwk });
  };
  return {
    jwks: () => ({ keys: [keys().jwk] }),
    sign(claims, header = {}) {
      const { privateKey, jwk } = keys();
      const data = `${b64url({ alg: "RS256", typ: "JWT", kid: jwk.kid, ...header })}.${b64url(claims)}`;
      return `${data}.${createSign("RSA-SHA256").update(data).sign(privateKey, "base64url")}`;
    },
  };
}

/**
 * The .NET `RSAKeyValue` XML format SuperOffice hands partners their private key in
 * (`<RSAKeyValue><Modulus>…</Modulus><Exponent>…</Exponent><P>…</P><Q>…</Q><DP>…</DP><DQ>…</DQ>
 * <InverseQ>…</InverseQ><D>…</D></RSAKeyValue>`, each a big-endian base64 integer), read into a
 * Node `KeyObject` through its JWK form; PEM keys are read as they are.
 */
import { createPrivateKey, type KeyObject } from "node:crypto";
import { SystemUserError } from "./system-user-error.js";

const PARTS = { n: "Modulus", e: "Exponent", d: "D", p: "P", q: "Q", dp: "DP", dq: "DQ", qi: "InverseQ" } as const;

function base64url(b64: string): string {
  return Buffer.from(b64.replace(/\s+/g, ""), "base64").toString("base64url");
}

/** A private key from PEM text or .NET RSA XML. */
export function readPrivateKey(key: string | Buffer, passphrase?: string): KeyObject {
  const text = typeof key === "string" ? key : key.toString("utf8");
  try {
    if (!/<RSAKeyValue[\s>]/.test(text))
      return createPrivateKey(passphrase === undefined ? { key: text } : { key: text, passphrase });
    const jwk: Record<string, string> = { kty: "RSA" };
    for (const [name, element] of Object.entries(PARTS)) {
      const m = new RegExp(`<${element}>([^<]*)</${element}>`).exec(text);
      if (m === null) throw new SystemUserError("key", `the RSA XML key has no <${element}>`);
      jwk[name] = base64url(m[1]!);
    }
    return createPrivateKey({ key: jwk, format: "jwk" });
  } catch (e) {
    if (e instanceof SystemUserError) throw e;
    // Node's message names the decoder problem only, never key material.
    throw new SystemUserError("key", `the private key cannot be read: ${(e as Error).message}`);
  }
}

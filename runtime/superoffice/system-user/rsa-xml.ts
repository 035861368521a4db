/**
 * The .NET `RSAKeyValue` XML format SuperOffice hands partners their private key in
 * (`<RSAKeyValue><Modulus>…</Modulus><Exponent>…</Exponent><P>…</P><Q>…</Q><DP>…</DP><DQ>…</DQ>
 * <InverseQ>…</InverseQ><D>…</D></RSAKeyValue>`, each a big-endian base64 integer), read into a
 * Node `KeyObject` through its JWK form; PEM keys are read as they are.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { SystemUserError } from "./system-user-error.js";

const PUBLIC_PARTS = { n: "Modulus", e: "Exponent" } as const;
const PRIVATE_PARTS = { ...PUBLIC_PARTS, d: "D", p: "P", q: "Q", dp: "DP", dq: "DQ", qi: "InverseQ" } as const;

const isRsaXml = (text: string): boolean => /<RSAKeyValue[\s>]/.test(text);

/** The JWK of an RSA XML key, from the elements named in `parts` (JWK member → XML element). */
function rsaXmlJwk(text: string, parts: Readonly<Record<string, string>>): Record<string, string> {
  const jwk: Record<string, string> = { kty: "RSA" };
  for (const [name, element] of Object.entries(parts)) {
    const m = new RegExp(`<${element}>([^<]*)</${element}>`).exec(text);
    if (m === null) throw new SystemUserError("key", `the RSA XML key has no <${element}>`);
    jwk[name] = Buffer.from(m[1]!.replace(/\s+/g, ""), "base64").toString("base64url");
  }
  return jwk;
}

/** Read a key; a `SystemUserError` (reason `key`) when it cannot be read. */
function readKey(what: string, read: () => KeyObject): KeyObject {
  try {
    return read();
  } catch (e) {
    if (e instanceof SystemUserError) throw e;
    // Node's message names the decoder problem only, never key material.
    throw new SystemUserError("key", `the ${what} key cannot be read: ${(e as Error).message}`);
  }
}

/** A private key from PEM text or .NET RSA XML. */
export function readPrivateKey(key: string | Buffer, passphrase?: string): KeyObject {
  const text = typeof key === "string" ? key : key.toString("utf8");
  return readKey("private", () => {
    if (!isRsaXml(text)) return createPrivateKey(passphrase === undefined ? { key: text } : { key: text, passphrase });
    return createPrivateKey({ key: rsaXmlJwk(text, PRIVATE_PARTS), format: "jwk" });
  });
}

/** A public key from PEM text (SPKI, PKCS#1, or a private key it is derived from), .NET RSA XML, or a KeyObject. */
export function readPublicKey(key: string | KeyObject): KeyObject {
  if (typeof key !== "string") return key.type === "private" ? createPublicKey(key) : key;
  return readKey("public", () =>
    isRsaXml(key) ? createPublicKey({ key: rsaXmlJwk(key, PUBLIC_PARTS), format: "jwk" }) : createPublicKey(key),
  );
}

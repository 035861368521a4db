/**
 * Validation of the JWT the partner system user service returns: RS256 signature against a
 * JSON Web Key set, issuer `SuperOffice AS`, audience `spn:<serial claim>`, `exp`/`nbf` with a
 * small clock skew. Each failed check is a `SystemUserError` with its own `reason`.
 */
import { createPublicKey, createVerify, type JsonWebKey } from "node:crypto";
import { SystemUserError } from "./system-user-error.js";

export const CLAIM_PREFIX = "http://schemes.superoffice.net/identity/";
/** Issuer of system-user tokens (SuperOffice, "Validate security tokens"). */
export const SYSTEM_USER_ISSUER = "SuperOffice AS";

export interface JwtValidation {
  /** The key set (`{ keys: [...] }`, as served at `/login/.well-known/jwks`). */
  readonly jwks: { readonly keys: readonly JsonWebKey[] };
  /** Default `SuperOffice AS`. */
  readonly issuer?: string;
  /** Default `spn:<serial claim>`. */
  readonly audience?: string;
  readonly now?: Date;
  /** Default 120 s. */
  readonly clockSkewSeconds?: number;
}

export type JwtClaims = Readonly<Record<string, unknown>>;

function part(segment: string, what: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    if (v !== null && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SystemUserError("malformed", `the token's ${what} is not a JSON object`);
}

function keyFor(header: Record<string, unknown>, jwks: JwtValidation["jwks"]): JsonWebKey {
  const candidates = jwks.keys.filter((k) => k.kty === "RSA" && (header.kid === undefined || k.kid === header.kid));
  const key = candidates[0];
  if (key === undefined)
    throw new SystemUserError(
      "key-not-found",
      `no RSA key in the key set matches kid ${JSON.stringify(header.kid ?? null)}`,
    );
  return key;
}

function numeric(claims: Record<string, unknown>, name: string): number | undefined {
  const v = claims[name];
  if (v === undefined) return undefined;
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isFinite(n))
    throw new SystemUserError("claims", `claim ${name} is not a number`);
  return n;
}

function checkTimes(claims: Record<string, unknown>, o: JwtValidation): void {
  const now = (o.now ?? new Date()).getTime() / 1000;
  const skew = o.clockSkewSeconds ?? 120;
  const exp = numeric(claims, "exp");
  if (exp === undefined) throw new SystemUserError("claims", "the token has no exp claim");
  if (now > exp + skew)
    throw new SystemUserError("expired", `the token expired at ${new Date(exp * 1000).toISOString()}`);
  const nbf = numeric(claims, "nbf");
  if (nbf !== undefined && now < nbf - skew)
    throw new SystemUserError("not-yet-valid", `the token is not valid before ${new Date(nbf * 1000).toISOString()}`);
}

function audiences(claims: Record<string, unknown>): string[] {
  const aud = claims.aud;
  return typeof aud === "string"
    ? [aud]
    : Array.isArray(aud)
      ? aud.filter((a): a is string => typeof a === "string")
      : [];
}

/** Verify `jwt` and return its claims. */
export function verifySystemUserJwt(jwt: string, o: JwtValidation): JwtClaims {
  const segments = jwt.split(".");
  if (segments.length !== 3) throw new SystemUserError("malformed", "the token is not a JWS compact serialisation");
  const [h, p, s] = segments as [string, string, string];
  const header = part(h, "header");
  const claims = part(p, "payload");
  if (header.alg !== "RS256")
    throw new SystemUserError("algorithm", `algorithm ${JSON.stringify(header.alg)} is not RS256`);
  const key = createPublicKey({ key: keyFor(header, o.jwks), format: "jwk" });
  const ok = createVerify("RSA-SHA256").update(`${h}.${p}`).verify(key, Buffer.from(s, "base64url"));
  if (!ok) throw new SystemUserError("signature", "the token's signature does not verify with the key set");
  const issuer = o.issuer ?? SYSTEM_USER_ISSUER;
  if (claims.iss !== issuer)
    throw new SystemUserError("issuer", `issuer ${JSON.stringify(claims.iss)} is not ${JSON.stringify(issuer)}`);
  const serial = claims[`${CLAIM_PREFIX}serial`];
  const audience = o.audience ?? (typeof serial === "string" ? `spn:${serial}` : undefined);
  if (audience === undefined || !audiences(claims).includes(audience))
    throw new SystemUserError(
      "audience",
      `audience ${JSON.stringify(claims.aud)} does not include ${JSON.stringify(audience ?? "spn:<serial>")}`,
    );
  checkTimes(claims, o);
  return claims;
}

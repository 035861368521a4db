/**
 * WS-Security (OASIS WSS 1.0/1.1) as a message step of the SOAP transports:
 * `soapHttpTransport({ security: wsSecurity({ ... }) })`. It adds a `wsse:Security` header with
 * a UsernameToken (PasswordText or PasswordDigest with nonce and created), a Timestamp, and an
 * X.509 signature over Body and Timestamp (./signature.ts), and can verify signed responses.
 *
 * Imported from `@soapkit/runtime/ws-security` (Node only: it uses `node:crypto` and xml-crypto),
 * so the main entry point stays free of them.
 */
import { createHash, randomBytes } from "node:crypto";
import type { SoapVersion } from "../metadata.js";
import type { SecretSet } from "../secrets/secret-set.js";
import { escapeAttr, escapeText } from "../xml/write.js";
import type { EnvelopeSecurity } from "./envelope-security.js";
import { signEnvelope, verifyEnvelope, type SignatureOptions, type VerifyOptions } from "./signature.js";
import { WSSE_NS, WSU_NS, TOKEN_PROFILE, BASE64_ENCODING, newId } from "./wss-names.js";

export interface UsernameTokenOptions {
  readonly username: string;
  readonly password: string;
  /** `text` (default) sends the password; `digest` sends Base64(SHA-1(nonce + created + password)). */
  readonly passwordType?: "text" | "digest";
  /** Add a `wsse:Nonce` and `wsu:Created` to a text token too (a digest always has them). */
  readonly nonce?: boolean;
}

export interface WsSecurityOptions {
  readonly usernameToken?: UsernameTokenOptions;
  /** A `wsu:Timestamp` valid for `ttlSeconds` (default 300). `false`/absent: none, unless signing. */
  readonly timestamp?: boolean | { readonly ttlSeconds?: number };
  /** `mustUnderstand` on the Security header (default `true`). */
  readonly mustUnderstand?: boolean;
  /** Sign Body and Timestamp with an X.509 key (BinarySecurityToken + XML signature). */
  readonly sign?: SignatureOptions;
  /** Verify the signature of every response (Body must be signed by `trustedCert`). */
  readonly verify?: VerifyOptions;
  /** Clock for Created/Expires (tests). */
  readonly now?: () => Date;
}

function iso(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function usernameToken(o: UsernameTokenOptions, now: Date): string {
  const digest = o.passwordType === "digest";
  const nonce = randomBytes(16);
  const created = iso(now);
  const password = digest
    ? createHash("sha1")
        .update(Buffer.concat([nonce, Buffer.from(created, "utf8"), Buffer.from(o.password, "utf8")]))
        .digest("base64")
    : o.password;
  const type = `${TOKEN_PROFILE}#${digest ? "PasswordDigest" : "PasswordText"}`;
  const freshness =
    digest || o.nonce === true
      ? `<wsse:Nonce EncodingType="${BASE64_ENCODING}">${nonce.toString("base64")}</wsse:Nonce><wsu:Created>${created}</wsu:Created>`
      : "";
  return (
    `<wsse:UsernameToken wsu:Id="${newId("UsernameToken")}"><wsse:Username>${escapeText(o.username)}</wsse:Username>` +
    `<wsse:Password Type="${escapeAttr(type)}">${escapeText(password)}</wsse:Password>${freshness}</wsse:UsernameToken>`
  );
}

function timestamp(ttlSeconds: number, now: Date): string {
  const expires = new Date(now.getTime() + ttlSeconds * 1000);
  return `<wsu:Timestamp wsu:Id="${newId("TS")}"><wsu:Created>${iso(now)}</wsu:Created><wsu:Expires>${iso(expires)}</wsu:Expires></wsu:Timestamp>`;
}

/** Put `xml` as the first child of `soap:Header` (creating the header) and return the envelope. */
function insertHeader(envelope: string, xml: string): string {
  const open = /<soap:Header>/.exec(envelope);
  if (open !== null)
    return envelope.slice(0, open.index + open[0].length) + xml + envelope.slice(open.index + open[0].length);
  const body = envelope.indexOf("<soap:Body>");
  if (body === -1) throw new Error("soapkit ws-security: envelope without <soap:Body>");
  return `${envelope.slice(0, body)}<soap:Header>${xml}</soap:Header>${envelope.slice(body)}`;
}

export function wsSecurity(options: WsSecurityOptions): EnvelopeSecurity {
  const now = options.now ?? (() => new Date());
  const ttl = typeof options.timestamp === "object" ? (options.timestamp.ttlSeconds ?? 300) : 300;
  const withTimestamp = options.timestamp !== undefined && options.timestamp !== false;
  return {
    capabilities: {
      ...(options.usernameToken !== undefined ? { usernameToken: options.usernameToken.passwordType ?? "text" } : {}),
      timestamp: withTimestamp || options.sign !== undefined,
      signature: options.sign !== undefined,
    },
    secure(envelope: string, version: SoapVersion, secrets: SecretSet): string {
      if (options.usernameToken !== undefined) secrets.add(options.usernameToken.password);
      if (options.sign?.passphrase !== undefined) secrets.add(options.sign.passphrase);
      const at = now();
      const mustUnderstand =
        options.mustUnderstand === false ? "" : ` soap:mustUnderstand="${version === "1.1" ? "1" : "true"}"`;
      const parts =
        (withTimestamp || options.sign !== undefined ? timestamp(ttl, at) : "") +
        (options.usernameToken !== undefined ? usernameToken(options.usernameToken, at) : "");
      const header = `<wsse:Security xmlns:wsse="${WSSE_NS}" xmlns:wsu="${WSU_NS}"${mustUnderstand}>${parts}</wsse:Security>`;
      const secured = insertHeader(envelope, header);
      return options.sign === undefined ? secured : signEnvelope(secured, options.sign);
    },
    ...(options.verify === undefined
      ? {}
      : { verify: (envelope: string): void => verifyEnvelope(envelope, options.verify!) }),
  };
}

/**
 * A stand-in for SuperOffice's partner system user service on 127.0.0.1, written from the
 * documented formats: REST `POST /Login/api/PartnerSystemUser/Authenticate` (JSON), SOAP
 * `/login/services/PartnerSystemUserService.svc` (`AuthenticationRequest` with the
 * `ApplicationToken` and `ContextIdentifier` headers) and the key set at
 * `/login/.well-known/jwks`. It checks the RSA-SHA256 signature and freshness of the signed
 * system user token with the partner's public key, and answers an RS256 JWT it signs itself.
 */
import { createSign, createVerify, generateKeyPairSync, type KeyObject } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const PREFIX = "http://schemes.superoffice.net/identity/";
const PSU_NS = "http://www.superoffice.com/superid/partnersystemuser/0.1";

export interface SystemUserServerOptions {
  readonly partnerPublicKey: KeyObject;
  readonly applicationToken: string;
  readonly systemUserToken: string;
  readonly contextIdentifier: string;
  readonly ticket: string;
  /** Change the JWT before it is sent (tests of each validation failure). */
  mint?: (claims: Record<string, unknown>, header: Record<string, unknown>) => void;
  /** Break the JWT after signing. */
  tamper?: (jwt: string) => string;
}

export interface SystemUserServer {
  readonly url: string;
  readonly jwks: { keys: object[] };
  readonly logins: { via: "rest" | "soap"; ok: boolean }[];
  options: SystemUserServerOptions;
  close(): Promise<void>;
}

function b64url(v: object): string {
  return Buffer.from(JSON.stringify(v)).toString("base64url");
}

function checkSigned(signed: string, o: SystemUserServerOptions): boolean {
  const cut = signed.lastIndexOf(".");
  const data = signed.slice(0, cut);
  const stampAt = data.lastIndexOf(".");
  const [token, stamp] = [data.slice(0, stampAt), data.slice(stampAt + 1)];
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp);
  if (m === null || token !== o.systemUserToken) return false;
  const at = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  if (Math.abs(Date.now() - at) > 5 * 60_000) return false;
  return createVerify("SHA256")
    .update(data)
    .verify(o.partnerPublicKey, Buffer.from(signed.slice(cut + 1), "base64"));
}

export async function startSystemUserServer(options: SystemUserServerOptions): Promise<SystemUserServer> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwks = {
    keys: [{ ...(publicKey.export({ format: "jwk" }) as object), kid: "so-1", use: "sig", alg: "RS256" }],
  };
  const logins: SystemUserServer["logins"] = [];
  const state = { options };
  const jwtFor = (o: SystemUserServerOptions): string => {
    const now = Math.floor(Date.now() / 1000);
    const header: Record<string, unknown> = { alg: "RS256", typ: "JWT", kid: "so-1" };
    const claims: Record<string, unknown> = {
      iss: "SuperOffice AS",
      aud: "spn:1801550193",
      nbf: now - 5,
      exp: now + 6 * 3600,
      [`${PREFIX}serial`]: "1801550193",
      [`${PREFIX}ctx`]: o.contextIdentifier,
      [`${PREFIX}ticket`]: o.ticket,
      [`${PREFIX}associateid`]: "5",
      [`${PREFIX}netserver_url`]: `https://sod.superoffice.com/${o.contextIdentifier}/Remote/Services88/`,
      [`${PREFIX}webapi_url`]: `https://sod.superoffice.com/${o.contextIdentifier}/api/`,
    };
    o.mint?.(claims, header);
    const data = `${b64url(header)}.${b64url(claims)}`;
    const jwt = `${data}.${createSign("RSA-SHA256").update(data).sign(privateKey, "base64url")}`;
    return o.tamper?.(jwt) ?? jwt;
  };
  const answer = (
    via: "rest" | "soap",
    signed: string,
    appToken: string,
    ctx: string,
  ): { ok: boolean; token: string; error: string } => {
    const o = state.options;
    const ok = appToken === o.applicationToken && ctx === o.contextIdentifier && checkSigned(signed, o);
    logins.push({ via, ok });
    // A careless service echoes what it got: the client must mask it.
    return ok ? { ok, token: jwtFor(o), error: "" } : { ok, token: "", error: `invalid signed token ${signed}` };
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.url === "/login/.well-known/jwks") {
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify(jwks));
      }
      if (req.url === "/Login/api/PartnerSystemUser/Authenticate") {
        const v = JSON.parse(body) as Record<string, string>;
        const r = answer("rest", v.SignedSystemToken ?? "", v.ApplicationToken ?? "", v.ContextIdentifier ?? "");
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ IsSuccessful: r.ok, Token: r.ok ? r.token : null, ErrorMessage: r.error }));
      }
      if (req.url === "/login/services/PartnerSystemUserService.svc") {
        const text = (name: string): string => new RegExp(`<p:${name}>([^<]*)</p:${name}>`).exec(body)?.[1] ?? "";
        const r = answer("soap", text("SignedSystemToken"), text("ApplicationToken"), text("ContextIdentifier"));
        res.writeHead(200, { "Content-Type": "text/xml; charset=utf-8" });
        return res.end(
          `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><AuthenticationResponse xmlns="${PSU_NS}">` +
            `<ErrorMessage>${r.error}</ErrorMessage><IsSuccessful>${r.ok}</IsSuccessful><Token>${r.token}</Token>` +
            `</AuthenticationResponse></s:Body></s:Envelope>`,
        );
      }
      res.writeHead(404);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    jwks,
    logins,
    get options() {
      return state.options;
    },
    set options(o) {
      state.options = o;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A private key in .NET's RSA XML form (what SuperOffice hands partners). */
export function rsaXml(key: KeyObject): string {
  const jwk = key.export({ format: "jwk" }) as Record<string, string>;
  const el = (name: string, v: string): string =>
    `<${name}>${Buffer.from(v, "base64url").toString("base64")}</${name}>`;
  return (
    `<RSAKeyValue>${el("Modulus", jwk.n!)}${el("Exponent", jwk.e!)}${el("P", jwk.p!)}${el("Q", jwk.q!)}` +
    `${el("DP", jwk.dp!)}${el("DQ", jwk.dq!)}${el("InverseQ", jwk.qi!)}${el("D", jwk.d!)}</RSAKeyValue>`
  );
}

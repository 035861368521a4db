/**
 * The system-user flow (SuperOffice CRM Online, server to server): sign the system user token,
 * exchange it at the partner system user service (REST `…/Login/api/PartnerSystemUser/Authenticate`
 * or SOAP `…/login/services/PartnerSystemUserService.svc`), validate the returned JWT against the
 * published key set (`…/login/.well-known/jwks`) and take the ticket and endpoints from its
 * claims. The ticket lives 6 hours (sliding): keep the session and log in again only when a call
 * is rejected, never per call.
 */
import { SecretSet } from "../../secrets/secret-set.js";
import { escapeText } from "../../xml/write.js";
import { findChild, parseXml, type XmlElement } from "../../xml/parse.js";
import { SOAP11_ENV_NS } from "../../metadata.js";
import { createSession, type SoSession } from "../login.js";
import { readPrivateKey } from "./rsa-xml.js";
import { signSystemUserToken } from "./sign-token.js";
import { CLAIM_PREFIX, verifySystemUserJwt, type JwtClaims, type JwtValidation } from "./jwt.js";
import { SystemUserError } from "./system-user-error.js";

const PSU_NS = "http://www.superoffice.com/superid/partnersystemuser/0.1";

export interface SystemUserLoginOptions {
  /** Online environment (`sod`, `stage`, `online`) → `https://<env>.superoffice.com`. */
  readonly environment?: "sod" | "stage" | "online";
  /** The login host instead of an environment (an emulator, a proxy): `https://sod.superoffice.com`. */
  readonly loginBaseUrl?: string;
  /** The tenant, `Cust12345`. */
  readonly contextIdentifier: string;
  /** The application's client secret (`ApplicationToken`). */
  readonly applicationToken: string;
  /** From the admin's consent (`system_token` claim), `App Name-xyz…`. */
  readonly systemUserToken: string;
  /** The partner's RSA private key: PEM, or the .NET RSA XML SuperOffice hands out. */
  readonly privateKey: string | Buffer;
  readonly passphrase?: string;
  /** `rest` (default) or `soap`. */
  readonly via?: "rest" | "soap";
  /** Key set to validate the JWT with; default: fetched from `<login>/login/.well-known/jwks`. */
  readonly jwks?: JwtValidation["jwks"];
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly timeoutMs?: number;
}

export interface SystemUserSession extends SoSession {
  readonly contextIdentifier: string;
  /** `netserver_url` claim: the tenant's SOAP base (`…/Remote/Services88/`). */
  readonly netserverUrl?: string;
  /** `webapi_url` claim: the tenant's REST base (`…/api/`). */
  readonly webapiUrl?: string;
  /** Every claim of the validated token (the ticket claim left out). */
  readonly claims: JwtClaims;
}

function loginBase(o: SystemUserLoginOptions): string {
  if (o.loginBaseUrl !== undefined) return o.loginBaseUrl.replace(/\/+$/, "");
  return `https://${o.environment ?? "online"}.superoffice.com`;
}

async function post(o: SystemUserLoginOptions, url: string, init: RequestInit, secrets: SecretSet): Promise<string> {
  const doFetch = o.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(url, { ...init, signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) });
  } catch (e) {
    throw new SystemUserError("exchange", `request to ${url} failed: ${secrets.mask((e as Error).message)}`);
  }
  const text = await res.text();
  if (res.status >= 400 && !text.includes("IsSuccessful"))
    throw new SystemUserError("exchange", `${url} answered HTTP ${res.status}`);
  return text;
}

interface ExchangeResult {
  readonly ok: boolean;
  readonly token: string;
  readonly error: string;
}

async function viaRest(o: SystemUserLoginOptions, signed: string, secrets: SecretSet): Promise<ExchangeResult> {
  const url = `${loginBase(o)}/Login/api/PartnerSystemUser/Authenticate`;
  const body = JSON.stringify({
    SignedSystemToken: signed,
    ApplicationToken: o.applicationToken,
    ContextIdentifier: o.contextIdentifier,
    ReturnTokenType: "JWT",
  });
  const headers = { "Content-Type": "application/json", Accept: "application/json" };
  const text = await post(o, url, { method: "POST", headers, body }, secrets);
  let v: { IsSuccessful?: unknown; Token?: unknown; ErrorMessage?: unknown };
  try {
    v = JSON.parse(text) as typeof v;
  } catch {
    throw new SystemUserError("exchange", `${url} did not answer JSON`);
  }
  return { ok: v.IsSuccessful === true, token: String(v.Token ?? ""), error: String(v.ErrorMessage ?? "") };
}

async function viaSoap(o: SystemUserLoginOptions, signed: string, secrets: SecretSet): Promise<ExchangeResult> {
  const url = `${loginBase(o)}/login/services/PartnerSystemUserService.svc`;
  const envelope =
    `<s:Envelope xmlns:s="${SOAP11_ENV_NS}" xmlns:p="${PSU_NS}"><s:Header>` +
    `<p:ApplicationToken>${escapeText(o.applicationToken)}</p:ApplicationToken>` +
    `<p:ContextIdentifier>${escapeText(o.contextIdentifier)}</p:ContextIdentifier></s:Header><s:Body>` +
    `<p:AuthenticationRequest><p:SignedSystemToken>${escapeText(signed)}</p:SignedSystemToken>` +
    `<p:ReturnTokenType>Jwt</p:ReturnTokenType></p:AuthenticationRequest></s:Body></s:Envelope>`;
  const headers = {
    "Content-Type": "text/xml; charset=utf-8",
    SOAPAction: `"${PSU_NS}/IPartnerSystemUserService/Authenticate"`,
  };
  const text = await post(o, url, { method: "POST", headers, body: envelope }, secrets);
  let response: XmlElement | undefined;
  try {
    const body = findChild(parseXml(text), SOAP11_ENV_NS, "Body");
    response = body === undefined ? undefined : findChild(body, PSU_NS, "AuthenticationResponse");
  } catch {
    response = undefined;
  }
  if (response === undefined) throw new SystemUserError("exchange", `${url} did not answer an AuthenticationResponse`);
  const field = (name: string): string => findChild(response, PSU_NS, name)?.text.trim() ?? "";
  return { ok: field("IsSuccessful") === "true", token: field("Token"), error: field("ErrorMessage") };
}

async function keySet(o: SystemUserLoginOptions): Promise<JwtValidation["jwks"]> {
  if (o.jwks !== undefined) return o.jwks;
  const url = `${loginBase(o)}/login/.well-known/jwks`;
  const res = await (o.fetch ?? fetch)(url, { signal: AbortSignal.timeout(o.timeoutMs ?? 30_000) }).catch(
    () => undefined,
  );
  const v =
    res?.ok === true ? ((await res.json().catch(() => undefined)) as { keys?: unknown } | undefined) : undefined;
  if (!Array.isArray(v?.keys)) throw new SystemUserError("key-not-found", `no key set at ${url}`);
  return v as JwtValidation["jwks"];
}

/** Log in as the tenant's system user; the session's ticket works over SOAP and REST alike. */
export async function systemUserLogin(o: SystemUserLoginOptions): Promise<SystemUserSession> {
  const secrets = new SecretSet([o.applicationToken, o.systemUserToken, ...(o.passphrase ? [o.passphrase] : [])]);
  const now = o.now?.() ?? new Date();
  const signed = signSystemUserToken(o.systemUserToken, readPrivateKey(o.privateKey, o.passphrase), now);
  secrets.add(signed);
  const result = await (o.via === "soap" ? viaSoap : viaRest)(o, signed, secrets);
  if (!result.ok || result.token === "")
    throw new SystemUserError(
      "rejected",
      `the service refused the login: ${secrets.mask(result.error) || "no reason given"}`,
    );
  secrets.add(result.token);
  const claims = verifySystemUserJwt(result.token, { jwks: await keySet(o), now });
  const ticket = claims[`${CLAIM_PREFIX}ticket`];
  if (typeof ticket !== "string" || ticket === "")
    throw new SystemUserError("claims", "the token carries no ticket claim");
  const str = (name: string): string | undefined => {
    const v = claims[`${CLAIM_PREFIX}${name}`];
    return typeof v === "string" ? v : undefined;
  };
  const { [`${CLAIM_PREFIX}ticket`]: _ticket, ...visible } = claims;
  const session = createSession(ticket, o.applicationToken, { AssociateId: Number(str("associateid") ?? NaN) });
  return Object.assign(session, {
    contextIdentifier: str("ctx") ?? o.contextIdentifier,
    ...(str("netserver_url") === undefined ? {} : { netserverUrl: str("netserver_url")! }),
    ...(str("webapi_url") === undefined ? {} : { webapiUrl: str("webapi_url")! }),
    claims: visible,
  });
}

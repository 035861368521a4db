/**
 * The partner system user service (SuperOffice CRM Online's system-user flow), transport-neutral:
 * checks the application token, the tenant (context identifier) and the signed system user token
 * (see signed-token.ts), issues a ticket into the profile's store and answers an RS256 JWT signed
 * with the emulator's own key, whose claims carry the ticket, the tenant and its endpoints.
 * `logins` records each attempt without any secret.
 */

import type { KeyObject } from "node:crypto";
import type { JwtSigner } from "./jwks.js";
import { readPublicKey } from "@soapkit/runtime";
import { signedTokenProblem, type PartnerKey } from "./signed-token.js";
import type { TenantDirectory } from "./tenants.js";
import type { TicketStore } from "./tickets.js";
import { sameSecret } from "./users.js";

export const CLAIMS = "http://schemes.superoffice.net/identity/";

export interface SystemUserOptions {
  /** The partner's registered public key (PEM, KeyObject, or .NET RSA XML `<Modulus>`/`<Exponent>`). */
  partnerPublicKey: PartnerKey;
  /** Context identifier → the system user token the admin's consent issued for this application. */
  systemUserTokens: Readonly<Record<string, string>>;
  /** The client secret the exchange must carry (default: the profile's `applicationToken`). */
  applicationToken?: string;
  /** How far the signed timestamp may be from the clock, either way (default 5 minutes). */
  maxClockSkewMs?: number;
  /** Lifetime of the answered JWT (default 10 minutes; the ticket in it lives 6 hours, sliding). */
  jwtLifetimeMs?: number;
  /** Path under the tenant root for the `netserver_url` claim (default `/Remote/Services88/`). */
  netserverPath?: string;
  /** `serial` claim; the JWT's audience is `spn:<serial>` (default `1801550193`). */
  serial?: string;
  associateId?: number;
}

/** TEST ONLY: hand out broken JWTs (tampered, expired, wrong audience) to test clients' checks. */
export interface SystemUserTestKnobs {
  /** Change claims or header before signing. */
  mint?: (claims: Record<string, unknown>, header: Record<string, unknown>) => void;
  /** Change the signed JWT. */
  tamper?: (jwt: string) => string;
}

export interface SystemUserLoginRecord {
  via: "rest" | "soap";
  contextIdentifier: string;
  ok: boolean;
  /** Why it was refused (never a secret). */
  error?: string;
  /** The profile clock's time. */
  at: number;
}

export interface AuthenticationRequest {
  signedSystemToken: string;
  applicationToken: string;
  contextIdentifier: string;
  returnTokenType: string;
  /** `Host` of the request (default tenant endpoints). */
  host: string | undefined;
}

export interface AuthenticationResult {
  ok: boolean;
  token: string | null;
  errorMessage: string;
}

export interface SystemUserDeps {
  now: () => number;
  tickets: TicketStore;
  tenants: TenantDirectory;
  signer: JwtSigner;
  /** The profile's application token (default for the exchange's). */
  applicationToken: string | undefined;
}

export class PartnerSystemUserService {
  readonly logins: SystemUserLoginRecord[] = [];
  /** TEST ONLY knobs (see `SystemUserTestKnobs`). */
  testOnly: SystemUserTestKnobs = {};
  readonly #publicKey: KeyObject;

  constructor(
    readonly options: SystemUserOptions,
    private readonly deps: SystemUserDeps,
  ) {
    this.#publicKey = readPublicKey(options.partnerPublicKey);
  }

  jwks(): ReturnType<JwtSigner["jwks"]> {
    return this.deps.signer.jwks();
  }

  authenticate(via: "rest" | "soap", request: AuthenticationRequest): AuthenticationResult {
    const ctx = request.contextIdentifier;
    const error = this.#problem(request);
    this.logins.push({
      via,
      contextIdentifier: ctx,
      ok: error === undefined,
      at: this.deps.now(),
      ...(error ? { error } : {}),
    });
    if (error !== undefined) return { ok: false, token: null, errorMessage: error };
    return { ok: true, token: this.#jwt(ctx, request.host), errorMessage: "" };
  }

  #problem(r: AuthenticationRequest): string | undefined {
    const appToken = this.options.applicationToken ?? this.deps.applicationToken;
    if (appToken !== undefined && !sameSecret(r.applicationToken, appToken)) return "Invalid application token";
    const systemUserToken = Object.hasOwn(this.options.systemUserTokens, r.contextIdentifier)
      ? this.options.systemUserTokens[r.contextIdentifier]
      : undefined;
    if (systemUserToken === undefined) return `Unknown context identifier '${r.contextIdentifier}'`;
    if (r.returnTokenType.toLowerCase() !== "jwt") return `Unsupported ReturnTokenType '${r.returnTokenType}'`;
    return signedTokenProblem(r.signedSystemToken, {
      systemUserToken,
      publicKey: this.#publicKey,
      now: this.deps.now(),
      maxSkewMs: this.options.maxClockSkewMs ?? 5 * 60_000,
    });
  }

  #jwt(ctx: string, host: string | undefined): string {
    const o = this.options;
    const now = Math.floor(this.deps.now() / 1000);
    const root = this.deps.tenants.endpointOf(ctx, host).replace(/\/+$/, "");
    const serial = o.serial ?? "1801550193";
    const header: Record<string, unknown> = {};
    const claims: Record<string, unknown> = {
      iss: "SuperOffice AS",
      aud: `spn:${serial}`,
      iat: now,
      nbf: now,
      exp: now + Math.floor((o.jwtLifetimeMs ?? 10 * 60_000) / 1000),
      [`${CLAIMS}serial`]: serial,
      [`${CLAIMS}ctx`]: ctx,
      [`${CLAIMS}ticket`]: this.deps.tickets.issue(),
      [`${CLAIMS}associateid`]: String(o.associateId ?? 5),
      [`${CLAIMS}is_administrator`]: "False",
      [`${CLAIMS}netserver_url`]: `${root}${o.netserverPath ?? "/Remote/Services88/"}`,
      [`${CLAIMS}webapi_url`]: `${root}/api/`,
    };
    this.testOnly.mint?.(claims, header);
    const jwt = this.deps.signer.sign(claims, header);
    return this.testOnly.tamper?.(jwt) ?? jwt;
  }
}

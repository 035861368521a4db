/**
 * An OpenID Connect access token as a `CredentialProvider`: every call carries
 * `Authorization: Bearer <token>` (the SuperOffice WebAPI's Online-only scheme); the token is
 * refreshed through the caller's callback (the refresh-token grant) shortly before it expires
 * and once — however many calls are refused at the same moment — when the service answers 401.
 * The provider never sees client secrets or refresh tokens except through the callback.
 */
import { TransportError, type SoapkitError } from "../errors.js";
import type { CredentialProvider, IssuedCredentials } from "../pipeline/credentials.js";
import { WebApiError } from "./web-api-error.js";

/** An access token and, when known, when it expires. */
export interface BearerToken {
  readonly accessToken: string;
  /** Expiry as epoch milliseconds (from `expires_in`); without it the token is used until refused. */
  readonly expiresAt?: number;
}

export interface BearerProviderOptions {
  /**
   * Get a fresh token, e.g. POST `grant_type=refresh_token` to the OIDC token endpoint.
   * Called at first use (unless `initial` is given), before expiry and after a 401.
   */
  readonly refresh: (previous: BearerToken | undefined, signal?: AbortSignal) => Promise<BearerToken>;
  /** A token already obtained (the authorization-code flow's first access token). */
  readonly initial?: BearerToken;
  /** Refresh this long before `expiresAt` (default 60 s). */
  readonly marginMs?: number;
  /** Whether an error means the token was refused (default: HTTP 401). */
  readonly isRejection?: (error: SoapkitError) => boolean;
  readonly now?: () => number;
}

export interface BearerProvider extends CredentialProvider {
  /** Refreshes so far. */
  readonly refreshes: number;
}

/** HTTP 401 from the WebAPI or from a SOAP endpoint. */
export function isBearerRejection(e: SoapkitError): boolean {
  return (e instanceof WebApiError || e instanceof TransportError) && e.status === 401;
}

export function bearerProvider(o: BearerProviderOptions): BearerProvider {
  const now = o.now ?? Date.now;
  const margin = o.marginMs ?? 60_000;
  let token = o.initial;
  let issued = token !== undefined ? issue(token, 1) : undefined;
  let pending: Promise<IssuedCredentials> | undefined;
  let refreshes = 0;

  const refresh = (signal?: AbortSignal): Promise<IssuedCredentials> => {
    pending ??= (async () => {
      try {
        const next = await o.refresh(token, signal);
        if (typeof next?.accessToken !== "string" || next.accessToken === "")
          throw new TypeError("bearerProvider: refresh resolved without an accessToken");
        refreshes++;
        token = next;
        issued = issue(next, (issued?.generation ?? 0) + 1);
        return issued;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  const fresh = (): boolean => token?.expiresAt === undefined || now() < token.expiresAt - margin;

  return {
    get refreshes() {
      return refreshes;
    },
    async current(signal) {
      if (pending !== undefined) return pending;
      return issued !== undefined && fresh() ? issued : refresh(signal);
    },
    isRejection: o.isRejection ?? isBearerRejection,
    async renew(rejected, signal) {
      if (pending !== undefined) await pending;
      else if (issued === undefined || rejected.generation === issued.generation) await refresh(signal);
      return true;
    },
  };
}

function issue(token: BearerToken, generation: number): IssuedCredentials {
  return { headers: {}, httpHeaders: { Authorization: `Bearer ${token.accessToken}` }, generation };
}

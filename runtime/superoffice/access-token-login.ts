/**
 * An OpenID Connect access token → a SuperOffice ticket, through SoPrincipal's
 * `AuthenticateWithAccessToken` (Services86 and later): the documented way to use an OIDC sign-in
 * with the SOAP services, which take a ticket. Same session, errors and secret masking as
 * `authenticate()`; the access token is masked like a password.
 */
import type { AgentCallOptions } from "../pipeline/options.js";
import type { ClientHooks } from "../pipeline/hooks.js";
import { SecretSet } from "../secrets/secret-set.js";
import { scrubError } from "../secrets/scrub-error.js";
import {
  AuthenticationError,
  createSession,
  loginError,
  principalClient,
  type AuthenticateResponseLike,
  type PrincipalClientFactoryOptions,
  type SoSession,
} from "./login.js";
import type { ServicesVersion } from "./services-version.js";

/** The part of a generated Services88 SoPrincipal client that this login needs. */
export interface AccessTokenPrincipalLike {
  authenticateWithAccessToken(
    params: { AccessToken?: string | null },
    options?: AgentCallOptions,
  ): Promise<AuthenticateResponseLike>;
}

export interface AccessTokenLoginOptions {
  /** The OIDC access token (`8A:Cust12345.…`); never logged, never part of an error. */
  accessToken: string;
  applicationToken?: string;
  /** SoPrincipal endpoint, or `baseUrl` (+ `servicesVersion`, default Services88). */
  endpoint?: string;
  baseUrl?: string;
  servicesVersion?: ServicesVersion;
  /** The generated SoPrincipal client factory (`createSoPrincipalClient` from a Services88 generation). */
  createClient?: (options: PrincipalClientFactoryOptions) => AccessTokenPrincipalLike;
  /** Or a ready generated client. */
  client?: AccessTokenPrincipalLike;
  timeoutMs?: number;
  signal?: AbortSignal;
  hooks?: ClientHooks;
}

const OPERATION = "AuthenticateWithAccessToken";

export async function accessTokenLogin(options: AccessTokenLoginOptions): Promise<SoSession> {
  const { accessToken } = options;
  if (typeof accessToken !== "string" || accessToken === "")
    throw new AuthenticationError(
      { Message: "An access token is required", ExceptionType: "ArgumentException" },
      { operation: OPERATION },
    );
  const secrets = [accessToken, ...(options.applicationToken !== undefined ? [options.applicationToken] : [])];
  const client = options.client ?? principalClient(options, secrets, "accessTokenLogin");
  const callOptions: AgentCallOptions = {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  let res: AuthenticateResponseLike;
  try {
    res = await client.authenticateWithAccessToken({ AccessToken: accessToken }, callOptions);
  } catch (e) {
    throw scrubError(loginError(e, OPERATION), new SecretSet(secrets));
  }
  const ticket = res.Credentials?.Ticket;
  if (res.AuthenticationSucceeded === false || typeof ticket !== "string" || ticket === "")
    throw new AuthenticationError(
      {
        Message: res.AuthenticationSucceeded === false ? "Authentication failed" : "Authentication returned no ticket",
        ExceptionType: "SoAuthenticationException",
        FriendlyText: "The access token was not accepted.",
      },
      { operation: OPERATION },
    );
  const principal = (res.Response ?? undefined) as Record<string, unknown> | undefined;
  return createSession(ticket, options.applicationToken, principal);
}

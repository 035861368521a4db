/**
 * Ticket login: `AuthenticateUsernamePassword` through the GENERATED SoPrincipal client,
 * returning a session whose ticket works on both transports:
 * SOAP `Credentials: { Ticket }` header and REST `Authorization: SOTicket <ticket>`.
 *
 * The runtime does not import generated code: pass the generated factory
 * (`createSoPrincipalClient`) or a client instance (over any transport).
 *
 * A failed login (`Succeeded=false`, `AuthenticationSucceeded=false`, no ticket) rejects
 * with `AuthenticationError` (a `SuperOfficeError`). The password and the application token
 * are masked in every error whatever its type (fault, transport, protocol...), also when the
 * server echoes them escaped or truncated, and a session prints its ticket as `***`
 * (`JSON.stringify`, `console.log`).
 */

import { inspect } from "node:util";
import { SuperOfficeError, type ExceptionInfoLike } from "./super-office-error.js";
import type { AgentCallOptions } from "../pipeline/options.js";
import type { ClientHooks } from "../pipeline/hooks.js";
import type { Transport } from "../pipeline/transport.js";
import { SecretSet } from "../secrets/secret-set.js";
import { scrubError } from "../secrets/scrub-error.js";
import { soapHttpTransport } from "../soap/http-transport.js";
import type { RestAuth } from "./rest-auth.js";
import { servicePath, type ServicesVersion } from "./services-version.js";

/** The part of a generated SoPrincipal client (`SoPrincipalAgent`) that login needs. */
export interface PrincipalAgentLike {
  authenticateUsernamePassword(
    params: { UserName?: string | null; Password?: string | null },
    options?: AgentCallOptions,
  ): Promise<AuthenticateResponseLike>;
}

/** Shape of the `AuthenticateResponse` wrapper. */
export interface AuthenticateResponseLike {
  readonly Response?: object | null;
  readonly Credentials?: { readonly Ticket?: string | null } | null;
  readonly AuthenticationSucceeded?: boolean;
}

/** Options the generated client factory receives from `authenticate`. */
export interface PrincipalClientFactoryOptions {
  transport: Transport;
  headers: { ApplicationToken?: string };
  timeoutMs?: number;
  hooks?: ClientHooks;
  /** The password and application token: masked by the client in every error and hook event. */
  secrets: readonly string[];
}

export interface AuthenticateOptions {
  /** SuperOffice user name. */
  username: string;
  /** Password (never logged, never part of an error). */
  password: string;
  /** Partner application token, sent as the `ApplicationToken` SOAP header. */
  applicationToken?: string;
  /** SoPrincipal endpoint, e.g. `https://sod.superoffice.com/Cust12345/Remote/Services88/SoPrincipal.svc`. */
  endpoint?: string;
  /** Installation base URL (`https://sod.superoffice.com/Cust12345`): the endpoint is `{baseUrl}/Remote/{servicesVersion}/SoPrincipal.svc`. */
  baseUrl?: string;
  /**
   * Service version of the `baseUrl` endpoint (default `Services88`, the latest, as SuperOffice
   * asks); pass the version your generated SoPrincipal client was made from, e.g. `Services84`.
   */
  servicesVersion?: ServicesVersion;
  /** The generated SoPrincipal client factory (`createSoPrincipalClient`); SOAP over `soap`'s HTTP client. */
  createClient?: (options: PrincipalClientFactoryOptions) => PrincipalAgentLike;
  /** Or a ready generated SoPrincipal client (SOAP or REST); then endpoint/baseUrl/createClient are not used. */
  client?: PrincipalAgentLike;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Observation hooks for the login call (secrets are redacted by the SOAP client). */
  hooks?: ClientHooks;
}

/** A logged-in session: the ticket plus who logged in. */
export interface SoSession {
  /** The SuperOffice ticket (`7T:…`). Treat as a secret. */
  readonly ticket: string;
  readonly applicationToken: string | undefined;
  /** `AuthenticateResponse.Response` (the `SoPrincipalCarrier`: associate, user type, rights…). */
  readonly principal: Readonly<Record<string, unknown>> | undefined;
  readonly associateId: number | undefined;
  readonly associate: string | undefined;
  /** SOAP request headers for the generated SOAP clients (`ApplicationToken` + `Credentials.Ticket`). */
  soapHeaders(): { ApplicationToken?: string; Credentials: { Ticket: string } };
  /** REST `Authorization: SOTicket <ticket>` for the generated REST clients. */
  readonly restAuth: RestAuth;
}

/** Login failed: wrong user name/password, or the server refused to issue a ticket. */
export class AuthenticationError extends SuperOfficeError {
  constructor(info: ExceptionInfoLike, options?: { cause?: unknown; operation?: string }) {
    super(info, options?.operation ?? "AuthenticateUsernamePassword");
    // A code of its own (`ERR_AUTHENTICATION`); still `instanceof SuperOfficeError`.
    Object.defineProperty(this, "code", {
      value: "ERR_AUTHENTICATION",
      enumerable: true,
      writable: false,
      configurable: true,
    });
    if (options?.cause !== undefined) {
      Object.defineProperty(this, "cause", {
        value: options.cause,
        enumerable: false,
        writable: true,
        configurable: true,
      });
    }
  }
}

/** Log in with user name and password; resolves with a session usable by SOAP and REST clients. */
export async function authenticate(options: AuthenticateOptions): Promise<SoSession> {
  const { username, password } = options;
  if (typeof username !== "string" || username === "" || typeof password !== "string") {
    throw new AuthenticationError({
      Message: "A user name and a password are required",
      ExceptionType: "ArgumentException",
    });
  }
  const client = options.client ?? makeClient(options);
  const callOptions: AgentCallOptions = {
    ...(options.signal !== undefined ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  const secrets = new SecretSet([password, options.applicationToken ?? ""]);
  let res: AuthenticateResponseLike;
  try {
    res = await client.authenticateUsernamePassword({ UserName: username, Password: password }, callOptions);
  } catch (e) {
    throw scrubError(loginError(e), secrets);
  }
  const ticket = res.Credentials?.Ticket;
  if (res.AuthenticationSucceeded === false || typeof ticket !== "string" || ticket === "") {
    throw new AuthenticationError({
      Message: res.AuthenticationSucceeded === false ? "Authentication failed" : "Authentication returned no ticket",
      ExceptionType: "SoAuthenticationException",
      FriendlyText: "Login failed. Check your user name and password.",
    });
  }
  return createSession(
    ticket,
    options.applicationToken,
    (res.Response ?? undefined) as Record<string, unknown> | undefined,
  );
}

function makeClient(options: AuthenticateOptions): PrincipalAgentLike {
  const secrets = [options.password, ...(options.applicationToken !== undefined ? [options.applicationToken] : [])];
  return principalClient(options, secrets, "authenticate");
}

/** Where and how a login reaches SoPrincipal (shared by `authenticate` and `accessTokenLogin`). */
export interface PrincipalEndpointOptions<C> {
  applicationToken?: string | undefined;
  endpoint?: string | undefined;
  baseUrl?: string | undefined;
  servicesVersion?: ServicesVersion | undefined;
  createClient?: ((options: PrincipalClientFactoryOptions) => C) | undefined;
  timeoutMs?: number | undefined;
  hooks?: ClientHooks | undefined;
}

/** A generated SoPrincipal client over SOAP at `endpoint`, or `{baseUrl}/Remote/{servicesVersion}/SoPrincipal.svc`. */
export function principalClient<C>(options: PrincipalEndpointOptions<C>, secrets: readonly string[], who: string): C {
  if (options.createClient === undefined) {
    throw new TypeError(`${who}: pass \`client\` (a generated SoPrincipal client) or \`createClient\` (its factory)`);
  }
  const endpoint =
    options.endpoint ??
    (options.baseUrl !== undefined
      ? `${options.baseUrl.replace(/\/+$/, "")}${servicePath("SoPrincipal", options.servicesVersion)}`
      : undefined);
  if (endpoint === undefined) throw new TypeError(`${who}: pass \`endpoint\` (SoPrincipal.svc URL) or \`baseUrl\``);
  return options.createClient({
    transport: soapHttpTransport({ endpoint }),
    secrets,
    headers: options.applicationToken !== undefined ? { ApplicationToken: options.applicationToken } : {},
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.hooks !== undefined ? { hooks: options.hooks } : {}),
  });
}

/** Build a session from a ticket obtained elsewhere. */
export function createSession(
  ticket: string,
  applicationToken?: string,
  principal?: Record<string, unknown>,
): SoSession {
  const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);
  const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
  const session = {
    applicationToken,
    principal,
    associateId: num(principal?.["AssociateId"]),
    associate: str(principal?.["Associate"]),
    soapHeaders: () => ({
      ...(applicationToken !== undefined ? { ApplicationToken: applicationToken } : {}),
      Credentials: { Ticket: ticket },
    }),
    restAuth: undefined as unknown as RestAuth,
    ticket,
    toJSON: () => ({
      ticket: "***",
      applicationToken: applicationToken !== undefined ? "***" : undefined,
      associateId: num(principal?.["AssociateId"]),
      associate: str(principal?.["Associate"]),
    }),
  };
  // Secrets are non-enumerable: spreading or logging a session does not copy them around.
  Object.defineProperty(session, "ticket", { value: ticket, enumerable: false });
  Object.defineProperty(session, "applicationToken", { value: applicationToken, enumerable: false });
  Object.defineProperty(session, "restAuth", {
    get: () => ({ scheme: "SOTicket", ticket }) satisfies RestAuth,
    enumerable: false,
  });
  Object.defineProperty(session, "toJSON", { enumerable: false });
  Object.defineProperty(session, inspect.custom, {
    value: () => `SoSession { associate: ${JSON.stringify(session.associate ?? null)}, ticket: '***' }`,
    enumerable: false,
  });
  return session as SoSession;
}

/** Succeeded=false + ExceptionInfo (SOAP) or a WebAPI exception body (REST) is a failed login. */
export function loginError(e: unknown, operation = "AuthenticateUsernamePassword"): unknown {
  if (!(e instanceof SuperOfficeError) || e instanceof AuthenticationError) return e;
  return new AuthenticationError(e.exceptionInfo, { cause: e, operation });
}

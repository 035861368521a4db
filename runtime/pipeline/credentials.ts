/**
 * Credentials that come and go (tickets, bearer tokens), for every transport: the core asks the
 * provider for request headers before each call and, when a call is rejected for its
 * credentials, asks it to renew them and retries that call once.
 */
import type { SoapkitError } from "../errors.js";

/** What the provider handed one call; passed back on rejection so stale renewals are skipped. */
export interface IssuedCredentials<H extends object = Record<string, unknown>> {
  /** Request headers merged over the client's and under the call's own (`{ Credentials: { Ticket } }`). */
  readonly headers: Partial<H>;
  /** Identity of this set of credentials (a counter): a renewal for an older one is a no-op. */
  readonly generation: number;
  /** HTTP headers for every transport (`Authorization: Bearer …`), under the call's own `httpHeaders`. */
  readonly httpHeaders?: Readonly<Record<string, string>>;
}

export interface CredentialProvider<H extends object = Record<string, unknown>> {
  /** Credentials for the next call (logging in first when there are none). */
  current(signal?: AbortSignal): Promise<IssuedCredentials<H>>;
  /** Whether `error` means the service refused the credentials (expired or revoked ticket, 401). */
  isRejection(error: SoapkitError): boolean;
  /**
   * The credentials of `rejected` were refused: replace them. Concurrent renewals for the same
   * generation share one login (single-flight); a renewal for an already replaced generation
   * does nothing. Resolves false when the credentials cannot be renewed (the error is rethrown).
   */
  renew(rejected: IssuedCredentials<H>, signal?: AbortSignal): Promise<boolean>;
  /** A call with these credentials succeeded (sliding lifetimes restart). */
  used?(issued: IssuedCredentials<H>): void;
}

/**
 * A SuperOffice ticket as a `CredentialProvider`: one login shared by every client and call,
 * kept for the ticket's sliding lifetime (6 hours, renewed a little early), and replaced once —
 * however many calls are refused at the same moment — when the service rejects it. Works for
 * SOAP (`Credentials.Ticket` header) and REST (`Authorization: SOTicket`) alike.
 */
import type { SoapkitError } from "../errors.js";
import type { CredentialProvider, IssuedCredentials } from "../pipeline/credentials.js";
import { SuperOfficeError } from "./super-office-error.js";
import { WebApiError } from "./web-api-error.js";

/** What a login gives (`authenticate()`, `systemUserLogin()` sessions have it). */
export interface TicketSessionLike {
  soapHeaders(): { readonly ApplicationToken?: string; readonly Credentials: { readonly Ticket: string } };
}

export interface TicketProviderOptions {
  /** Log in (system user, username/password): called once at first use and once per rejection. */
  readonly login: (signal?: AbortSignal) => Promise<TicketSessionLike>;
  /** Sliding lifetime of a ticket (default 6 hours: SuperOffice's rule). */
  readonly lifetimeMs?: number;
  /** Renew this long before the lifetime ends (default 5 minutes). */
  readonly marginMs?: number;
  /** Whether an error means the ticket was refused (default: see `isTicketRejection`). */
  readonly isRejection?: (error: SoapkitError) => boolean;
  readonly now?: () => number;
}

type TicketHeaders = ReturnType<TicketSessionLike["soapHeaders"]>;

export interface TicketProvider extends CredentialProvider<TicketHeaders> {
  /** Logins so far (for monitoring: a healthy integration logs in about every 6 hours). */
  readonly logins: number;
}

/** An expired/unknown ticket: `SoSessionException` (SOAP) or HTTP 401 from the WebAPI. */
export function isTicketRejection(e: SoapkitError): boolean {
  if (e instanceof WebApiError) return e.status === 401;
  return e instanceof SuperOfficeError && (/SoSession/i.test(e.exceptionType) || /\bticket\b/i.test(e.message));
}

const SIX_HOURS = 6 * 60 * 60 * 1000;

export function ticketProvider(o: TicketProviderOptions): TicketProvider {
  const now = o.now ?? Date.now;
  const lifetime = o.lifetimeMs ?? SIX_HOURS;
  const margin = o.marginMs ?? Math.min(5 * 60 * 1000, lifetime / 10);
  let issued: IssuedCredentials<TicketHeaders> | undefined;
  let lastUsed = 0;
  let pending: Promise<IssuedCredentials<TicketHeaders>> | undefined;
  let logins = 0;

  const login = (signal?: AbortSignal): Promise<IssuedCredentials<TicketHeaders>> => {
    pending ??= (async () => {
      try {
        const session = await o.login(signal);
        logins++;
        issued = { headers: session.soapHeaders(), generation: (issued?.generation ?? 0) + 1 };
        lastUsed = now();
        return issued;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };
  const fresh = (): boolean => issued !== undefined && now() - lastUsed < lifetime - margin;

  return {
    get logins() {
      return logins;
    },
    async current(signal) {
      if (pending !== undefined) return pending;
      return fresh() ? issued! : login(signal);
    },
    isRejection: o.isRejection ?? isTicketRejection,
    async renew(rejected, signal) {
      if (pending !== undefined) await pending;
      else if (issued === undefined || rejected.generation === issued.generation) await login(signal);
      return true;
    },
    used(creds) {
      if (creds.generation === issued?.generation) lastUsed = now();
    },
  };
}

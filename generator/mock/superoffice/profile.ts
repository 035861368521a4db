/**
 * `superOfficeProfile(options)`: the SuperOffice NetServer behaviours layered on the generic
 * mock. authenticate = ApplicationToken + ticket checks (and the `TimeZone` echo,
 * `Succeeded=true` preset); mapError = `Succeeded=false` + `ExceptionInfo` (SOAP) or a WebAPI
 * error (REST); route = the REST WebAPI agent routes, dispatched like SOAP; login = SoPrincipal
 * against the profile's users, issuing tickets into its store; systemUser = the Online partner
 * system user service (system-user.ts), when configured. Tickets expire by the profile's clock.
 */

import type { MockContext, MockHandler, MockProfile, MockRequest } from "../types.js";
import { checkAccess, type AccessPolicy } from "./access.js";
import { rememberCall } from "./call-state.js";
import { loginHandler } from "./login.js";
import { asServiceException } from "./exception.js";
import { exceptionOutcome } from "./exception-outcome.js";
import { expandMetadata } from "../services.js";
import { errorHeaders, findHeader } from "./meta.js";
import { restRoute } from "./rest-route.js";
import { TicketStore } from "./tickets.js";
import { TenantDirectory, type TenantSpec } from "./tenants.js";
import type { SuperOfficeUser } from "./users.js";
import { jwtSigner } from "./jwks.js";
import { PartnerSystemUserService, type SystemUserOptions } from "./system-user.js";
import { systemUserRoute } from "./system-user-route.js";

export interface SuperOfficeProfileOptions {
  /** When set, operations with an `ApplicationToken` input header must send exactly this. */
  applicationToken?: string;
  /** Tickets valid from the start, or a predicate accepting tickets. */
  validTickets?: Iterable<string> | ((ticket: string) => boolean);
  /** Accounts for login and REST `Authorization: Basic`. */
  users?: readonly SuperOfficeUser[];
  /** Tenants the Online state API (`GET /api/state/{contextId}`) knows. */
  tenants?: Readonly<Record<string, TenantSpec>>;
  /** The profile's clock (ms since the epoch): ticket expiry, signed timestamps, JWT times. Default `Date.now`. */
  now?: () => number;
  /** Sliding ticket lifetime (default 6 hours, SuperOffice's rule). */
  ticketLifetimeMs?: number;
  /** Serve the Online system-user flow (PartnerSystemUser REST and SOAP, `/login/.well-known/jwks`). */
  systemUser?: SystemUserOptions;
}

export interface SuperOfficeProfile extends MockProfile {
  readonly tickets: TicketStore;
  /** The state API's tenants: move or stop one with `tenants.set(contextId, { endpoint, state })`. */
  readonly tenants: TenantDirectory;
  readonly users: readonly SuperOfficeUser[];
  /** SoPrincipal `AuthenticateUsernamePassword` against `users`: `mock.handle("AuthenticateUsernamePassword", profile.login)`. */
  readonly login: MockHandler;
  /** The partner system user service, when `systemUser` is configured (its `logins`, `testOnly` knobs). */
  readonly systemUser: PartnerSystemUserService | undefined;
}

export function superOfficeProfile(options: SuperOfficeProfileOptions = {}): SuperOfficeProfile {
  const valid = options.validTickets;
  const clock = { now: options.now ?? Date.now, lifetimeMs: options.ticketLifetimeMs };
  const tickets =
    typeof valid === "function" ? new TicketStore([], valid, clock) : new TicketStore(valid, undefined, clock);
  const users = (options.users ?? []).map((u) => ({ ...u }));
  const policy: AccessPolicy = { applicationToken: options.applicationToken, tickets, users };
  const tenants = new TenantDirectory(options.tenants, clock.now);
  const applicationToken = options.applicationToken;
  const systemUser =
    options.systemUser === undefined
      ? undefined
      : new PartnerSystemUserService(options.systemUser, {
          now: clock.now,
          tickets,
          tenants,
          signer: jwtSigner(),
          applicationToken,
        });
  const rest = restRoute();
  return {
    name: "superoffice",
    tickets,
    tenants,
    users,
    login: loginHandler(users, tickets),
    systemUser,
    authenticate(request, ctx) {
      presetHeaders(request, ctx);
      const access = checkAccess(request, policy);
      if (access.ok) {
        rememberCall(ctx, access.ticket, expandMetadata(request.service.metadata), request.operation);
        return undefined;
      }
      return exceptionOutcome(access.exception, request, ctx);
    },
    mapError: (error, request, ctx) => exceptionOutcome(asServiceException(error), request, ctx),
    route: (http, mock) =>
      (systemUser !== undefined && systemUserRoute(systemUser, http)) || tenants.route(http) || rest(http, mock),
  };
}

/** `Succeeded=true` unless a failure says otherwise; `TimeZone` echoed when both sides declare it. */
function presetHeaders(request: MockRequest, ctx: MockContext): void {
  const op = request.operation;
  const { succeeded } = errorHeaders(expandMetadata(request.service.metadata), op);
  if (succeeded !== undefined) ctx.responseHeaders[succeeded.name] = true;
  const tz = findHeader(op.outputHeaders, "TimeZone");
  if (tz !== undefined && request.headers["TimeZone"] != null)
    ctx.responseHeaders[tz.name] = request.headers["TimeZone"];
}

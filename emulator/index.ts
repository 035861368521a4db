/**
 * The repository's SuperOffice emulator: the published mock (`soapkit/mock`) with the
 * SuperOffice profile (`soapkit/mock/superoffice`: ApplicationToken and ticket checks,
 * `Succeeded=false` + `ExceptionInfo`, REST WebAPI agent routes, tickets), serving the given
 * WSDLs with per-service handlers (the EMail agent store) and the profile's SoPrincipal login. 127.0.0.1 only,
 * ephemeral port by default; it never prints anything.
 */

import type { CompactMetadata, ServiceMetadata } from "@soapkit/runtime";
import { startMock, type MockCall, type MockServer, type MockService } from "soapkit/mock";
import {
  offsetClock,
  superOfficeProfile,
  type MockClock,
  type PartnerSystemUserService,
  type SuperOfficeUser,
  type SystemUserOptions,
  type TenantDirectory,
  type TenantSpec,
  type TicketStore,
} from "soapkit/mock/superoffice";
import { emulatorHandlers, expandedMetadata, type OperationHandler } from "./handlers.js";

export { type CallContext, type OperationHandler } from "./handlers.js";
export { EMailAgentStore, createEMailImplementation } from "./email-agent.js";
export { largeMessage, type LargeMailOptions } from "./large-mail.js";
export { deterministicBytes } from "./streamed-mail.js";

export interface EmulatorService {
  metadata: ServiceMetadata | CompactMetadata;
  /** WSDL text to serve (`GET <path>?wsdl` returns it with the port address pointing at the emulator). */
  wsdlXml: string;
  /** URL path, e.g. `/Remote/Services84/EMail.svc`. */
  path: string;
  /** Handlers by operation name; a missing one answers with the mock's sample response. */
  implementation: Partial<Record<string, OperationHandler>>;
}

export interface StartEmulatorOptions {
  services: EmulatorService[];
  /** When set, operations with an `ApplicationToken` input header must send exactly this. */
  applicationToken?: string;
  validTickets?: Iterable<string> | ((ticket: string) => boolean);
  host?: "127.0.0.1";
  /** Default 0 (ephemeral). */
  port?: number;
  /**
   * Accounts for REST `Authorization: Basic` and SoPrincipal login: a served
   * `AuthenticateUsernamePassword` without an implementation is the profile's login.
   */
  users?: readonly SuperOfficeUser[];
  /** Tenants of the Online state API (`GET /api/state/{contextId}`); default endpoint `<url>/<contextId>`. */
  tenants?: Readonly<Record<string, TenantSpec>>;
  /** Base clock (default `Date.now`); `emulator.clock.advance(ms)` moves the emulator's time past it. */
  now?: () => number;
  /** Sliding ticket lifetime (default 6 hours). */
  ticketLifetimeMs?: number;
  /** Serve the Online system-user flow: PartnerSystemUser (REST, SOAP) and the JWT key set. */
  systemUser?: SystemUserOptions;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  endpoint(path: string): string;
  /** Every call received (SOAP and REST), as the mock records it. */
  readonly received: readonly MockCall[];
  /** Received calls of one operation (optionally of one service). */
  calls(operation: string, service?: string): MockCall[];
  /** Forget the received calls. */
  clear(): void;
  close(): Promise<void>;
  tickets: TicketStore;
  addTicket(ticket: string): void;
  revokeTicket(ticket: string): void;
  issueTicket(): string;
  /** The underlying mock (delays, injected failures). */
  mock: MockServer;
  /** The state API's tenants (move or stop one with `tenants.set`). */
  tenants: TenantDirectory;
  /** The emulator's time (tickets expire by it): `clock.advance(6 * 3600_000)`. */
  clock: MockClock;
  /** The partner system user service (`logins`, `testOnly`), when `systemUser` was given. */
  systemUser: PartnerSystemUserService | undefined;
}

const LOGIN = "AuthenticateUsernamePassword";

function serves(services: readonly EmulatorService[], operation: string): boolean {
  return services.some((s) => Object.hasOwn(expandedMetadata(s.metadata).operations, operation));
}

function served(service: EmulatorService): MockService {
  return {
    metadata: service.metadata,
    path: service.path,
    documents: { main: "service.wsdl", files: { "service.wsdl": service.wsdlXml } },
  };
}

export async function startEmulator(options: StartEmulatorOptions): Promise<Emulator> {
  if ((options.host ?? "127.0.0.1") !== "127.0.0.1") throw new Error("emulator: only 127.0.0.1 is supported");
  const clock = offsetClock(options.now);
  const profile = superOfficeProfile({
    now: clock.now,
    ...(options.ticketLifetimeMs !== undefined ? { ticketLifetimeMs: options.ticketLifetimeMs } : {}),
    ...(options.systemUser !== undefined ? { systemUser: options.systemUser } : {}),
    ...(options.applicationToken !== undefined ? { applicationToken: options.applicationToken } : {}),
    ...(options.validTickets !== undefined ? { validTickets: options.validTickets } : {}),
    users: options.users ?? [],
    ...(options.tenants !== undefined ? { tenants: options.tenants } : {}),
  });
  const mock = await startMock(options.services.map(served), { port: options.port ?? 0, profiles: [profile] });
  const handlers = emulatorHandlers(options.services, profile.tickets);
  if (!handlers.has(LOGIN) && serves(options.services, LOGIN)) handlers.set(LOGIN, profile.login);
  const register = (): void => {
    for (const [name, handler] of handlers) mock.handle(name, handler);
  };
  register();
  const tickets = profile.tickets;
  return {
    url: mock.url,
    endpoint: (path) => `${mock.url}${path.startsWith("/") ? "" : "/"}${path}`,
    get received() {
      return mock.calls;
    },
    calls: (operation, service) =>
      mock.calls.filter((c) => c.operation === operation && (service === undefined || c.service === service)),
    clear: () => {
      mock.reset();
      register();
    },
    close: () => mock.close(),
    tickets,
    addTicket: (t) => tickets.add(t),
    revokeTicket: (t) => tickets.revoke(t),
    issueTicket: () => tickets.issue(),
    mock,
    tenants: profile.tenants,
    clock,
    systemUser: profile.systemUser,
  };
}

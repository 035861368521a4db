/**
 * The access policy, the same for SOAP and REST: an operation that declares an
 * `ApplicationToken` header must send the configured token; one that declares a `Credentials`
 * header must send a valid ticket. The REST adapter puts `SO-AppToken` and an
 * `SOTicket`/`Bearer` Authorization into those typed headers; `Basic` (REST only) is checked
 * against the configured users.
 */

import type { OperationMeta } from "@soapkit/runtime";
import type { MockRequest } from "../types.js";
import { badAppToken, badTicket } from "./access-errors.js";
import type { ServiceException } from "./exception.js";
import type { TicketStore } from "./tickets.js";
import { verifyBasic, type SuperOfficeUser } from "./users.js";
import { parseAuthorization } from "./rest-auth.js";

export interface AccessPolicy {
  applicationToken: string | undefined;
  tickets: TicketStore;
  users: readonly SuperOfficeUser[];
}

export type AccessResult = { ok: true; ticket: string | undefined } | { ok: false; exception: ServiceException };

function declares(op: OperationMeta, name: string): boolean {
  return op.inputHeaders.some((h) => h.name === name);
}

export function checkAccess(request: MockRequest, policy: AccessPolicy): AccessResult {
  const op = request.operation;
  if (policy.applicationToken !== undefined && declares(op, "ApplicationToken")) {
    const sent = request.headers["ApplicationToken"];
    if (sent !== policy.applicationToken) return { ok: false, exception: badAppToken(sent == null || sent === "") };
  }
  if (!declares(op, "Credentials")) return { ok: true, ticket: undefined };
  return request.transport === "rest" ? checkRestCredentials(request, policy) : checkTicket(request, policy);
}

function checkTicket(request: MockRequest, policy: AccessPolicy): AccessResult {
  const credentials = request.headers["Credentials"] as Record<string, unknown> | null | undefined;
  const ticket = credentials?.["Ticket"];
  if (typeof ticket !== "string" || ticket === "") return { ok: false, exception: badTicket(true) };
  // An accepted ticket slides its 6-hour window; an expired one is refused like an unknown one.
  if (policy.tickets.use(ticket) !== "ok") return { ok: false, exception: badTicket(false) };
  return { ok: true, ticket };
}

function checkRestCredentials(request: MockRequest, policy: AccessPolicy): AccessResult {
  const auth = parseAuthorization(request.httpHeaders["authorization"]);
  if (auth === undefined || auth.value === "") return { ok: false, exception: badTicket(true) };
  if (auth.scheme === "soticket" || auth.scheme === "bearer") return checkTicket(request, policy);
  if (auth.scheme === "basic" && verifyBasic(policy.users, auth.value) !== undefined)
    return { ok: true, ticket: undefined };
  return { ok: false, exception: badTicket(false) };
}

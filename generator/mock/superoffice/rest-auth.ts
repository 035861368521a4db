/**
 * REST WebAPI credentials → the typed SOAP headers the access policy reads:
 * `SO-AppToken` → `ApplicationToken`, `Authorization: SOTicket|Bearer <t>` → `Credentials.Ticket`.
 */

import type { OperationMeta } from "@soapkit/runtime";

export function parseAuthorization(h: string | undefined): { scheme: string; value: string } | undefined {
  if (h === undefined) return undefined;
  const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(h);
  if (m === null) return undefined;
  return { scheme: m[1]!.toLowerCase(), value: m[2]! };
}

/** Typed request headers of a REST call, for the operation's declared SOAP headers. */
export function restHeaders(op: OperationMeta, httpHeaders: Readonly<Record<string, string>>): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  const appToken = httpHeaders["so-apptoken"];
  if (appToken !== undefined && op.inputHeaders.some((h) => h.name === "ApplicationToken"))
    headers["ApplicationToken"] = appToken;
  const auth = parseAuthorization(httpHeaders["authorization"]);
  const ticketScheme = auth !== undefined && (auth.scheme === "soticket" || auth.scheme === "bearer");
  if (ticketScheme && op.inputHeaders.some((h) => h.name === "Credentials"))
    headers["Credentials"] = { Ticket: auth.value };
  return headers;
}

/**
 * The generated EMail client over the SuperOffice REST transport, configured the way the REST
 * tests think about it (base URL, auth, app token, language) and mapped onto the one client:
 * `transport: restTransport({ baseUrl, auth })`, `headers.ApplicationToken`, `Accept-Language`.
 */
import { createEMailClient, type EMailClient } from "../../../generated/index.js";
import { restTransport, type ClientHooks, type RestAuth } from "../../../runtime/index.js";

export interface RestTestOptions {
  baseUrl?: string;
  auth?: RestAuth;
  applicationToken?: string;
  acceptLanguage?: string;
  timeoutMs?: number;
  maxResponseBytes?: number;
  hooks?: ClientHooks;
  httpHeaders?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
}

export function emailOverRest(o: RestTestOptions = {}): EMailClient {
  const transport = restTransport({
    ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
    ...(o.auth !== undefined ? { auth: o.auth } : {}),
    ...(o.maxResponseBytes !== undefined ? { maxResponseBytes: o.maxResponseBytes } : {}),
    ...(o.fetch !== undefined ? { fetch: o.fetch } : {}),
  });
  const httpHeaders = {
    ...(o.acceptLanguage !== undefined ? { "Accept-Language": o.acceptLanguage } : {}),
    ...o.httpHeaders,
  };
  return createEMailClient({
    transport,
    httpHeaders,
    ...(o.applicationToken !== undefined ? { headers: { ApplicationToken: o.applicationToken } } : {}),
    ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
    ...(o.hooks !== undefined ? { hooks: o.hooks } : {}),
  });
}

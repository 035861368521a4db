/**
 * HTTP face of the partner system user service, in SuperOffice's documented formats:
 * REST `POST /Login/api/PartnerSystemUser/Authenticate` (JSON `SignedSystemToken`,
 * `ApplicationToken`, `ContextIdentifier`, `ReturnTokenType` → `IsSuccessful`, `Token`,
 * `ErrorMessage`), SOAP 1.1 `POST /login/services/PartnerSystemUserService.svc`
 * (`ApplicationToken` and `ContextIdentifier` headers, `AuthenticationRequest` body →
 * `AuthenticationResponse`), and the key set at `GET /login/.well-known/jwks`. Paths match
 * case-insensitively, like IIS.
 */

import { escapeText, findChild, parseXml, SOAP11_ENV_NS, type XmlElement } from "@soapkit/runtime";
import type { MockHttpExchange } from "../types.js";
import type { AuthenticationRequest, AuthenticationResult, PartnerSystemUserService } from "./system-user.js";

export const PSU_NS = "http://www.superoffice.com/superid/partnersystemuser/0.1";
const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };
const XML_TYPE = { "Content-Type": "text/xml; charset=utf-8" };

function pathOf(url: string): string {
  return new URL(url, "http://mock.invalid").pathname.replace(/\/+$/, "").toLowerCase();
}

/** Answer a system-user request; false when the request is not one. */
export function systemUserRoute(service: PartnerSystemUserService, http: MockHttpExchange): boolean {
  const path = pathOf(http.url);
  if (path === "/login/.well-known/jwks" && http.method === "GET") {
    http.respond(200, JSON.stringify(service.jwks()), JSON_TYPE);
    return true;
  }
  if (path === "/login/api/partnersystemuser/authenticate") return answerRest(service, http);
  if (path === "/login/services/partnersystemuserservice.svc" && http.method === "POST")
    return answerSoap(service, http);
  return false;
}

function answerRest(service: PartnerSystemUserService, http: MockHttpExchange): true {
  if (http.method !== "POST") {
    http.respond(405, JSON.stringify({ Message: "The requested resource does not support this method." }), {
      ...JSON_TYPE,
      Allow: "POST",
    });
    return true;
  }
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(http.body) as Record<string, unknown>;
    if (v === null || typeof v !== "object") throw new Error("not an object");
  } catch {
    http.respond(400, JSON.stringify({ Message: "The request body is not a JSON object." }), JSON_TYPE);
    return true;
  }
  const text = (name: string): string => (typeof v[name] === "string" ? (v[name] as string) : "");
  const r = service.authenticate("rest", {
    signedSystemToken: text("SignedSystemToken"),
    applicationToken: text("ApplicationToken"),
    contextIdentifier: text("ContextIdentifier"),
    returnTokenType: text("ReturnTokenType") || "JWT",
    host: http.headers["host"],
  });
  http.respond(200, JSON.stringify({ IsSuccessful: r.ok, Token: r.token, ErrorMessage: r.errorMessage }), JSON_TYPE);
  return true;
}

function soapRequest(body: string, host: string | undefined): AuthenticationRequest | undefined {
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch {
    return undefined;
  }
  const header = findChild(root, SOAP11_ENV_NS, "Header");
  const request = findChild(findChild(root, SOAP11_ENV_NS, "Body") ?? root, PSU_NS, "AuthenticationRequest");
  if (root.ns !== SOAP11_ENV_NS || request === undefined) return undefined;
  const text = (el: XmlElement | undefined, name: string): string =>
    (el === undefined ? undefined : findChild(el, PSU_NS, name))?.text.trim() ?? "";
  return {
    signedSystemToken: text(request, "SignedSystemToken"),
    applicationToken: text(header, "ApplicationToken"),
    contextIdentifier: text(header, "ContextIdentifier"),
    returnTokenType: text(request, "ReturnTokenType") || "Jwt",
    host,
  };
}

function soapResponse(r: AuthenticationResult): string {
  return (
    `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><AuthenticationResponse xmlns="${PSU_NS}">` +
    `<ErrorMessage>${escapeText(r.errorMessage)}</ErrorMessage><IsSuccessful>${String(r.ok)}</IsSuccessful>` +
    `<Token>${escapeText(r.token ?? "")}</Token></AuthenticationResponse></s:Body></s:Envelope>`
  );
}

function answerSoap(service: PartnerSystemUserService, http: MockHttpExchange): true {
  const request = soapRequest(http.body, http.headers["host"]);
  if (request === undefined) {
    const fault =
      `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><s:Fault><faultcode>s:Client</faultcode>` +
      `<faultstring>The message is not an AuthenticationRequest envelope.</faultstring></s:Fault></s:Body></s:Envelope>`;
    http.respond(500, fault, XML_TYPE);
    return true;
  }
  http.respond(200, soapResponse(service.authenticate("soap", request)), XML_TYPE);
  return true;
}

/**
 * A `ServiceException` as the one outcome of a call, per transport: SOAP answers HTTP 200 with
 * `Succeeded=false` + `ExceptionInfo` (a Server fault when the port declares neither header);
 * REST answers the WebAPI JSON error body with the exception's status.
 */

import { stringifyJson, webApiErrorBody } from "@soapkit/runtime";
import { keepDeclared } from "./fit.js";
import type { MockContext, MockOutcome, MockRequest } from "../types.js";
import type { ServiceException } from "./exception.js";
import { expandMetadata } from "../services.js";
import { errorHeaders } from "./meta.js";

export function exceptionOutcome(ex: ServiceException, request: MockRequest, ctx: MockContext): MockOutcome {
  return request.transport === "rest" ? restException(ex) : soapException(ex, request, ctx);
}

export function restException(ex: ServiceException): MockOutcome {
  const headers: Record<string, string> = { "Content-Type": "application/json; charset=utf-8" };
  if (ex.status === 401) headers["WWW-Authenticate"] = 'SOTicket, Basic realm="SuperOffice"';
  return { kind: "http", status: ex.status, body: stringifyJson(webApiErrorBody(ex.info)), headers };
}

function soapException(ex: ServiceException, request: MockRequest, ctx: MockContext): MockOutcome {
  const meta = expandMetadata(request.service.metadata);
  const op = request.operation;
  const { succeeded, exceptionInfo } = errorHeaders(meta, op);
  if (succeeded === undefined && exceptionInfo === undefined)
    return { kind: "fault", fault: { code: "Server", message: ex.message } };
  const responseHeaders: Record<string, unknown> = { ...ctx.responseHeaders };
  if (succeeded !== undefined) responseHeaders[succeeded.name] = false;
  if (exceptionInfo !== undefined)
    responseHeaders[exceptionInfo.name] = keepDeclared(meta, exceptionInfo.type, ex.info);
  const output =
    ex.output !== undefined && op.output !== null ? keepDeclared(meta, op.output.type, ex.output) : undefined;
  return { kind: "ok", output, responseHeaders };
}

/**
 * REST WebAPI routes of the emulator: `POST [/<tenant>]/api/v1/Agents/{Agent}/{Method}` on the
 * same HTTP server (same port) as the SOAP services, answered by the SAME operation handlers
 * (the typed input wrapper in, the typed output wrapper out), so a SOAP and a REST call of one
 * operation see the same in-memory data.
 *
 * - Agent = `ServiceMetadata.restAgent`, Method = WSDL operation name (both case-insensitive,
 *   like ASP.NET routing); anything else → 404 (ASP.NET-style `{"Message": …}`), non-POST → 405.
 * - Body: JSON keyed by the SOAP wrapper's parameter names, decoded with the runtime's JSON
 *   codec → `ReceivedCall.input` (typed, exactly what the SOAP pipeline would decode).
 * - Auth, only for operations whose SOAP binding declares a `Credentials` header:
 *   `Authorization: SOTicket <ticket>` / `Bearer <ticket>` checked against the ticket store,
 *   `Basic` against `users`; missing/invalid → 401 with a WebAPI-style JSON error
 *   (`SoSessionException`). `SO-AppToken` must equal `applicationToken` when one is configured
 *   and the operation declares an `ApplicationToken` header → 403.
 * - Handler `EmulatorException` → 500 JSON error (`{Error, ErrorType, Message, Source,
 *   StackTrace, InnerException}`); `EmulatorFault` → its status; void/absent result → 204.
 * - Every call is recorded (`transport: "rest"`, method, URL, headers with secrets, raw JSON,
 *   decoded typed input, response JSON and status).
 */

import { sameSecret } from "./so-principal.js";
import type * as http from "node:http";
import type { OperationMeta, ServiceMetadata } from "../runtime/metadata.js";
import { decodeJsonBody, encodeJsonResult } from "../runtime/rest/json-codec.js";
import { parseJson, stringifyJson, type JsonValue } from "../runtime/rest/json.js";
import { webApiErrorBody } from "../runtime/superoffice/web-api-error.js";
import { EmulatorException, EmulatorFault, type ExceptionInfoValue } from "./errors.js";
import { findHeader } from "./meta-util.js";
import { sampleOutput } from "../generator/mock/sample-values.js";
import type { CallContext, EmulatorService, ReceivedCall, TicketStore } from "./index.js";
import type { EmulatorUser } from "./so-principal.js";

/** `[/<prefix>]/api/v1/Agents/<Agent>/<Method>` */
const REST_PATH = /^(.*?)\/api\/v1\/Agents\/([^/]+)\/([^/]+)\/?$/i;

export interface RestRouteDeps {
  services: readonly EmulatorService[];
  tickets: TicketStore;
  applicationToken: string | undefined;
  users: readonly EmulatorUser[];
  received: ReceivedCall[];
  readBody(req: http.IncomingMessage): Promise<Buffer>;
  flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string>;
  badTicket(missing: boolean): EmulatorException;
  badAppToken(missing: boolean): EmulatorException;
}

/** Is this a REST WebAPI agent path? */
export function isRestPath(pathname: string): boolean {
  return REST_PATH.test(pathname);
}

/** Build the REST request handler. */
export function createRestHandler(
  deps: RestRouteDeps,
): (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void> {
  const byAgent = new Map<string, EmulatorService>();
  for (const s of deps.services) {
    const agent = s.metadata.restAgent;
    if (agent !== undefined && !byAgent.has(agent.toLowerCase())) byAgent.set(agent.toLowerCase(), s);
  }

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    const m = REST_PATH.exec(url.pathname)!;
    const agent = decodeURIComponent(m[2]!);
    const method = decodeURIComponent(m[3]!);
    const service = byAgent.get(agent.toLowerCase());
    const meta = service?.metadata;
    const op = meta !== undefined ? restOperation(meta, method) : undefined;
    const body = await deps.readBody(req);
    const rawJson = body.toString("utf8");
    const record: ReceivedCall = {
      transport: "rest",
      service: meta?.service ?? "",
      path: url.pathname,
      operation: op?.name ?? "",
      httpMethod: req.method ?? "",
      url: url.pathname + url.search,
      soapAction: undefined,
      httpHeaders: deps.flattenHeaders(req.headers),
      rawXml: "",
      rawJson,
      input: {},
      headers: {},
      soapArgs: undefined,
      soapHeaders: undefined,
      outcome: "error",
    };
    deps.received.push(record);

    const send = (status: number, json: string | undefined, extra?: Record<string, string>): void => {
      record.statusCode = status;
      res.statusCode = status;
      for (const [k, v] of Object.entries(extra ?? {})) res.setHeader(k, v);
      if (json === undefined) {
        res.end();
        return;
      }
      record.responseJson = json;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(json);
    };
    const sendException = (status: number, info: ExceptionInfoValue, extra?: Record<string, string>): void =>
      send(status, stringifyJson(webApiErrorBody(info)), extra);

    if (service === undefined || meta === undefined || op === undefined) {
      record.error = `no REST agent method ${agent}/${method}`;
      send(
        404,
        stringifyJson({ Message: `No HTTP resource was found that matches the request URI '${url.pathname}'.` }),
      );
      return;
    }
    if (req.method !== "POST") {
      record.error = `method ${req.method ?? "?"} not allowed`;
      send(
        405,
        stringifyJson({ Message: `The requested resource does not support http method '${req.method ?? ""}'.` }),
        { Allow: "POST" },
      );
      return;
    }
    const contentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (rawJson.trim() !== "" && contentType !== "application/json" && contentType !== "text/json") {
      record.error = `unsupported content type ${contentType || "(none)"}`;
      send(
        415,
        stringifyJson({
          Message: `The request entity's media type '${contentType}' is not supported for this resource.`,
        }),
      );
      return;
    }

    // ---- decode the typed input (same values the SOAP pipeline decodes)
    try {
      const json: JsonValue | undefined = rawJson.trim() === "" ? undefined : parseJson(rawJson);
      record.input = decodeJsonBody(meta, op.input, json, rawJson);
    } catch (err) {
      record.error = errorText(err);
      sendException(400, {
        Message: `The request body could not be read: ${err instanceof Error ? err.message : String(err)}`,
        FriendlyText: "The request is not valid JSON for this method.",
        ExceptionType: "SuperOffice.WebApi.BadRequestException",
        Source: "SuperOffice.WebApi",
        StackTrace: null,
      });
      return;
    }

    // ---- authentication: the REST equivalents of the ApplicationToken / Credentials headers
    const headers: Record<string, unknown> = {};
    const appTokenHeader = findHeader(op.inputHeaders, "ApplicationToken");
    const credentialsHeader = findHeader(op.inputHeaders, "Credentials");
    const sentAppToken = record.httpHeaders["so-apptoken"];
    if (appTokenHeader !== undefined && sentAppToken !== undefined) headers[appTokenHeader.name] = sentAppToken;
    const auth = parseAuthorization(record.httpHeaders["authorization"]);
    if (credentialsHeader !== undefined && auth !== undefined && auth.scheme !== "basic")
      headers[credentialsHeader.name] = { Ticket: auth.value };
    record.headers = headers;

    let failure: { exception: EmulatorException; status: number } | undefined;
    if (deps.applicationToken !== undefined && appTokenHeader !== undefined && sentAppToken !== deps.applicationToken) {
      failure = { exception: deps.badAppToken(sentAppToken === undefined || sentAppToken === ""), status: 403 };
    }
    let ticket: string | undefined;
    if (failure === undefined && credentialsHeader !== undefined) {
      if (auth === undefined || auth.value === "") failure = { exception: deps.badTicket(true), status: 401 };
      else if (auth.scheme === "basic") {
        if (!checkBasic(deps.users, auth.value)) failure = { exception: deps.badTicket(false), status: 401 };
      } else if (auth.scheme === "soticket" || auth.scheme === "bearer") {
        if (deps.tickets.isValid(auth.value)) ticket = auth.value;
        else failure = { exception: deps.badTicket(false), status: 401 };
      } else failure = { exception: deps.badTicket(false), status: 401 };
    }
    if (failure !== undefined) {
      record.outcome = failure.exception.outcome;
      record.error = failure.exception.message;
      sendException(
        failure.status,
        failure.exception.info,
        failure.status === 401 ? { "WWW-Authenticate": 'SOTicket, Basic realm="SuperOffice"' } : undefined,
      );
      return;
    }

    // ---- run the same handler as SOAP
    const ctx: CallContext = {
      operation: op.name,
      service: meta.service,
      path: url.pathname,
      metadata: meta,
      headers,
      httpHeaders: record.httpHeaders,
      ticket,
      responseHeaders: {},
      tickets: deps.tickets,
    };
    const handler = service.implementation[op.name];
    let output: unknown;
    try {
      output = handler !== undefined ? await handler(record.input, ctx) : sampleOutput(meta, op.name);
    } catch (err) {
      record.error = errorText(err);
      if (err instanceof EmulatorFault) {
        record.outcome = "error";
        sendException(err.statusCode >= 400 ? err.statusCode : 500, {
          Message: err.faultstring,
          FriendlyText: err.faultstring,
          ExceptionType: "System.ServiceModel.FaultException",
          Source: "SuperOffice.WebApi",
          StackTrace: null,
        });
        return;
      }
      const ex =
        err instanceof EmulatorException
          ? err
          : new EmulatorException(err instanceof Error ? err.message : String(err), {
              exceptionType: err instanceof Error && err.name !== "Error" ? err.name : "System.Exception",
            });
      record.outcome = ex.outcome;
      sendException(ex.outcome === "bad-ticket" ? 401 : ex.outcome === "bad-app-token" ? 403 : 500, ex.info);
      return;
    }

    let json: string | undefined;
    try {
      json = encodeJsonResult(meta, op.output, output);
    } catch (err) {
      record.outcome = "error";
      record.error = `emulator could not encode the response: ${errorText(err)}`;
      sendException(500, {
        Message: record.error,
        FriendlyText: null,
        ExceptionType: "System.Exception",
        Source: "SuperOffice.WebApi",
        StackTrace: null,
      });
      return;
    }
    record.outcome = "ok";
    record.output = output;
    if (json === undefined) send(204, undefined);
    else send(200, json);
  };

  return async (req, res, url) => {
    try {
      await handle(req, res, url);
    } catch (err) {
      // Unexpected emulator failure: answer with a WebAPI-style 500 rather than hanging the client.
      if (res.headersSent) {
        res.end();
        return;
      }
      res.statusCode = 500;
      res.setHeader("Content-Type", "application/json; charset=utf-8");
      res.end(
        stringifyJson(
          webApiErrorBody({
            Message: `emulator failure: ${errorText(err)}`,
            FriendlyText: null,
            ExceptionType: "System.Exception",
            Source: "soapkit emulator",
            StackTrace: null,
          }),
        ),
      );
    }
  };
}

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function parseAuthorization(h: string | undefined): { scheme: string; value: string } | undefined {
  if (h === undefined) return undefined;
  const m = /^\s*(\S+)\s*(.*?)\s*$/.exec(h);
  if (m === null) return undefined;
  return { scheme: m[1]!.toLowerCase(), value: m[2]! };
}

/** `Basic base64(user:password)` against the configured users (constant-time password compare). */
function checkBasic(users: readonly EmulatorUser[], value: string): boolean {
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const i = decoded.indexOf(":");
  if (i < 0) return false;
  const name = decoded.slice(0, i);
  const password = decoded.slice(i + 1);
  const user = users.find((u) => u.userName.toLowerCase() === name.toLowerCase());
  return sameSecret(user?.password ?? "\u0000", password) && user !== undefined;
}

/** Operation lookup by REST method name (case-insensitive), for tests and tools. */
export function restOperation(meta: ServiceMetadata, method: string): OperationMeta | undefined {
  return Object.values(meta.operations).find((o) => o.name.toLowerCase() === method.toLowerCase());
}

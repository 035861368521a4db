/**
 * The REST adapter: `POST [/<tenant>]/api/v1/Agents/{Agent}/{Method}` (Agent =
 * `ServiceMetadata.restAgent`, Method = operation name, both case-insensitive like ASP.NET
 * routing) → JSON body decoded with the runtime JSON codec → the same `MockRuntime.dispatch`
 * as SOAP → the outcome written as JSON. Routing errors answer like ASP.NET (404, 405, 415);
 * an unreadable body is a 400 WebAPI error. Every call is recorded with `transport: "rest"`.
 */

import { decodeJsonBody, parseJson, type OperationMeta, type ServiceMetadata } from "@soapkit/runtime";
import { recordedBody } from "../streamed-bytes.js";
import type { MockCall, MockHttpExchange, MockOutcome, MockRequest, MockRuntime, ServedService } from "../types.js";
import { restHeaders } from "./rest-auth.js";
import { errorAnswer, restAnswer, routingAnswer, type RestAnswer } from "./rest-respond.js";

/** `[/<prefix>]/api/v1/Agents/<Agent>/<Method>` */
const REST_PATH = /^(.*?)\/api\/v1\/Agents\/([^/]+)\/([^/]+)\/?$/i;

/** A recorded REST call: a `MockCall` with the request line. */
export interface RestCall extends MockCall {
  transport: "rest";
  method: string;
  /** Path and query as received. */
  url: string;
}

interface Target {
  service: ServedService;
  meta: ServiceMetadata;
  op: OperationMeta;
}

/** The profile's `route`. */
export function restRoute() {
  return async (http: MockHttpExchange, mock: MockRuntime): Promise<boolean> => {
    const pathname = new URL(http.url, "http://mock.invalid").pathname;
    const m = REST_PATH.exec(pathname);
    if (m === null) return false;
    const target = findTarget(mock.services, decodeURIComponent(m[2]!), decodeURIComponent(m[3]!));
    const call: RestCall = {
      transport: "rest",
      method: http.method,
      url: http.url,
      service: target?.meta.service ?? "",
      port: target?.meta.port ?? "",
      operation: target?.op.name ?? "",
      input: undefined,
      headers: {},
      httpHeaders: { ...http.headers },
      rawRequest: http.body,
      rawResponse: "",
      statusCode: 0,
      outcome: "invalid",
    };
    const answer = await answerCall(http, pathname, target, mock, call);
    if (answer === undefined) {
      http.drop();
      call.outcome = "dropped";
      mock.record(call);
      return true;
    }
    http.respond(answer.status, answer.body, answer.headers);
    call.statusCode = answer.status;
    call.rawResponse = recordedBody(answer.body);
    if (answer.error !== undefined) call.error = answer.error;
    mock.record(call);
    return true;
  };
}

async function answerCall(
  http: MockHttpExchange,
  pathname: string,
  target: Target | undefined,
  mock: MockRuntime,
  call: MockCall,
): Promise<RestAnswer | undefined> {
  if (target === undefined)
    return routingAnswer(404, `No HTTP resource was found that matches the request URI '${pathname}'.`);
  if (http.method !== "POST")
    return routingAnswer(405, `The requested resource does not support http method '${http.method}'.`, {
      Allow: "POST",
    });
  const contentType = (http.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (http.body.trim() !== "" && contentType !== "application/json" && contentType !== "text/json")
    return routingAnswer(415, `The request entity's media type '${contentType}' is not supported for this resource.`);
  try {
    call.input = decodeInput(target, http.body);
  } catch (err) {
    const message = `The request body could not be read: ${err instanceof Error ? err.message : String(err)}`;
    const answer = errorAnswer(
      400,
      message,
      "The request is not valid JSON for this method.",
      "SuperOffice.WebApi.BadRequestException",
    );
    return { ...answer, error: message };
  }
  const request: MockRequest = {
    transport: "rest",
    service: target.service,
    operation: target.op,
    input: call.input,
    headers: restHeaders(target.op, http.headers),
    httpHeaders: { ...http.headers },
  };
  call.headers = request.headers;
  const outcome = await mock.dispatch(request);
  call.outcome = recordedOutcome(outcome);
  if (outcome.kind === "drop") return undefined;
  if (outcome.kind === "ok") call.output = outcome.output;
  return restAnswer(outcome, request, target.meta);
}

function decodeInput(target: Target, body: string): Record<string, unknown> {
  const json = body.trim() === "" ? undefined : parseJson(body);
  return decodeJsonBody(target.meta, target.op.input, json, body);
}

function recordedOutcome(outcome: MockOutcome): MockCall["outcome"] {
  if (outcome.rejected === true) return "rejected";
  const names = { ok: "ok", fault: "fault", http: "http-error", drop: "dropped" } as const;
  return names[outcome.kind];
}

function findTarget(services: readonly ServedService[], agent: string, method: string): Target | undefined {
  for (const service of services) {
    const meta = service.metadata;
    if (meta.restAgent?.toLowerCase() !== agent.toLowerCase()) continue;
    const op = Object.values(meta.operations).find((o) => o.name.toLowerCase() === method.toLowerCase());
    return op === undefined ? undefined : { service, meta, op };
  }
  return undefined;
}

/**
 * Writes the one outcome of a dispatched REST call the WebAPI way: the output wrapper as JSON
 * (runtime JSON codec; 204 for a void or absent result), a fault as a WebAPI error body, an
 * HTTP outcome as it is.
 */

import { encodeJsonResult, stringifyJson, webApiErrorBody, type ServiceMetadata } from "@soapkit/runtime";
import { bodyParts, type MockBodyPart } from "../streamed-bytes.js";
import type { MockFaultSpec, MockOutcome, MockRequest } from "../types.js";

export interface RestAnswer {
  status: number;
  /** In parts when the output holds `StreamedBytes`. */
  body: string | readonly MockBodyPart[];
  headers: Record<string, string>;
  /** Error text for the recorded call. */
  error?: string;
}

const JSON_TYPE = { "Content-Type": "application/json; charset=utf-8" };

export function restAnswer(
  outcome: Exclude<MockOutcome, { kind: "drop" }>,
  request: MockRequest,
  meta: ServiceMetadata,
): RestAnswer {
  switch (outcome.kind) {
    case "ok":
      return okAnswer(meta, request, outcome.output);
    case "fault":
      return faultAnswer(outcome.fault);
    case "http":
      return {
        status: outcome.status,
        body: outcome.body ?? "",
        headers: outcome.headers ?? {},
        error: errorMessage(outcome.body) ?? `HTTP ${outcome.status}`,
      };
  }
}

function okAnswer(meta: ServiceMetadata, request: MockRequest, output: unknown): RestAnswer {
  let json: string | undefined;
  try {
    json = encodeJsonResult(meta, request.operation.output, output);
  } catch (err) {
    const message = `the mock could not encode the response: ${err instanceof Error ? err.message : String(err)}`;
    return { ...errorAnswer(500, message, null, "System.Exception"), error: message };
  }
  return json === undefined
    ? { status: 204, body: "", headers: {} }
    : { status: 200, body: bodyParts(json, output), headers: JSON_TYPE };
}

function faultAnswer(fault: MockFaultSpec): RestAnswer {
  const status = fault.statusCode !== undefined && fault.statusCode >= 400 ? fault.statusCode : 500;
  return {
    ...errorAnswer(status, fault.message, fault.message, "System.ServiceModel.FaultException"),
    error: fault.message,
  };
}

/** A WebAPI error body with `status`. */
export function errorAnswer(
  status: number,
  message: string,
  friendlyText: string | null,
  exceptionType: string,
): RestAnswer {
  const body = webApiErrorBody({
    Message: message,
    FriendlyText: friendlyText,
    ExceptionType: exceptionType,
    Source: "SuperOffice.WebApi",
    StackTrace: null,
  });
  return { status, body: stringifyJson(body), headers: JSON_TYPE };
}

/** ASP.NET's `{"Message": ...}` for routing errors (404, 405, 415). */
export function routingAnswer(status: number, message: string, headers: Record<string, string> = {}): RestAnswer {
  return { status, body: stringifyJson({ Message: message }), headers: { ...JSON_TYPE, ...headers }, error: message };
}

function errorMessage(body: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  try {
    const value = JSON.parse(body) as { Message?: unknown };
    return typeof value.Message === "string" ? value.Message : undefined;
  } catch {
    return undefined;
  }
}

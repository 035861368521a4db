/**
 * The SOAP adapter: an HTTP exchange on a served port → a `MockRequest` (envelope parsed,
 * operation picked, headers and input decoded by the runtime codec) → `dispatch` → the
 * encoded answer, recorded as one `MockCall`.
 */
import {
  decodeHeaders,
  decodeOperationBody,
  parseEnvelope,
  type OperationMeta,
  type ParsedEnvelope,
  type ServiceMetadata,
} from "@soapkit/runtime";
import { operationKey } from "./operations.js";
import { resolveOperation, soapActionOf } from "./resolve-operation.js";
import { recordedBody } from "./streamed-bytes.js";
import type { ServedService } from "./types.js";
import { adapterFault, soapAnswer, type HttpAnswer, type SoapAnswer } from "./soap-answer.js";
import type { MockCall, MockHttpExchange, MockRequest, MockRuntime } from "./types.js";

export interface SoapAdapterDeps {
  readonly runtime: MockRuntime;
  /** Extra request checks (validation mode): the first violation, or undefined. */
  readonly check?: (meta: ServiceMetadata, op: OperationMeta, env: ParsedEnvelope) => string | undefined;
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

type Decoded =
  { request: MockRequest; env: ParsedEnvelope } | { answer: HttpAnswer; operation?: OperationMeta; error: string };

/** Parse, pick the operation, decode; or the fault that answers a request that cannot be dispatched. */
function decodeRequest(port: ServedService, ex: MockHttpExchange): Decoded {
  const meta = port.metadata;
  let env: ParsedEnvelope;
  try {
    env = parseEnvelope(ex.body);
  } catch (err) {
    const error = `the request is not a well-formed SOAP envelope: ${errorText(err)}`;
    return { answer: adapterFault(meta, "Client", error, 400), error };
  }
  if (env.version !== meta.soapVersion) {
    const error = `the binding expects SOAP ${meta.soapVersion}, the request is SOAP ${env.version}`;
    return { answer: adapterFault(meta, "VersionMismatch", error, 500), error };
  }
  const action = soapActionOf(ex.headers);
  const operation = resolveOperation(meta, action, env.firstBodyChild);
  if (operation === undefined) {
    const body = env.firstBodyChild === undefined ? "empty body" : `body element ${env.firstBodyChild.local}`;
    const error = `no operation of ${meta.port} matches action '${action ?? ""}' (${body})`;
    return { answer: adapterFault(meta, "Client", error, 500), error };
  }
  try {
    const headers = decodeHeaders(meta, operation.inputHeaders, env.header);
    const input = decodeOperationBody(meta, operation, operation.input, env.body);
    const request: MockRequest = {
      transport: "soap",
      service: port,
      operation,
      input,
      headers,
      httpHeaders: { ...ex.headers },
    };
    return { request, env };
  } catch (err) {
    const error = `the request does not match the schema: ${errorText(err)}`;
    return { answer: adapterFault(meta, "Client", error, 500), operation, error };
  }
}

function baseCall(port: ServedService, ex: MockHttpExchange, operation: OperationMeta | undefined): MockCall {
  return {
    transport: "soap",
    service: port.metadata.service,
    port: port.metadata.port,
    operation: operation === undefined ? "" : operationKey(port.metadata, operation),
    input: undefined,
    headers: {},
    httpHeaders: { ...ex.headers },
    rawRequest: ex.body,
    rawResponse: "",
    statusCode: 0,
    outcome: "invalid",
  };
}

function write(ex: MockHttpExchange, call: MockCall, answer: HttpAnswer | undefined): void {
  if (answer === undefined) {
    ex.drop();
    return;
  }
  call.rawResponse = recordedBody(answer.body);
  call.statusCode = answer.status;
  ex.respond(answer.status, answer.body, answer.headers);
}

/** Answer one POSTed envelope on `port`. */
export async function handleSoap(port: ServedService, ex: MockHttpExchange, deps: SoapAdapterDeps): Promise<void> {
  const decoded = decodeRequest(port, ex);
  if ("answer" in decoded) {
    const call = { ...baseCall(port, ex, decoded.operation), error: decoded.error };
    write(ex, call, decoded.answer);
    deps.runtime.record(call);
    return;
  }
  const { request, env } = decoded;
  const call = { ...baseCall(port, ex, request.operation), input: request.input, headers: request.headers };
  const violation = deps.check?.(port.metadata, request.operation, env);
  let result: SoapAnswer;
  if (violation !== undefined) {
    const error = `invalid request: ${violation}`;
    result = { answer: adapterFault(port.metadata, "Client", error, 500), outcome: "invalid", error };
  } else {
    const outcome = await deps.runtime.dispatch(request);
    result = soapAnswer(port.metadata, request.operation, outcome);
    if (outcome.kind === "ok") call.output = outcome.output;
  }
  call.outcome = result.outcome;
  if (result.error !== undefined) call.error = result.error;
  write(ex, call, result.answer);
  deps.runtime.record(call);
}

/** The `MockContext` a call's profiles and handler see. */
import type { ServiceMetadata } from "@soapkit/runtime";
import { operationKey, unwrapOutput } from "./operations.js";
import { sampleOutput } from "./sample-values.js";
import type { MockContext, MockRequest } from "./types.js";

export function createContext(request: MockRequest, meta: ServiceMetadata, seed: number): MockContext {
  const op = request.operation;
  const key = operationKey(meta, op);
  return {
    operation: key,
    service: meta.service,
    port: meta.port,
    transport: request.transport,
    headers: request.headers,
    httpHeaders: request.httpHeaders,
    responseHeaders: {},
    state: new Map(),
    // Seed 1 (the default) is the canonical sample: `sampleOutput(meta, op)` without a seed.
    sample: () => unwrapOutput(op, sampleOutput(meta, key, seed === 1 ? {} : { seed })),
  };
}

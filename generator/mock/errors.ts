/**
 * What a handler throws to answer a call with a SOAP fault or an HTTP error, and the mock's own
 * usage errors. All are `SoapkitError`s.
 */
import { SoapkitError } from "@soapkit/runtime";
import type { MockFaultSpec } from "./types.js";

/** Thrown by a handler: the call is answered with this SOAP fault (typed detail when `detail` names a declared fault). */
export class MockFault extends SoapkitError {
  readonly spec: MockFaultSpec;
  constructor(spec: MockFaultSpec) {
    super("ERR_MOCK_FAULT", spec.message);
    this.spec = spec;
  }
}

/** Thrown by a handler: the call is answered with this HTTP status (no SOAP envelope). */
export class MockHttpError extends SoapkitError {
  readonly status: number;
  readonly body: string | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(status: number, body?: string, headers?: Record<string, string>) {
    super("ERR_MOCK_HTTP", `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** A mistake in how the mock is used (unknown operation, no such port, bad source). */
export class MockUsageError extends SoapkitError {
  constructor(message: string) {
    super("ERR_MOCK_USAGE", message);
  }
}

/** `throw soapFault("no such id", { code: "Client", detail: { fault: "NotFound", value: {...} } })` */
export function soapFault(message: string, options?: Omit<MockFaultSpec, "message">): MockFault {
  return new MockFault({ ...options, message });
}

/** `throw httpError(503, "maintenance")` */
export function httpError(status: number, body?: string, headers?: Record<string, string>): MockHttpError {
  return new MockHttpError(status, body, headers);
}

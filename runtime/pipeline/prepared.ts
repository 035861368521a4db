/** The pipeline's `PreparedCall` (transport.ts) as a class: the deadline's signal read on demand. */
import type { Deadline } from "../deadline.js";
import type { PreparedCall } from "./transport.js";

export type PreparedFields = Omit<PreparedCall, "signal" | "onAbort">;

/**
 * A prepared call: the fields, and the deadline's `signal` read on demand (an AbortController
 * costs more than most of a call, deadline.ts). A class: an object literal with a getter costs
 * µs to make.
 */
export class Prepared implements PreparedCall {
  readonly meta: PreparedCall["meta"];
  readonly operation: PreparedCall["operation"];
  readonly input: PreparedCall["input"];
  readonly headers: PreparedCall["headers"];
  readonly httpHeaders: PreparedCall["httpHeaders"];
  readonly query: PreparedCall["query"];
  readonly onAbort: PreparedCall["onAbort"];
  readonly secrets: PreparedCall["secrets"];
  readonly redact: PreparedCall["redact"];
  readonly profile: PreparedCall["profile"];
  readonly decode: PreparedCall["decode"];
  readonly maxResponseElements: PreparedCall["maxResponseElements"];
  readonly observe: PreparedCall["observe"];
  readonly maxResponseBytes: PreparedCall["maxResponseBytes"];
  readonly streamBase64: PreparedCall["streamBase64"];
  readonly #deadline: Deadline;

  constructor(deadline: Deadline, f: PreparedFields) {
    this.#deadline = deadline;
    this.meta = f.meta;
    this.operation = f.operation;
    this.input = f.input;
    this.headers = f.headers;
    this.httpHeaders = f.httpHeaders;
    this.query = f.query;
    this.onAbort = deadline.onAbort;
    this.secrets = f.secrets;
    this.redact = f.redact;
    this.profile = f.profile;
    this.decode = f.decode;
    this.maxResponseElements = f.maxResponseElements;
    this.observe = f.observe;
    this.maxResponseBytes = f.maxResponseBytes;
    this.streamBase64 = f.streamBase64;
  }

  get signal(): AbortSignal {
    return this.#deadline.signal;
  }

  /** The same call reported to another observer (a retry policy reads Retry-After). */
  observedBy(observe: PreparedCall["observe"]): Prepared {
    return new Prepared(this.#deadline, { ...this, observe });
  }
}

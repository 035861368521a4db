/**
 * One bounded HTTP POST exchange, as a transport sees it: `fetchExchange` (any runtime with
 * `fetch`) or `nodeHttpExchange` (node:http with keep-alive agents). No Node-only APIs here.
 */
import type { SecretSet } from "../secrets/secret-set.js";
import type { FetchedResponse, FetchRequest } from "./fetch-exchange.js";

/** A response whose body is still arriving (decompressed), for calls that stream content. */
export interface StreamingResponse {
  readonly status: number;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly chunks: AsyncIterable<Uint8Array>;
}

export interface HttpExchange {
  /** Send `request` and read its response up to `request.maxBytes` (decompressed); reject with the raw error. */
  (request: FetchRequest): Promise<FetchedResponse>;
  /** Put the exchange's own credentials (proxy user info, Basic password, TLS passphrase) into a call's secret set. */
  addSecrets?(set: SecretSet): void;
  /** Send `request` and resolve once the response head arrives, its body as a stream (no size limit here). */
  stream?(request: Omit<FetchRequest, "maxBytes">): Promise<StreamingResponse>;
}

/**
 * The request of one call: `signal` is read from the call only when an exchange asks for it (an
 * AbortController costs µs, and so does an object literal with a getter, made on every call).
 */
export class CallRequest implements FetchRequest {
  readonly #call: { readonly signal: AbortSignal };
  readonly onAbort: FetchRequest["onAbort"];

  constructor(
    call: { readonly signal: AbortSignal; readonly onAbort?: FetchRequest["onAbort"] },
    readonly url: string,
    readonly headers: Record<string, string>,
    readonly body: FetchRequest["body"],
    readonly maxBytes: number,
    readonly operation: string,
    readonly safeUrl: string,
  ) {
    this.#call = call;
    this.onAbort = call.onAbort;
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }
}

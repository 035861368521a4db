/**
 * Transport-neutral call options shared by every transport (SOAP, REST): the generated
 * `<Port>Agent` interfaces take these, and each transport extends them.
 */
export interface AgentCallOptions {
  /** Abort the call; the promise rejects with a `TransportError` of kind `aborted`. */
  readonly signal?: AbortSignal;
  /** Overall deadline for this call in milliseconds (connect + send + receive). */
  readonly timeoutMs?: number;
}

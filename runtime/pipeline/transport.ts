/**
 * The contract between the call pipeline (client-core.ts) and a transport, in the shape of
 * protobuf-ts's `RpcTransport`: the pipeline prepares a call (operation metadata, input,
 * merged headers and options, deadline signal, the call's secrets) and the transport turns
 * it into an outcome or throws. The pipeline owns defaults, operation lookup, hooks, the
 * deadline, secret masking and error mapping; a transport owns the wire format and HTTP.
 */
import type { OperationMeta, ServiceMetadata } from "../metadata.js";
import type { ResolvedDecodeOptions } from "../codec/decode-options.js";
import type { TextRedactor } from "../redact.js";
import type { SecretSet } from "../secrets/secret-set.js";
import type { Attachment } from "../soap/mtom-attachment.js";
import type { StreamBase64Option, StreamedResult } from "../stream/options.js";

/** One call, prepared by the pipeline. */
export interface PreparedCall {
  readonly meta: ServiceMetadata;
  readonly operation: OperationMeta;
  readonly input: object | undefined;
  /** Request headers (SOAP header parts by name): the client's, replaced per part by the call's. */
  readonly headers: Readonly<Record<string, unknown>>;
  /** Caller HTTP headers (the client's, then the call's), validated. */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** Extra query parameters for transports that use them (REST: `$select`). */
  readonly query: Readonly<Record<string, string>>;
  /** Aborts when the caller aborts or the deadline passes. */
  readonly signal: AbortSignal;
  /**
   * Run `listener` once when the call is aborted, as `signal` would report it (at once if it
   * already is); returns the function that stops it. Cheaper than a listener on `signal` (and
   * than reading it: the signal is made on first read). Optional: transports must not need it.
   */
  readonly onAbort?: ((listener: () => void) => () => void) | undefined;
  /** The call's secret values; a transport adds the credentials it derives itself. */
  readonly secrets: SecretSet;
  /** Redacts secret elements/members by name and secret values anywhere (use before any cut). */
  readonly redact: TextRedactor;
  /** Service conventions (e.g. SuperOffice's `Succeeded=false` headers). */
  readonly profile: ServiceProfile;
  /** How strictly to decode the response (the client's `decode`, then the call's, resolved). */
  readonly decode: ResolvedDecodeOptions;
  /** Maximum number of XML elements in the response (`undefined`: the parser's default, 200,000). */
  readonly maxResponseElements: number | undefined;
  /** Report the wire exchange; the pipeline masks it and calls the hooks. */
  readonly observe: WireObserver;
  /** Maximum response body size in bytes for this call (the call's, else the client's per operation; `undefined`: the transport's). */
  readonly maxResponseBytes?: number | undefined;
  /**
   * Elements whose base64 content goes to a destination while the response arrives (only sent
   * to transports with `streaming: true`; with streaming, `maxResponseBytes` bounds the rest).
   */
  readonly streamBase64?: StreamBase64Option | readonly StreamBase64Option[] | undefined;
}

/** What a transport reports of the wire exchange (raw: the pipeline masks it). */
export interface WireRequest {
  readonly url: string;
  readonly method: string;
  readonly httpHeaders: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WireResponse {
  readonly url: string;
  readonly status: number;
  readonly httpHeaders: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface WireObserver {
  request(request: WireRequest): void;
  response(response: WireResponse): void;
}

/** The outcome of a call. */
export interface CallOutcome {
  /** Unwrapped result (`undefined` for void operations and `204 No Content`). */
  readonly result: unknown;
  /** Decoded response headers (SOAP header parts; `{}` for transports without them). */
  readonly headers: Readonly<Record<string, unknown>>;
  readonly status: number;
  /** HTTP response headers, lower-case names (secret values masked by the pipeline). */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** The elements streamed by `PreparedCall.streamBase64`, in document order. */
  readonly streamed?: readonly StreamedResult[];
  /** SwA parts of a `multipart/related` response that no `xop:Include` referred to (absent otherwise). */
  readonly attachments?: readonly Attachment[];
}

export interface Transport {
  /** Short name for hook events, e.g. `soap-http`, `soap-fetch`, `superoffice-rest`. */
  readonly kind: string;
  /** Where calls of `operation` go, without credentials or query: safe for messages. */
  target(operation: OperationMeta, meta: ServiceMetadata): string;
  /** The transport honours `PreparedCall.streamBase64` (the pipeline refuses streaming calls otherwise). */
  readonly streaming?: boolean;
  /** Perform the call. Throw `SoapkitError`s; any other error is reported as a network failure. */
  unary(call: PreparedCall): Promise<CallOutcome>;
}

/** Service-specific conventions plugged into the generic pipeline. */
export interface ServiceProfile {
  /**
   * Inspect decoded SOAP response headers (also of an error status) and throw the service's
   * own error when they report a failure.
   */
  checkResponseHeaders?(
    meta: ServiceMetadata,
    operation: OperationMeta,
    headers: Readonly<Record<string, unknown>>,
  ): void;
}

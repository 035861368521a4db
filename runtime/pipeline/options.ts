/** Options of the generated clients (one class per port, whatever the transport). */
import type { DecodeOptions, TypedDecodeOptions } from "../codec/decode-options.js";
import type { CredentialProvider } from "./credentials.js";
import type { RetryOptions } from "./retry.js";
import type { ClientHooks } from "./hooks.js";
import type { ServiceProfile, Transport } from "./transport.js";
import type { StreamBase64Option, StreamedResult } from "../stream/options.js";
import type { Attachment } from "../soap/mtom-attachment.js";

/** Per-call options every transport understands; used by the generated `<Port>Agent` interfaces. */
export interface AgentCallOptions {
  /** Abort the call (reported as `TransportError` kind "aborted"). */
  signal?: AbortSignal;
  /** Overall deadline for this call in ms (reported as `TransportError` kind "timeout"). */
  timeoutMs?: number;
  /** Extra HTTP headers for this call (content type, SOAPAction and Accept are the transport's). */
  httpHeaders?: Readonly<Record<string, string>>;
  /** Extra query parameters (the SuperOffice REST transport sends `$select`; SOAP ignores them). */
  query?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * Response decoding for this call (overrides the client's, key by key). Only choices that keep
   * the declared result type; for enum values outside the schema use `call()` with
   * `LenientCallOptions`.
   */
  decode?: TypedDecodeOptions;
  /** Maximum response size in bytes for this call (over the client's `responseLimits` and the transport's default). */
  maxResponseBytes?: number;
  /**
   * Stream the base64 content of these elements to files, streams or a consumer while the
   * response arrives (SOAP transports); the rest of the response decodes as usual, the streamed
   * elements read as empty bytes, and `maxResponseBytes` bounds only the rest.
   */
  streamBase64?: StreamBase64Option | readonly StreamBase64Option[];
}

/** Per-call options of a generated client. */
export interface CallOptions<ReqH extends object = Record<string, unknown>> extends AgentCallOptions {
  /** Request headers for this call; each part replaces the client's (`undefined` keeps it, `null` sends nil). */
  headers?: { [K in keyof ReqH]?: ReqH[K] | undefined };
}

/** Options of a generated client. */
export interface ClientOptions<ReqH extends object = Record<string, unknown>> {
  /** How calls travel (default: `soapHttpTransport()` to the WSDL address). */
  transport?: Transport;
  /** Request headers sent with every call (per-call headers override them part by part). */
  headers?: Partial<ReqH>;
  /** Overall deadline per call in ms (default 100 000; 0 or Infinity disables it; longer than 2^31-1 is honoured exactly). */
  timeoutMs?: number;
  /** Extra HTTP headers for every request (e.g. `Authorization`). */
  httpHeaders?: Readonly<Record<string, string>>;
  hooks?: ClientHooks;
  /** Element/member names whose values are secrets (default `DEFAULT_SECRET_ELEMENTS`). */
  secretElements?: readonly string[];
  /** Extra secret values to mask in every error and hook event (e.g. a password the server may echo). */
  secrets?: readonly string[];
  /** Service conventions; the generated client of a SuperOffice port sets `superOfficeProfile`. */
  profile?: ServiceProfile;
  /**
   * Response decoding (default strict; per-call `decode` overrides it key by key). Only choices
   * that keep every result in its generated type (see `TypedDecodeOptions`).
   */
  decode?: TypedDecodeOptions;
  /**
   * Maximum number of XML elements in a SOAP response (default 200,000); more is `TransportError`
   * "too-large". JSON (REST) responses are bounded by the transport's `maxResponseBytes`.
   */
  maxResponseElements?: number;
  /**
   * Credentials that expire (a SuperOffice `ticketProvider`, a bearer provider): their headers
   * join every call, and a call refused for its credentials is retried once after a renewal.
   */
  credentials?: CredentialProvider<ReqH>;
  /**
   * Try failed calls again: 429/503 for every operation (honouring `Retry-After`), network
   * errors and 502/504 only for operations listed as safe. Off by default. Waits stay within
   * the call's deadline; each retry is reported to `hooks.onRetry`.
   */
  retry?: RetryOptions;
  /** At most this many calls in flight per endpoint from this client; the others queue (FIFO). */
  maxConcurrency?: number;
  /** Maximum response size in bytes per operation name (`{ GetEMail: 256 * 2 ** 20 }`), over the transport's default. */
  responseLimits?: Readonly<Record<string, number>>;
}

/**
 * Per-call options that let enum values outside the schema through (`unknownEnumValues:
 * "accept"`): a generated client's `call()` then types the result as `Lenient<T>`.
 */
export interface LenientCallOptions<ReqH extends object = Record<string, unknown>> extends Omit<
  CallOptions<ReqH>,
  "decode"
> {
  decode: DecodeOptions & { readonly unknownEnumValues: "accept" };
}

/** Options of the runtime core (`ClientCore`): a client's options with every decoding choice. */
export interface CoreOptions<ReqH extends object = Record<string, unknown>> extends Omit<
  ClientOptions<ReqH>,
  "decode"
> {
  decode?: DecodeOptions;
}

/** Per-call options of the runtime core: a call's options with every decoding choice. */
export interface CoreCallOptions<ReqH extends object = Record<string, unknown>> extends Omit<
  CallOptions<ReqH>,
  "decode"
> {
  decode?: DecodeOptions;
}

/** Result of `call`. */
export interface InvokeResult<R, ResH> {
  /** Unwrapped result (`undefined` for void/one-way operations). */
  readonly result: R;
  /** Decoded response headers (SOAP; `{}` over REST). */
  readonly headers: ResH;
  /** HTTP status. */
  readonly status: number;
  /** HTTP response headers (lower-case names), credentials masked. */
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** The elements streamed by the call's `streamBase64` option (absent without it). */
  readonly streamed?: readonly StreamedResult[];
  /** SwA attachments: parts of a `multipart/related` response that no `xop:Include` referred to (absent otherwise). */
  readonly attachments?: readonly Attachment[];
}

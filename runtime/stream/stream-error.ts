/** Errors of streamed responses (base64 content written to a sink while the response arrives). */
import { SoapkitError } from "../errors.js";

/**
 * What went wrong: `base64` (content that is not base64), `truncated` (the response ended inside
 * the document or inside a streamed element), `sink` (the destination refused the bytes),
 * `too-large` (a streamed element beyond `maxBytes`), `unsupported` (a response that cannot be
 * streamed, e.g. MTOM or a charset other than UTF-8).
 */
export type StreamErrorKind = "base64" | "truncated" | "sink" | "too-large" | "unsupported";

export class StreamError extends SoapkitError {
  readonly kind: StreamErrorKind;
  readonly operation: string;
  /** Endpoint URL without credentials. */
  readonly url: string;
  /** The streamed element path (`Response/Attachments/EMailAttachment/Stream`), when one was open. */
  readonly path?: string;

  constructor(
    kind: StreamErrorKind,
    message: string,
    details: { operation: string; url: string; path?: string | undefined; cause?: unknown },
  ) {
    super("ERR_SOAP_STREAM", message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.kind = kind;
    this.operation = details.operation;
    this.url = details.url;
    if (details.path !== undefined) this.path = details.path;
  }
}

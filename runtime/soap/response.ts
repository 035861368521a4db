/**
 * A SOAP HTTP response → the call's outcome or the right error (shared by both SOAP
 * transports). Snippets and fault details go through the call's redactor before any cut.
 */
import type { SoapVersion } from "../metadata.js";
import {
  DeserializationError,
  ProtocolError,
  SoapFaultError,
  TransportError,
  XmlLimitError,
  XmlParseError,
} from "../errors.js";
import { decodeHeaders } from "../codec/decode.js";
import { decodeOperationBody } from "../codec/body.js";
import { declaredFault } from "../codec/fault-detail.js";
import { parseEnvelope, type ParseEnvelopeOptions, type ParsedEnvelope } from "../envelope.js";
import { bodySnippet } from "../redact.js";
import type { CallOutcome, PreparedCall } from "../pipeline/transport.js";
import type { Attachment } from "./mtom-attachment.js";

/** A received HTTP response. */
export interface HttpExchange {
  readonly status: number;
  /** Response headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** SwA parts of a `multipart/related` response that no `xop:Include` referred to. */
  readonly attachments?: readonly Attachment[];
}

interface Context {
  readonly call: PreparedCall;
  readonly version: SoapVersion;
  readonly url: string;
  readonly ex: HttpExchange;
  readonly mime: string;
}

type Details = { operation: string; url: string; status: number; contentType?: string; bodySnippet?: string };

export function interpretSoapResponse(
  call: PreparedCall,
  version: SoapVersion,
  url: string,
  ex: HttpExchange,
): CallOutcome {
  const mime = mediaType(ex.headers["content-type"] ?? "");
  const ctx: Context = { call, version, url, ex, mime };
  if (ex.status < 200 || ex.status > 299) throw errorStatus(ctx);
  const outcome = success(ctx);
  return ex.attachments === undefined ? outcome : { ...outcome, attachments: ex.attachments };
}

/** The last Content-Type read and its media type (a service answers with the same one on every call). */
let lastType = "";
let lastMime = "";

/** The media type of a Content-Type value, lower case, without parameters. */
function mediaType(contentType: string): string {
  if (contentType !== lastType) {
    const semi = contentType.indexOf(";");
    lastMime = (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
    lastType = contentType;
  }
  return lastMime;
}

const isHtml = (mime: string): boolean => mime === "text/html" || mime === "application/xhtml+xml";
const isXml = (mime: string): boolean =>
  !isHtml(mime) && (mime === "text/xml" || mime === "application/xml" || mime.endsWith("+xml"));

function details(ctx: Context): Details {
  const contentType = ctx.ex.headers["content-type"] ?? "";
  return {
    operation: ctx.call.operation.name,
    url: ctx.url,
    status: ctx.ex.status,
    ...(contentType !== "" ? { contentType } : {}),
    ...(ctx.ex.body.trim() !== "" ? { bodySnippet: bodySnippet(ctx.ex.body, ctx.call.redact) } : {}),
  };
}

/** Faults come with 500 (SOAP 1.1) or 400/500 (SOAP 1.2), service errors in headers: try them before HTTP. */
function errorStatus(ctx: Context): Error {
  const { ex, mime } = ctx;
  if (ex.body.trim() !== "" && !isHtml(mime) && (isXml(mime) || mime === "")) {
    const serviceError = faultOrServiceError(ctx);
    if (serviceError !== undefined) return serviceError;
  }
  const kind = isHtml(mime) ? "HTML" : mime !== "" ? mime : "no content type";
  return new TransportError(
    "http",
    `${ctx.call.operation.name}: HTTP ${ex.status} from ${ctx.url} (${kind})`,
    details(ctx),
  );
}

function faultOrServiceError(ctx: Context): Error | undefined {
  let env: ParsedEnvelope;
  try {
    env = parse(ctx, undefined);
  } catch (e) {
    return e instanceof SoapFaultError ? e : undefined;
  }
  try {
    checkHeaders(ctx, env);
  } catch (e) {
    // undecodable headers on an error response: report the HTTP error
    if (!(e instanceof DeserializationError || e instanceof ProtocolError || e instanceof XmlParseError))
      return e as Error;
  }
  return undefined;
}

function success(ctx: Context): CallOutcome {
  const { call, ex, mime, url } = ctx;
  const operation = call.operation.name;
  const empty = ex.body.trim() === "";
  if (call.operation.output === null && empty)
    return { result: undefined, headers: {}, status: ex.status, httpHeaders: ex.headers };
  if (isHtml(mime))
    throw new TransportError(
      "bad-response",
      `${operation}: expected a SOAP response from ${url} but got HTML (HTTP ${ex.status})`,
      details(ctx),
    );
  if (mime !== "" && !isXml(mime))
    throw new ProtocolError(
      `${operation}: unexpected content type "${mime}" from ${url} (HTTP ${ex.status})`,
      details(ctx),
    );
  if (empty) throw new ProtocolError(`${operation}: empty response body from ${url} (HTTP ${ex.status})`, details(ctx));
  const env = parseOrExplain(ctx);
  try {
    const headers = checkHeaders(ctx, env);
    return { result: decodeResult(ctx, env), headers, status: ex.status, httpHeaders: ex.headers };
  } catch (e) {
    if (e instanceof DeserializationError)
      throw new ProtocolError(`${operation}: invalid response from ${url}: ${e.message}`, {
        ...details(ctx),
        path: e.path,
        cause: e,
      });
    throw e;
  }
}

function parse(ctx: Context, version: SoapVersion | undefined): ParsedEnvelope {
  const opts: ParseEnvelopeOptions = {
    operation: ctx.call.operation.name,
    status: ctx.ex.status,
    redact: (xml: string) => ctx.call.redact(xml),
  };
  const { meta, operation, decode, redact } = ctx.call;
  if ((operation.faults?.length ?? 0) > 0)
    opts.declaredFault = (fault) => declaredFault(meta, operation, fault, decode, redact);
  if (ctx.call.maxResponseElements !== undefined) opts.maxNodes = ctx.call.maxResponseElements;
  return parseEnvelope(ctx.ex.body, version, opts);
}

function parseOrExplain(ctx: Context): ParsedEnvelope {
  const { operation } = ctx.call;
  try {
    return parse(ctx, ctx.version);
  } catch (e) {
    if (e instanceof XmlLimitError) {
      throw new TransportError(
        "too-large",
        `${operation.name}: response from ${ctx.url} exceeds a parser limit: ${e.message}`,
        { ...details(ctx), cause: e },
      );
    }
    if (e instanceof XmlParseError)
      throw new ProtocolError(`${operation.name}: malformed XML from ${ctx.url}: ${e.message}`, {
        ...details(ctx),
        cause: e,
      });
    if (e instanceof ProtocolError)
      throw new ProtocolError(`${operation.name}: ${e.message} (from ${ctx.url})`, { ...details(ctx), cause: e });
    throw e;
  }
}

function decodeResult(ctx: Context, env: ParsedEnvelope): unknown {
  const { meta, operation } = ctx.call;
  const output = operation.output;
  if (output === null) return undefined;
  if (output.empty) {
    // A void response: an empty Body is accepted, but an element there must be the declared (empty) wrapper.
    if (env.firstBodyChild !== undefined) decodeOperationBody(meta, operation, output, env.body, ctx.call.decode);
    return undefined;
  }
  if (env.firstBodyChild === undefined && output.element !== "")
    throw new ProtocolError(
      `${operation.name}: response body from ${ctx.url} is empty, expected ${output.element}`,
      details(ctx),
    );
  const decoded = decodeOperationBody(meta, operation, output, env.body, ctx.call.decode);
  return output.unwrap !== null ? decoded[output.unwrap] : decoded;
}

/** Decode the response headers and let the service profile turn a reported failure into its error. */
function checkHeaders(ctx: Context, env: ParsedEnvelope): Record<string, unknown> {
  const { meta, operation, profile, decode } = ctx.call;
  const headers = decodeHeaders(meta, operation.outputHeaders, env.header, decode);
  profile.checkResponseHeaders?.(meta, operation, headers);
  return headers;
}

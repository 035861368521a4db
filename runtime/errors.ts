/**
 * Error model of the soapkit runtime.
 *
 * Every error thrown by the runtime is a `SoapkitError` with a stable `code`, so callers can
 * branch with `instanceof` or on `code`. Messages say what happened (operation, URL without
 * credentials, HTTP status) and never contain secrets: request envelopes, HTTP headers and
 * raw transport errors (whose `config` would hold both) are never attached.
 */

import type { SoapVersion } from "./metadata.js";

/** Base class of every error thrown by the soapkit runtime. */
export class SoapkitError extends Error {
  /** Stable machine-readable code, e.g. `ERR_SOAP_TRANSPORT`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A TypeScript value cannot be written as XML (wrong type, unknown property, missing required value...). */
export class SerializationError extends SoapkitError {
  /** Property path of the offending value, e.g. `SyncUserAccount.Foo` or `Items[2].Name` (`""` = the whole value). */
  readonly path: string;
  /** What is wrong, without path or operation. */
  readonly reason: string;
  /** Operation being called, when the error was raised by a client call. */
  readonly operation?: string;

  constructor(path: string, reason: string, options?: { cause?: unknown; operation?: string | undefined }) {
    const op = options?.operation !== undefined ? `${options.operation}: ` : "";
    super(
      "ERR_SOAP_SERIALIZATION",
      `${op}${path === "" ? "" : `${path}: `}${reason}`,
      options?.cause !== undefined ? { cause: options.cause } : undefined,
    );
    this.path = path;
    this.reason = reason;
    if (options?.operation !== undefined) this.operation = options.operation;
  }
}

/** Received XML cannot be mapped to the TypeScript value described by the metadata. */
export class DeserializationError extends SoapkitError {
  /** Property path of the offending value, e.g. `Response.Items[0].Id`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;

  constructor(path: string, message: string, line: number, column: number) {
    super("ERR_SOAP_DESERIALIZATION", `${path === "" ? "" : `${path}: `}${message} (line ${line}, column ${column})`);
    this.path = path;
    this.line = line;
    this.column = column;
  }
}

/** Malformed or forbidden XML (not well-formed, DOCTYPE, limits exceeded). */
export class XmlParseError extends SoapkitError {
  /** 1-based line of the error. */
  readonly line: number;
  /** Column of the error (as reported by the parser). */
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super("ERR_XML_PARSE", `${message} (line ${line}, column ${column})`);
    this.line = line;
    this.column = column;
  }
}

/** A document beyond a parser limit (element count or nesting depth): bounded work per response. */
export class XmlLimitError extends XmlParseError {
  /** Which limit: `"elements"` (count) or `"depth"` (nesting). */
  readonly limit: "elements" | "depth";
  /** The limit's value. */
  readonly max: number;

  constructor(limit: "elements" | "depth", max: number, line: number, column: number) {
    super(
      limit === "elements" ? `too many elements (limit ${max})` : `elements nested too deeply (limit ${max})`,
      line,
      column,
    );
    this.limit = limit;
    this.max = max;
  }
}

/** A fault code (`faultcode` / `Code/Value` / `Subcode/Value`): lexical QName and its resolution. */
export interface FaultCode {
  /** The text as sent, e.g. `s:Client`. */
  readonly value: string;
  /** Namespace URI the prefix resolved to (`""` when unprefixed or unresolvable). */
  readonly ns: string;
  /** Local part, e.g. `Client`, `Sender`. */
  readonly local: string;
}

/**
 * A fault detail matching a `wsdl:fault` the operation declares: its name and the decoded
 * value (generated clients export a union of these per operation, to narrow on `fault`).
 */
export interface DeclaredFault<N extends string = string, V = unknown> {
  readonly fault: N;
  readonly value: V;
}

/** Fields of a SOAP fault. */
export interface SoapFaultInfo {
  readonly soapVersion: SoapVersion;
  readonly faultCode: FaultCode;
  /** SOAP 1.2 `Subcode` chain, outermost first (always empty for SOAP 1.1). */
  readonly subcodes: readonly FaultCode[];
  /** SOAP 1.1 `faultstring` / SOAP 1.2 first `Reason/Text`. */
  readonly faultString: string;
  /** SOAP 1.1 `faultactor` / SOAP 1.2 `Role`. */
  readonly actor?: string;
  /** SOAP 1.2 `Node`. */
  readonly node?: string;
  /** Raw XML of the `detail`/`Detail` element's content (secrets redacted). */
  readonly detail?: string;
  /** The detail decoded as one of the operation's declared faults, when one matches (secrets redacted). */
  readonly declared?: DeclaredFault;
  /**
   * Raw XML of the fault's other children, outside `detail` (spyne writes fault members
   * directly in `Fault`), secrets redacted; absent when there are none.
   */
  readonly extra?: string;
}

/** The service answered with a SOAP fault. */
export class SoapFaultError extends SoapkitError implements SoapFaultInfo {
  readonly soapVersion: SoapVersion;
  readonly faultCode: FaultCode;
  readonly subcodes: readonly FaultCode[];
  readonly faultString: string;
  readonly actor?: string;
  readonly node?: string;
  readonly detail?: string;
  readonly declared?: DeclaredFault;
  readonly extra?: string;
  /** Operation that failed, when known. */
  readonly operation?: string;
  /** HTTP status of the response carrying the fault, when known. */
  readonly status?: number;

  constructor(info: SoapFaultInfo, context?: { operation?: string | undefined; status?: number | undefined }) {
    const where = context?.operation !== undefined ? `${context.operation}: ` : "";
    super("ERR_SOAP_FAULT", `${where}SOAP fault ${info.faultCode.value}: ${info.faultString}`);
    this.soapVersion = info.soapVersion;
    this.faultCode = info.faultCode;
    this.subcodes = info.subcodes;
    this.faultString = info.faultString;
    if (info.actor !== undefined) this.actor = info.actor;
    if (info.node !== undefined) this.node = info.node;
    if (info.detail !== undefined) this.detail = info.detail;
    if (info.declared !== undefined) this.declared = info.declared;
    if (info.extra !== undefined) this.extra = info.extra;
    if (context?.operation !== undefined) this.operation = context.operation;
    if (context?.status !== undefined) this.status = context.status;
  }

  /** SOAP 1.2 name for `faultString`. */
  get reason(): string {
    return this.faultString;
  }

  /** SOAP 1.2 name for `actor`. */
  get role(): string | undefined {
    return this.actor;
  }
}

/** What went wrong at the HTTP level. */
export type TransportErrorKind = "http" | "network" | "timeout" | "aborted" | "too-large" | "bad-response";

/** The HTTP exchange failed (no usable SOAP response). */
export class TransportError extends SoapkitError {
  readonly kind: TransportErrorKind;
  readonly operation: string;
  /** Endpoint URL without credentials, query or fragment. */
  readonly url: string;
  readonly status?: number;
  readonly contentType?: string;
  /** First ~200 characters of the response body, secrets redacted. */
  readonly bodySnippet?: string;

  constructor(
    kind: TransportErrorKind,
    message: string,
    details: {
      operation: string;
      url: string;
      status?: number | undefined;
      contentType?: string | undefined;
      bodySnippet?: string | undefined;
      cause?: unknown;
    },
  ) {
    super("ERR_SOAP_TRANSPORT", message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.kind = kind;
    this.operation = details.operation;
    this.url = details.url;
    if (details.status !== undefined) this.status = details.status;
    if (details.contentType !== undefined) this.contentType = details.contentType;
    if (details.bodySnippet !== undefined) this.bodySnippet = details.bodySnippet;
  }
}

/**
 * A response (normally HTTP 2xx) that is not a valid SOAP response for the operation:
 * empty body, malformed XML, wrong content type, not an envelope, wrong envelope version,
 * unexpected body element or undecodable content.
 */
export class ProtocolError extends SoapkitError {
  /** Operation being called (`""` when the envelope was parsed outside a call). */
  readonly operation: string;
  /** Endpoint URL without credentials (`""` outside a call). */
  readonly url: string;
  readonly status?: number;
  readonly contentType?: string;
  /** First ~200 characters of the response body, secrets redacted. */
  readonly bodySnippet?: string;
  /** Property path of the value that could not be decoded (e.g. `Response.Items[0].Id`), when one is at fault. */
  readonly path?: string;

  constructor(
    message: string,
    details?: {
      operation?: string | undefined;
      url?: string | undefined;
      path?: string | undefined;
      status?: number | undefined;
      contentType?: string | undefined;
      bodySnippet?: string | undefined;
      cause?: unknown;
    },
  ) {
    super("ERR_SOAP_PROTOCOL", message, details?.cause !== undefined ? { cause: details.cause } : undefined);
    this.operation = details?.operation ?? "";
    this.url = details?.url ?? "";
    if (details?.status !== undefined) this.status = details.status;
    if (details?.contentType !== undefined) this.contentType = details.contentType;
    if (details?.bodySnippet !== undefined) this.bodySnippet = details.bodySnippet;
    if (details?.path !== undefined) this.path = details.path;
  }
}

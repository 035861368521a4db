/**
 * A service-level failure reported the SuperOffice way: over SOAP, HTTP 200 with the output
 * headers `Succeeded=false` + `ExceptionInfo` and an empty (or given) output wrapper; over
 * REST, a WebAPI JSON error body with `status` (401 bad ticket, 403 bad application token,
 * 500 otherwise). A handler throws it; any other error a handler throws is reported like a
 * `ServiceException` whose `ExceptionType` is the error's name.
 */

/** Typed `SoExceptionInfo`-like value (fields the service's type lacks are dropped when sent). */
export interface ExceptionInfoValue {
  Message?: string | null;
  StackTrace?: string | null;
  FriendlyText?: string | null;
  ExceptionType?: string | null;
  Source?: string | null;
  InnerException?: ExceptionInfoValue | null;
  /** Dictionary value: array of `{ Key, Value }`. */
  Parameters?: { Key: string; Value: string | null }[] | null;
  [field: string]: unknown;
}

export interface ServiceExceptionOptions {
  exceptionType?: string;
  friendlyText?: string;
  source?: string;
  stackTrace?: string;
  inner?: ExceptionInfoValue;
  parameters?: Record<string, string>;
  /** Output wrapper sent along with `Succeeded=false` over SOAP (default: empty wrapper). */
  output?: Record<string, unknown>;
  /** HTTP status of the REST WebAPI error (default 500). */
  status?: number;
}

export class ServiceException extends Error {
  override readonly name = "ServiceException";
  readonly info: ExceptionInfoValue;
  readonly output: Record<string, unknown> | undefined;
  readonly status: number;

  constructor(message: string, options: ServiceExceptionOptions = {}) {
    super(message);
    this.output = options.output;
    this.status = options.status ?? 500;
    this.info = {
      Message: message,
      StackTrace: options.stackTrace ?? "   at SuperOffice.Services84 (soapkit mock)",
      FriendlyText: options.friendlyText ?? message,
      ExceptionType: options.exceptionType ?? "SuperOffice.CRM.SoException",
      Source: options.source ?? "SuperOffice.Services84",
      ...(options.inner !== undefined ? { InnerException: options.inner } : {}),
      ...(options.parameters !== undefined
        ? { Parameters: Object.entries(options.parameters).map(([Key, Value]) => ({ Key, Value })) }
        : {}),
    };
  }
}

/** Any thrown value as a `ServiceException` (`ExceptionType` from the error's name). */
export function asServiceException(err: unknown): ServiceException {
  if (err instanceof ServiceException) return err;
  return new ServiceException(err instanceof Error ? err.message : String(err), {
    exceptionType: err instanceof Error && err.name !== "Error" ? err.name : "System.Exception",
  });
}

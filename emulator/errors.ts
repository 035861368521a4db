/**
 * Errors an emulator operation handler may throw.
 *
 * - `EmulatorException`: a service-level failure reported the SuperOffice way: HTTP 200,
 *   output header `Succeeded=false` + `ExceptionInfo`, and an empty (or given) output wrapper.
 * - `EmulatorFault`: a real SOAP fault (HTTP 500 by default), for testing fault handling.
 *
 * Any other error thrown by a handler is reported like an `EmulatorException` whose
 * `ExceptionType` is derived from the error's name.
 */

/** Typed `SoExceptionInfo`-like value (fields the service's type lacks are dropped). */
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

export interface EmulatorExceptionOptions {
  exceptionType?: string;
  friendlyText?: string;
  source?: string;
  stackTrace?: string;
  inner?: ExceptionInfoValue;
  parameters?: Record<string, string>;
  /** Output wrapper to send along with `Succeeded=false` (default: empty wrapper). */
  output?: Record<string, unknown>;
  /** How the call is recorded (default `"error"`). */
  outcome?: "error" | "bad-ticket" | "bad-app-token";
}

export class EmulatorException extends Error {
  override readonly name = "EmulatorException";
  readonly info: ExceptionInfoValue;
  readonly output: Record<string, unknown> | undefined;
  readonly outcome: "error" | "bad-ticket" | "bad-app-token";

  constructor(message: string, options: EmulatorExceptionOptions = {}) {
    super(message);
    this.output = options.output;
    this.outcome = options.outcome ?? "error";
    this.info = {
      Message: message,
      StackTrace: options.stackTrace ?? "   at SuperOffice.Services84.Emulator (soapkit emulator)",
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

export class EmulatorFault extends Error {
  override readonly name = "EmulatorFault";
  constructor(
    readonly faultcode: "Client" | "Server",
    readonly faultstring: string,
    readonly statusCode = 500,
  ) {
    super(faultstring);
  }
}

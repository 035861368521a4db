/** The error SuperOffice services report through `Succeeded=false` + `ExceptionInfo` (SOAP) or a WebAPI error body (REST). */
import { SoapkitError } from "../errors.js";

/** Shape of a WCF/SuperOffice `SoExceptionInfo` header value (as decoded by the codec). */
export interface ExceptionInfoLike {
  readonly Message?: string | null;
  readonly StackTrace?: string | null;
  readonly FriendlyText?: string | null;
  readonly ExceptionType?: string | null;
  readonly Source?: string | null;
  readonly InnerException?: ExceptionInfoLike | null;
  readonly Parameters?: readonly { readonly Key?: string | null; readonly Value?: unknown }[] | null;
}

/**
 * Failure reported by a WCF/SuperOffice service through its response headers
 * (`Succeeded=false` + `ExceptionInfo`) rather than through a SOAP fault.
 */
export class SuperOfficeError extends SoapkitError {
  /** `ExceptionInfo.ExceptionType`, e.g. `SoException`. */
  readonly exceptionType: string;
  readonly friendlyText: string;
  readonly source: string;
  /** Server-side stack trace (not to be confused with this error's own `stack`). */
  readonly remoteStackTrace: string;
  /** `ExceptionInfo.Parameters` dictionary as a record. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Error built from `ExceptionInfo.InnerException`, recursively. */
  readonly inner?: SuperOfficeError;
  /** Operation that failed (`""` for inner errors built without one). */
  readonly operation: string;
  /** The decoded `ExceptionInfo` header value. */
  readonly exceptionInfo: ExceptionInfoLike;

  constructor(info: ExceptionInfoLike, operation: string, depth = 0) {
    const type = info.ExceptionType ?? "";
    // `message` is ExceptionInfo.Message as the spec of the convention says; fall back to
    // something informative when the server left it empty.
    const message =
      nonEmpty(info.Message) ??
      nonEmpty(info.FriendlyText) ??
      `${operation !== "" ? `${operation} failed` : "Service error"}${type !== "" ? ` (${type})` : ""}`;
    super("ERR_SOAP_SERVICE", message);
    this.exceptionType = type;
    this.friendlyText = info.FriendlyText ?? "";
    this.source = info.Source ?? "";
    this.remoteStackTrace = info.StackTrace ?? "";
    const params: Record<string, string> = {};
    for (const entry of info.Parameters ?? []) {
      if (entry.Key === undefined || entry.Key === null) continue;
      const v = entry.Value;
      // defineProperty: a "__proto__" key stays a plain key; duplicates: the last one wins.
      Object.defineProperty(params, entry.Key, {
        value: v === undefined || v === null ? "" : String(v),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    this.parameters = Object.freeze(params);
    this.operation = operation;
    this.exceptionInfo = info;
    // WCF chains are short; the depth guard protects against hostile, deeply nested input.
    if (info.InnerException !== undefined && info.InnerException !== null && depth < 32) {
      this.inner = new SuperOfficeError(info.InnerException, operation, depth + 1);
    }
  }
}

function nonEmpty(s: string | null | undefined): string | undefined {
  return s === undefined || s === null || s === "" ? undefined : s;
}

/**
 * WebAPI error bodies ↔ the SOAP error model.
 *
 * The WebAPI reports a SuperOffice exception as a JSON object with an HTTP error status
 * (401 bad/expired ticket, 403, 500, ...):
 *
 * ```json
 * { "Error": "<friendly text>", "ErrorType": "SoSessionException", "Message": "Invalid ticket",
 *   "Source": "...", "StackTrace": "...", "Parameters": { "k": "v" }, "InnerException": { ...same shape... } }
 * ```
 *
 * A body with an `ErrorType` (or `ExceptionType`) member is a SuperOffice exception and
 * becomes a `SuperOfficeError` (subclass `WebApiError`, which adds the HTTP status), with
 * the same fields the SOAP `ExceptionInfo` header gives. Anything else (HTML error pages,
 * ASP.NET's `{"Message": "No HTTP resource was found…"}`, empty bodies) is a
 * `TransportError` of kind `http`.
 */

import { SuperOfficeError, type ExceptionInfoLike } from "./super-office-error.js";
import { JsonNumber, JsonObject, type JsonValue } from "../rest/json.js";

/** A SuperOffice exception reported by the REST WebAPI (a `SuperOfficeError` with the HTTP status). */
export class WebApiError extends SuperOfficeError {
  /** HTTP status of the error response (401, 403, 500, ...). */
  readonly status: number;

  constructor(info: ExceptionInfoLike, operation: string, status: number) {
    super(info, operation);
    this.status = status;
  }
}

/** JSON error body shape the WebAPI (and the soapkit emulator) send. */
export interface WebApiErrorBody {
  Error?: string | null;
  ErrorType?: string | null;
  Message?: string | null;
  Source?: string | null;
  StackTrace?: string | null;
  Parameters?: Record<string, string | null> | null;
  InnerException?: WebApiErrorBody | null;
}

/** `ExceptionInfo` value → WebAPI error body (used by the emulator's REST routes). */
export function webApiErrorBody(info: ExceptionInfoLike, depth = 0): WebApiErrorBody {
  const body: WebApiErrorBody = {
    Error: info.FriendlyText ?? null,
    ErrorType: info.ExceptionType ?? null,
    Message: info.Message ?? null,
    Source: info.Source ?? null,
    StackTrace: info.StackTrace ?? null,
  };
  if (info.Parameters !== undefined && info.Parameters !== null) {
    const params: Record<string, string | null> = {};
    for (const p of info.Parameters) {
      if (p.Key === undefined || p.Key === null) continue;
      Object.defineProperty(params, p.Key, {
        value: p.Value === undefined || p.Value === null ? null : String(p.Value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    body.Parameters = params;
  }
  if (info.InnerException !== undefined && info.InnerException !== null && depth < 32) {
    body.InnerException = webApiErrorBody(info.InnerException, depth + 1);
  }
  return body;
}

/**
 * WebAPI error body (parsed JSON) → `ExceptionInfo`-like value, or `undefined` when the body
 * is not a SuperOffice exception (no `ErrorType`/`ExceptionType` member). Member names are
 * matched case-insensitively.
 */
export function exceptionInfoFromJson(json: JsonValue | undefined, depth = 0): ExceptionInfoLike | undefined {
  if (!(json instanceof JsonObject)) return undefined;
  const str = (...names: string[]): string | null | undefined => {
    for (const n of names) {
      const v = json.lookup(n);
      if (typeof v === "string") return v;
      if (v instanceof JsonNumber || typeof v === "boolean") return String(v);
      if (v === null) return null;
    }
    return undefined;
  };
  const type = str("ErrorType", "ExceptionType");
  if (type === undefined || type === null || type === "") return undefined;
  const message = str("Message") ?? str("Error");
  // "Error" is the friendly text when a separate Message is present.
  const friendly = str("FriendlyText") ?? (str("Message") !== undefined ? str("Error") : undefined);
  const info: {
    -readonly [K in keyof ExceptionInfoLike]: ExceptionInfoLike[K];
  } = {
    ExceptionType: type,
    Message: message ?? null,
    FriendlyText: friendly ?? null,
    Source: str("Source", "ErrorSource") ?? null,
    StackTrace: str("StackTrace", "Stacktrace") ?? null,
  };
  const params = json.lookup("Parameters");
  if (params instanceof JsonObject) {
    info.Parameters = params.entries.map(([Key, v]) => ({
      Key,
      Value:
        typeof v === "string"
          ? v
          : v === null
            ? null
            : v instanceof JsonNumber || typeof v === "boolean"
              ? String(v)
              : null,
    }));
  }
  const inner = json.lookup("InnerException");
  if (depth < 32) {
    const innerInfo = exceptionInfoFromJson(inner, depth + 1);
    if (innerInfo !== undefined) info.InnerException = innerInfo;
  }
  return info;
}

/**
 * The last line of the runtime's error model: a call rejects only with a `SoapkitError`.
 * Anything else that escapes the pipeline (a runtime bug, a custom transport or fetch that
 * throws a non-error) becomes an `ERR_INTERNAL` naming the operation. Only the message is
 * kept, not the object (it may hold request data); it was scrubbed of the call's secrets.
 */
import { SoapkitError } from "../errors.js";

export function asSoapkitError(err: unknown, operation: string): SoapkitError {
  if (err instanceof SoapkitError) return err;
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new SoapkitError("ERR_INTERNAL", `${operation}: unexpected error: ${message}`);
}

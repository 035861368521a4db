/**
 * The metadata a codec works from does not fit what it was asked to do (a type of the wrong
 * kind, an unknown reference, a chain too long): a generator or metadata defect, reported as a
 * `SoapkitError` with code `ERR_METADATA` like the structural checks of `loadMetadata`, never a
 * plain `Error`.
 */
import { SoapkitError } from "../errors.js";

export function metadataMismatch(message: string): SoapkitError {
  return new SoapkitError("ERR_METADATA", `soapkit metadata: ${message}`);
}

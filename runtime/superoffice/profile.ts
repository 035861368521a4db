/**
 * SuperOffice's SOAP error convention as a service profile: `Succeeded=false` plus
 * `ExceptionInfo` in the response headers (named by `meta.errorHeaders`) → `SuperOfficeError`.
 */
import type { ServiceMetadata } from "../metadata.js";
import type { ServiceProfile } from "../pipeline/transport.js";
import { SuperOfficeError, type ExceptionInfoLike } from "./super-office-error.js";

export const superOfficeProfile: ServiceProfile = {
  checkResponseHeaders(meta: ServiceMetadata, operation, headers): void {
    const conv = meta.errorHeaders;
    if (conv === undefined || headers[conv.succeeded] !== false) return;
    const info = headers[conv.exceptionInfo];
    throw new SuperOfficeError(
      info !== null && typeof info === "object" ? (info as ExceptionInfoLike) : {},
      operation.name,
    );
  },
};

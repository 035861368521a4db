/** Metadata lookups of the profile: headers by name and the SuperOffice error headers. */

import type { HeaderMeta, OperationMeta, ServiceMetadata } from "@soapkit/runtime";

export function findHeader(headers: readonly HeaderMeta[], name: string): HeaderMeta | undefined {
  return headers.find((h) => h.name === name);
}

/** The success / exception-info output headers, when the operation declares them. */
export function errorHeaders(
  meta: ServiceMetadata,
  op: OperationMeta,
): { succeeded: HeaderMeta | undefined; exceptionInfo: HeaderMeta | undefined } {
  return {
    succeeded: findHeader(op.outputHeaders, meta.errorHeaders?.succeeded ?? "Succeeded"),
    exceptionInfo: findHeader(op.outputHeaders, meta.errorHeaders?.exceptionInfo ?? "ExceptionInfo"),
  };
}

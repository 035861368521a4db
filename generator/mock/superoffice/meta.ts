/** Metadata lookups of the profile: expanded metadata and the SuperOffice error headers. */

import { loadMetadata, type HeaderMeta, type OperationMeta, type ServiceMetadata } from "@soapkit/runtime";
import type { AnyMetadata } from "../types.js";

export function expanded(meta: AnyMetadata): ServiceMetadata {
  return "v" in meta ? loadMetadata(meta) : meta;
}

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

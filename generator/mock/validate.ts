/** Validation mode: extra request checks beyond the runtime's strict decoder. */
import type { OperationMeta, ParsedEnvelope, ServiceMetadata } from "@soapkit/runtime";

export function checkRequest(_meta: ServiceMetadata, _op: OperationMeta, _env: ParsedEnvelope): string | undefined {
  return undefined;
}

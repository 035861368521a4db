/** Operation keys (metadata v3 keys overloads apart) and the handler-shaped result of an operation. */
import type { OperationMeta, ServiceMetadata } from "@soapkit/runtime";

/** The key of `op` in `meta.operations` (the generated client's method key; differs from the name for overloads). */
export function operationKey(meta: ServiceMetadata, op: OperationMeta): string {
  if (meta.operations[op.name] === op) return op.name;
  for (const [key, o] of Object.entries(meta.operations)) if (o === op) return key;
  return op.name;
}

/** The output wrapper answered for a handler's result (the generated client's unwrapped result). */
export function wrapOutput(op: OperationMeta, result: unknown): Record<string, unknown> | undefined {
  if (op.output === null || op.output.empty) return undefined;
  if (op.output.unwrap !== null) return result === undefined ? {} : { [op.output.unwrap]: result };
  return (result ?? {}) as Record<string, unknown>;
}

/** A wrapper back into the handler-shaped result (`ctx.sample()`). */
export function unwrapOutput(op: OperationMeta, wrapper: Record<string, unknown> | undefined): unknown {
  if (wrapper === undefined || op.output === null || op.output.empty) return undefined;
  return op.output.unwrap !== null ? wrapper[op.output.unwrap] : wrapper;
}

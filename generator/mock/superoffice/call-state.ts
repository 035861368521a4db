/**
 * What the profile's authenticate leaves in a call's `ctx.state` for handlers: the validated
 * ticket and the called port's metadata and operation.
 */

import type { OperationMeta, ServiceMetadata } from "@soapkit/runtime";
import type { MockContext } from "../types.js";

const TICKET = "superoffice.ticket";
const PORT = "superoffice.port";

export function rememberCall(
  ctx: MockContext,
  ticket: string | undefined,
  meta: ServiceMetadata,
  op: OperationMeta,
): void {
  ctx.state.set(TICKET, ticket);
  ctx.state.set(PORT, { meta, op });
}

/** The validated ticket of this call (undefined when the operation takes no `Credentials`). */
export function ticketOf(ctx: MockContext): string | undefined {
  return ctx.state.get(TICKET) as string | undefined;
}

/** The called port's metadata and operation (set by the profile's authenticate). */
export function calledPort(ctx: MockContext): { meta: ServiceMetadata; op: OperationMeta } {
  const port = ctx.state.get(PORT) as { meta: ServiceMetadata; op: OperationMeta } | undefined;
  if (port === undefined) throw new Error("the SuperOffice profile is not installed on this mock");
  return port;
}

/**
 * The emulator's handler convention on top of the mock's: a handler per service (not per
 * operation name), given the SuperOffice call context (validated ticket, expanded metadata,
 * ticket store) and returning the typed OUTPUT WRAPPER (`{ Response: ... }`, or undefined for
 * void). `emulatorHandlers` turns the services' implementations into one mock handler per
 * operation name that picks the implementation of the called port.
 */

import type { OperationMeta, ServiceMetadata } from "@soapkit/runtime";
import { loadMetadata, type CompactMetadata } from "@soapkit/runtime";
import type { MockContext, MockHandler } from "soapkit/mock";
import { ticketOf, type TicketStore } from "soapkit/mock/superoffice";

export interface CallContext extends MockContext {
  /** The validated ticket, when the operation declares a `Credentials` header. */
  ticket: string | undefined;
  metadata: ServiceMetadata;
  tickets: TicketStore;
}

/**
 * Returns the typed output wrapper, or undefined for a void operation. Throw `ServiceException`
 * for `Succeeded=false`, `MockFault` (`soapFault`) for a SOAP fault.
 */
export type OperationHandler = (input: Record<string, unknown>, ctx: CallContext) => unknown;

export interface HandledService {
  metadata: ServiceMetadata | CompactMetadata;
  implementation: Partial<Record<string, OperationHandler>>;
}

export function expandedMetadata(meta: ServiceMetadata | CompactMetadata): ServiceMetadata {
  return "v" in meta ? loadMetadata(meta) : meta;
}

/** The handler's wrapper as the mock's handler result (the wrapper's only part when the client unwraps it). */
function resultOf(op: OperationMeta, wrapper: unknown): unknown {
  const unwrap = op.output?.unwrap;
  if (unwrap === undefined || unwrap === null || wrapper === undefined || wrapper === null) return wrapper;
  return (wrapper as Record<string, unknown>)[unwrap];
}

/** One mock handler per implemented operation name, dispatching on the called port. */
export function emulatorHandlers(services: readonly HandledService[], tickets: TicketStore): Map<string, MockHandler> {
  const ports = services.map((s) => ({ meta: expandedMetadata(s.metadata), implementation: s.implementation }));
  const handler: MockHandler = async (input, ctx) => {
    const port = ports.find((p) => p.meta.service === ctx.service && p.meta.port === ctx.port);
    const implementation = port?.implementation[ctx.operation];
    const op = port?.meta.operations[ctx.operation];
    if (port === undefined || implementation === undefined || op === undefined) return ctx.sample();
    const callContext: CallContext = { ...ctx, ticket: ticketOf(ctx), metadata: port.meta, tickets };
    return resultOf(op, await implementation(input as Record<string, unknown>, callContext));
  };
  const byName = new Map<string, MockHandler>();
  // An implementation may cover more operations than a port serves (a Services88 subset): only served ones count.
  for (const port of ports)
    for (const name of Object.keys(port.implementation))
      if (Object.hasOwn(port.meta.operations, name)) byName.set(name, handler);
  return byName;
}

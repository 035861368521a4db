/**
 * Which ports have a REST twin. Kept free of ts-morph/handlebars: the package root
 * (generator/index.ts) uses it for the root index and manifest, and must stay light for the
 * CLI's no-op path (test/cli/noop-light.test.ts).
 */
import type { Port } from "../model/types.js";

/** The REST agent of a port (`/api/v1/Agents/{agent}/…`): its portType, like the metadata's `restAgent`. */
export function restAgentOf(port: Port): string | undefined {
  return port.portType !== "" ? port.portType : undefined;
}

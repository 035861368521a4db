/**
 * Which ports have a REST twin. Kept free of ts-morph/handlebars: the package root
 * (generator/index.ts) uses it for the root index and manifest, and must stay light for the
 * CLI's no-op path (test/cli/noop-light.test.ts).
 */
import type { Port } from "../model/types.js";

/**
 * The REST agent of a port (`/api/v1/Agents/{agent}/…`): the source's `rest` setting when
 * given (`Port.restAgent`), else its portType.
 */
export function restAgentOf(port: Port): string | undefined {
  if (port.restAgent === null) return undefined;
  if (port.restAgent !== undefined) return port.restAgent;
  return port.portType !== "" ? port.portType : undefined;
}

/** Apply a source's `rest` setting (`false`: no REST twin; a string: the agent name) to its ports. */
export function withRestSetting<M extends { readonly ports: readonly Port[] }>(model: M, rest: boolean | string | undefined): M {
  if (rest === undefined || rest === true) return model;
  const restAgent = rest === false ? null : rest;
  return { ...model, ports: model.ports.map((p) => ({ ...p, restAgent })) };
}

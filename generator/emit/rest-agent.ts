/**
 * Which ports have a REST twin. Kept free of ts-morph/handlebars: the package root
 * (generator/index.ts) uses it for the root index and manifest, and must stay light for the
 * CLI's no-op path (test/cli/noop-light.test.ts).
 *
 * A REST twin is a SuperOffice WebAPI convention, so a WSDL gets one only when asked (a
 * source's `rest`, or the `rest` option / `--rest` for every source) or when it is
 * recognisably a SuperOffice NetServer service (its target namespace); no other WSDL does.
 */
import type { Port } from "../model/types.js";

/** `http://www.superoffice.net/ws/crm/NetServer/Services84` and the other NetServer versions. */
const NETSERVER_NAMESPACE = /^https?:\/\/www\.superoffice\.net\/ws\/crm\/NetServer\//i;

/** True for a SuperOffice NetServer service (by the WSDL's target namespace). */
export function isSuperOfficeNetServer(targetNamespace: string): boolean {
  return NETSERVER_NAMESPACE.test(targetNamespace);
}

/**
 * The REST agent of a port (`/api/v1/Agents/{agent}/…`): the source's `rest` setting when
 * given (`Port.restAgent`), else its portType.
 */
export function restAgentOf(port: Port): string | undefined {
  if (port.restAgent === null) return undefined;
  if (port.restAgent !== undefined) return port.restAgent;
  return port.portType !== "" ? port.portType : undefined;
}

/**
 * Apply the REST setting to a model's ports: the source's own `rest` (`false`: none; a string:
 * the agent name; `true`: the portType), else the run-wide `restOption`, else a REST twin
 * only for a SuperOffice NetServer service.
 */
export function withRestSetting<M extends { readonly targetNamespace: string; readonly ports: readonly Port[] }>(
  model: M,
  rest: boolean | string | undefined,
  restOption = false,
): M {
  const wanted = rest ?? (restOption || isSuperOfficeNetServer(model.targetNamespace));
  if (wanted === true) return model;
  const restAgent = wanted === false ? null : wanted;
  return { ...model, ports: model.ports.map((p) => ({ ...p, restAgent })) };
}

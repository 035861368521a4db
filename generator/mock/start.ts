/** `startMock`: serve the ports of a source on one local HTTP listener. */
import { dispatch } from "./dispatch.js";
import { listen, type ExchangeHandler } from "./http-server.js";
import { MockServerImpl } from "./server.js";
import { normalizePath, type ServedPort } from "./services.js";
import { handleSoap, type SoapAdapterDeps } from "./soap-adapter.js";
import { resolveSource } from "./source.js";
import { MockState } from "./state.js";
import type { MockCall, MockRuntime, MockServer, MockSource, OperationMap, StartMockOptions } from "./types.js";

/** One log line per call: never header values or payloads. */
export function callLine(c: MockCall): string {
  return `${c.transport} ${c.service}/${c.port} ${c.operation || "(unknown operation)"} → ${c.outcome} ${c.statusCode}`;
}

function router(
  ports: readonly ServedPort[],
  runtime: MockRuntime,
  deps: SoapAdapterDeps,
  options: StartMockOptions,
): ExchangeHandler {
  const byPath = new Map(ports.map((p) => [p.path, p]));
  return async (ex) => {
    for (const profile of options.profiles ?? []) if ((await profile.route?.(ex, runtime)) === true) return;
    let pathname: string;
    try {
      pathname = normalizePath(decodeURIComponent(new URL(ex.url, "http://mock.invalid").pathname));
    } catch {
      pathname = "";
    }
    const port = byPath.get(pathname);
    if (port === undefined) {
      const served = ports.map((p) => p.path).join(", ");
      ex.respond(404, `no SOAP port on ${pathname} (served: ${served})`, {
        "content-type": "text/plain; charset=utf-8",
      });
      return;
    }
    await handleSoap(port, ex, deps);
  };
}

export async function startMock<Ops extends OperationMap = OperationMap>(
  source: MockSource,
  options: StartMockOptions = {},
): Promise<MockServer<Ops>> {
  const ports = await resolveSource(source);
  const state = new MockState();
  const profiles = options.profiles ?? [];
  const seed = options.seed ?? 1;
  const runtime: MockRuntime = {
    services: ports,
    dispatch: (request) => dispatch(request, { state, profiles, seed }),
    record: (call) => {
      state.calls.push(call);
      options.log?.(callLine(call));
    },
  };
  const deps: SoapAdapterDeps = options.validate === true ? { runtime, check: await loadValidator() } : { runtime };
  const listening = await listen(options.host ?? "127.0.0.1", options.port ?? 0, router(ports, runtime, deps, options));
  return new MockServerImpl<Ops>(listening, ports, state);
}

async function loadValidator(): Promise<NonNullable<SoapAdapterDeps["check"]>> {
  const { checkRequest } = await import("./validate.js");
  return checkRequest;
}

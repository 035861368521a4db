/** `startMock`: serve the ports of a source on one local HTTP listener. */
import { dispatch } from "./dispatch.js";
import { listen } from "./http-server.js";
import { callLine, router } from "./router.js";
import { MockServerImpl } from "./server.js";
import type { SoapAdapterDeps } from "./soap-adapter.js";
import { resolveSource } from "./source.js";
import { MockState } from "./state.js";
import type { MockRuntime, MockServer, MockSource, OperationMap, StartMockOptions } from "./types.js";

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
  const listening = await listen(
    options.host ?? "127.0.0.1",
    options.port ?? 0,
    router(ports, runtime, deps, profiles),
  );
  return new MockServerImpl<Ops>(listening, ports, state);
}

async function loadValidator(): Promise<NonNullable<SoapAdapterDeps["check"]>> {
  const { checkRequest } = await import("./validate.js");
  return checkRequest;
}

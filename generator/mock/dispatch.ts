/**
 * The one transport-neutral dispatch: profiles' authenticate → injected failure → handler (or
 * the sample response) → profiles' mapError, giving one `MockOutcome`.
 */
import { MockFault, MockHttpError } from "./errors.js";
import { createContext } from "./context.js";
import { operationKey, wrapOutput } from "./operations.js";
import { expandMetadata } from "./services.js";
import type { MockState } from "./state.js";
import type { MockContext, MockFailure, MockOutcome, MockProfile, MockRequest } from "./types.js";

export interface DispatchDeps {
  readonly state: MockState;
  readonly profiles: readonly MockProfile[];
  readonly seed: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export async function dispatch(request: MockRequest, deps: DispatchDeps): Promise<MockOutcome> {
  const meta = expandMetadata(request.service.metadata);
  const key = operationKey(meta, request.operation);
  const ctx = createContext(request, meta, deps.seed);
  const delay = deps.state.delayOf(key);
  if (delay > 0) await sleep(delay);
  for (const profile of deps.profiles) {
    const rejected = await profile.authenticate?.(request, ctx);
    if (rejected !== undefined) return { ...rejected, rejected: true };
  }
  const failure = deps.state.takeFailure(key);
  if (failure !== undefined) return injected(failure);
  const handler = deps.state.handlers.get(key) ?? deps.state.handlers.get(request.operation.name);
  try {
    const result = handler !== undefined ? await handler(request.input, ctx) : ctx.sample();
    return { kind: "ok", output: wrapOutput(request.operation, result), responseHeaders: ctx.responseHeaders };
  } catch (err) {
    return thrown(err, request, ctx, deps.profiles);
  }
}

async function injected(failure: MockFailure): Promise<MockOutcome> {
  if (failure.delayMs !== undefined && failure.delayMs > 0) await sleep(failure.delayMs);
  if ("fault" in failure) return { kind: "fault", fault: failure.fault };
  if ("http" in failure) return { kind: "http", ...failure.http };
  return { kind: "drop" };
}

/** What a handler threw, as an outcome. */
function thrown(err: unknown, request: MockRequest, ctx: MockContext, profiles: readonly MockProfile[]): MockOutcome {
  if (err instanceof MockFault) return { kind: "fault", fault: err.spec };
  if (err instanceof MockHttpError) {
    const out: MockOutcome = { kind: "http", status: err.status };
    if (err.body !== undefined) out.body = err.body;
    if (err.headers !== undefined) out.headers = err.headers;
    return out;
  }
  for (const profile of profiles) {
    const mapped = profile.mapError?.(err, request, ctx);
    if (mapped !== undefined) return mapped;
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return { kind: "fault", fault: { code: "Server", message } };
}

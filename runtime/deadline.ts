/**
 * Per-call deadline shared by both transports: one overall timeout (connect + send + receive,
 * not an idle timeout, so a slow trickle cannot keep a call alive) combined with the
 * caller's `AbortSignal`.
 */
import { SoapkitError } from "./errors.js";

export interface Deadline {
  /** Aborts when the caller aborts or the timeout fires. */
  readonly signal: AbortSignal;
  /** True once the timeout (not the caller) aborted the call. */
  timedOut(): boolean;
  /** Clear the timer; call when the exchange is over. */
  dispose(): void;
}

/** Longest delay `setTimeout` takes (2^31−1 ms, about 24.8 days); longer ones fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Start the deadline of one call. `timeoutMs` ≤ 0 or `Infinity` means no timeout; `NaN` (or a
 * non-number) is a configuration error. Timeouts beyond `MAX_TIMER_MS` are honoured exactly by
 * re-arming the timer.
 */
export function startDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): Deadline {
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs)) {
    throw new SoapkitError("ERR_SOAP_CONFIG", "timeoutMs must be a number of milliseconds (0 or Infinity: no timeout)");
  }
  const controller = new AbortController();
  let fired = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (remaining: number): void => {
    timer = setTimeout(
      () => {
        if (remaining > MAX_TIMER_MS) arm(remaining - MAX_TIMER_MS);
        else {
          fired = true;
          controller.abort();
        }
      },
      Math.min(remaining, MAX_TIMER_MS),
    );
  };
  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) arm(timeoutMs);
  return {
    signal: callerSignal !== undefined ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
    timedOut: () => fired,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

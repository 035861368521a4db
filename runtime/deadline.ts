/**
 * Per-call deadline shared by both transports: one overall timeout (connect + send + receive,
 * not an idle timeout, so a slow trickle cannot keep a call alive) combined with the
 * caller's `AbortSignal`.
 */
export interface Deadline {
  /** Aborts when the caller aborts or the timeout fires. */
  readonly signal: AbortSignal;
  /** True once the timeout (not the caller) aborted the call. */
  timedOut(): boolean;
  /** Clear the timer; call when the exchange is over. */
  dispose(): void;
}

/** Start the deadline of one call. `timeoutMs` ≤ 0 or non-finite means no timeout. */
export function startDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): Deadline {
  const controller = new AbortController();
  let fired = false;
  const timer =
    timeoutMs > 0 && Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          fired = true;
          controller.abort();
        }, timeoutMs)
      : undefined;
  return {
    signal: callerSignal !== undefined ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
    timedOut: () => fired,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}

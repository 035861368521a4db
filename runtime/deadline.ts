/**
 * Per-call deadline shared by all transports: one overall timeout (connect + send + receive,
 * not an idle timeout, so a slow trickle cannot keep a call alive) combined with the
 * caller's `AbortSignal`.
 */
import { SoapkitError } from "./errors.js";
import { cancelAlarm, setAlarm, type Alarm, type AlarmTarget } from "./deadline-clock.js";

export interface Deadline {
  /** Aborts when the caller aborts or the timeout fires (made on first read: an AbortController costs ~6 µs). */
  readonly signal: AbortSignal;
  /** Run `listener` once when the call is aborted (at once if it already is); returns the function that stops it. */
  onAbort(listener: () => void): () => void;
  /** True once the timeout (not the caller) aborted the call. */
  timedOut(): boolean;
  /** Clear the timer; call when the exchange is over. */
  dispose(): void;
}

/**
 * Start the deadline of one call. `timeoutMs` ≤ 0 or `Infinity` means no timeout; `NaN` (or a
 * non-number) is a configuration error. Timeouts beyond `setTimeout`'s limit are honoured exactly
 * (deadline-clock.ts re-arms its timer).
 */
export function startDeadline(callerSignal: AbortSignal | undefined, timeoutMs: number): Deadline {
  if (typeof timeoutMs !== "number" || Number.isNaN(timeoutMs)) {
    throw new SoapkitError("ERR_SOAP_CONFIG", "timeoutMs must be a number of milliseconds (0 or Infinity: no timeout)");
  }
  return new CallDeadline(callerSignal, timeoutMs);
}

/** One object per call, closures only where a callback is needed (it is made on every call). */
class CallDeadline implements Deadline, AlarmTarget {
  readonly #callerSignal: AbortSignal | undefined;
  #controller: AbortController | undefined;
  #aborted = false;
  #reason: unknown;
  #listeners: Array<() => void> | undefined;
  #fired = false;
  /** On the shared deadline clock (deadline-clock.ts): no timer of its own. */
  #alarm: Alarm | undefined;
  readonly #onCaller: (() => void) | undefined;

  constructor(callerSignal: AbortSignal | undefined, timeoutMs: number) {
    this.#callerSignal = callerSignal;
    if (timeoutMs > 0 && Number.isFinite(timeoutMs)) this.#alarm = setAlarm(timeoutMs, this);
    if (callerSignal === undefined) return;
    // The caller's signal, followed with one listener (AbortSignal.any costs ~50 µs a call on Node 20).
    const onCaller = (): void => this.#abort(callerSignal.reason);
    this.#onCaller = onCaller;
    if (callerSignal.aborted) onCaller();
    else callerSignal.addEventListener("abort", onCaller, { once: true });
  }

  get signal(): AbortSignal {
    if (this.#controller === undefined) {
      this.#controller = new AbortController();
      if (this.#aborted) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** An own function: transports receive it detached (`PreparedCall.onAbort`). */
  readonly onAbort = (listener: () => void): (() => void) => {
    if (this.#aborted) {
      listener();
      return () => undefined;
    }
    (this.#listeners ??= []).push(listener);
    return () => {
      const listeners = this.#listeners!;
      const i = listeners.indexOf(listener);
      if (i !== -1) listeners.splice(i, 1);
    };
  };

  timedOut(): boolean {
    return this.#fired;
  }

  dispose(): void {
    if (this.#alarm !== undefined) cancelAlarm(this.#alarm);
    if (this.#onCaller !== undefined) this.#callerSignal?.removeEventListener("abort", this.#onCaller);
  }

  /** The timeout went off (deadline-clock.ts). */
  onAlarm(): void {
    this.#fired = true;
    this.#abort(undefined);
  }

  #abort(why: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = why;
    this.#controller?.abort(why);
    if (this.#listeners !== undefined) for (const listener of this.#listeners.splice(0)) listener();
  }
}

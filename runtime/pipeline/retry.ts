/**
 * The resilience policy of the call pipeline (every transport): which failures are tried
 * again, how long to wait (the server's `Retry-After`, else exponential backoff with full
 * jitter), and a cap on concurrent calls per endpoint. Every wait stays inside the call's
 * deadline and ends at once when the caller aborts.
 */
import { SoapkitError, TransportError } from "../errors.js";

export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retrying off). */
  readonly attempts?: number;
  /**
   * Operations that are safe to send again after a failure the service may have acted on
   * (a timeout, a reset connection, 502/504). Default: none. 429 and 503 — the service refused
   * the request before acting on it — are retried for every operation.
   */
  readonly safe?: readonly string[] | ((operation: string) => boolean);
  /** First backoff step (default 200 ms); doubles per attempt, full jitter. */
  readonly baseDelayMs?: number;
  /** Longest wait, `Retry-After` included (default 30 s); a longer `Retry-After` ends the retries. */
  readonly maxDelayMs?: number;
  /** Randomness for the jitter (tests). */
  readonly random?: () => number;
}

/** Emitted before a retry waits (`hooks.onRetry`). */
export interface RetryEvent {
  readonly operation: string;
  /** The attempt that failed (1 = the first). */
  readonly attempt: number;
  readonly delayMs: number;
  /** `http 429`, `http 503`, `network`, `timeout`... */
  readonly reason: string;
}

/** Statuses that say "not processed, come back later". */
const REFUSED = new Set([429, 503]);
/** Statuses and kinds after which the request may or may not have been acted on. */
const UNCERTAIN_STATUS = new Set([502, 504]);

function isSafe(o: RetryOptions, operation: string): boolean {
  const safe = o.safe;
  return typeof safe === "function" ? safe(operation) : (safe?.includes(operation) ?? false);
}

/** Why `e` may be retried for `operation`, or undefined. */
export function retryReason(o: RetryOptions, operation: string, e: unknown): string | undefined {
  if (!(e instanceof TransportError)) return undefined;
  if (e.kind === "http" && e.status !== undefined && REFUSED.has(e.status)) return `http ${e.status}`;
  if (!isSafe(o, operation)) return undefined;
  if (e.kind === "http" && e.status !== undefined && UNCERTAIN_STATUS.has(e.status)) return `http ${e.status}`;
  return e.kind === "network" ? "network" : undefined;
}

/** `Retry-After` as ms: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before the next attempt (`attempt` = attempts made so far), or undefined to stop. */
export function nextDelay(o: RetryOptions, attempt: number, retryAfter: number | undefined): number | undefined {
  const max = o.maxDelayMs ?? 30_000;
  if (retryAfter !== undefined) return retryAfter <= max ? retryAfter : undefined;
  const step = Math.min(max, (o.baseDelayMs ?? 200) * 2 ** (attempt - 1));
  return Math.floor((o.random ?? Math.random)() * step);
}

/** Wait `ms`, or reject when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => (signal.removeEventListener("abort", onAbort), resolve()), ms);
    const onAbort = (): void => (clearTimeout(timer), reject(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** A cap on concurrent calls per endpoint (FIFO). */
export class EndpointLimiter {
  readonly #max: number;
  readonly #busy = new Map<string, number>();
  readonly #queues = new Map<string, (() => void)[]>();

  constructor(max: number) {
    if (!Number.isInteger(max) || max < 1)
      throw new SoapkitError("ERR_SOAP_CONFIG", "maxConcurrency must be a whole number above 0");
    this.#max = max;
  }

  /** Wait for a slot at `endpoint`; the returned function frees it. */
  async acquire(endpoint: string, signal: AbortSignal): Promise<() => void> {
    const busy = this.#busy.get(endpoint) ?? 0;
    if (busy < this.#max) {
      this.#busy.set(endpoint, busy + 1);
      return () => this.#release(endpoint);
    }
    await new Promise<void>((resolve, reject) => {
      const queue = this.#queues.get(endpoint) ?? [];
      this.#queues.set(endpoint, queue);
      const wake = (): void => (signal.removeEventListener("abort", onAbort), resolve());
      const onAbort = (): void => {
        queue.splice(queue.indexOf(wake), 1);
        reject(signal.reason);
      };
      queue.push(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
    return () => this.#release(endpoint);
  }

  #release(endpoint: string): void {
    const next = this.#queues.get(endpoint)?.shift();
    if (next !== undefined)
      next(); // the slot passes to the next caller
    else this.#busy.set(endpoint, (this.#busy.get(endpoint) ?? 1) - 1);
  }
}

/**
 * One mock instance's mutable state: handlers, delays, injected failures and recorded calls.
 * Nothing is module-level, so two mocks never share anything.
 */
import type { MockCall, MockFailure, MockHandler } from "./types.js";

interface PendingFailure {
  readonly failure: MockFailure;
  /** Calls left to fail (`Infinity`: every call). */
  left: number;
}

export class MockState {
  readonly handlers = new Map<string, MockHandler>();
  readonly calls: MockCall[] = [];
  /** Added latency by operation key; `""` applies to every operation. */
  private readonly delays = new Map<string, number>();
  private readonly failures = new Map<string, PendingFailure[]>();

  setDelay(ms: number, operation: string | undefined): void {
    this.delays.set(operation ?? "", Math.max(0, ms));
  }

  /** Latency before answering a call of `operation` (the per-operation value wins). */
  delayOf(operation: string): number {
    return this.delays.get(operation) ?? this.delays.get("") ?? 0;
  }

  addFailure(operation: string, failure: MockFailure): void {
    const list = this.failures.get(operation) ?? [];
    list.push({ failure, left: failure.times ?? Infinity });
    this.failures.set(operation, list);
  }

  /** The injected failure that applies to this call of `operation`, counted down. */
  takeFailure(operation: string): MockFailure | undefined {
    const list = this.failures.get(operation);
    const next = list?.[0];
    if (list === undefined || next === undefined) return undefined;
    next.left--;
    if (next.left <= 0) list.shift();
    return next.failure;
  }

  reset(): void {
    this.handlers.clear();
    this.calls.length = 0;
    this.delays.clear();
    this.failures.clear();
  }
}

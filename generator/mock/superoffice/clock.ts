/**
 * The profile's clock: tickets expire, signed timestamps go stale and JWTs carry times by it.
 * `offsetClock` follows a base clock (default `Date.now`) plus an offset that tests move forward,
 * so a 6-hour ticket lifetime passes in one call instead of six hours.
 */

export interface MockClock {
  /** Milliseconds since the epoch, as the profile sees them. */
  now(): number;
  /** Move the clock forward (`advance(6 * 3600_000)` lets every unused ticket expire). */
  advance(ms: number): void;
}

export function offsetClock(base: () => number = Date.now): MockClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance(${ms}): a finite, non-negative ms`);
      offset += ms;
    },
  };
}

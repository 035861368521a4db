/** Stage timings: run a stage and report how long it took. */
export function timer(report?: (stage: string, ms: number) => void) {
  return async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const r = await fn();
    report?.(stage, performance.now() - t0);
    return r;
  };
}

/** Peak RSS growth of this process while a call runs (sampled every 10 ms), for the memory tests of streamed content. */
const MiB = 1024 * 1024;

/** Runs `call` while sampling RSS: its result, the peak growth over the start in MiB, and the seconds taken. */
export async function peakRssGrowth<T>(
  call: () => Promise<T>,
): Promise<{ result: T; growth: number; seconds: number }> {
  globalThis.gc?.();
  const base = process.memoryUsage.rss();
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  let result: T;
  try {
    result = await call();
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, growth: (peak - base) / MiB, seconds };
}

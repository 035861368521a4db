/** Results of the call benchmark's workers: blocks of calls and their summary per concurrency. */
import { percentileSorted } from "./lib/stats.js";

export interface ConfigResult {
  concurrency: number;
  calls: number;
  elapsedMs: number;
  p50: number;
  p99: number;
  /** Calls per second. */
  throughput: number;
  /** CPU time of this process (user + system) per call, µs: less sensitive than wall time to other load. */
  cpuUs: number;
  /** CPU time of the server process per call, µs, when it reports it (the lean responder's `GET /__cpu`). */
  serverCpuUs?: number;
}

/** One block of calls: the latencies (ms), wall and CPU time, the server's CPU time when it reports it. */
export interface Block {
  latencies: number[];
  elapsedMs: number;
  cpuUs: number;
  serverCpuUs?: number;
}

/** Blocks of one client at one concurrency, as one result (latency percentiles over all their calls). */
export function blocksResult(concurrency: number, blocks: readonly Block[]): ConfigResult {
  const sorted = Float64Array.from(blocks.flatMap((b) => b.latencies)).sort();
  const calls = sorted.length;
  const elapsedMs = blocks.reduce((t, b) => t + b.elapsedMs, 0);
  const server = blocks.every((b) => b.serverCpuUs !== undefined)
    ? { serverCpuUs: blocks.reduce((t, b) => t + b.serverCpuUs!, 0) / calls }
    : {};
  return {
    concurrency,
    calls,
    elapsedMs,
    p50: percentileSorted(sorted, 50),
    p99: percentileSorted(sorted, 99),
    throughput: (calls / elapsedMs) * 1000,
    cpuUs: blocks.reduce((t, b) => t + b.cpuUs, 0) / calls,
    ...server,
  };
}

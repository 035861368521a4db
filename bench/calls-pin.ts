/**
 * CPU pinning of the call benchmark's processes (`taskset`, Linux): with `SOAPKIT_BENCH_PIN=1`
 * the lean responder runs on CPU 0 and each client process on the other CPUs, so that at c=50
 * a client and its floor get the same share of the machine rather than whatever the scheduler
 * gives them next to the server. Off by default (`SOAPKIT_BENCH_PIN` unset or 0), or without
 * `taskset` or a second CPU.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";

const TASKSET = "/usr/bin/taskset";

export type PinRole = "server" | "client";

/** The `taskset -c` CPU list for a process of `role`, or undefined when processes are not pinned. */
export function pinnedCpus(role: PinRole): string | undefined {
  const n = availableParallelism();
  if (process.env["SOAPKIT_BENCH_PIN"] !== "1" || n < 2 || !existsSync(TASKSET)) return undefined;
  return role === "server" ? "0" : `1-${n - 1}`;
}

/** Pin this process, its running threads included (`-a`; threads started later inherit it). */
export function pinSelf(cpus: string | undefined): void {
  if (cpus !== undefined) execFileSync(TASKSET, ["-a", "-p", "-c", cpus, String(process.pid)], { stdio: "ignore" });
}

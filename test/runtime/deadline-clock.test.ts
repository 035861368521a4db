/**
 * The shared deadline clock (runtime/deadline-clock.ts): alarms of any durations go off in
 * time and in order, cancelled ones never do, and a process with only cancelled alarms exits.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it, vi } from "vitest";
import { cancelAlarm, setAlarm, type AlarmTarget } from "../../runtime/deadline-clock.js";
import { startDeadline } from "../../runtime/deadline.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

function recorder(): { fired: string[]; target: (name: string) => AlarmTarget; wait: (n: number) => Promise<void> } {
  const fired: string[] = [];
  let waiting: { n: number; resolve: () => void } | undefined;
  return {
    fired,
    target: (name) => ({
      onAlarm: () => {
        fired.push(name);
        if (waiting !== undefined && fired.length >= waiting.n) waiting.resolve();
      },
    }),
    wait: (n) => (fired.length >= n ? Promise.resolve() : new Promise<void>((resolve) => (waiting = { n, resolve }))),
  };
}

describe("deadline clock", () => {
  it("fires alarms of different durations in expiry order, whatever order they were set in", async () => {
    const r = recorder();
    const t0 = performance.now();
    setAlarm(60, r.target("60"));
    setAlarm(20, r.target("20a"));
    setAlarm(40, r.target("40"));
    setAlarm(20, r.target("20b"));
    await r.wait(4);
    expect(r.fired).toEqual(["20a", "20b", "40", "60"]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(59);
  });

  it("fires alarms of several durations in expiry order when the timer goes off late (a busy event loop)", async () => {
    const r = recorder();
    setAlarm(60, r.target("60"));
    setAlarm(20, r.target("20a"));
    setAlarm(40, r.target("40"));
    setAlarm(20, r.target("20b"));
    // The timer is armed for 20 ms; by the time it runs, every alarm is due.
    const until = performance.now() + 80;
    while (performance.now() < until) {
      // busy: the event loop is blocked
    }
    await r.wait(4);
    expect(r.fired).toEqual(["20a", "20b", "40", "60"]);
  });

  it("never fires a cancelled alarm, at the head of its queue or behind a pending one", async () => {
    const r = recorder();
    const head = setAlarm(30, r.target("head"));
    setAlarm(30, r.target("kept"));
    const behind = setAlarm(30, r.target("behind"));
    // Many cancelled alarms behind a pending one (compacted away), then one more pending.
    for (let i = 0; i < 500; i++) cancelAlarm(setAlarm(30, r.target(`x${i}`)));
    setAlarm(35, r.target("last"));
    cancelAlarm(head);
    cancelAlarm(behind);
    cancelAlarm(behind); // twice: no effect
    await r.wait(2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.fired).toEqual(["kept", "last"]);
  });

  it("re-arms for an alarm that is due before the one the timer waits for", async () => {
    const r = recorder();
    setAlarm(10_000, r.target("long"));
    const t0 = performance.now();
    setAlarm(15, r.target("short"));
    await r.wait(1);
    expect(r.fired).toEqual(["short"]);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });

  it("times a call's deadline out through the clock", async () => {
    const d = startDeadline(undefined, 25);
    const aborted = new Promise<void>((resolve) => d.onAbort(resolve));
    await aborted;
    expect(d.timedOut()).toBe(true);
    expect(d.signal.aborted).toBe(true);
    d.dispose();
  });

  it("lets the process exit when every alarm is cancelled (the timer is only ref'd while one is pending)", () => {
    const script = [
      `import { setAlarm, cancelAlarm } from "./runtime/deadline-clock.ts";`,
      `const a = setAlarm(60_000, { onAlarm() { process.exitCode = 3; } });`,
      `setTimeout(() => cancelAlarm(a), 10);`,
    ].join("\n");
    const t0 = Date.now();
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });
});

describe("deadline clock under fake timers", () => {
  it("times a deadline out when the test advances the timers by its timeout", () => {
    vi.useFakeTimers();
    try {
      const d = startDeadline(undefined, 30_000);
      let aborted = false;
      d.onAbort(() => (aborted = true));
      vi.advanceTimersByTime(29_000);
      expect(aborted).toBe(false);
      vi.advanceTimersByTime(1_100);
      expect(aborted).toBe(true);
      expect(d.timedOut()).toBe(true);
      d.dispose();
    } finally {
      vi.useRealTimers();
    }
  });
});

/**
 * One timer for the deadlines of all calls (deadline.ts): a `setTimeout` per call costs a
 * Timeout object, an async resource and, at concurrency 1, a timer list made and dropped on
 * every call. Alarms wait in one queue per duration (so each queue is in expiry order) and
 * one Node timer is armed for the earliest; it is ref'd only while an alarm is pending, so an
 * idle process still exits. Cancelled alarms are dropped from a queue's head at once and
 * compacted away when they pile up behind a long one: memory stays bounded by pending calls.
 */

/** What an alarm calls when it goes off. */
export interface AlarmTarget {
  onAlarm(): void;
}

/** Longest delay `setTimeout` takes (2^31−1 ms, about 24.8 days); longer alarms re-arm on the way. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A pending alarm (`target` undefined once cancelled or gone off). */
export class Alarm {
  constructor(
    readonly expiry: number,
    public target: AlarmTarget | undefined,
    readonly queue: Queue,
  ) {}
}

/** The alarms of one duration, in expiry order; `head` is the first one not yet removed. */
class Queue {
  alarms: Alarm[] = [];
  head = 0;
  /** Cancelled alarms at or after `head`. */
  dead = 0;

  constructor(readonly ms: number) {}

  get size(): number {
    return this.alarms.length - this.head;
  }

  /** Drop cancelled alarms at the head; shrink the array once most of it is behind the head. */
  trim(): void {
    const alarms = this.alarms;
    while (this.head < alarms.length && alarms[this.head]!.target === undefined) {
      this.head++;
      this.dead--;
    }
    // Not on every emptying (at concurrency 1, every call): shrinking an array is a slow path.
    if (this.head >= 64 && this.head * 2 >= alarms.length) {
      this.alarms = alarms.slice(this.head);
      this.head = 0;
    }
  }

  /** Remove every cancelled alarm (they outnumber the pending ones). */
  compact(): void {
    this.alarms = this.alarms.slice(this.head).filter((a) => a.target !== undefined);
    this.head = 0;
    this.dead = 0;
  }
}

const queues = new Map<number, Queue>();
let pending = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
/**
 * The `setTimeout`/`clearTimeout` the timer was made with: when a test installs fake timers (or
 * removes them), the next alarm re-arms with the current ones instead of waiting on the old timer.
 */
let timers: { set: typeof setTimeout; clear: typeof clearTimeout } | undefined;
/** The expiry the timer is armed for (Infinity: not armed). */
let armedFor = Infinity;
/** When the timer goes off: at or after `armedFor` unless the delay was capped at MAX_TIMER_MS. */
let timerDue = 0;

/** Call `target.onAlarm()` in `ms` milliseconds (0 < ms < Infinity) unless cancelled first. */
export function setAlarm(ms: number, target: AlarmTarget): Alarm {
  let queue = queues.get(ms);
  if (queue === undefined) queues.set(ms, (queue = new Queue(ms)));
  // Whole milliseconds, as Node's timers count: alarms set within one millisecond go off together.
  const alarm = new Alarm(Math.ceil(performance.now() + ms), target, queue);
  queue.alarms.push(alarm);
  if (pending++ === 0) timer?.ref();
  if (alarm.expiry < armedFor) arm(alarm.expiry);
  else if (timers?.set !== globalThis.setTimeout) arm(armedFor);
  return alarm;
}

/** Cancel `alarm` (nothing when it went off or was cancelled already). */
export function cancelAlarm(alarm: Alarm): void {
  if (alarm.target === undefined) return;
  alarm.target = undefined;
  if (--pending === 0) timer?.unref();
  const queue = alarm.queue;
  queue.dead++;
  queue.trim();
  if (queue.dead > 64 && queue.dead * 2 > queue.size) queue.compact();
}

function arm(expiry: number): void {
  if (timer !== undefined) timers!.clear(timer);
  armedFor = expiry;
  const now = performance.now();
  const delay = Math.min(Math.max(Math.ceil(expiry - now), 1), MAX_TIMER_MS);
  timerDue = now + delay;
  timers = { set: globalThis.setTimeout, clear: globalThis.clearTimeout };
  timer = timers.set(tick, delay);
  if (pending === 0) timer.unref();
}

/** The timer went off: fire every alarm due, then arm for the earliest one left. */
function tick(): void {
  timer = undefined;
  armedFor = Infinity;
  // The timer's own time counts too: under fake timers (tests), `performance.now()` may stand still.
  const now = Math.max(performance.now(), timerDue);
  const due: (readonly [number, AlarmTarget])[] = [];
  let next = Infinity;
  for (const queue of queues.values()) {
    queue.trim();
    while (queue.size > 0 && queue.alarms[queue.head]!.expiry <= now) {
      const alarm = queue.alarms[queue.head++]!;
      due.push([alarm.expiry, alarm.target!]);
      alarm.target = undefined;
      pending--;
      queue.trim();
    }
    if (queue.size === 0) queues.delete(queue.ms);
    else next = Math.min(next, queue.alarms[queue.head]!.expiry);
  }
  if (next !== Infinity) arm(next);
  // Each queue is in expiry order, but a late timer finds alarms of several durations due: earliest first.
  if (due.length > 1) due.sort((a, b) => a[0] - b[0]);
  // Last: a target may start calls (new alarms) or cancel others.
  for (const [, target] of due) target.onAlarm();
}

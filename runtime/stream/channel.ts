/**
 * A bounded hand-over from the response reader to a `consume` destination: `push` waits while
 * the consumer has `HIGH_WATER` chunks unread, so memory stays at a few chunks.
 */

const HIGH_WATER = 4;

export interface Channel {
  readonly iterable: AsyncIterable<Uint8Array>;
  push(chunk: Uint8Array): Promise<void>;
  end(): void;
  fail(error: unknown): void;
  /** The consumer is gone (finished or stopped): later pushes are dropped. */
  stop(): void;
}

export function channel(): Channel {
  const queue: Uint8Array[] = [];
  let ended = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let reader: (() => void) | undefined;
  let writer: (() => void) | undefined;
  const wake = (which: "reader" | "writer"): void => {
    const w = which === "reader" ? reader : writer;
    if (which === "reader") reader = undefined;
    else writer = undefined;
    w?.();
  };
  const stop = (): void => {
    stopped = true;
    queue.length = 0;
    wake("writer");
  };
  const iterable: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          const next = queue.shift();
          if (next !== undefined) {
            wake("writer");
            yield next;
          } else if (failure !== undefined) throw failure.error;
          else if (ended) return;
          else await new Promise<void>((resolve) => (reader = resolve));
        }
      } finally {
        stop();
      }
    },
  };
  return {
    iterable,
    async push(chunk) {
      if (stopped) return;
      queue.push(chunk);
      wake("reader");
      while (queue.length >= HIGH_WATER && !stopped) await new Promise<void>((resolve) => (writer = resolve));
    },
    end() {
      ended = true;
      wake("reader");
    },
    fail(error) {
      failure = { error };
      wake("reader");
    },
    stop,
  };
}

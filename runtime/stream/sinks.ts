/**
 * Destinations of streamed elements: one `Sink` per element, opened when the element starts,
 * closed when it ends, committed when the whole call succeeded, aborted on any failure.
 * A file is written under a temporary name and renamed on commit, so a failed call never
 * leaves a file that looks complete.
 */
import { channel } from "./channel.js";
import type { StreamDestination, StreamedPart, WritableLike } from "./options.js";

export interface Sink {
  /** Write `bytes`; the caller reuses their memory once the promise settles (copy to keep them). */
  write(bytes: Uint8Array): Promise<void>;
  /** The element ended: flush and close (the bytes are complete but not yet committed). */
  close(): Promise<void>;
  /** The call succeeded: make the result visible (rename a file). */
  commit(): Promise<void>;
  /** The call failed: discard what was written (best effort, never throws). */
  abort(error: unknown): Promise<void>;
  readonly file?: string;
}

export async function openSink(to: StreamDestination, part: StreamedPart): Promise<Sink> {
  if ("file" in to) return fileSink(typeof to.file === "function" ? to.file(part) : to.file);
  if ("writable" in to) return writableSink(to.writable(part));
  return consumerSink(to.consume, part);
}

async function fileSink(file: string): Promise<Sink> {
  const fs = await import("node:fs/promises");
  const { randomBytes } = await import("node:crypto");
  const temp = `${file}.${randomBytes(6).toString("hex")}.part`;
  const handle = await fs.open(temp, "wx");
  let open = true;
  const closeHandle = async (): Promise<void> => {
    if (!open) return;
    open = false;
    await handle.close();
  };
  return {
    file,
    async write(bytes) {
      let at = 0;
      while (at < bytes.byteLength) at += (await handle.write(bytes, at, bytes.byteLength - at)).bytesWritten;
    },
    close: closeHandle,
    async commit() {
      await closeHandle();
      await fs.rename(temp, file);
    },
    async abort() {
      await closeHandle().catch(() => undefined);
      await fs.rm(temp, { force: true }).catch(() => undefined);
    },
  };
}

function writableSink(w: WritableLike): Sink {
  let failed: Error | undefined;
  let waiting: ((e?: Error) => void) | undefined;
  w.once("error", (e) => {
    failed = e instanceof Error ? e : new Error(String(e));
    waiting?.(failed);
  });
  return {
    write(bytes) {
      if (failed !== undefined) return Promise.reject(failed);
      if (w.write(Uint8Array.prototype.slice.call(bytes), () => undefined)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        waiting = (e) => (e !== undefined ? reject(e) : resolve());
        w.once("drain", () => waiting?.());
      });
    },
    close: () =>
      failed !== undefined ? Promise.reject(failed) : new Promise<void>((resolve) => void w.end(() => resolve())),
    commit: () => Promise.resolve(),
    async abort(error) {
      w.destroy?.(error instanceof Error ? error : new Error(String(error)));
    },
  };
}

function consumerSink(consume: Extract<StreamDestination, { consume: unknown }>["consume"], part: StreamedPart): Sink {
  const ch = channel();
  const done = Promise.resolve()
    .then(() => consume(part, ch.iterable))
    .finally(() => ch.stop());
  // Observed here; the rejection is reported by write/close.
  let rejected: { error: unknown } | undefined;
  done.catch((error: unknown) => (rejected = { error }));
  const check = (): void => {
    if (rejected !== undefined) throw rejected.error;
  };
  return {
    async write(bytes) {
      check();
      await ch.push(Uint8Array.prototype.slice.call(bytes));
      check();
    },
    async close() {
      ch.end();
      await done;
    },
    commit: () => Promise.resolve(),
    async abort(error) {
      ch.fail(error);
      await done.catch(() => undefined);
    },
  };
}

/**
 * A one-line spinner on stderr while a run is busy, only on an interactive terminal (never
 * in pipes, logs or CI). Result lines are printed between frames: `clear()` first.
 */

export interface Progress {
  /** Show `text` beside the spinner. */
  update(text: string): void;
  /** Erase the spinner line (it is redrawn on the next frame). */
  clear(): void;
  /** Erase it for good. */
  stop(): void;
}

/** The stream a spinner writes to: a terminal, or anything that says it is one. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const ERASE = "\r\x1b[K";
const SILENT: Progress = { update() {}, clear() {}, stop() {} };

export function createProgress(
  stream: ProgressStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): Progress {
  if (stream.isTTY !== true || env["CI"] === "true") return SILENT;
  let frame = 0;
  let text = "";
  let shown = false;
  const draw = (): void => {
    if (text === "") return;
    stream.write(`${ERASE}${FRAMES[frame++ % FRAMES.length]} ${text}`);
    shown = true;
  };
  const timer = setInterval(draw, 100);
  timer.unref();
  const clear = (): void => {
    if (shown) stream.write(ERASE);
    shown = false;
  };
  return {
    update(t) {
      text = t;
      draw();
    },
    clear,
    stop() {
      clearInterval(timer);
      clear();
      text = "";
    },
  };
}

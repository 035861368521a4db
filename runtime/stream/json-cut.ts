/**
 * Cuts chosen string values out of a JSON document while it arrives (the REST twin of
 * xml-cut.ts): their characters go to a handler piece by piece, and each is kept as `""`; the
 * kept document is parsed by the regular JSON reader afterwards. A value is chosen by the keys
 * leading to it; an array on the way may stand for one path name (the item element of an
 * `ArrayOfX` wrapper in the SOAP path) or for none (a repeated element). Outside strings the
 * scanner only tracks structure; the kept document is validated by the full parse.
 */
import { CutLimitError, CutTruncatedError, type CutHandler } from "./xml-cut.js";

type Frame = { kind: "object"; key: string | undefined; awaitingKey: boolean } | { kind: "array" };

interface OpenString {
  readonly role: "key" | "value" | "target";
  /** Raw characters of a key. */
  key: string;
  /** An escape sequence begun at the end of the previous piece (`\`, `\u12`). */
  escape: string;
}

const STRING_STOP = /["\\]/g;

export class JsonCutter {
  readonly #paths: readonly (readonly string[])[];
  readonly #handler: CutHandler;
  readonly #maxKept: number;
  readonly #frames: Frame[] = [];
  #kept: string[] = [];
  #keptLength = 0;
  #string: OpenString | undefined;
  #started = false;
  /** Start of the current piece's text not yet kept. */
  #from = 0;

  /** `paths`: object keys (and array item names) from the body's root to each chosen value. */
  constructor(paths: readonly (readonly string[])[], handler: CutHandler, maxKept: number) {
    this.#paths = paths;
    this.#handler = handler;
    this.#maxKept = maxKept;
  }

  async write(text: string): Promise<void> {
    let i = 0;
    this.#from = 0;
    while (i < text.length) {
      if (this.#string === undefined) i = await this.#token(text, i);
      else if (this.#string.role !== "target") i = this.#skipString(text, i);
      else {
        i = await this.#targetString(text, i);
        // the value's characters are not kept; its closing quote is (the value reads as "")
        this.#from = this.#string === undefined ? i - 1 : i;
      }
    }
    if (this.#string?.role !== "target") this.#keep(text.slice(this.#from));
  }

  /** The document ended: the kept text, or an error when it ended inside a value. */
  end(): string {
    if (this.#string !== undefined || this.#frames.length > 0 || !this.#started)
      throw new CutTruncatedError(
        this.#string?.role === "target"
          ? "the response ended inside a streamed value"
          : "the JSON document is incomplete",
      );
    const out = this.#kept.join("");
    this.#kept = [];
    return out;
  }

  /** One character outside strings; returns the next index. */
  async #token(text: string, i: number): Promise<number> {
    const c = text[i]!;
    const top = this.#frames.at(-1);
    if (c === " " || c === "\n" || c === "\r" || c === "\t" || c === ":") return i + 1;
    this.#started = true;
    if (c === '"') {
      const isKey = top?.kind === "object" && top.awaitingKey;
      const target = isKey ? -1 : this.#match();
      this.#string = { role: isKey ? "key" : target >= 0 ? "target" : "value", key: "", escape: "" };
      if (target >= 0) {
        this.#keep(text.slice(this.#from, i + 1));
        this.#from = i + 1;
        await this.#handler.open(target, false);
      }
      return i + 1;
    }
    if (c === "{") this.#frames.push({ kind: "object", key: undefined, awaitingKey: true });
    else if (c === "[") this.#frames.push({ kind: "array" });
    else if (c === "}" || c === "]") this.#frames.pop();
    else if (c === "," && top?.kind === "object") Object.assign(top, { key: undefined, awaitingKey: true });
    else if (c === "n") {
      const target = this.#match();
      if (target >= 0) {
        await this.#handler.open(target, true);
        await this.#handler.close();
      }
    }
    return i + 1;
  }

  /** Inside a key or an ordinary string value: find its end (escapes skipped). */
  #skipString(text: string, i: number): number {
    const s = this.#string!;
    if (s.escape !== "") {
      s.escape = "";
      if (s.role === "key") s.key += text[i];
      return i + 1;
    }
    STRING_STOP.lastIndex = i;
    const m = STRING_STOP.exec(text);
    const stop = m === null ? text.length : m.index;
    if (s.role === "key") s.key += text.slice(i, stop);
    if (m === null) return stop;
    if (m[0] === "\\") {
      if (s.role === "key") s.key += "\\";
      s.escape = "\\";
      return stop + 1;
    }
    this.#string = undefined;
    const top = this.#frames.at(-1);
    if (s.role === "key" && top?.kind === "object") Object.assign(top, { key: s.key, awaitingKey: false });
    return stop + 1;
  }

  /** Inside a chosen value: hand its characters over (escapes decoded); returns the next index. */
  async #targetString(text: string, i: number): Promise<number> {
    const s = this.#string!;
    if (s.escape !== "") return this.#escape(text, i);
    STRING_STOP.lastIndex = i;
    const m = STRING_STOP.exec(text);
    const stop = m === null ? text.length : m.index;
    if (stop > i) await this.#handler.data(text.slice(i, stop));
    if (m === null) return stop;
    if (m[0] === "\\") {
      s.escape = "\\";
      return stop + 1;
    }
    this.#string = undefined;
    await this.#handler.close();
    return stop + 1;
  }

  async #escape(text: string, i: number): Promise<number> {
    const s = this.#string!;
    s.escape += text[i];
    if (s.escape.startsWith("\\u") && s.escape.length < 6) return i + 1;
    const seq = s.escape;
    s.escape = "";
    const simple: Record<string, string> = { "\\/": "/", "\\n": "\n", "\\r": "\r", "\\t": "\t" };
    const char = seq.startsWith("\\u") ? String.fromCharCode(parseInt(seq.slice(2), 16)) : (simple[seq] ?? seq);
    await this.#handler.data(char);
    return i + 1;
  }

  #match(): number {
    return this.#paths.findIndex((p) => matches(this.#frames, 0, p, 0));
  }

  #keep(text: string): void {
    if (text === "") return;
    this.#keptLength += text.length;
    if (this.#keptLength > this.#maxKept)
      throw new CutLimitError(`the response apart from the streamed values exceeds ${this.#maxKept} characters`);
    this.#kept.push(text);
  }
}

function matches(frames: readonly Frame[], i: number, names: readonly string[], j: number): boolean {
  if (i === frames.length) return j === names.length;
  const f = frames[i]!;
  if (f.kind === "object") return j < names.length && f.key === names[j] && matches(frames, i + 1, names, j + 1);
  return matches(frames, i + 1, names, j) || (j < names.length && matches(frames, i + 1, names, j + 1));
}

/**
 * Cuts the content of chosen elements out of an XML document while it arrives: the content
 * goes to a handler piece by piece, everything else is kept as text and parsed later by the
 * regular (secure, namespace-aware) parser, which then sees those elements empty.
 *
 * This scanner only tracks markup boundaries and the element path (local names); it does not
 * validate — the kept document is parsed in full afterwards. Memory is the kept text plus one
 * incomplete piece of markup, never the cut content.
 */

export interface CutHandler {
  /** A chosen element starts (`target`: index into the paths); `nil`: it has `xsi:nil="true"` (closed at once). */
  open(target: number, nil: boolean): Promise<void>;
  /** Character data of the open element (CDATA sections unwrapped). */
  data(text: string): Promise<void>;
  /** The open element ended. */
  close(): Promise<void>;
  /** An `Include href="cid:…"` child of the open element (MTOM/XOP); without this method it is kept as markup. */
  include?(href: string): void;
}

export class CutLimitError extends Error {}
export class CutTruncatedError extends Error {}

const NIL = /\s[\w.-]+:nil\s*=\s*["'](?:true|1)["']/;

export class XmlCutter {
  readonly #paths: readonly (readonly string[])[];
  readonly #handler: CutHandler;
  readonly #maxKept: number;
  readonly #stack: string[] = [];
  #kept: string[] = [];
  #keptLength = 0;
  #carry = "";
  /** Depth of the open chosen element (its own stack length), or 0. */
  #openDepth = 0;
  /** The next end tag closes an XOP Include given to the handler (not kept). */
  #inInclude = false;

  /** `paths`: local names below the response wrapper (Envelope/Body/<wrapper>/...). */
  constructor(paths: readonly (readonly string[])[], handler: CutHandler, maxKept: number) {
    this.#paths = paths;
    this.#handler = handler;
    this.#maxKept = maxKept;
  }

  async write(text: string): Promise<void> {
    const buf = this.#carry + text;
    this.#carry = "";
    let i = 0;
    while (i < buf.length) {
      const lt = buf.indexOf("<", i);
      const textEnd = lt < 0 ? buf.length : lt;
      if (textEnd > i) await this.#text(buf.slice(i, textEnd));
      if (lt < 0) return;
      const end = markupEnd(buf, lt);
      if (end < 0) {
        this.#carry = buf.slice(lt);
        if (this.#carry.length > this.#maxKept)
          throw new CutLimitError(`markup longer than ${this.#maxKept} characters`);
        return;
      }
      await this.#markup(buf.slice(lt, end));
      i = end;
    }
  }

  /** The document ended: the kept text, or an error when it ended inside markup or an element. */
  end(): string {
    if (this.#carry !== "" || this.#stack.length > 0)
      throw new CutTruncatedError(
        this.#openDepth > 0
          ? `the response ended inside ${this.#stack.join("/")}`
          : `the response ended before the end of the document (inside ${this.#stack.join("/") || "markup"})`,
      );
    const out = this.#kept.join("");
    this.#kept = [];
    return out;
  }

  #inTarget(): boolean {
    return this.#openDepth > 0 && this.#stack.length === this.#openDepth;
  }

  async #text(text: string): Promise<void> {
    if (this.#inTarget()) await this.#handler.data(text);
    else this.#keep(text);
  }

  async #markup(m: string): Promise<void> {
    const c = m.charCodeAt(1);
    if (m.startsWith("<![CDATA[") && this.#inTarget()) return this.#handler.data(m.slice(9, -3));
    if (c === 0x21 /* ! */ || c === 0x3f /* ? */) return this.#keep(m);
    if (this.#handler.include !== undefined && this.#xopInclude(m, c)) return;
    this.#keep(m);
    if (c === 0x2f /* / */) {
      if (this.#inTarget()) {
        this.#openDepth = 0;
        await this.#handler.close();
      }
      this.#stack.pop();
      return;
    }
    const selfClosing = m.endsWith("/>");
    this.#stack.push(localName(m));
    const target = this.#openDepth === 0 ? this.#match() : -1;
    if (target >= 0) {
      const nil = NIL.test(m);
      await this.#handler.open(target, nil);
      if (nil || selfClosing) await this.#handler.close();
      else this.#openDepth = this.#stack.length;
    }
    if (selfClosing) this.#stack.pop();
  }

  /** An XOP Include inside a chosen element goes to the handler instead of the kept text. */
  #xopInclude(m: string, c: number): boolean {
    if (this.#inInclude && c === 0x2f) {
      this.#inInclude = false;
      return true;
    }
    if (!this.#inTarget() || c === 0x2f || localName(m) !== "Include") return false;
    const href = /\shref\s*=\s*["']([^"']*)["']/.exec(m)?.[1];
    if (href === undefined || !/^cid:/i.test(href)) return false;
    this.#handler.include!(href);
    this.#inInclude = !m.endsWith("/>");
    return true;
  }

  #match(): number {
    const s = this.#stack;
    if (s.length < 4 || s[1] !== "Body") return -1;
    return this.#paths.findIndex((p) => p.length === s.length - 3 && p.every((name, k) => name === s[k + 3]));
  }

  #keep(text: string): void {
    this.#keptLength += text.length;
    if (this.#keptLength > this.#maxKept)
      throw new CutLimitError(`the response apart from the streamed elements exceeds ${this.#maxKept} characters`);
    this.#kept.push(text);
  }
}

function localName(tag: string): string {
  let end = 1;
  while (end < tag.length && !/[\s/>]/.test(tag[end]!)) end++;
  const qname = tag.slice(1, end);
  return qname.slice(qname.indexOf(":") + 1);
}

/** Index just after the markup starting at `lt`, or -1 when it is not complete in `buf`. */
function markupEnd(buf: string, lt: number): number {
  if (buf.length - lt < 9 && "<![CDATA[".startsWith(buf.slice(lt)) && buf.length - lt > 1) return -1;
  if (buf.startsWith("<!--", lt)) return after(buf.indexOf("-->", lt + 4), 3);
  if (buf.startsWith("<![CDATA[", lt)) return after(buf.indexOf("]]>", lt + 9), 3);
  if (buf.startsWith("<?", lt)) return after(buf.indexOf("?>", lt + 2), 2);
  let quote = 0;
  for (let k = lt + 1; k < buf.length; k++) {
    const c = buf.charCodeAt(k);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return k + 1;
  }
  return -1;
}

function after(index: number, length: number): number {
  return index < 0 ? -1 : index + length;
}

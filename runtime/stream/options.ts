/**
 * The call option that streams `xs:base64Binary` content out of a response instead of holding
 * it in memory (`streamBase64`), and what the call reports about each streamed element.
 */

/** One element whose content is streamed, as the destination sees it. */
export interface StreamedPart {
  /** The path of the option that matched (`Response/Attachments/EMailAttachment/Stream`). */
  readonly path: string;
  /** 0-based position among this response's elements that matched the path. */
  readonly index: number;
}

/** A streamed element after a successful call. */
export interface StreamedResult extends StreamedPart {
  /** Decoded bytes written. */
  readonly bytes: number;
  /** The element was `xsi:nil`: nothing was written and no destination was opened. */
  readonly nil: boolean;
  /** The file the bytes are in (for a `file` destination). */
  readonly file?: string;
}

/** What `writable` destinations must offer (a Node `Writable` does). */
export interface WritableLike {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  end(callback: () => void): unknown;
  once(event: "drain" | "error", listener: (...args: unknown[]) => void): unknown;
  destroy?(error?: Error): unknown;
}

/**
 * Where decoded bytes go:
 * - `file`: a path (or one per element). Bytes go to a temporary `<file>.<random>.part` next to
 *   it, renamed to `<file>` only when the whole call has succeeded; removed on any failure.
 * - `writable`: a stream per element (ended when the element ends; destroyed on failure).
 * - `consume`: called per element with the bytes as an async iterable; the call waits for the
 *   returned promise (its rejection fails the call). The response is read only as fast as the
 *   consumer takes the chunks.
 */
export type StreamDestination =
  | { readonly file: string | ((part: StreamedPart) => string) }
  | { readonly writable: (part: StreamedPart) => WritableLike }
  | { readonly consume: (part: StreamedPart, chunks: AsyncIterable<Uint8Array>) => Promise<void> };

/** Stream the base64 content of the elements at `path` to `to`; the rest of the response decodes as usual. */
export interface StreamBase64Option {
  /**
   * Local element names below the operation's response wrapper, separated by `/`:
   * `Response` (GetEMailAsStream), `Response/Attachments/EMailAttachment/Stream` (GetEMail).
   * Every element at this path is streamed; in the decoded result it reads as empty bytes.
   */
  readonly path: string;
  readonly to: StreamDestination;
  /** Most decoded bytes one element may have (default: no limit); more fails the call. */
  readonly maxBytes?: number;
}

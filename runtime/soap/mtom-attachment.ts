/** A received MIME part of a `multipart/related` response that no `xop:Include` referred to (SwA). */
export interface Attachment {
  /** Content-ID without `<>` (`""` when the part has none). */
  readonly id: string;
  /** The part's own MIME headers, lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The part's Content-Type, when it has one. */
  readonly contentType: string | undefined;
  /** The part's content (a `Content-Transfer-Encoding: base64` part decoded). */
  readonly bytes: Uint8Array;
}

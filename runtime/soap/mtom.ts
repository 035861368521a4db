/**
 * Buffered MTOM/XOP and SwA responses (`multipart/related`): the envelope is the root part (the
 * `start` parameter, else the first part); each `xop:Include href="cid:…"` is put back as base64
 * (mtom-xop.ts); parts no Include names are SwA attachments, returned to the caller. Streamed
 * responses go through mtom-stream.ts instead. No Node-only APIs.
 */
import { ProtocolError } from "../errors.js";
import { decodeBodyBytes, mediaParameter } from "../xml/charset.js";
import { contentId, latin1, MultipartError, MultipartReader } from "./mtom-multipart.js";
import { resolveIncludes } from "./mtom-xop.js";
import type { Attachment } from "./mtom-attachment.js";

export type { Attachment };

export interface UnpackedMtom {
  /** The envelope with every Include replaced by base64 text. */
  readonly envelope: string;
  /** The root part's content type (`application/xop+xml; type="text/xml"`...). */
  readonly rootType: string;
  /** Parts no Include referred to (SwA attachments), in message order. */
  readonly attachments: readonly Attachment[];
}

/** Split a whole multipart body into its parts (the framing rules of `MultipartReader`). */
export function splitMultipart(body: Uint8Array, boundary: string): Attachment[] {
  const reader = new MultipartReader(boundary);
  const parts: Attachment[] = [];
  let headers: Readonly<Record<string, string>> = {};
  let pieces: Uint8Array[] = [];
  for (const e of reader.push(body)) {
    if (e.kind === "headers") [headers, pieces] = [e.headers, []];
    else if (e.kind === "data") pieces.push(e.bytes);
    else parts.push(attachment(headers, pieces));
  }
  reader.end();
  return parts;
}

export function attachment(headers: Readonly<Record<string, string>>, pieces: readonly Uint8Array[]): Attachment {
  const size = pieces.reduce((n, p) => n + p.byteLength, 0);
  let bytes = pieces.length === 1 ? pieces[0]! : new Uint8Array(size);
  if (pieces.length !== 1) {
    let at = 0;
    for (const p of pieces) {
      bytes.set(p, at);
      at += p.byteLength;
    }
  }
  if (/^\s*base64\s*$/i.test(headers["content-transfer-encoding"] ?? "")) bytes = fromBase64(bytes);
  return { id: contentId(headers["content-id"]), headers, contentType: headers["content-type"], bytes };
}

function fromBase64(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes).replace(/\s+/g, "");
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

export function unpackMtom(body: Uint8Array, contentType: string, where: string): UnpackedMtom {
  const boundary = mediaParameter(contentType, "boundary");
  if (boundary === undefined) throw new ProtocolError(`${where}: multipart/related response without a boundary`, {});
  let parts: Attachment[];
  try {
    parts = splitMultipart(body, boundary);
  } catch (e) {
    if (!(e instanceof MultipartError)) throw e;
    throw new ProtocolError(`${where}: broken multipart/related response: ${e.message}`, { cause: e });
  }
  const start = mediaParameter(contentType, "start");
  const root = start === undefined ? parts[0] : parts.find((p) => p.id === contentId(start));
  if (root === undefined)
    throw new ProtocolError(`${where}: multipart/related response without its root part ${start ?? ""}`, {});
  const rootType = root.contentType ?? "application/xop+xml";
  const others = parts.filter((p) => p !== root);
  const byId = new Map(others.map((p) => [p.id, p.bytes]));
  const { envelope, used } = resolveIncludes(decodeBodyBytes(root.bytes, rootType), (id) => byId.get(id), where);
  return { envelope, rootType, attachments: others.filter((p) => !used.has(p.id)) };
}

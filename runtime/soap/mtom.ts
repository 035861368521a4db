/**
 * MTOM/XOP responses (`multipart/related; type="application/xop+xml"`): the envelope is the
 * root part, and each `xop:Include href="cid:…"` stands for the bytes of another part. They are
 * put back as base64 text, so the codec reads an optimised `xs:base64Binary` like an inline one.
 * SwA (SOAP with attachments) parts that no Include names are returned too. No Node-only APIs.
 * Not streamed: the whole response is in memory (about 2.4x the attachment size at peak).
 */
import { ProtocolError } from "../errors.js";
import { decodeBodyBytes, mediaParameter } from "../xml/charset.js";

const XOP_NS = "http://www.w3.org/2004/08/xop/include";
const CRLF = new Uint8Array([13, 10]);

export interface MultipartPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

export interface UnpackedMtom {
  /** The envelope with every Include replaced by base64 text. */
  readonly envelope: string;
  /** The root part's content type (`application/xop+xml; type="text/xml"`...). */
  readonly rootType: string;
  /** Parts no Include referred to (SwA attachments), by Content-ID without `<>`. */
  readonly attachments: ReadonlyMap<string, MultipartPart>;
}

export function isMultipartRelated(contentType: string | undefined): boolean {
  return /^\s*multipart\/related\s*(;|$)/i.test(contentType ?? "");
}

function indexOf(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function parsePart(raw: Uint8Array): MultipartPart {
  const end = indexOf(raw, new Uint8Array([13, 10, 13, 10]), 0);
  const head = new TextDecoder("latin1").decode(end === -1 ? raw : raw.subarray(0, end));
  const headers: Record<string, string> = {};
  for (const line of head.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body: end === -1 ? new Uint8Array(0) : raw.subarray(end + 4) };
}

/** Split a multipart body at `--boundary` delimiters (RFC 2046). */
export function splitMultipart(body: Uint8Array, boundary: string): MultipartPart[] {
  const delimiter = new TextEncoder().encode(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = indexOf(body, delimiter, 0);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body[start] === 45 && body[start + 1] === 45) break; // closing "--boundary--"
    const next = indexOf(body, delimiter, start);
    if (next === -1) break;
    // The part is between the CRLF after the delimiter and the CRLF before the next one.
    const from = indexOf(body, CRLF, start) + 2;
    parts.push(parsePart(body.subarray(from, next - 2)));
    at = next;
  }
  return parts;
}

interface BufferLike {
  from(b: Uint8Array): { toString(encoding: "base64"): string };
}

function base64(bytes: Uint8Array): string {
  // Node's Buffer when there is one (its btoa is slow); btoa elsewhere.
  const B = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (B !== undefined) return B.from(bytes).toString("base64");
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

const cid = (id: string): string => id.replace(/^<|>$/g, "");

/** Prefixes bound to the XOP namespace anywhere in the envelope text. */
function xopPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g))
    if (m[2] === XOP_NS) out.add(m[1] ?? "");
  return out;
}

export function unpackMtom(body: Uint8Array, contentType: string, where: string): UnpackedMtom {
  const boundary = mediaParameter(contentType, "boundary");
  const parts = boundary === undefined ? [] : splitMultipart(body, boundary);
  const start = mediaParameter(contentType, "start");
  const root = (start === undefined ? parts[0] : parts.find((p) => p.headers["content-id"] === start)) ?? parts[0];
  if (root === undefined) throw new ProtocolError(`${where}: multipart/related response without parts`, {});
  const rootType = root.headers["content-type"] ?? "application/xop+xml";
  const text = decodeBodyBytes(root.body, rootType);
  const byId = new Map(parts.filter((p) => p !== root).map((p) => [cid(p.headers["content-id"] ?? ""), p]));
  const prefixes = xopPrefixes(text);
  const used = new Set<string>();
  const include =
    /<(?:([\w.-]+):)?Include\b[^>]*?\bhref\s*=\s*["']cid:([^"']+)["'][^>]*?(?:\/>|>\s*<\/(?:[\w.-]+:)?Include\s*>)/g;
  const envelope = text.replace(include, (whole, prefix: string | undefined, ref: string) => {
    const id = decodeURIComponent(ref);
    const part = byId.get(id);
    if (!prefixes.has(prefix ?? "") || part === undefined) {
      if (prefixes.has(prefix ?? ""))
        throw new ProtocolError(`${where}: xop:Include names a missing part cid:${id}`, {});
      return whole;
    }
    used.add(id);
    return base64(part.body);
  });
  const attachments = new Map([...byId].filter(([id]) => !used.has(id)));
  return { envelope, rootType, attachments };
}

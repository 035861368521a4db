/**
 * Response bytes → text, honouring the declared character encoding.
 *
 * Order (XML 1.0 appendix F, RFC 7303 §3.2): a byte order mark wins; then the `charset`
 * parameter of the Content-Type; then the `encoding` of the XML declaration; then UTF-8.
 * Bytes are decoded with `TextDecoder` in fatal mode: an unknown or unsupported charset and
 * bytes that are not valid in the charset are a `ProtocolError`, never replacement characters.
 * No Node-only APIs (the SOAP fetch transport uses it outside Node too).
 */

import { ProtocolError } from "../errors.js";

/** Decode a response body. Throws `ProtocolError` for an unknown charset or invalid bytes. */
export function decodeBodyBytes(bytes: Uint8Array, contentType: string | undefined): string {
  const label = bomEncoding(bytes) ?? charsetParam(contentType) ?? declaredEncoding(bytes) ?? "utf-8";
  const decoder = decoderFor(label);
  if (decoder.encoding === "windows-1252") return decodeWindows1252(bytes);
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ProtocolError(`response body is not valid ${decoder.encoding}`);
  }
}

/** A fatal decoder for UTF-8 made once (decoding whole bodies keeps no state between calls). */
let utf8Decoder: InstanceType<typeof TextDecoder> | undefined;

function decoderFor(label: string): InstanceType<typeof TextDecoder> {
  const utf8 = label === "utf-8" || label.toLowerCase() === "utf-8";
  if (utf8 && utf8Decoder !== undefined) return utf8Decoder;
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new ProtocolError(`unsupported charset "${printable(label)}"`);
  }
  if (utf8) utf8Decoder = decoder;
  return decoder;
}

/** windows-1252 bytes 0x80–0x9F (the WHATWG table; iso-8859-1 and latin1 are labels of windows-1252). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Node 20's TextDecoder maps windows-1252 0x80–0x9F wrongly (as Latin-1): decode it here. */
function decodeWindows1252(bytes: Uint8Array): string {
  const text = latin1(bytes, bytes.byteLength);
  return /[\x80-\x9f]/.test(text)
    ? text.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80]!))
    : text;
}

/** The first `length` bytes as Latin-1 (one char per byte), in chunks that keep the argument list short. */
function latin1(bytes: Uint8Array, length: number): string {
  const parts: string[] = [];
  for (let at = 0; at < length; at += 0x2000)
    parts.push(String.fromCharCode(...bytes.subarray(at, Math.min(length, at + 0x2000))));
  return parts.join("");
}

/** The `charset` parameter of a Content-Type value (quoted or not), if any. */
/** A parameter of a media type (`charset`, `boundary`, `start`, `type`), unquoted. */
export function mediaParameter(contentType: string, name: string): string | undefined {
  let re = parameterPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, "i");
    if (parameterPatterns.size < 16) parameterPatterns.set(name, re);
  }
  const m = re.exec(contentType);
  return m === null ? undefined : (m[1] ?? m[2]);
}

/** Patterns of the parameter names asked for (a handful: charset, boundary, start, type). */
const parameterPatterns = new Map<string, RegExp>();

/** The last Content-Type read and its charset: a service answers with the same value on every call. */
let lastType: string | undefined;
let lastCharset: string | undefined;

export function charsetParam(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  if (contentType === lastType) return lastCharset;
  const v = mediaParameter(contentType, "charset")?.trim();
  lastType = contentType;
  lastCharset = v === "" ? undefined : v;
  return lastCharset;
}

function bomEncoding(b: Uint8Array): string | undefined {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return undefined;
}

/** `encoding` of an XML declaration, or the UTF-16 byte order implied by `<?` without a BOM. */
function declaredEncoding(b: Uint8Array): string | undefined {
  if (b.length >= 4 && b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return "utf-16le";
  if (b.length >= 4 && b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return "utf-16be";
  // ASCII-compatible encodings: the declaration is plain ASCII at the very start.
  if (b.length < 6 || b[0] !== 0x3c || b[1] !== 0x3f) return undefined;
  const head = latin1(b, Math.min(b.byteLength, 512));
  const end = head.indexOf("?>");
  if (!head.startsWith("<?xml") || end < 0) return undefined;
  const m = /\sencoding\s*=\s*(?:"([A-Za-z][\w.:-]*)"|'([A-Za-z][\w.:-]*)')/.exec(head.slice(0, end));
  return m === null ? undefined : (m[1] ?? m[2]);
}

function printable(s: string): string {
  const t = s.replace(/[^\x20-\x7e]/g, "?");
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

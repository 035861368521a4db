/**
 * XOP resolution on the envelope text (the root part of an MTOM message): every
 * `xop:Include href="cid:…"` is replaced by its part's bytes as base64 text, so the codec reads
 * an optimised `xs:base64Binary` like an inline one. No Node-only APIs.
 */
import { ProtocolError } from "../errors.js";

export const XOP_NS = "http://www.w3.org/2004/08/xop/include";

/** The part id an Include's `href` names: `cid:` stripped, URL-decoded (RFC 2392). */
export function cidOf(href: string): string {
  const ref = href.replace(/^cid:/i, "");
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}

interface BufferLike {
  from(b: Uint8Array): { toString(encoding: "base64"): string };
}

export function base64(bytes: Uint8Array): string {
  // Node's Buffer when there is one (its btoa is slow); btoa elsewhere.
  const B = (globalThis as { Buffer?: BufferLike }).Buffer;
  if (B !== undefined) return B.from(bytes).toString("base64");
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

/** Prefixes bound to the XOP namespace anywhere in the envelope text. */
function xopPrefixes(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/xmlns(?::([\w.-]+))?\s*=\s*["']([^"']*)["']/g))
    if (m[2] === XOP_NS) out.add(m[1] ?? "");
  return out;
}

const INCLUDE =
  /<(?:([\w.-]+):)?Include\b[^>]*?\bhref\s*=\s*["'](cid:[^"']+)["'][^>]*?(?:\/>|>\s*<\/(?:[\w.-]+:)?Include\s*>)/g;

/**
 * Replace each XOP Include by base64 of `part(id)`; an Include naming no part is a
 * `ProtocolError`. Returns the envelope and the ids used.
 */
export function resolveIncludes(
  text: string,
  part: (id: string) => Uint8Array | undefined,
  where: string,
): { envelope: string; used: Set<string> } {
  const used = new Set<string>();
  if (!text.includes("Include")) return { envelope: text, used };
  const prefixes = xopPrefixes(text);
  const envelope = text.replace(INCLUDE, (whole, prefix: string | undefined, href: string) => {
    if (!prefixes.has(prefix ?? "")) return whole;
    const id = cidOf(href);
    const bytes = part(id);
    if (bytes === undefined) throw new ProtocolError(`${where}: xop:Include names a missing part cid:${id}`, {});
    used.add(id);
    return base64(bytes);
  });
  return { envelope, used };
}

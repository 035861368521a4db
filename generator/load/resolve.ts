/** Pure helpers for document locations: URL vs path, relative resolution, identity keys. */
import path from "node:path";
import { fileURLToPath } from "node:url";

/** True for http(s) URLs. */
export function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/**
 * Resolve an import location against the importing document (URL or path). Relative paths
 * stay relative when the importer's path is relative, so diagnostics show familiar paths.
 */
export function resolveLocation(base: string, location: string): string {
  const loc = location.trim();
  if (isHttpUrl(loc)) return loc;
  if (isHttpUrl(base)) return new URL(loc, base).href;
  if (/^file:/i.test(loc)) return fileURLToPath(loc);
  if (/^[a-z][a-z0-9+.-]+:/i.test(loc) && !/^[a-z]:[\\/]/i.test(loc)) return loc; // other scheme: left as is, the reader decides
  return path.isAbsolute(loc) ? path.normalize(loc) : path.join(path.dirname(base), loc);
}

/** Identity of a document: absolute path, or URL without fragment. */
export function documentKey(pathOrUrl: string): string {
  if (isHttpUrl(pathOrUrl)) {
    const u = new URL(pathOrUrl);
    u.hash = "";
    return u.href;
  }
  if (/^[a-z][a-z0-9+.-]+:/i.test(pathOrUrl) && !/^[a-z]:[\\/]/i.test(pathOrUrl)) return pathOrUrl;
  return path.resolve(pathOrUrl);
}

/** Origin of an http(s) URL, undefined for paths. */
export function originOf(pathOrUrl: string): string | undefined {
  return isHttpUrl(pathOrUrl) ? new URL(pathOrUrl).origin : undefined;
}

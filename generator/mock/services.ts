/**
 * A `MockSource` of metadata (compact or expanded) into the list of served ports, each with its
 * expanded metadata and a unique URL path.
 */
import { loadMetadata, type ServiceMetadata } from "@soapkit/runtime";
import { MockUsageError } from "./errors.js";
import type { AnyMetadata, MockService, ServedService } from "./types.js";

export function isServiceMetadata(m: AnyMetadata): m is ServiceMetadata {
  return !("v" in m) && "operations" in m && "types" in m;
}

const expanded = new WeakMap<object, ServiceMetadata>();

/** Expanded metadata (expanded once per compact object). */
export function expandMetadata(m: AnyMetadata): ServiceMetadata {
  if (isServiceMetadata(m)) return m;
  let e = expanded.get(m);
  if (e === undefined) {
    e = loadMetadata(m);
    expanded.set(m, e);
  }
  return e;
}

function isMockService(x: AnyMetadata | MockService): x is MockService {
  return "metadata" in x && typeof x.metadata === "object" && x.metadata !== null;
}

/** `/a/b/` → `/a/b`; always a leading slash. */
export function normalizePath(p: string): string {
  const withSlash = p.startsWith("/") ? p : `/${p}`;
  return withSlash.length > 1 && withSlash.endsWith("/") ? withSlash.slice(0, -1) : withSlash;
}

function addressPath(meta: ServiceMetadata): string | undefined {
  try {
    const p = new URL(meta.address).pathname;
    return p === "/" || p === "" ? undefined : normalizePath(decodeURIComponent(p));
  } catch {
    return undefined;
  }
}

function fallbackPath(meta: ServiceMetadata): string {
  return `/${encodeURIComponent(meta.service)}/${encodeURIComponent(meta.port)}`;
}

/** The served ports of metadata sources; a path given twice is an error, a default path that is taken falls back to `/<service>/<port>`. */
export function servedPorts(items: readonly (AnyMetadata | MockService)[]): ServedService[] {
  const out: ServedService[] = [];
  const taken = new Set<string>();
  for (const item of items) {
    const given = isMockService(item) ? item : { metadata: item };
    const metadata = expandMetadata(given.metadata);
    let path: string;
    if (given.path !== undefined) {
      path = normalizePath(given.path);
      if (taken.has(path)) throw new MockUsageError(`two ports on path ${path}`);
    } else {
      const preferred = addressPath(metadata);
      path = preferred !== undefined && !taken.has(preferred) ? preferred : fallbackPath(metadata);
      for (let i = 2; taken.has(path); i++) path = `${fallbackPath(metadata)}-${i}`;
    }
    taken.add(path);
    out.push({ ...given, metadata, path });
  }
  return out;
}

/** Metadata sources as a list (a single source or an array of them). */
export function metadataItems(source: unknown): (AnyMetadata | MockService)[] {
  return Array.isArray(source) ? (source as (AnyMetadata | MockService)[]) : [source as AnyMetadata | MockService];
}

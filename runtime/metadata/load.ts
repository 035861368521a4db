/**
 * `loadMetadata`: the one entry from generated metadata into the runtime. Checks the format
 * version, expands and validates once per metadata object (cached by identity).
 */
import type { ServiceMetadata } from "../metadata.js";
import { SoapkitError } from "../errors.js";
import { isPlainObject, kindOf } from "./check.js";
import { expandMetadata } from "./expand.js";
import { SUPPORTED_METADATA_VERSIONS, type CompactMetadata } from "./format.js";

const cache = new WeakMap<object, ServiceMetadata>();

function label(v: Readonly<Record<string, unknown>>): string {
  return typeof v["port"] === "string" ? `metadata of port ${v["port"]}` : "metadata";
}

function checkVersion(v: unknown): Readonly<Record<string, unknown>> {
  if (!isPlainObject(v))
    throw new SoapkitError("ERR_METADATA", `soapkit metadata must be an object, found ${kindOf(v)}`);
  const supported = `this runtime reads format version${SUPPORTED_METADATA_VERSIONS.length > 1 ? "s" : ""} ${SUPPORTED_METADATA_VERSIONS.join(", ")}`;
  if (v["v"] === undefined) {
    const old = v["operations"] !== undefined ? " (it looks like the uncompressed metadata of soapkit 0.1)" : "";
    throw new SoapkitError(
      "ERR_METADATA_VERSION",
      `soapkit ${label(v)} has no format version 'v'${old}; ${supported}. Regenerate the client with \`soapkit generate\``,
    );
  }
  if (!SUPPORTED_METADATA_VERSIONS.includes(v["v"] as number)) {
    throw new SoapkitError(
      "ERR_METADATA_VERSION",
      `soapkit ${label(v)} has format version ${kindOf(v["v"])}; ${supported}. Regenerate the client with the soapkit generator that matches this runtime, or update the runtime`,
    );
  }
  return v;
}

/** Expand generated metadata into `ServiceMetadata` (validated; the same object for the same input). */
export function loadMetadata(compact: CompactMetadata): ServiceMetadata {
  const hit = cache.get(compact);
  if (hit !== undefined) return hit;
  const v = checkVersion(compact);
  let meta: ServiceMetadata;
  try {
    meta = expandMetadata(v);
  } catch (e) {
    if (e instanceof SoapkitError) throw new SoapkitError(e.code, `soapkit ${label(v)}: ${e.message}`);
    throw e;
  }
  cache.set(compact, meta);
  return meta;
}

/**
 * Test helpers between the two metadata forms: client cores take the generated compact form,
 * the codecs and the emulator the expanded `ServiceMetadata`. `fromExpanded` gives a core the
 * metadata a test holds in expanded form: the compact object it was loaded from (so the core
 * sees the very same `ServiceMetadata`), or, for metadata written by hand, its compact form.
 */
import type { ServiceMetadata } from "../../runtime/metadata.js";
import type { CompactMetadata } from "../../runtime/metadata/format.js";
import { loadMetadata } from "../../runtime/metadata/load.js";
import { compactMetadata } from "../../generator/emit/compact-metadata.js";

const origin = new WeakMap<ServiceMetadata, CompactMetadata>();

/** `loadMetadata`, remembering where the result came from. */
export function expanded(compact: CompactMetadata): ServiceMetadata {
  const meta = loadMetadata(compact);
  origin.set(meta, compact);
  return meta;
}

/** The compact form to hand a client core for `meta`. */
export function fromExpanded(meta: ServiceMetadata): CompactMetadata {
  let compact = origin.get(meta);
  if (compact === undefined) {
    compact = compactMetadata(meta);
    origin.set(meta, compact);
  }
  return compact;
}

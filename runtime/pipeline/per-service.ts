/**
 * A value a transport derives from the service metadata alone (base URL, endpoint, its safe
 * form), computed once per metadata object instead of on every call. No Node-only APIs.
 */
import type { ServiceMetadata } from "../metadata.js";

export function perService<T>(compute: (meta: ServiceMetadata) => T): (meta: ServiceMetadata) => T {
  const cache = new WeakMap<ServiceMetadata, T>();
  return (meta) => {
    let value = cache.get(meta);
    if (value === undefined) {
      value = compute(meta);
      cache.set(meta, value);
    }
    return value;
  };
}

/**
 * A frozen deep copy of plain objects and arrays (other values, such as `Date`s and byte
 * arrays, are kept as they are): a client's default request headers are read once, so that
 * later changes to the caller's objects neither reach the wire nor escape the client's secrets.
 */
export function snapshot(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) return Object.freeze(value.map((v) => snapshot(v, depth + 1)));
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = snapshot(v, depth + 1);
  return Object.freeze(out);
}

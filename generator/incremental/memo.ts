/**
 * Memos of pure computations for a warm process (`--watch`): a value is found again by a key
 * that holds everything it is computed from (`memoKey`), so a hit is what the computation would
 * return. Each memo keeps what the latest generation used and nothing older.
 */

/** Computed values by key, kept from one generation to the next. */
export class GenerationMemo<V> {
  private previous = new Map<string, V>();
  private current = new Map<string, V>();
  hits = 0;
  misses = 0;

  /** The value for `key`: found in this generation or the previous one, else computed. */
  get(key: string, compute: () => V): V {
    if (this.current.has(key)) return this.current.get(key)!;
    let value: V;
    if (this.previous.has(key)) {
      value = this.previous.get(key)!;
      this.hits += 1;
    } else {
      value = compute();
      this.misses += 1;
    }
    this.current.set(key, value);
    return value;
  }

  /** End of a generation: what it used is what the next may reuse; the rest is dropped. */
  rotate(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  /** Entries kept for the next generation. */
  get size(): number {
    return this.previous.size + this.current.size;
  }
}

/** Stands for `undefined` in a key (no string of an XML document holds U+0000). */
const UNDEFINED = "\u0000undefined";

/**
 * A key for plain data (objects, arrays, strings, finite numbers, booleans, null, undefined):
 * its JSON text, `undefined` kept apart from absent. Undefined (not memoizable) when the value
 * holds anything else (a function, a Map, a class instance), which JSON would lose.
 */
export function memoKey(value: unknown): string | undefined {
  let plain = true;
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    // before `toJSON` (a Date would pass as its string)
    if (v !== this[key]) plain = false;
    if (v === undefined) return UNDEFINED;
    switch (typeof v) {
      case "string":
      case "boolean":
        return v;
      case "number":
        if (!Number.isFinite(v)) plain = false;
        return v;
      case "object": {
        if (v === null || Array.isArray(v)) return v;
        const proto = Object.getPrototypeOf(v) as unknown;
        if (proto !== Object.prototype && proto !== null) plain = false;
        return v;
      }
      default:
        plain = false;
        return null;
    }
  });
  return plain ? text : undefined;
}

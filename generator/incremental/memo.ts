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

/**
 * A key for plain data (objects, arrays, strings, finite numbers, booleans, null): its JSON
 * text. Undefined (not memoizable) when the value holds anything JSON would lose or merge: an
 * undefined member (absent and undefined would share a key), a function, a Map, a class
 * instance, a non-finite number.
 */
export function memoKey(value: unknown): string | undefined {
  return isPlain(value) ? JSON.stringify(value) : undefined;
}

function isPlain(v: unknown): boolean {
  switch (typeof v) {
    case "string":
    case "boolean":
      return true;
    case "number":
      return Number.isFinite(v);
    case "object": {
      if (v === null) return true;
      if (Array.isArray(v)) return v.every(isPlain);
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in v) if (!isPlain((v as Record<string, unknown>)[k])) return false;
      return true;
    }
    default:
      return false;
  }
}

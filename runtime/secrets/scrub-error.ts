/**
 * Mask a call's secrets wherever they appear in an error: message, stack, string fields,
 * nested values (fault detail, ExceptionInfo, parameters) and nested errors (`inner`,
 * `cause`). Mutates and returns `err` (its class and `instanceof` stay).
 */
import type { SecretSet } from "./secret-set.js";

export function scrubError<E>(err: E, secrets: SecretSet, depth = 0): E {
  if (secrets.empty || !(err instanceof Error) || depth > 32) return err;
  for (const key of Object.getOwnPropertyNames(err)) {
    const d = Object.getOwnPropertyDescriptor(err, key);
    if (d === undefined) continue;
    const v: unknown = "value" in d ? d.value : key === "stack" ? err.stack : undefined;
    const next = scrubValue(v, secrets, depth + 1);
    if (next === v) continue;
    try {
      Object.defineProperty(err, key, {
        value: next,
        writable: true,
        enumerable: d.enumerable ?? false,
        configurable: true,
      });
    } catch {
      // a non-configurable property: leave it (none of soapkit's errors have one)
    }
  }
  return err;
}

function scrubValue(v: unknown, secrets: SecretSet, depth: number): unknown {
  if (typeof v === "string") return secrets.mask(v);
  if (v === null || typeof v !== "object" || depth > 32) return v;
  if (v instanceof Error) return scrubError(v, secrets, depth + 1);
  if (Array.isArray(v)) return scrubArray(v, secrets, depth);
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v; // bytes, dates, class instances: no text
  return scrubObject(v as Record<string, unknown>, secrets, depth);
}

function scrubArray(v: readonly unknown[], secrets: SecretSet, depth: number): unknown {
  const a = v.map((x: unknown) => scrubValue(x, secrets, depth + 1));
  if (!a.some((x, i) => x !== v[i])) return v;
  return Object.isFrozen(v) ? Object.freeze(a) : a;
}

function scrubObject(v: Record<string, unknown>, secrets: SecretSet, depth: number): unknown {
  let changed = false;
  const copy: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const y = scrubValue(x, secrets, depth + 1);
    if (y !== x) changed = true;
    // defineProperty: a "__proto__" key stays a plain key.
    Object.defineProperty(copy, k, { value: y, enumerable: true, writable: true, configurable: true });
  }
  if (!changed) return v;
  return Object.isFrozen(v) ? Object.freeze(copy) : copy;
}

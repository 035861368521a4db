/**
 * Shape checks for reading generated metadata: each returns the checked value or throws a
 * `SoapkitError` (`ERR_METADATA`) naming the path inside the metadata literal.
 */
import { SoapkitError } from "../errors.js";

export function metadataError(path: string, message: string): SoapkitError {
  return new SoapkitError("ERR_METADATA", `invalid soapkit metadata at ${path}: ${message}`);
}

export function isPlainObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A plain object with no keys outside `allowed`. */
export function object(v: unknown, path: string, allowed: readonly string[]): Readonly<Record<string, unknown>> {
  if (!isPlainObject(v)) throw metadataError(path, `expected an object, found ${kindOf(v)}`);
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) throw metadataError(path, `unknown key '${k}' (known: ${allowed.join(", ")})`);
  }
  return v;
}

/** A plain object used as a table (any keys). */
export function table(v: unknown, path: string): Readonly<Record<string, unknown>> {
  if (!isPlainObject(v)) throw metadataError(path, `expected an object, found ${kindOf(v)}`);
  return v;
}

export function array(v: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(v)) throw metadataError(path, `expected an array, found ${kindOf(v)}`);
  return v;
}

export function string(v: unknown, path: string): string {
  if (typeof v !== "string") throw metadataError(path, `expected a string, found ${kindOf(v)}`);
  return v;
}

export function optionalString(v: unknown, path: string): string | undefined {
  return v === undefined ? undefined : string(v, path);
}

export function integer(v: unknown, path: string): number {
  if (!Number.isSafeInteger(v)) throw metadataError(path, `expected an integer, found ${kindOf(v)}`);
  return v as number;
}

export function oneOf<const T extends string>(v: unknown, path: string, values: readonly T[]): T {
  if (!values.includes(v as T)) throw metadataError(path, `expected one of ${values.join(", ")}, found ${kindOf(v)}`);
  return v as T;
}

export function kindOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return typeof v === "object" ? "an object" : typeof v;
}

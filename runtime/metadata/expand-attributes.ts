/**
 * Format v2 entries of a complex type's `f` list: attributes (`[name, type, "@…", ns?,
 * value?]`), `xs:anyAttribute` (`["*", "", "@"]`). See format.ts.
 */
import type { AttributeMeta } from "../metadata.js";
import { kindOf, metadataError, string } from "./check.js";
import { nsAt, type NsTable } from "./expand-types.js";

/** The XML namespace (`xml:lang`), index `-2` in attribute entries. */
export const XML_NS = "http://www.w3.org/XML/1998/namespace";

const ATTRIBUTE_FLAGS = /^@(!?)([=~]?)$/;

/** True for an entry whose flags start with `@` (an attribute or any-attribute). */
export function isAttributeEntry(v: unknown): boolean {
  return Array.isArray(v) && typeof v[2] === "string" && v[2].startsWith("@");
}

/** Refuse v2 constructs in a literal that declares an older version. */
export function requireV2(ctx: NsTable, what: string, at: () => string): void {
  if (ctx.version < 2)
    throw metadataError(at(), `${what} needs metadata format version 2 (this literal declares v: ${ctx.version})`);
}

/** True for the `["*", "", "@"]` entry. */
export function isAnyAttribute(v: readonly unknown[]): boolean {
  return v[0] === "*";
}

export function expandAnyAttribute(v: readonly unknown[], at: () => string): void {
  if (v.length !== 3 || v[1] !== "" || v[2] !== "@")
    throw metadataError(at(), `expected ["*", "", "@"] (any attribute), found ${v.length} items`);
}

/** `[name, type, "@…", ns?, value?]` → `AttributeMeta`. */
export function expandAttribute(ctx: NsTable, v: readonly unknown[], at: () => string): AttributeMeta {
  if (v.length < 3 || v.length > 5)
    throw metadataError(at(), `expected an attribute [name, type, flags, ns?, value?], found ${v.length} items`);
  const flags = string(v[2], `${at()}[2]`);
  const m = ATTRIBUTE_FLAGS.exec(flags);
  if (m === null) throw metadataError(`${at()}[2]`, `unknown attribute flags '${flags}' (v2: @ or @!, then = or ~)`);
  const value = v[4];
  if ((m[2] === "") !== (value === undefined)) {
    throw metadataError(
      at(),
      m[2] === "" ? `a value (${kindOf(value)}) needs = or ~ in the flags` : `flags '${flags}' need a value`,
    );
  }
  const a: { -readonly [K in keyof AttributeMeta]: AttributeMeta[K] } = {
    name: string(v[0], `${at()}[0]`),
    ns: v[3] === undefined ? "" : v[3] === -2 ? XML_NS : nsAt(ctx, v[3], `${at()}[3]`),
    type: string(v[1], `${at()}[1]`),
    required: m[1] === "!",
  };
  if (m[2] === "=") a.fixed = string(value, `${at()}[4]`);
  if (m[2] === "~") a.default = string(value, `${at()}[4]`);
  return a;
}

/** JSDoc sentences for XSD value constraints: facets of simple types, `default`/`fixed` of elements. */
import type { Field } from "../model/types.js";

/** `Restriction (pattern: `…`, maxLength: `5`).`, or undefined without facets. */
export function facetNote(
  facets: readonly { readonly name: string; readonly value: string }[] | undefined,
): string | undefined {
  if (facets === undefined || facets.length === 0) return undefined;
  return `Restriction (${facets.map((f) => `${f.name}: \`${f.value}\``).join(", ")}).`;
}

/** An element's `fixed` or `default` value, or undefined. */
export function elementValueNote(f: Field): string | undefined {
  if (f.fixed !== undefined) return `Fixed value \`${f.fixed}\`.`;
  if (f.default !== undefined)
    return `Default \`${f.default}\` (the value of an empty element; not filled in on decoding).`;
  return undefined;
}

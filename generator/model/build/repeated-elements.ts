/**
 * The same element name more than once in one content model (valid XSD: `<a/><a/>` in a
 * sequence). Generated interfaces have one property per name, so:
 * - consecutive repeats with the same namespace, type and nillability merge into one field
 *   whose occurrence bounds are the sums (`a, a` → `a` with min 2, max 2 → `a: T[]`); the
 *   elements are consecutive on the wire either way, so the XML is unchanged;
 * - any other repeat (another element in between, or a different type) cannot keep both its
 *   wire order and one property per name: a located `xsd-unsupported` diagnostic.
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import type { Field } from "../types.js";

function sameShape(a: Field, b: Field): boolean {
  return a.qname.ns === b.qname.ns && a.nillable === b.nillable && JSON.stringify(a.type) === JSON.stringify(b.type);
}

const sum = (a: number, b: number): number => (a === -1 || b === -1 ? -1 : a + b);

/** Merge consecutive repeats; report the others (`owner` names the type in messages). */
export function mergeRepeatedElements(fields: readonly Field[], owner: string, diagnostics: Diagnostic[]): Field[] {
  const out: Field[] = [];
  for (const f of fields) {
    const last = out.at(-1);
    if (last !== undefined && last.qname.local === f.qname.local && sameShape(last, f)) {
      out[out.length - 1] = {
        ...last,
        minOccurs: last.minOccurs + f.minOccurs,
        maxOccurs: sum(last.maxOccurs, f.maxOccurs),
      };
      continue;
    }
    if (out.some((o) => o.qname.local === f.qname.local)) {
      diagnostics.push({
        kind: "xsd-unsupported",
        message: `element "${f.qname.local}" appears again in ${owner} after other elements or with another type; only consecutive repeats of the same element are supported`,
        location: f.source,
      });
      continue;
    }
    out.push(f);
  }
  return out;
}

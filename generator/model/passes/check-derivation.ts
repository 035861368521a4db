/**
 * Derivation checks on the built types, before naming and emit:
 * - no type may derive from itself (complexContent extension, simpleType restriction or
 *   list item chains that come back to where they started: invalid XSD, and TS2310/TS2456);
 * - an extension may not redeclare an element its base already has (the generated
 *   interface would redeclare an inherited property).
 */
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { qnameKey, type ComplexType, type TypeDef, type TypeId } from "../types.js";

/** The type a type derives from (base or list item), when it is a model type. */
function derivedFrom(t: TypeDef): TypeId | undefined {
  if (t.kind === "complex") return t.base;
  const use = t.kind === "list" ? t.item : t.base;
  return use.kind === "ref" ? use.id : undefined;
}

function label(t: TypeDef): string {
  return `${t.kind === "complex" ? "xs:complexType" : "xs:simpleType"} ${qnameKey(t.qname)}`;
}

/** One diagnostic per derivation cycle, at the cycle's first type in id order. */
function cycles(types: ReadonlyMap<TypeId, TypeDef>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const reported = new Set<TypeId>();
  for (const start of types.values()) {
    const path: TypeId[] = [start.id];
    for (let next = derivedFrom(start); next !== undefined && types.has(next); next = derivedFrom(types.get(next)!)) {
      const at = path.indexOf(next);
      if (at === -1) {
        path.push(next);
        continue;
      }
      const cycle = path.slice(at);
      if (cycle.includes(start.id) && !cycle.some((id) => reported.has(id))) {
        cycle.forEach((id) => reported.add(id));
        const names = [...cycle, next].map((id) => types.get(id)!.qname.local).join(" → ");
        out.push({
          kind: "xsd-invalid",
          message: `${label(start)} derives from itself (${names})`,
          location: start.source,
        });
      }
      break;
    }
  }
  return out;
}

/**
 * Elements and attributes an extension redeclares from its base chain (one TypeScript
 * property each: an attribute and an element share the property namespace).
 */
function redeclared(t: ComplexType, types: ReadonlyMap<TypeId, TypeDef>): Diagnostic[] {
  const inherited = new Map<string, string>();
  const seen = new Set<TypeId>();
  for (let b = t.base; b !== undefined && !seen.has(b);) {
    seen.add(b);
    const base = types.get(b);
    if (base?.kind !== "complex") break;
    for (const f of [...base.fields, ...(base.attributes ?? [])]) inherited.set(f.qname.local, qnameKey(base.qname));
    b = base.base;
  }
  const own = [
    ...t.fields.map((f) => ["element", f] as const),
    ...(t.attributes ?? []).map((a) => ["attribute", a] as const),
  ];
  return own.flatMap(([what, f]) => {
    const from = inherited.get(f.qname.local);
    if (from === undefined) return [];
    const message = `${what} "${f.qname.local}" of ${label(t)} has the name of a property inherited from its base type ${from}; redeclaring an inherited property is not supported`;
    return [{ kind: "xsd-unsupported" as const, message, location: f.source }];
  });
}

/** Diagnostics for every derivation problem in `types` (empty when there is none). */
export function checkDerivation(types: ReadonlyMap<TypeId, TypeDef>): Diagnostic[] {
  const found = cycles(types);
  if (found.length > 0) return found;
  return [...types.values()].flatMap((t) => (t.kind === "complex" && t.base !== undefined ? redeclared(t, types) : []));
}

/**
 * `xs:complexContent/xs:restriction` of a complex base (not `xs:anyType`, not `soapenc:Array`):
 * XSD requires the restriction to restate its whole content model, so the type is modelled
 * standalone (no `base`: the runtime would write the base's elements first) with its own
 * particles and the attributes it inherits, narrowed by its own declarations (a redeclared
 * attribute replaces the inherited one, `use="prohibited"` removes it).
 */
import type { RawAttributeUse, RawComplexType } from "../../parse/raw-xsd.js";
import { qnameKey } from "../types.js";
import type { SymbolTables } from "./symbols.js";

function attributeName(u: RawAttributeUse): string | undefined {
  if (u.kind !== "attribute") return undefined;
  return u.name ?? u.ref?.local;
}

/** Attribute uses a complex type has, own and inherited through complexContent derivations. */
function effectiveUses(tables: SymbolTables, raw: RawComplexType, seen: Set<RawComplexType>): RawAttributeUse[] {
  if (seen.has(raw)) return [];
  seen.add(raw);
  const c = raw.content;
  const baseRef = c.kind === "extension" || c.kind === "restriction" ? c.base?.qname : undefined;
  const base = baseRef === undefined ? undefined : tables.types.get(qnameKey(baseRef));
  const inherited = base?.kind === "complexType" ? effectiveUses(tables, base, seen) : [];
  return c.kind === "restriction" ? narrow(inherited, raw.attributes) : [...inherited, ...raw.attributes];
}

function narrow(inherited: readonly RawAttributeUse[], own: readonly RawAttributeUse[]): RawAttributeUse[] {
  const redeclared = new Set(own.map(attributeName).filter((n): n is string => n !== undefined));
  const kept = inherited.filter((u) => {
    const n = attributeName(u);
    return n === undefined || !redeclared.has(n);
  });
  const anyOwn = own.some((u) => u.kind === "anyAttribute");
  return [
    ...kept.filter((u) => u.kind !== "anyAttribute" || anyOwn),
    ...own.filter(
      (u) =>
        !(u.kind === "attribute" && u.use === "prohibited") &&
        (u.kind !== "anyAttribute" || !kept.some((k) => k.kind === "anyAttribute")),
    ),
  ];
}

/** The attribute uses of a complexContent restriction of `base`. */
export function restrictionAttributes(
  tables: SymbolTables,
  raw: RawComplexType,
  base: RawComplexType,
): RawAttributeUse[] {
  return narrow(effectiveUses(tables, base, new Set([raw])), raw.attributes);
}

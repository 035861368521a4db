/**
 * IR → IR pass: keep only the named operations of every port and the types they reach
 * (through wrapper and header parts, fields, `complexContent/extension` bases, list items and
 * restriction bases). Pure; the model's sort orders are preserved.
 */
import type { ElementDecl, Operation, ServiceModel, TypeDef, TypeId, TypeUse } from "../types.js";
import { qnameKey } from "../types.js";

/** Every operation name of a model, in port then binding order, without duplicates. */
export function operationNames(model: ServiceModel): string[] {
  return [...new Set(model.ports.flatMap((p) => p.operations.map((o) => o.name)))];
}

function refOf(use: TypeUse): TypeId[] {
  return use.kind === "ref" ? [use.id] : [];
}

/** Type ids a type refers to directly. */
export function typeReferences(t: TypeDef): TypeId[] {
  switch (t.kind) {
    case "complex":
      return [...(t.base === undefined ? [] : [t.base]), ...t.fields.flatMap((f) => refOf(f.type))];
    case "enum":
    case "alias":
      return refOf(t.base);
    case "list":
      return refOf(t.item);
    default: {
      const never: never = t;
      throw new Error(`soapkit internal error: unknown type kind ${JSON.stringify(never)}`);
    }
  }
}

function operationRoots(op: Operation): TypeId[] {
  return [
    op.input.type,
    ...(op.output ? [op.output.type] : []),
    ...[...op.inputHeaders, ...op.outputHeaders].flatMap((h) => refOf(h.type)),
  ];
}

/** Type ids reachable from `roots` (roots included), in `model.types` order. */
export function reachableTypes(model: ServiceModel, roots: Iterable<TypeId>): Set<TypeId> {
  const seen = new Set<TypeId>();
  const stack = [...roots];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    const t = model.types.get(id);
    if (t !== undefined) stack.push(...typeReferences(t));
  }
  return seen;
}

/** Keep the operations named in `keep` (others dropped) and the types/elements they reach. */
export function selectOperations(model: ServiceModel, keep: ReadonlySet<string>): ServiceModel {
  const ports = model.ports.map((p) => ({ ...p, operations: p.operations.filter((o) => keep.has(o.name)) }));
  const ops = ports.flatMap((p) => p.operations);
  const reach = reachableTypes(model, ops.flatMap(operationRoots));
  const types = new Map([...model.types].filter(([id]) => reach.has(id)));
  const usedElements = new Set(
    ops.flatMap((o) =>
      [
        o.input.element,
        ...(o.output ? [o.output.element] : []),
        ...o.inputHeaders.map((h) => h.element),
        ...o.outputHeaders.map((h) => h.element),
      ].map(qnameKey),
    ),
  );
  const elements = new Map<string, ElementDecl>(
    [...model.elements].filter(([key, e]) => usedElements.has(key) || (e.type.kind === "ref" && reach.has(e.type.id))),
  );
  return { ...model, ports, types, elements };
}

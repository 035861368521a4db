/** Expansion of the shared header sets and the operations (bodies, headers, defaults). */
import type { BodyMeta, FaultMeta, HeaderMeta, OperationMeta, ParticleMeta, TypeMeta } from "../metadata.js";
import { array, integer, metadataError, object, oneOf, optionalString, string } from "./check.js";
import { defaultNs, nsAt, type NsTable } from "./expand-types.js";
import { requireV3 } from "./expand-particles.js";

export interface HeaderSet {
  readonly in: readonly HeaderMeta[];
  readonly out: readonly HeaderMeta[];
}

const NO_HEADERS: HeaderSet = { in: [], out: [] };

/** `[part, type, flags?, ns?, element?]` → `HeaderMeta`. */
function expandHeader(ctx: NsTable, v: unknown, path: string): HeaderMeta {
  const t = array(v, path);
  if (t.length < 2 || t.length > 5)
    throw metadataError(path, `expected a header [part, type, flags?, ns?, element?], found ${t.length} items`);
  const name = string(t[0], `${path}[0]`);
  const flags = t[2] === undefined ? "" : oneOf(t[2], `${path}[2]`, ["", "n"]);
  return {
    name,
    ns: t[3] === undefined ? defaultNs(ctx) : nsAt(ctx, t[3], `${path}[3]`),
    element: t[4] === undefined ? name : string(t[4], `${path}[4]`),
    type: string(t[1], `${path}[1]`),
    nillable: flags === "n",
  };
}

export function expandHeaderSets(ctx: NsTable, v: unknown): HeaderSet[] {
  if (v === undefined) return [];
  return array(v, "headers").map((s, i) => {
    const o = object(s, `headers[${i}]`, ["in", "out"]);
    const list = (x: unknown, p: string): HeaderMeta[] =>
      x === undefined ? [] : array(x, p).map((h, j) => expandHeader(ctx, h, `${p}[${j}]`));
    return { in: list(o["in"], `headers[${i}].in`), out: list(o["out"], `headers[${i}].out`) };
  });
}

/**
 * Property names of a body wrapper's children. A type with a content model only unwraps a
 * single plain element (a group array or a wildcard keeps the wrapper object); inherited members
 * (a base type), attributes, a text value or mixed text keep it too, as the generated result
 * types do (generator/emit/ts-types.ts `hasXmlExtras`). `""` stands for such a member.
 */
function childNames(t: TypeMeta): string[] {
  if (t.kind === "array") return [t.item.name];
  if (t.kind !== "complex") return [];
  const extras =
    t.base !== undefined ||
    (t.attributes?.length ?? 0) > 0 ||
    t.text !== undefined ||
    t.anyAttributes === true ||
    t.mixed === true;
  const names = extras ? [...t.fields.map((f) => f.name), ""] : t.fields.map((f) => f.name);
  if (t.particles === undefined) return names;
  const groups = groupCount(t.particles);
  return groups === 0 ? names : [...names, ...Array<string>(groups).fill("")];
}

function groupCount(particles: readonly ParticleMeta[]): number {
  let n = 0;
  for (const p of particles) {
    if (p.kind === "any" || p.kind === "sequence" || (p.kind === "choice" && p.name !== undefined)) n++;
    else if (p.kind === "choice") for (const b of p.branches) n += groupCount(b);
  }
  return n;
}

function expandBody(
  ctx: NsTable,
  v: unknown,
  element: string,
  types: Readonly<Record<string, TypeMeta>>,
  path: string,
): BodyMeta {
  let type: string;
  let ns = defaultNs(ctx);
  if (typeof v === "string") type = v;
  else {
    const t = array(v, path);
    if (t.length < 2 || t.length > 3) throw metadataError(path, "expected a body: a type key or [type, element, ns?]");
    type = string(t[0], `${path}[0]`);
    element = string(t[1], `${path}[1]`);
    if (element === "") {
      requireV3(ctx, "a bare body (empty element name)", () => `${path}[1]`);
      ns = "";
    }
    if (t[2] !== undefined) ns = nsAt(ctx, t[2], `${path}[2]`);
  }
  const meta = Object.hasOwn(types, type) ? types[type] : undefined;
  if (meta === undefined) throw metadataError(path, `unknown body type '${type}'`);
  const children = childNames(meta);
  const unwrap = children.length === 1 && children[0] !== "" ? children[0]! : null;
  return { ns, element, type, unwrap, empty: children.length === 0 };
}

export interface OperationDefaults {
  readonly actionBase: string | undefined;
  readonly headerSets: readonly HeaderSet[];
  readonly types: Readonly<Record<string, TypeMeta>>;
}

const OP_KEYS = ["in", "out", "h", "method", "action", "op", "enc", "faults"];

/** `[name, type, element?, ns?]` → `FaultMeta`. */
function expandFault(ctx: NsTable, v: unknown, path: string): FaultMeta {
  const t = array(v, path);
  if (t.length < 2 || t.length > 4)
    throw metadataError(path, `expected a fault [name, type, element?, ns?], found ${t.length} items`);
  const name = string(t[0], `${path}[0]`);
  return {
    name,
    ns: t[3] === undefined ? defaultNs(ctx) : nsAt(ctx, t[3], `${path}[3]`),
    element: t[2] === undefined ? name : string(t[2], `${path}[2]`),
    type: string(t[1], `${path}[1]`),
  };
}

/** The v3 operation keys: `op`, `enc`, `faults`. */
function v3Keys(ctx: NsTable, o: Readonly<Record<string, unknown>>, key: string, path: string): Partial<OperationMeta> {
  const out: { name?: string; encoded?: boolean; faults?: FaultMeta[] } = {};
  for (const k of ["op", "enc", "faults"]) if (o[k] !== undefined) requireV3(ctx, `'${k}'`, () => `${path}.${k}`);
  if (o["op"] !== undefined) {
    out.name = string(o["op"], `${path}.op`);
    if (out.name === key) throw metadataError(`${path}.op`, "equals the key (omit it)");
  }
  if (o["enc"] !== undefined) {
    if (o["enc"] !== 1) throw metadataError(`${path}.enc`, "expected 1 (omit it otherwise)");
    out.encoded = true;
  }
  if (o["faults"] !== undefined)
    out.faults = array(o["faults"], `${path}.faults`).map((f, i) => expandFault(ctx, f, `${path}.faults[${i}]`));
  return out;
}

export function expandOperation(
  ctx: NsTable,
  key: string,
  v: unknown,
  d: OperationDefaults,
  path: string,
): OperationMeta {
  const o = object(v, path, OP_KEYS);
  // With `op` (overloads): the method and the default type keys follow the key, the wire names
  // (wrapper elements, default action) the WSDL operation name.
  const extra = v3Keys(ctx, o, key, path);
  const opName = extra.name ?? key;
  const action =
    optionalString(o["action"], `${path}.action`) ?? (d.actionBase !== undefined ? d.actionBase + opName : undefined);
  if (action === undefined) throw metadataError(path, "no 'action' and no 'actionBase' to derive it from");
  let set = NO_HEADERS;
  if (o["h"] !== undefined) {
    const h = integer(o["h"], `${path}.h`);
    set = d.headerSets[h] ?? NO_HEADERS;
    if (d.headerSets[h] === undefined)
      throw metadataError(`${path}.h`, `header set ${h} does not exist (${d.headerSets.length} sets)`);
  }
  return {
    name: opName,
    method: optionalString(o["method"], `${path}.method`) ?? key.charAt(0).toLowerCase() + key.slice(1),
    soapAction: action,
    input: expandBody(ctx, o["in"] ?? `${key}Request`, opName, d.types, `${path}.in`),
    output:
      o["out"] === null
        ? null
        : expandBody(ctx, o["out"] ?? `${key}Response`, `${opName}Response`, d.types, `${path}.out`),
    inputHeaders: set.in,
    outputHeaders: set.out,
    ...(extra.encoded === true ? { encoded: true } : {}),
    ...(extra.faults !== undefined ? { faults: extra.faults } : {}),
  };
}

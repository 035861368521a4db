/**
 * In-memory `ServiceMetadata` → the compact, versioned wire format the generated `metadata.ts`
 * holds (runtime/metadata/format.ts describes it; runtime/metadata/expand.ts is the inverse).
 * Also the helper for tests that build `ServiceMetadata` by hand and need a client core.
 */
import type {
  AttributeMeta,
  BodyMeta,
  ComplexTypeMeta,
  FieldMeta,
  HeaderMeta,
  OperationMeta,
  ServiceMetadata,
  TypeMeta,
  CompactBody,
  CompactFault,
  FaultMeta,
  CompactField,
  CompactHeader,
  CompactHeaderSet,
  CompactMetadata,
  CompactOperation,
  CompactType,
  CompactElement,
} from "@soapkit/runtime";
import { cmp } from "./context.js";
import { compactParticles, needsV3 } from "./compact-particles.js";

const XML_NS = "http://www.w3.org/XML/1998/namespace";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Drop trailing `undefined` items of a tuple. */
function trim<T extends readonly unknown[]>(t: T): T {
  let n = t.length;
  while (n > 0 && t[n - 1] === undefined) n--;
  return t.slice(0, n) as unknown as T;
}

export function fieldFlags(min: number, max: number, nillable: boolean): string {
  const q =
    min === 1 && max === 1
      ? ""
      : min === 0 && max === 1
        ? "?"
        : min === 0 && max === -1
          ? "*"
          : min === 1 && max === -1
            ? "+"
            : `{${min},${max === -1 ? "" : max}}`;
  return nillable ? `${q}n` : q;
}

class Namespaces {
  constructor(readonly table: readonly string[]) {}
  index(uri: string): number {
    if (uri === "") return -1;
    const i = this.table.indexOf(uri);
    if (i < 0) throw new Error(`soapkit internal error: namespace ${uri} has no prefix`);
    return i;
  }
  /** The index, or undefined when it is the default. */
  unless(uri: string, dflt: string): number | undefined {
    return uri === dflt ? undefined : this.index(uri);
  }
  get first(): string {
    return this.table[0] ?? "";
  }
}

function field(nss: Namespaces, f: FieldMeta, ownerNs: string): CompactField {
  const flags = fieldFlags(f.min, f.max, f.nillable);
  const ns = nss.unless(f.ns, ownerNs);
  return trim([f.name, f.type, flags === "" && ns === undefined ? undefined : flags, ns] as const) as CompactField;
}

/** v2: `[name, type, "@…", ns?, value?]` (ns defaults to no namespace). */
function attribute(nss: Namespaces, a: AttributeMeta): CompactField {
  const value = a.fixed ?? a.default;
  const flags = `@${a.required ? "!" : ""}${a.fixed !== undefined ? "=" : a.default !== undefined ? "~" : ""}`;
  const ns = a.ns === "" ? (value === undefined ? undefined : -1) : a.ns === XML_NS ? -2 : nss.index(a.ns);
  return trim([a.name, a.type, flags, ns, value] as const) as CompactField;
}

/** Own elements (v3: the content model), then attributes, then `xs:anyAttribute`. */
function complexEntries(nss: Namespaces, t: ComplexTypeMeta): CompactField[] {
  const f =
    t.particles !== undefined
      ? compactParticles(t.particles, (x) => field(nss, x, t.ns), fieldFlags)
      : t.fields.map((x) => field(nss, x, t.ns));
  for (const a of t.attributes ?? []) f.push(attribute(nss, a));
  if (t.anyAttributes === true) f.push(["*", "", "@"]);
  return f;
}

/** Whether a type needs format version 2 (attributes, simple content). */
export function needsV2(t: TypeMeta): boolean {
  return t.kind === "complex" && ((t.attributes?.length ?? 0) > 0 || t.text !== undefined || t.anyAttributes === true);
}

function type(nss: Namespaces, id: string, t: TypeMeta): CompactType {
  const q: { ns?: number; local?: string } = {};
  const ns = nss.unless(t.ns, nss.first);
  if (ns !== undefined) q.ns = ns;
  if (t.local !== id) q.local = t.local;
  switch (t.kind) {
    case "complex": {
      const f = complexEntries(nss, t);
      const text = t.text !== undefined ? { text: t.text.type } : {};
      return {
        ...q,
        ...(t.base !== undefined ? { base: t.base } : {}),
        ...(t.abstract === true ? { abstract: true as const } : {}),
        ...text,
        ...(t.mixed === true ? { mixed: 1 as const } : {}),
        f,
      };
    }
    case "array": {
      const item = field(nss, t.item, t.ns);
      const enc = t.encoded === true ? { enc: 1 as const } : {}; // v3 soapenc:Array (h-wsdl)
      return t.dictionary
        ? { ...q, item, dict: [t.dictionary.key, t.dictionary.value], ...enc }
        : { ...q, item, ...enc };
    }
    case "enum":
      return t.base === "xs:string" ? { ...q, enum: t.values } : { ...q, base: t.base, enum: t.values };
    case "list":
      return { ...q, list: t.item };
    case "alias":
      return t.wcf !== undefined ? { ...q, alias: t.base, wcf: t.wcf } : { ...q, alias: t.base };
  }
}

function header(nss: Namespaces, h: HeaderMeta): CompactHeader {
  const ns = nss.unless(h.ns, nss.first);
  const element = h.element === h.name ? undefined : h.element;
  const flags = h.nillable ? "n" : ns === undefined && element === undefined ? undefined : "";
  return trim([
    h.name,
    h.type,
    flags,
    ns === undefined && element !== undefined ? nss.index(h.ns) : ns,
    element,
  ] as const) as CompactHeader;
}

/** A body, or undefined when it is the default (`type` with element `element`); bare: `[type, ""]`. */
function body(nss: Namespaces, b: BodyMeta, element: string, type: string): CompactBody | undefined {
  if (b.element === "") return [b.type, ""];
  const ns = nss.unless(b.ns, nss.first);
  if (ns === undefined && b.element === element) return b.type === type ? undefined : b.type;
  return ns === undefined ? [b.type, b.element] : [b.type, b.element, ns];
}

/** v3: `[name, type, element?, ns?]`. */
function fault(nss: Namespaces, f: FaultMeta): CompactFault {
  const ns = nss.unless(f.ns, nss.first);
  const element = f.element === f.name && ns === undefined ? undefined : f.element;
  return trim([f.name, f.type, element, ns] as const) as CompactFault;
}

/** Whether an operation needs format version 3 (rpc/encoded, an overload key, faults, a bare body). */
export function opNeedsV3(key: string, op: OperationMeta): boolean {
  return (
    op.encoded === true ||
    op.name !== key ||
    (op.faults?.length ?? 0) > 0 ||
    op.input.element === "" ||
    op.output?.element === ""
  );
}

/** The soapAction prefix most operations share (`<prefix><operation name>`), if any. */
function actionBase(ops: readonly OperationMeta[]): string | undefined {
  const counts = new Map<string, number>();
  for (const op of ops) {
    if (op.soapAction.endsWith(op.name)) {
      const p = op.soapAction.slice(0, op.soapAction.length - op.name.length);
      counts.set(p, (counts.get(p) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))[0]?.[0];
}

function operations(
  nss: Namespaces,
  ops: readonly (readonly [string, OperationMeta])[],
  base: string | undefined,
  sets: CompactHeaderSet[],
): Record<string, CompactOperation> {
  const keys = sets.map((s) => JSON.stringify(s));
  const out: Record<string, CompactOperation> = {};
  for (const [key, op] of ops) {
    const o: Mutable<CompactOperation> = {};
    const input = body(nss, op.input, op.name, `${key}Request`);
    if (input !== undefined) o.in = input;
    const output = op.output === null ? null : body(nss, op.output, `${op.name}Response`, `${key}Response`);
    if (output !== undefined) o.out = output;
    const set: CompactHeaderSet = {
      ...(op.inputHeaders.length > 0 ? { in: op.inputHeaders.map((h) => header(nss, h)) } : {}),
      ...(op.outputHeaders.length > 0 ? { out: op.outputHeaders.map((h) => header(nss, h)) } : {}),
    };
    if (set.in !== undefined || set.out !== undefined) {
      const k = JSON.stringify(set);
      if (!keys.includes(k)) {
        keys.push(k);
        sets.push(set);
      }
      o.h = keys.indexOf(k);
    }
    if (op.method !== key.charAt(0).toLowerCase() + key.slice(1)) o.method = op.method;
    if (base === undefined || op.soapAction !== base + op.name) o.action = op.soapAction;
    if (op.name !== key) o.op = op.name;
    if (op.encoded === true) o.enc = 1;
    if (op.faults !== undefined && op.faults.length > 0) o.faults = op.faults.map((f) => fault(nss, f));
    out[key] = o;
  }
  return out;
}

const DEFAULT_MAPPING = { long: "bigint", decimal: "string", dateTime: "string" } as const;

/** The compact form of `m` (every default omitted; deterministic for a given `m`). */
export function compactMetadata(m: ServiceMetadata): CompactMetadata {
  const nss = new Namespaces(m.prefixes.map(([, uri]) => uri));
  const ops = Object.entries(m.operations);
  const base = actionBase(ops.map(([, op]) => op));
  const headers: CompactHeaderSet[] = [];
  const compactOps = operations(nss, ops, base, headers);
  const types: Record<string, CompactType> = {};
  for (const [id, t] of Object.entries(m.types)) types[id] = type(nss, id, t);
  const mapping = Object.fromEntries(
    Object.entries(m.mapping).filter(([k, v]) => DEFAULT_MAPPING[k as keyof typeof DEFAULT_MAPPING] !== v),
  );
  const el = m.elements?.map((e) => trim([e.local, e.type, nss.unless(e.ns, nss.first)] as const) as CompactElement);
  return {
    v: formatVersion(m, ops),
    service: m.service,
    port: m.port,
    ...(m.binding !== m.port ? { binding: m.binding } : {}),
    portType: m.portType,
    ...(m.soapVersion !== "1.1" ? { soapVersion: m.soapVersion } : {}),
    address: m.address,
    ...(m.targetNamespace !== nss.first ? { targetNamespace: m.targetNamespace } : {}),
    ns: nss.table,
    ...(Object.keys(mapping).length > 0 ? { mapping } : {}),
    ...(m.errorHeaders !== undefined ? { errorHeaders: m.errorHeaders } : {}),
    ...(m.restAgent !== undefined ? { restAgent: m.restAgent } : {}),
    ...(m.policy !== undefined ? { policy: m.policy } : {}),
    ...(base !== undefined ? { actionBase: base } : {}),
    ...(headers.length > 0 ? { headers } : {}),
    ops: compactOps,
    types,
    ...(el !== undefined ? { el } : {}),
  };
}

/** The lowest format version that can express the port (format.ts). */
function formatVersion(m: ServiceMetadata, ops: readonly (readonly [string, OperationMeta])[]): CompactMetadata["v"] {
  if (m.policy !== undefined || m.elements !== undefined) return 4;
  if (
    ops.some(([key, op]) => opNeedsV3(key, op)) ||
    Object.values(m.types).some((t) => needsV3(t) || (t.kind === "array" && t.encoded === true))
  )
    return 3;
  return Object.values(m.types).some(needsV2) ? 2 : 1;
}

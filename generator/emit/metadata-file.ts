/**
 * The runtime metadata of each port (`ServiceMetadata`), as a plain object the runtime
 * interprets. Keys are written in a fixed order so output is byte-stable.
 */
import type {
  AttributeMeta,
  BodyMeta,
  FaultMeta,
  FieldMeta,
  GlobalElementMeta,
  ParticleMeta,
  HeaderMeta,
  OperationMeta,
  ServiceMetadata,
  TypeMeta,
  TypeRef,
} from "@soapkit/runtime";
import type { Attribute, BodyPart, FaultPart, Field, HeaderPart, Port, TypeDef, TypeUse } from "../model/types.js";
import type { PortNames } from "../naming/assign-names.js";
import { cmp, type EmitContext } from "./context.js";
import { hasXmlExtras, runtimeScalar } from "./ts-types.js";
import { restAgentOf } from "./rest-agent.js";
import { particleFields, particleMetas } from "./particle-meta.js";

function ref(ctx: EmitContext, use: TypeUse): TypeRef {
  return use.kind === "builtin" ? `xs:${runtimeScalar(use.name)}` : ctx.typeName(use.id);
}

function field(ctx: EmitContext, f: Field): FieldMeta {
  return {
    name: f.qname.local,
    ns: f.qname.ns,
    type: ref(ctx, f.type),
    min: f.minOccurs,
    max: f.maxOccurs,
    nillable: f.nillable,
  };
}

function attribute(ctx: EmitContext, a: Attribute): AttributeMeta {
  const m: { -readonly [K in keyof AttributeMeta]: AttributeMeta[K] } = {
    name: a.qname.local,
    ns: a.qname.ns,
    type: ref(ctx, a.type),
    required: a.required,
  };
  if (a.default !== undefined) m.default = a.default;
  if (a.fixed !== undefined) m.fixed = a.fixed;
  return m;
}

function header(ctx: EmitContext, h: HeaderPart): HeaderMeta {
  return { name: h.name, ns: h.element.ns, element: h.element.local, type: ref(ctx, h.type), nillable: h.nillable };
}

function fault(ctx: EmitContext, f: FaultPart): FaultMeta {
  return { name: f.name, ns: f.element.ns, element: f.element.local, type: ref(ctx, f.type) };
}

function body(ctx: EmitContext, b: BodyPart): BodyMeta {
  const t = ctx.type(b.type);
  const fields = t.kind === "complex" ? t.fields : [];
  const extras = t.kind === "complex" && hasXmlExtras(t);
  return {
    ns: b.element.ns,
    element: b.element.local,
    type: ctx.typeName(b.type),
    unwrap: fields.length === 1 && !extras ? fields[0]!.qname.local : null,
    empty: fields.length === 0 && !extras,
  };
}

function typeMeta(ctx: EmitContext, t: TypeDef): TypeMeta {
  const q = { ns: t.qname.ns, local: t.qname.local };
  switch (t.kind) {
    case "enum":
      return { kind: "enum", ...q, base: ref(ctx, t.base), values: t.values.map((v) => v.value) };
    case "list":
      return { kind: "list", ...q, item: ref(ctx, t.item) };
    case "alias": {
      const wcf = WCF_ALIASES[t.qname.local];
      const base = { kind: "alias" as const, ...q, base: ref(ctx, t.base) };
      return t.qname.ns === SERIALIZATION_NS && wcf ? { ...base, wcf } : base;
    }
    case "complex": {
      if (t.isArrayWrapper && t.fields.length === 1) {
        const item = field(ctx, t.fields[0]!);
        if (t.isDictionary) {
          const it = t.fields[0]!.type;
          const itemType = it.kind === "ref" ? ctx.type(it.id) : undefined;
          const kv = itemType?.kind === "complex" ? itemType.fields.map((f) => f.qname.local) : [];
          if (kv.length === 2) return { kind: "array", ...q, item, dictionary: { key: kv[0]!, value: kv[1]! } };
        }
        return t.encodedArray === true ? { kind: "array", ...q, item, encoded: true } : { kind: "array", ...q, item };
      }
      const m: {
        -readonly [K in keyof Extract<TypeMeta, { kind: "complex" }>]: Extract<TypeMeta, { kind: "complex" }>[K];
      } = {
        kind: "complex",
        ...q,
        fields: t.fields.map((f) => field(ctx, f)),
      };
      if (t.base !== undefined) m.base = ctx.typeName(t.base);
      if (t.attributes !== undefined && t.attributes.length > 0)
        m.attributes = t.attributes.map((a) => attribute(ctx, a));
      if (t.text !== undefined) m.text = { type: ref(ctx, t.text) };
      if (t.particles !== undefined) m.particles = particleMetas(t.particles, (f) => field(ctx, f), t.qname.ns);
      if (t.mixed === true) m.mixed = true;
      if (t.anyAttribute === true) m.anyAttributes = true;
      const subs = ctx.subtypes.get(t.id);
      if (subs && subs.length > 0) m.subtypes = subs.map((s) => ctx.typeName(s));
      if (t.abstract) m.abstract = true;
      return m;
    }
  }
}

/** Whether a content model has a wildcard whose `processContents` is `lax` or `strict`. */
function validatingWildcard(list: readonly ParticleMeta[]): boolean {
  return list.some((p) =>
    p.kind === "any"
      ? p.process !== "skip"
      : p.kind === "choice"
        ? p.branches.some(validatingWildcard)
        : p.kind === "sequence" && validatingWildcard(p.particles),
  );
}

/**
 * v4: the model's global elements, for `decodeAnyElement`, when a wildcard of the port's types
 * may hold one (`lax`/`strict`); none otherwise, so other ports keep their format version.
 */
function globalElements(ctx: EmitContext, types: readonly TypeMeta[]): GlobalElementMeta[] | undefined {
  if (!types.some((t) => t.kind === "complex" && validatingWildcard(t.particles ?? []))) return undefined;
  const out: GlobalElementMeta[] = [];
  for (const e of ctx.model.elements.values())
    out.push({ ns: e.qname.ns, local: e.qname.local, type: ref(ctx, e.type) });
  return out.length > 0 ? out : undefined;
}

const SERIALIZATION_NS = "http://schemas.microsoft.com/2003/10/Serialization/";
const WCF_ALIASES: Record<string, "guid" | "char" | "duration"> = { guid: "guid", char: "char", duration: "duration" };

/** Collect every namespace the port's XML uses, and give each a stable prefix (`tns` for the target). */
function prefixes(
  ctx: EmitContext,
  types: readonly TypeMeta[],
  ops: readonly OperationMeta[],
  elements: readonly GlobalElementMeta[],
): [string, string][] {
  const nss = new Set<string>(elements.map((e) => e.ns));
  for (const t of types) {
    if (t.ns) nss.add(t.ns);
    if (t.kind === "complex") {
      for (const f of [...t.fields, ...(t.attributes ?? []), ...particleFields(t.particles ?? [])])
        if (f.ns) nss.add(f.ns);
    }
    if (t.kind === "array" && t.item.ns) nss.add(t.item.ns);
  }
  for (const op of ops) {
    nss.add(op.input.ns);
    if (op.output) nss.add(op.output.ns);
    for (const h of [...op.inputHeaders, ...op.outputHeaders, ...(op.faults ?? [])]) nss.add(h.ns);
  }
  nss.delete("");
  nss.delete("http://www.w3.org/XML/1998/namespace"); // the `xml` prefix is bound by definition
  const tns = ctx.model.targetNamespace;
  const others = [...nss].filter((n) => n !== tns).sort(cmp);
  const out: [string, string][] = [];
  if (nss.has(tns)) out.push(["tns", tns]);
  others.forEach((ns, i) => out.push([`q${i + 1}`, ns]));
  return out;
}

/** Build the metadata object of one port. */
export function portMetadata(ctx: EmitContext, port: Port, names: PortNames): ServiceMetadata {
  const typeList = [...ctx.model.types.values()].sort((a, b) => cmp(ctx.typeName(a.id), ctx.typeName(b.id)));
  const types: Record<string, TypeMeta> = {};
  for (const t of typeList) types[ctx.typeName(t.id)] = typeMeta(ctx, t);
  const operations: Record<string, OperationMeta> = {};
  for (const op of port.operations) {
    operations[op.name] = {
      name: op.wsdlName ?? op.name,
      method: names.methods.get(op.name)!,
      soapAction: op.soapAction,
      input: body(ctx, op.input),
      output: op.output ? body(ctx, op.output) : null,
      inputHeaders: op.inputHeaders.map((h) => header(ctx, h)),
      outputHeaders: op.outputHeaders.map((h) => header(ctx, h)),
      ...(op.encoded === true ? { encoded: true } : {}),
      ...(op.faults !== undefined ? { faults: op.faults.map((f) => fault(ctx, f)) } : {}),
    };
  }
  const hasErrorConvention = hasSuperOfficeErrorHeaders(port);
  const elements = globalElements(ctx, Object.values(types));
  const meta: ServiceMetadata = {
    service: port.service,
    port: port.name,
    binding: port.binding,
    portType: port.portType,
    soapVersion: port.soapVersion,
    address: port.address,
    targetNamespace: ctx.model.targetNamespace,
    prefixes: prefixes(ctx, Object.values(types), Object.values(operations), elements ?? []),
    mapping: ctx.options.mapping,
    ...(hasErrorConvention ? { errorHeaders: { succeeded: "Succeeded", exceptionInfo: "ExceptionInfo" } } : {}),
    ...(restAgentOf(port) !== undefined ? { restAgent: restAgentOf(port)! } : {}),
    ...(port.policy !== undefined ? { policy: port.policy } : {}),
    operations,
    types,
    ...(elements !== undefined ? { elements } : {}),
  };
  return meta;
}

/** Print a JSON-compatible value as a TypeScript literal (stable key order = insertion order). */
export function literal(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v === -1 ? -1 : v));
}

/** The port's output headers follow SuperOffice's `Succeeded` (boolean) + `ExceptionInfo` convention. */
export function hasSuperOfficeErrorHeaders(port: Port): boolean {
  const outHeaders = new Map<string, HeaderPart>();
  for (const op of port.operations) for (const h of op.outputHeaders) outHeaders.set(h.name, h);
  const succeeded = outHeaders.get("Succeeded");
  return succeeded?.type.kind === "builtin" && succeeded.type.name === "boolean" && outHeaders.has("ExceptionInfo");
}

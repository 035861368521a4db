/**
 * Pass 1 of emit: register every name a service module will declare, in a stable order,
 * so that collisions (an element and a type sharing a name, two namespaces defining the same
 * local name, reserved words, names starting with digits) resolve deterministically.
 */
import type { ServiceModel, TypeDef, TypeId } from "../model/types.js";
import { fileSlug, namespaceHint, toMethodName, toTypeIdentifier, upperFirst } from "./identifiers.js";
import { SymbolTable } from "./symbol-table.js";

export interface PortNames {
  /** Agent interface implemented by every transport (`EMailAgent`). */
  readonly agent: string;
  /** Operation map type (`EMailOperations`). */
  readonly operations: string;
  readonly requestHeaders: string;
  readonly responseHeaders: string;
  /** Runtime metadata const (`EMailMetadata`). */
  readonly metadata: string;
  /** Client class (`EMailClient`), one per port whatever the transport. */
  readonly client: string;
  /** Client factory (`createEMailClient`). */
  readonly factory: string;
  /** Operation name → client method name. */
  readonly methods: ReadonlyMap<string, string>;
  /** Client module stem: `client` (one port) or `client-<port>`, unique in the module. */
  readonly file: string;
}

export interface ModelNames {
  /** Type id → exported TypeScript name. */
  readonly types: ReadonlyMap<TypeId, string>;
  /** Enum type id → exported value-list const name (`EMailPriorityValues`). */
  readonly enumValues: ReadonlyMap<TypeId, string>;
  /** Parallel to `model.ports`. */
  readonly ports: readonly PortNames[];
}

/** Naming options (from `--method-case`, `--type-prefix`, `--type-suffix`). */
export interface NamingOptions {
  /** Client method names: `camel` (`syncEmailAccount`) or `pascal` (`SyncEmailAccount`). */
  readonly methodCase: "camel" | "pascal";
  /** Prepended to every schema-derived type name (wrappers included, port-level names not). */
  readonly typePrefix: string;
  /** Appended to every schema-derived type name. */
  readonly typeSuffix: string;
}

export const DEFAULT_NAMING: NamingOptions = { methodCase: "camel", typePrefix: "", typeSuffix: "" };

/**
 * Names a generated module imports (`AgentCallOptions` in types.ts, `CompactMetadata` in
 * metadata.ts, the runtime namespace `$rt` in the client files, which reach `ClientCore`, the
 * transports and the option types only through it) or that users import next to the generated
 * names (`ServiceMetadata`): no schema or port name may take them.
 */
export const IMPORTED_NAMES = ["AgentCallOptions", "CompactMetadata", "ServiceMetadata", "$rt"] as const;

/** Names the client templates derive from a client class name (`{{client}}Options`, `{{client}}CallOptions`). */
const CLIENT_DERIVED = ["Options", "CallOptions", "Faults"] as const;

/** Members of the generated client class that an operation method must not take. */
const CLASS_MEMBERS = new Set([
  "call",
  "constructor",
  "then",
  "catch",
  "finally",
  "toString",
  "valueOf",
  "toJSON",
  "hasOwnProperty",
  "metadata",
  "options",
]);

/** Assign every name for one service model. Pure and deterministic. */
export function assignNames(model: ServiceModel, naming: NamingOptions = DEFAULT_NAMING): ModelNames {
  const affix = (name: string): string => `${naming.typePrefix}${name}${naming.typeSuffix}`;
  const table = new SymbolTable();
  const types = new Map<TypeId, string>();
  const enumValues = new Map<TypeId, string>();

  for (const name of IMPORTED_NAMES) table.reserve(name);
  // Port-level names first: the client API keeps its conventional names, a colliding schema type gets another.
  const portTypeCount = new Map<string, number>();
  for (const p of model.ports) portTypeCount.set(p.portType, (portTypeCount.get(p.portType) ?? 0) + 1);
  const files = clientFiles(model);
  const ports = model.ports.map((port, index): PortNames => {
    // Several ports of one portType (SOAP 1.1 and 1.2 bindings): name them by port instead.
    // A trailing "Soap" (ASP.NET's CalculatorSoap / CalculatorSoap12) would stutter: CalculatorClient.
    const stem = withoutSoapSuffix(
      toTypeIdentifier((portTypeCount.get(port.portType) ?? 0) > 1 ? port.name : port.portType),
    );
    const key = `port:${port.service}/${port.name}`;
    const methods = new Map<string, string>();
    const taken = new Set<string>();
    for (const op of port.operations) {
      let m = toMethodName(op.name, naming.methodCase);
      if (CLASS_MEMBERS.has(m)) m = `${m}Operation`;
      let candidate = m;
      for (let i = 2; taken.has(candidate); i++) candidate = `${m}${i}`;
      taken.add(candidate);
      methods.set(op.name, candidate);
    }
    return {
      agent: table.register(`${key}#agent`, `${stem}Agent`),
      operations: table.register(`${key}#operations`, `${stem}Operations`),
      requestHeaders: table.register(`${key}#requestHeaders`, `${stem}RequestHeaders`),
      responseHeaders: table.register(`${key}#responseHeaders`, `${stem}ResponseHeaders`),
      metadata: table.register(`${key}#metadata`, `${stem}Metadata`),
      client: table.registerFamily(`${key}#client`, `${stem}Client`, CLIENT_DERIVED),
      factory: table.register(`${key}#factory`, `create${upperFirst(stem)}Client`),
      methods,
      file: files[index]!,
    };
  });

  const inputWrappers = new Set<TypeId>();
  const outputWrappers = new Set<TypeId>();
  for (const port of model.ports) {
    for (const op of port.operations) {
      inputWrappers.add(op.input.type);
      if (op.output) outputWrappers.add(op.output.type);
    }
  }

  // Named types of the target namespace first, then other namespaces, then anonymous types;
  // within each group by id. The first to claim a name keeps it.
  const ordered = [...model.types.values()].sort((a, b) => rank(a, model) - rank(b, model) || cmp(a.id, b.id));
  for (const t of ordered) {
    const base = baseName(t, inputWrappers, outputWrappers, model);
    const alt = t.qname.ns !== model.targetNamespace ? [affix(`${namespaceHint(t.qname.ns)}${upperFirst(base)}`)] : [];
    types.set(t.id, table.register(`type:${t.id}`, affix(base), alt));
  }
  for (const t of ordered) {
    if (t.kind === "enum") enumValues.set(t.id, table.register(`values:${t.id}`, `${types.get(t.id)}Values`));
  }

  return { types, enumValues, ports };
}

/** Client module stems, unique per module (port names can differ only in what `fileSlug` drops). */
function clientFiles(model: ServiceModel): string[] {
  if (model.ports.length === 1) return ["client"];
  const seen = new Set<string>();
  return model.ports.map((p) => {
    const stem = `client-${fileSlug(p.name)}`;
    let file = stem;
    for (let i = 2; seen.has(file); i++) file = `${stem}-${i}`;
    seen.add(file);
    return file;
  });
}

/** `CalculatorSoap` → `Calculator`, `CalculatorSoap12` → `Calculator12`; `Soap` alone stays. */
export function withoutSoapSuffix(stem: string): string {
  const m = /^(.+?)Soap(12)?$/.exec(stem);
  return m ? `${m[1]}${m[2] ?? ""}` : stem;
}

function rank(t: TypeDef, model: ServiceModel): number {
  if (t.anonymous) return 2;
  return t.qname.ns === model.targetNamespace ? 0 : 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function baseName(t: TypeDef, inputs: ReadonlySet<TypeId>, outputs: ReadonlySet<TypeId>, model: ServiceModel): string {
  const local = t.qname.local;
  if (inputs.has(t.id)) return `${local}Request`;
  if (outputs.has(t.id)) return /Response$/.test(local) ? local : `${local}Response`;
  if (t.anonymous && t.id.endsWith("/item")) {
    // the anonymous item type of an xs:list (flags enums): `EMailFlags` → `EMailFlagsItem`
    const parent = /\}([^/]+)\/item$/.exec(t.id)?.[1];
    if (parent) return `${parent}Item`;
  }
  void model;
  return local;
}

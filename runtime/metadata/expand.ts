/** Compact metadata (format.ts) → the in-memory `ServiceMetadata` the codecs and clients read. */
import type { GlobalElementMeta, ServiceMetadata, TypeMapping, TypeMeta } from "../metadata.js";
import { array, metadataError, object, oneOf, optionalString, string, table } from "./check.js";
import { defaultNs, deriveSubtypes, expandType, nsAt, type NsTable } from "./expand-types.js";
import { expandHeaderSets, expandOperation } from "./expand-ops.js";
import { checkReferences } from "./references.js";
import { expandPolicy } from "./expand-policy.js";

const TOP_KEYS = [
  "v",
  "service",
  "port",
  "binding",
  "portType",
  "soapVersion",
  "address",
  "targetNamespace",
  "ns",
  "mapping",
  "errorHeaders",
  "restAgent",
  "policy",
  "actionBase",
  "headers",
  "ops",
  "types",
  "el",
];

/** Prefixes follow the namespace table: `tns` for the target namespace, `q1`, `q2`, ... for the rest. */
function prefixes(ns: readonly string[], tns: string): [string, string][] {
  let k = 0;
  return ns.map((uri) => [uri === tns ? "tns" : `q${++k}`, uri]);
}

function mapping(v: unknown): TypeMapping {
  const m = v === undefined ? {} : object(v, "mapping", ["long", "decimal", "dateTime"]);
  return {
    long: m["long"] === undefined ? "bigint" : oneOf(m["long"], "mapping.long", ["bigint", "string", "number"]),
    decimal: m["decimal"] === undefined ? "string" : oneOf(m["decimal"], "mapping.decimal", ["string", "number"]),
    dateTime: m["dateTime"] === undefined ? "string" : oneOf(m["dateTime"], "mapping.dateTime", ["string", "Date"]),
  };
}

function expandTypes(ctx: NsTable, v: unknown): Record<string, TypeMeta> {
  const types: Record<string, TypeMeta> = {};
  for (const [id, t] of Object.entries(table(v, "types"))) types[id] = expandType(ctx, id, t, `types.${id}`);
  deriveSubtypes(types);
  return types;
}

/** Expand and validate one metadata object whose version the caller has checked. */
export function expandMetadata(v: unknown): ServiceMetadata {
  const o = object(v, "metadata", TOP_KEYS);
  const ctx: NsTable = { ns: array(o["ns"], "ns").map((u, i) => string(u, `ns[${i}]`)), version: o["v"] as number };
  const types = expandTypes(ctx, o["types"]);
  const defaults = {
    actionBase: optionalString(o["actionBase"], "actionBase"),
    headerSets: expandHeaderSets(ctx, o["headers"]),
    types,
  };
  const operations: Record<string, ReturnType<typeof expandOperation>> = {};
  for (const [name, op] of Object.entries(table(o["ops"], "ops"))) {
    operations[name] = expandOperation(ctx, name, op, defaults, `ops.${name}`);
  }
  const port = string(o["port"], "port");
  const targetNamespace = optionalString(o["targetNamespace"], "targetNamespace") ?? ctx.ns[0] ?? "";
  const restAgent = optionalString(o["restAgent"], "restAgent");
  const meta: ServiceMetadata = {
    service: string(o["service"], "service"),
    port,
    binding: optionalString(o["binding"], "binding") ?? port,
    portType: string(o["portType"], "portType"),
    soapVersion: o["soapVersion"] === undefined ? "1.1" : oneOf(o["soapVersion"], "soapVersion", ["1.1", "1.2"]),
    address: string(o["address"], "address"),
    targetNamespace,
    prefixes: prefixes(ctx.ns, targetNamespace),
    mapping: mapping(o["mapping"]),
    ...(o["errorHeaders"] !== undefined ? { errorHeaders: errorHeaders(o["errorHeaders"]) } : {}),
    ...(restAgent !== undefined ? { restAgent } : {}),
    ...(o["policy"] !== undefined ? { policy: expandPolicy(o["policy"], ctx.version) } : {}),
    operations,
    types,
    ...(o["el"] !== undefined ? { elements: expandElements(ctx, o["el"]) } : {}),
  };
  checkReferences(meta);
  return meta;
}

function errorHeaders(v: unknown): { succeeded: string; exceptionInfo: string } {
  const e = object(v, "errorHeaders", ["succeeded", "exceptionInfo"]);
  return {
    succeeded: string(e["succeeded"], "errorHeaders.succeeded"),
    exceptionInfo: string(e["exceptionInfo"], "errorHeaders.exceptionInfo"),
  };
}

/** v4 `el`: `[local, type, ns?]` entries. */
function expandElements(ctx: NsTable, v: unknown): GlobalElementMeta[] {
  if (ctx.version < 4)
    throw metadataError(
      "el",
      `global elements need metadata format version 4 (this literal declares v: ${ctx.version})`,
    );
  return array(v, "el").map((e, i) => {
    const t = array(e, `el[${i}]`);
    if (t.length < 2 || t.length > 3) throw metadataError(`el[${i}]`, "expected [local, type, ns?]");
    return {
      local: string(t[0], `el[${i}][0]`),
      type: string(t[1], `el[${i}][1]`),
      ns: t[2] === undefined ? defaultNs(ctx) : nsAt(ctx, t[2], `el[${i}][2]`),
    };
  });
}

/**
 * `client.ts` of a service module: the client class and factory of a port (one class whatever
 * the transport), rendered from the handlebars template with a fully prepared view model
 * (no logic in the template).
 */
import type { Port } from "../model/types.js";
import type { PortNames } from "../naming/assign-names.js";
import { cmp, type EmitContext } from "./context.js";
import {
  commentText,
  docLines,
  identifier,
  memberName,
  stringLiteral,
  typeExpression,
  type Escaped,
} from "./escape.js";
import { compileTemplate } from "./template-view.js";
import { operationDoc, paramsOptional, resultTs } from "./types-file.js";
import { restAgentOf } from "./rest-agent.js";
import { describePolicy } from "./policy-doc.js";
import { hasSuperOfficeErrorHeaders } from "./metadata-file.js";
import { variantNames } from "./variants.js";
import { typeUseTs } from "./ts-types.js";

export type ClientTemplate = (view: ClientView) => string;

/** Compile the client template; it can print only escaped values (see template-view.ts). */
export function compileClientTemplate(source: string): ClientTemplate {
  return compileTemplate<ClientView>(source);
}

/** Every string is escaped for the place the template prints it (comment, string literal, name). */
export interface ClientView {
  banner: Escaped<"code">;
  runtimeImport: Escaped<"string">;
  /** The relative module specifiers, with the `--import-extension` (`"./metadata.js"`, `"./types.ts"`). */
  metadataImport: Escaped<"string">;
  typesImport: Escaped<"string">;
  metadataName: Escaped<"identifier">;
  typeImports: Escaped<"identifier">[];
  client: Escaped<"identifier">;
  factory: Escaped<"identifier">;
  agent: Escaped<"identifier">;
  operationsType: Escaped<"identifier">;
  requestHeaders: Escaped<"identifier">;
  responseHeaders: Escaped<"identifier">;
  port: Escaped<"comment">;
  binding: Escaped<"comment">;
  soapVersion: Escaped<"comment">;
  address: Escaped<"comment">;
  /** What the binding's WS-Policy requires, in words (`hasPolicy` false and empty when nothing). */
  policy: Escaped<"comment">;
  hasPolicy: boolean;
  /** The port follows SuperOffice's `Succeeded`/`ExceptionInfo` convention: default `superOfficeProfile`. */
  superOffice: boolean;
  /** The port has a SuperOffice REST WebAPI twin (`restTransport`). */
  restTwin: boolean;
  methods: MethodView[];
  /** `<Client>Faults`: per method, the union of its declared faults (absent when none declares one). */
  faultsType: Escaped<"identifier">;
  faults: FaultsView[];
  hasFaults: boolean;
}

export interface FaultsView {
  method: Escaped<"member">;
  /** Printed as `| $rt.DeclaredFault<name, type>` each. */
  members: { name: Escaped<"string">; type: Escaped<"type"> }[];
}

export interface MethodView {
  /** The operation name as a string literal (quotes included). */
  name: Escaped<"string">;
  method: Escaped<"member">;
  paramsType: Escaped<"identifier">;
  paramsOptional: boolean;
  resultType: Escaped<"type">;
  docLines: Escaped<"docLine">[];
}

/** Prepare the view model for one port. */
export function clientView(ctx: EmitContext, port: Port, names: PortNames, banner: Escaped<"code">): ClientView {
  const ext = ctx.options.importExtension ?? ".js";
  const declared = new Set([...ctx.names.types.values(), ...variantNames(ctx).values()]);
  const typeImports = new Set<string>([names.agent, names.operations, names.requestHeaders, names.responseHeaders]);
  const importTypesOf = (ts: string): void => {
    for (const id of ts.match(/[\p{ID_Start}$_][\p{ID_Continue}$]*/gu) ?? []) if (declared.has(id)) typeImports.add(id);
  };
  const faults = port.operations
    .filter((op) => (op.faults?.length ?? 0) > 0)
    .map((op): FaultsView => {
      const members = (op.faults ?? []).map((f) => {
        const value = typeUseTs(ctx, f.type);
        importTypesOf(value);
        return { name: stringLiteral(f.name), type: typeExpression(value) };
      });
      return { method: memberName(names.methods.get(op.name)!), members };
    });
  const operations = port.operations.map((op): MethodView => {
    const paramsType = ctx.typeName(op.input.type);
    typeImports.add(paramsType);
    const resultType = resultTs(ctx, op);
    for (const id of resultType.match(/[\p{ID_Start}$_][\p{ID_Continue}$]*/gu) ?? []) {
      if (declared.has(id)) typeImports.add(id);
    }
    return {
      name: stringLiteral(op.name),
      method: memberName(names.methods.get(op.name)!),
      paramsType: identifier(paramsType),
      paramsOptional: paramsOptional(ctx, op),
      resultType: typeExpression(resultType),
      docLines: docLines(operationDoc(op)),
    };
  });
  const policyText = describePolicy(port.policy);
  return {
    banner,
    runtimeImport: stringLiteral(ctx.options.runtimeImport),
    metadataImport: stringLiteral(`./metadata${ext}`),
    typesImport: stringLiteral(`./types${ext}`),
    metadataName: identifier(names.metadata),
    typeImports: [...typeImports].sort(cmp).map(identifier),
    client: identifier(names.client),
    factory: identifier(names.factory),
    agent: identifier(names.agent),
    operationsType: identifier(names.operations),
    requestHeaders: identifier(names.requestHeaders),
    responseHeaders: identifier(names.responseHeaders),
    port: commentText(port.name),
    binding: commentText(port.binding),
    soapVersion: commentText(port.soapVersion),
    address: commentText(port.address),
    policy: commentText(policyText ?? ""),
    hasPolicy: policyText !== undefined,
    superOffice: hasSuperOfficeErrorHeaders(port),
    restTwin: restAgentOf(port) !== undefined,
    methods: operations,
    faultsType: identifier(`${names.client}Faults`),
    faults,
    hasFaults: faults.length > 0,
  };
}

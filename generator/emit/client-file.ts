/**
 * `client.ts` of a service module: the client class and factory of a port (one class whatever
 * the transport), rendered from the handlebars template with a fully prepared view model
 * (no logic in the template).
 */
import Handlebars from "handlebars";
import type { Port } from "../model/types.js";
import type { PortNames } from "../naming/assign-names.js";
import { cmp, type EmitContext } from "./context.js";
import { operationDoc, paramsOptional, resultTs } from "./types-file.js";
import { jsDocText } from "./ts-types.js";
import { restAgentOf } from "./rest-agent.js";
import { hasSuperOfficeErrorHeaders } from "./metadata-file.js";

export type ClientTemplate = (view: ClientView) => string;

/** Compile the client template (`strict`: a missing field throws; `noEscape`: no HTML escaping). */
export function compileClientTemplate(source: string): ClientTemplate {
  return Handlebars.compile<ClientView>(source, { strict: true, noEscape: true });
}

export interface ClientView {
  banner: string;
  runtimeImport: string;
  metadataName: string;
  typeImports: string[];
  client: string;
  factory: string;
  agent: string;
  operationsType: string;
  requestHeaders: string;
  responseHeaders: string;
  port: string;
  binding: string;
  soapVersion: string;
  address: string;
  /** The port follows SuperOffice's `Succeeded`/`ExceptionInfo` convention: default `superOfficeProfile`. */
  superOffice: boolean;
  /** The port has a SuperOffice REST WebAPI twin (`restTransport`). */
  restTwin: boolean;
  methods: MethodView[];
}

export interface MethodView {
  name: string;
  method: string;
  paramsType: string;
  paramsOptional: boolean;
  resultType: string;
  docLines: string[];
}

/** Prepare the view model for one port. */
export function clientView(ctx: EmitContext, port: Port, names: PortNames, banner: string): ClientView {
  const declared = new Set(ctx.names.types.values());
  const typeImports = new Set<string>([names.agent, names.operations, names.requestHeaders, names.responseHeaders]);
  const operations = port.operations.map((op): MethodView => {
    const paramsType = ctx.typeName(op.input.type);
    typeImports.add(paramsType);
    const resultType = resultTs(ctx, op);
    for (const id of resultType.match(/[\p{ID_Start}$_][\p{ID_Continue}$]*/gu) ?? []) {
      if (declared.has(id)) typeImports.add(id);
    }
    const doc = jsDocText(operationDoc(op));
    return {
      name: op.name,
      method: names.methods.get(op.name)!,
      paramsType,
      paramsOptional: paramsOptional(ctx, op),
      resultType,
      docLines: doc.split("\n").map((l) => (l === "" ? "" : ` ${l}`)),
    };
  });
  return {
    banner,
    runtimeImport: ctx.options.runtimeImport,
    metadataName: names.metadata,
    typeImports: [...typeImports].sort(cmp),
    client: names.client,
    factory: names.factory,
    agent: names.agent,
    operationsType: names.operations,
    requestHeaders: names.requestHeaders,
    responseHeaders: names.responseHeaders,
    port: port.name,
    binding: port.binding,
    soapVersion: port.soapVersion,
    address: port.address,
    superOffice: hasSuperOfficeErrorHeaders(port),
    restTwin: restAgentOf(port) !== undefined,
    methods: operations,
  };
}

/**
 * `rest-client.ts` of a service module: the REST WebAPI client class and factory of a port
 * that has a REST twin (`ServiceMetadata.restAgent`), rendered from
 * `templates/rest-client.ts.hbs` with a prepared view model (no logic in the template).
 * The class implements the same transport-neutral `<Port>Agent` interface as the SOAP client.
 */
import { readFileSync } from "node:fs";
import type { Port } from "../model/types.js";
import type { PortNames } from "../naming/assign-names.js";
import { clientView, type MethodView } from "./client-file.js";
import type { EmitContext } from "./context.js";
import { commentText, docLines, identifier, type Escaped } from "./escape.js";
import { compileTemplate } from "./template-view.js";
import { restAgentOf } from "./rest-agent.js";
import { templateUrl } from "./templates.js";
import { restBaseUrlFromAddress } from "@soapkit/runtime/rest-base-url";

export interface RestClientView {
  banner: Escaped<"code">;
  runtimeImport: Escaped<"string">;
  metadataImport: Escaped<"string">;
  typesImport: Escaped<"string">;
  metadataName: Escaped<"identifier">;
  typeImports: Escaped<"identifier">[];
  client: Escaped<"identifier">;
  factory: Escaped<"identifier">;
  /** The SOAP client's name, for cross-references in doc comments. */
  soapClient: Escaped<"identifier">;
  agent: Escaped<"identifier">;
  operationsType: Escaped<"identifier">;
  port: Escaped<"comment">;
  restAgent: Escaped<"comment">;
  /** Default installation base URL derived from the WSDL address. */
  baseUrl: Escaped<"comment">;
  methods: MethodView[];
}

export type RestClientTemplate = (view: RestClientView) => string;

let compiled: RestClientTemplate | undefined;

/** The compiled REST client template (`strict`, `noEscape`), read once per process. */
export function restClientTemplate(): RestClientTemplate {
  compiled ??= compileTemplate<RestClientView>(readFileSync(templateUrl("rest-client.ts.hbs"), "utf8"));
  return compiled;
}

export { restAgentOf } from "./rest-agent.js";

/** Prepare the view model for one port (the port must have a REST agent). */
export function restClientView(ctx: EmitContext, port: Port, names: PortNames, banner: Escaped<"code">): RestClientView {
  const soap = clientView(ctx, port, names, banner);
  const restAgent = restAgentOf(port);
  if (restAgent === undefined) throw new Error(`soapkit internal error: port ${port.name} has no REST agent`);
  const typeImports = soap.typeImports.filter((t) => t !== soap.requestHeaders && t !== soap.responseHeaders);
  return {
    banner,
    runtimeImport: soap.runtimeImport,
    metadataImport: soap.metadataImport,
    typesImport: soap.typesImport,
    metadataName: soap.metadataName,
    typeImports,
    client: identifier(names.restClient),
    factory: identifier(names.restFactory),
    soapClient: soap.client,
    agent: soap.agent,
    operationsType: soap.operationsType,
    port: soap.port,
    restAgent: commentText(restAgent),
    baseUrl: commentText(restBaseUrlFromAddress(port.address)),
    methods: soap.methods.map((m, i) => {
      const op = port.operations[i]!;
      const doc = [op.documentation, `REST \`POST /api/v1/Agents/${restAgent}/${op.name}\`.`].filter(Boolean).join("\n\n");
      return { ...m, docLines: docLines(doc) };
    }),
  };
}


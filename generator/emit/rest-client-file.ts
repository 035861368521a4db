/**
 * `rest-client.ts` of a service module: the REST WebAPI client class and factory of a port
 * that has a REST twin (`ServiceMetadata.restAgent`), rendered from
 * `templates/rest-client.ts.hbs` with a prepared view model (no logic in the template).
 * The class implements the same transport-neutral `<Port>Agent` interface as the SOAP client.
 */
import { readFileSync } from "node:fs";
import Handlebars from "handlebars";
import type { Port } from "../model/types.js";
import type { PortNames } from "../naming/assign-names.js";
import { clientView, type MethodView } from "./client-file.js";
import type { EmitContext } from "./context.js";
import { jsDocText } from "./ts-types.js";
import { restAgentOf } from "./rest-agent.js";
import { templateUrl } from "./templates.js";
import { restBaseUrlFromAddress } from "@soapkit/runtime/rest-base-url";

export interface RestClientView {
  banner: string;
  runtimeImport: string;
  importExtension: string;
  metadataName: string;
  typeImports: string[];
  client: string;
  factory: string;
  /** The SOAP client's name, for cross-references in doc comments. */
  soapClient: string;
  agent: string;
  operationsType: string;
  port: string;
  restAgent: string;
  /** Default installation base URL derived from the WSDL address. */
  baseUrl: string;
  methods: MethodView[];
}

export type RestClientTemplate = (view: RestClientView) => string;

let compiled: RestClientTemplate | undefined;

/** The compiled REST client template (`strict`, `noEscape`), read once per process. */
export function restClientTemplate(): RestClientTemplate {
  compiled ??= Handlebars.compile<RestClientView>(readFileSync(templateUrl("rest-client.ts.hbs"), "utf8"), { strict: true, noEscape: true });
  return compiled;
}

export { restAgentOf } from "./rest-agent.js";

/** Prepare the view model for one port (the port must have a REST agent). */
export function restClientView(ctx: EmitContext, port: Port, names: PortNames, banner: string): RestClientView {
  const soap = clientView(ctx, port, names, banner);
  const restAgent = restAgentOf(port);
  if (restAgent === undefined) throw new Error(`soapkit internal error: port ${port.name} has no REST agent`);
  const typeImports = soap.typeImports.filter((t) => t !== names.requestHeaders && t !== names.responseHeaders);
  return {
    banner,
    runtimeImport: soap.runtimeImport,
    importExtension: soap.importExtension,
    metadataName: soap.metadataName,
    typeImports,
    client: names.restClient,
    factory: names.restFactory,
    soapClient: names.client,
    agent: names.agent,
    operationsType: names.operations,
    port: port.name,
    restAgent,
    baseUrl: restBaseUrlFromAddress(port.address),
    methods: soap.methods.map((m, i) => {
      const op = port.operations[i]!;
      const doc = jsDocText([op.documentation, `REST \`POST /api/v1/Agents/${restAgent}/${op.name}\`.`].filter(Boolean).join("\n\n"));
      return { ...m, docLines: doc.split("\n").map((l) => (l === "" ? "" : ` ${l}`)) };
    }),
  };
}


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
  laidOutCode,
  laidOutType,
  memberName,
  stringLiteral,
  typeExpression,
  type Escaped,
} from "./escape.js";
import { operationDoc, paramsOptional, resultTs } from "./types-file.js";
import { restAgentOf } from "./rest-agent.js";
import { describePolicy } from "./policy-doc.js";
import { hasSuperOfficeErrorHeaders } from "./metadata-file.js";
import { variantNames } from "./variants.js";
import { typeUseTs } from "./ts-types.js";
import { WIDTH } from "../format/layout-rules.js";
import { afterColon } from "../format/type-layout.js";
import {
  coreConstruction,
  coreField,
  oneParameterHead,
  signatureEnd,
  typeAlias,
  unionParameter,
  type Ref,
} from "./client-layout.js";

/** The compiled client template (emit/client-template.ts); it can print only escaped values (see template-view.ts). */
export type ClientTemplate = (view: ClientView) => string;

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
  /** prettier's layout: the type import list and the constructor's statement fit on one line. */
  typeImportsInline: boolean;
  /** Lines laid out for the length of the port's names (client-layout.ts). */
  optionsAlias: Escaped<"code">;
  callOptionsAlias: Escaped<"code">;
  coreField: Escaped<"code">;
  coreConstruction: Escaped<"code">;
  lenientCallEnd: Escaped<"code">;
  callEnd: Escaped<"code">;
  anyOptionsParameter: Escaped<"code">;
  anyCallEnd: Escaped<"code">;
  constructorHead: Escaped<"code">;
  factoryHead: Escaped<"code">;
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
  /** What follows `method:`: the union of `$rt.DeclaredFault<name, type>`, in prettier's layout. */
  type: Escaped<"code">;
}

export interface MethodView {
  /** The operation name as a string literal (quotes included). */
  name: Escaped<"string">;
  method: Escaped<"member">;
  paramsType: Escaped<"identifier">;
  paramsOptional: boolean;
  resultType: Escaped<"type">;
  docLines: Escaped<"docLine">[];
  /** prettier's layout: the signature and the return statement each fit on one line. */
  signatureInline: boolean;
  bodyInline: boolean;
  /** `return (await …)` fits without `.result;`: prettier moves `.result` to the next line. */
  bodyChain: boolean;
  /** The invoke call does not fit inside `return (...)`: one argument per line. */
  bodyArgsBroken: boolean;
}

/** Prepare the view model for one port. */
/** The template's lines whose layout depends on the length of the port's names. */
function laidOutLines(names: PortNames, superOffice: boolean) {
  const [client, requestHeaders, responseHeaders, operations] = [
    names.client,
    names.requestHeaders,
    names.responseHeaders,
    names.operations,
  ].map(identifier);
  const result = (output: string): Ref => ({
    name: "Promise",
    args: [{ name: "$rt.InvokeResult", args: [output, responseHeaders!] }],
  });
  const core = { name: "$rt.ClientCore", args: [requestHeaders!, responseHeaders!] };
  const options = superOffice ? ["profile: $rt.superOfficeProfile", "...options"] : "options";
  const lines = {
    optionsAlias: typeAlias(`${client}Options`, { name: "$rt.ClientOptions", args: [requestHeaders!] }),
    callOptionsAlias: typeAlias(`${client}CallOptions`, { name: "$rt.CallOptions", args: [requestHeaders!] }),
    coreField: coreField(core),
    coreConstruction: coreConstruction(core, identifier(names.metadata), options),
    lenientCallEnd: signatureEnd(result(`$rt.Lenient<${operations}[K]["output"]>`), ";"),
    callEnd: signatureEnd(result(`${operations}[K]["output"]`), ";"),
    anyOptionsParameter: unionParameter("options?:", [
      `${client}CallOptions`,
      `$rt.LenientCallOptions<${requestHeaders}>`,
    ]),
    anyCallEnd: signatureEnd(result("unknown"), " {"),
    constructorHead: oneParameterHead(2, "constructor", `options: ${client}Options = {}`, " {"),
    factoryHead: oneParameterHead(
      0,
      `export function ${identifier(names.factory)}`,
      `options: ${client}Options = {}`,
      `: ${client} {`,
    ),
  };
  return Object.fromEntries(Object.entries(lines).map(([k, v]) => [k, laidOutCode(v)])) as {
    [K in keyof typeof lines]: Escaped<"code">;
  };
}

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
        return `$rt.DeclaredFault<${stringLiteral(f.name)}, ${typeExpression(value)}>`;
      });
      const method = memberName(names.methods.get(op.name)!);
      const type = afterColon(members.join(" | "), 2, method.length + 1);
      return { method, type: laidOutType(type.startsWith("\n") ? type : ` ${type}`) };
    });
  const operations = port.operations.map((op): MethodView => {
    const paramsType = ctx.typeName(op.input.type);
    typeImports.add(paramsType);
    const resultType = resultTs(ctx, op);
    for (const id of resultType.match(/[\p{ID_Start}$_][\p{ID_Continue}$]*/gu) ?? []) {
      if (declared.has(id)) typeImports.add(id);
    }
    const method = memberName(names.methods.get(op.name)!);
    const optional = paramsOptional(ctx, op);
    const name = stringLiteral(op.name);
    const signature = `  async ${method}(params${optional ? "?" : ""}: ${paramsType}, options?: ${names.client}CallOptions): Promise<${resultType}> {`;
    const body = `    return (await this.#core.invoke<${resultType}>(${name}, params, options)).result;`;
    return {
      name,
      method,
      paramsType: identifier(paramsType),
      paramsOptional: optional,
      resultType: typeExpression(resultType),
      docLines: docLines(operationDoc(op)),
      signatureInline: signature.length <= WIDTH,
      bodyInline: body.length <= WIDTH,
      bodyChain: body.length - ".result;".length <= WIDTH,
      bodyArgsBroken: `      await this.#core.invoke<${resultType}>(${name}, params, options)`.length > WIDTH,
    };
  });
  const policyText = describePolicy(port.policy);
  const sortedImports = [...typeImports].sort(cmp).map(identifier);
  const imports = `import type { ${sortedImports.join(", ")} } from ${stringLiteral(`./types${ext}`)};`;
  const superOffice = hasSuperOfficeErrorHeaders(port);
  return {
    banner,
    runtimeImport: stringLiteral(ctx.options.runtimeImport),
    metadataImport: stringLiteral(`./metadata${ext}`),
    typesImport: stringLiteral(`./types${ext}`),
    metadataName: identifier(names.metadata),
    typeImports: sortedImports,
    typeImportsInline: imports.length <= WIDTH,
    ...laidOutLines(names, superOffice),
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
    restTwin: restAgentOf(port) !== undefined,
    methods: operations,
    faultsType: identifier(`${names.client}Faults`),
    faults,
    hasFaults: faults.length > 0,
  };
}

/**
 * Embedded SuperOffice emulator: a real node-soap 1.13 (`soap.listen`) server on 127.0.0.1 with
 * an ephemeral port, serving one or more WSDLs, generic over `ServiceMetadata`.
 *
 * Request flow; every per-request value is keyed by the `req` object (WeakMap), never module
 * state, so concurrent calls cannot see each other's tickets or headers:
 *
 *  0. `POST [/<tenant>]/api/v1/Agents/{Agent}/{Method}` goes to the REST WebAPI routes (rest.ts):
 *     same handlers, same tickets, JSON in and out, recorded with `transport: "rest"`.
 *  1. The emulator's own `http` listener routes by path and reads the exact request body
 *     (gunzipping `Content-Encoding: gzip`) → `ReceivedCall.rawXml`.
 *  2. Pipeline (runtime codec): parse the envelope, pick the operation (SOAPAction, else the
 *     body element), decode typed headers + input, check ApplicationToken and
 *     Credentials/Ticket, run the handler (async), encode output headers + wrapper children.
 *     Malformed XML / unknown actions / SOAP version mismatches are answered here with a
 *     WCF-looking fault (node-soap would answer some of them with a plain-text 500).
 *  3. node-soap is mounted through a minimal Express-compatible router
 *     (`app.route(path).all(handler)`); the request is handed over with `req.body` set, as
 *     an Express body parser would, and node-soap parses, dispatches and writes the envelope.
 *  4. `server.addSoapHeader(fn)`: node-soap calls fn(methodName, args, headers, req) for every
 *     response (before the service method); fn returns the encoded header XML for that req.
 *  5. The service method (args, cb, headers, req) records node-soap's own parsed args/headers
 *     and returns `{ $xml: children }`, which node-soap writes verbatim inside its own
 *     `<OpResponse xmlns="tns">` wrapper (the codec's namespace declarations are moved onto
 *     that wrapper through node-soap's `attributes` key), or rejects with `{ Fault }`.
 *  6. `server.log("replied", xml, req)` gives the response text and status, recorded.
 *
 * The emulator never prints anything (tickets, tokens and passwords included).
 */

import { randomBytes } from "node:crypto";
import * as http from "node:http";
import { gunzipSync } from "node:zlib";
import type { AddressInfo } from "node:net";
import * as soap from "soap";

import {
  SOAP11_ENV_NS,
  SOAP12_ENV_NS,
  type HeaderMeta,
  type OperationMeta,
  type ServiceMetadata,
} from "../runtime/metadata.js";
import type { XmlElement } from "../runtime/xml/parse.js";
import { decodeBody, decodeHeaders } from "../runtime/codec/decode.js";
import { encodeBody, encodeHeaders } from "../runtime/codec/encode.js";
import { parseEnvelope } from "../runtime/envelope.js";
import { EmulatorException, EmulatorFault, type ExceptionInfoValue } from "./errors.js";
import { errorHeaderNames, findHeader, fitToType } from "./meta-util.js";
import { sampleOutput } from "../generator/mock/sample-values.js";
import { createRestHandler, isRestPath } from "./rest.js";
import type { EmulatorUser } from "./so-principal.js";

export { EmulatorException, EmulatorFault, type ExceptionInfoValue, type EmulatorExceptionOptions } from "./errors.js";
export { sampleInput, sampleOutput, sampleValue, type SampleOptions } from "../generator/mock/sample-values.js";
export { EMailAgentStore, createEMailImplementation } from "./email-agent.js";
export { createSoPrincipalImplementation, type EmulatorUser, type SoPrincipalOptions } from "./so-principal.js";
export { isRestPath } from "./rest.js";

// ------------------------------------------------------------------------------------ API

export interface EmulatorService<M extends ServiceMetadata = ServiceMetadata> {
  metadata: M;
  /** WSDL text to serve (`GET <path>?wsdl` returns it unchanged). */
  wsdlXml: string;
  /** URL path, e.g. `/Remote/Services84/EMail.svc`. */
  path: string;
  /** Handlers by operation name; a missing one answers with `sampleOutput(...)`. */
  implementation: Partial<Record<string, OperationHandler>>;
}

/**
 * Returns the typed OUTPUT WRAPPER object (e.g. `{ Response: {...} }`), or `undefined` for a
 * void operation. Throw `EmulatorException` for `Succeeded=false`, `EmulatorFault` for a fault.
 */
export type OperationHandler = (input: Record<string, unknown>, ctx: CallContext) => unknown | Promise<unknown>;

export interface TicketStore {
  /** Issue a fresh SuperOffice-looking ticket (`7T:...`) and register it as valid. */
  issue(): string;
  add(ticket: string): void;
  revoke(ticket: string): void;
  isValid(ticket: string): boolean;
}

export interface CallContext {
  operation: string;
  /** `ServiceMetadata.service` of the called service. */
  service: string;
  path: string;
  metadata: ServiceMetadata;
  /** Decoded typed request headers. */
  headers: Record<string, unknown>;
  httpHeaders: Record<string, string>;
  /** The validated ticket, when the operation declares a `Credentials` header. */
  ticket: string | undefined;
  /** Extra output headers for this call (e.g. `ExtraInfo`), merged over the defaults. */
  responseHeaders: Record<string, unknown>;
  tickets: TicketStore;
}

export type CallOutcome = "ok" | "bad-ticket" | "bad-app-token" | "error";

export interface ReceivedCall {
  /** `"soap"` (an envelope to a `.svc` path) or `"rest"` (`POST /api/v1/Agents/{Agent}/{Method}`, see rest.ts). */
  transport: "soap" | "rest";
  /** `ServiceMetadata.service`, e.g. `WcfEMailService`. */
  service: string;
  path: string;
  operation: string;
  /** SOAPAction as sent (quotes removed), or the `action` parameter of a SOAP 1.2 Content-Type. */
  soapAction: string | undefined;
  httpHeaders: Record<string, string>;
  /** The exact request body text node-soap received (`""` for REST calls). */
  rawXml: string;
  /** REST: HTTP method, request path + query, the exact JSON body, the JSON answered. */
  httpMethod?: string;
  url?: string;
  rawJson?: string;
  responseJson?: string;
  /** Typed input wrapper, decoded with the runtime codec (REST: with the runtime JSON codec). */
  input: Record<string, unknown>;
  /** Typed request headers, decoded with the runtime codec (REST: `ApplicationToken` from `SO-AppToken`, `Credentials.Ticket` from an `SOTicket`/`Bearer` Authorization). */
  headers: Record<string, unknown>;
  /** What node-soap itself parsed for the body (independent view). */
  soapArgs: unknown;
  /** What node-soap itself parsed for the SOAP header. */
  soapHeaders: unknown;
  outcome: CallOutcome;
  /** Error text for `outcome: "error"` (never contains tickets or passwords). */
  error?: string;
  /** Typed output headers sent. */
  responseHeaders?: Record<string, unknown>;
  /** Typed output wrapper sent (undefined for void / failures). */
  output?: unknown;
  statusCode?: number;
  responseXml?: string;
}

export interface StartEmulatorOptions {
  services: EmulatorService[];
  /** When set, operations with an `ApplicationToken` input header must send exactly this. */
  applicationToken?: string;
  validTickets?: Iterable<string> | ((ticket: string) => boolean);
  host?: "127.0.0.1";
  /** Default 0 (ephemeral). */
  port?: number;
  /** Accounts accepted by REST `Authorization: Basic` (SOAP uses tickets only). */
  users?: readonly EmulatorUser[];
}

export interface Emulator {
  /** `http://127.0.0.1:PORT` */
  url: string;
  endpoint(path: string): string;
  received: ReceivedCall[];
  clear(): void;
  close(): Promise<void>;
  tickets: TicketStore;
  addTicket(ticket: string): void;
  revokeTicket(ticket: string): void;
  issueTicket(): string;
  /** Received calls of one operation (optionally of one service). */
  calls(operation: string, service?: string): ReceivedCall[];
}

// ------------------------------------------------------------------------------- internals

interface Prepared {
  /** Encoded output header elements. */
  headerXml: string;
  /** Encoded children of the output wrapper. */
  bodyXml: string;
  /** Namespace declarations to put on node-soap's wrapper element. */
  wrapperAttrs: Record<string, string>;
  fault?: { code: FaultKind; message: string; statusCode: number };
}

interface RequestState {
  record: ReceivedCall;
  res: http.ServerResponse;
  op?: OperationMeta;
  prepared?: Prepared;
}

class Tickets implements TicketStore {
  private readonly set = new Set<string>();
  constructor(private readonly predicate: ((t: string) => boolean) | undefined) {}
  issue(): string {
    const t = `7T:${randomBytes(24).toString("base64")}`;
    this.set.add(t);
    return t;
  }
  add(ticket: string): void {
    this.set.add(ticket);
  }
  revoke(ticket: string): void {
    this.set.delete(ticket);
  }
  isValid(ticket: string): boolean {
    return this.set.has(ticket) || (this.predicate !== undefined && this.predicate(ticket));
  }
}

function flattenHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(", ") : v;
  }
  return out;
}

function soapActionOf(h: http.IncomingHttpHeaders): string | undefined {
  const sa = h["soapaction"];
  if (typeof sa === "string") return sa.startsWith('"') && sa.endsWith('"') && sa.length >= 2 ? sa.slice(1, -1) : sa;
  const ct = h["content-type"];
  if (typeof ct === "string") {
    const m = /;\s*action\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(ct);
    if (m) return m[2] ?? m[1];
  }
  return undefined;
}

function resolveOperation(
  meta: ServiceMetadata,
  soapAction: string | undefined,
  bodyChild: XmlElement | undefined,
): OperationMeta | undefined {
  const ops = Object.values(meta.operations);
  if (soapAction !== undefined && soapAction !== "") {
    const exact = ops.find((o) => o.soapAction === soapAction);
    if (exact) return exact;
    const suffix = soapAction.split("/").pop();
    const bySuffix = ops.find((o) => o.name === suffix);
    if (bySuffix) return bySuffix;
    return undefined;
  }
  if (bodyChild === undefined) return undefined;
  return ops.find((o) => o.input.ns === bodyChild.ns && o.input.element === bodyChild.local);
}

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * Split the codec's encoded wrapper into (namespace declarations, children) so node-soap can
 * write its own wrapper element around the children. Accepts either a full wrapper element
 * (`<tns:OpResponse xmlns:tns="...">children</tns:OpResponse>`) or children only.
 */
export function splitWrapper(xml: string, wrapperLocal: string): { attrs: Record<string, string>; children: string } {
  const s = xml.trim();
  const m = /^<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)/.exec(s);
  if (m === null || m[2] !== wrapperLocal) return { attrs: {}, children: xml };
  // Find the end of the start tag (attribute values are quoted; '>' may appear inside them).
  let i = m[0].length;
  let quote = "";
  for (; i < s.length; i++) {
    const c = s[i]!;
    if (quote !== "") {
      if (c === quote) quote = "";
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") break;
  }
  if (i >= s.length) return { attrs: {}, children: xml };
  const startTag = s.slice(0, i + 1);
  const attrs: Record<string, string> = {};
  const attrRe = /\s(xmlns(?::[\w.-]+)?)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let a = attrRe.exec(startTag); a !== null; a = attrRe.exec(startTag)) {
    attrs[a[1]!] = decodeAttr(a[3] ?? a[4] ?? "");
  }
  if (startTag.endsWith("/>")) return { attrs, children: "" };
  const closeAt = s.lastIndexOf("</");
  if (closeAt < i) return { attrs: {}, children: xml };
  return { attrs, children: s.slice(i + 1, closeAt) };
}

function decodeAttr(v: string): string {
  return v.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    switch (e) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
      default:
        return String.fromCodePoint(e.startsWith("#x") ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

// ----------------------------------------------------------------------------- emulator

export async function startEmulator(options: StartEmulatorOptions): Promise<Emulator> {
  const host = options.host ?? "127.0.0.1";
  if (host !== "127.0.0.1") throw new Error("emulator: only 127.0.0.1 is supported");
  const predicate = typeof options.validTickets === "function" ? options.validTickets : undefined;
  const tickets = new Tickets(predicate);
  if (options.validTickets !== undefined && typeof options.validTickets !== "function") {
    for (const t of options.validTickets) tickets.add(t);
  }

  const received: ReceivedCall[] = [];
  const states = new WeakMap<http.IncomingMessage, RequestState>();
  const routes = new Map<string, Route>();
  for (const service of options.services) {
    const p = normalizePath(service.path);
    if (routes.has(p)) throw new Error(`emulator: two services on path ${service.path}`);
    routes.set(p, { service, handler: undefined });
  }

  const httpServer = http.createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      // Unexpected emulator failure: answer with a fault rather than hanging the client.
      const st = states.get(req);
      if (st) {
        st.record.outcome = "error";
        st.record.error = errorText(err);
      }
      if (!res.headersSent) sendFault(req, res, "1.1", "Server", `emulator failure: ${errorText(err)}`, 500);
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off("error", reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;

  // node-soap is mounted on a minimal Express-compatible router (`route(path).all(fn)` + `use`):
  // the emulator reads the body itself (exact bytes, gzip), validates and runs the pipeline,
  // then hands the request to node-soap with `req.body` set, as an Express body parser would.
  const hosted: soap.Server[] = [];
  try {
    for (const route of routes.values()) hosted.push(await mount(route));
  } catch (err) {
    await closeServer(httpServer);
    throw err;
  }

  async function mount(route: Route): Promise<soap.Server> {
    const service = route.service;
    const meta = service.metadata;
    const app = {
      route: (_path: string) => ({
        all: (handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) => {
          route.handler = handler;
        },
      }),
      use: () => undefined,
      address: () => ({ address: host, port, family: "IPv4" }),
    };
    const methods: Record<string, soap.ISoapServiceMethod> = {};
    for (const opName of Object.keys(meta.operations)) {
      methods[opName] = (args: unknown, _cb?: unknown, soapHeaders?: unknown, req?: http.IncomingMessage) =>
        serviceMethod(meta, opName, args, soapHeaders, req);
    }
    const services: soap.IServices = { [meta.service]: { [meta.port]: methods } };
    const server = await new Promise<soap.Server>((resolve, reject) => {
      const holder: { srv?: soap.Server } = {};
      holder.srv = soap.listen(app as unknown as Parameters<typeof soap.listen>[0], {
        path: service.path,
        services,
        xml: service.wsdlXml,
        suppressStack: true,
        ...(meta.soapVersion === "1.2" ? { forceSoap12Headers: true } : {}),
        callback: (err: unknown) => {
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
          else
            setImmediate(() =>
              holder.srv ? resolve(holder.srv) : reject(new Error("emulator: soap.listen returned nothing")),
            );
        },
      });
    });
    if (route.handler === undefined) throw new Error(`emulator: node-soap did not mount ${service.path}`);
    server.log = (type: string, data: unknown, req: http.IncomingMessage) => onLog(type, data, req);
    server.addSoapHeader((_methodName: string, _args: unknown, _headers: unknown, req: http.IncomingMessage) => {
      return states.get(req)?.prepared?.headerXml ?? "";
    });
    return server;
  }

  const rest = createRestHandler({
    services: options.services,
    tickets,
    applicationToken: options.applicationToken,
    users: options.users ?? [],
    received,
    readBody: async (req) =>
      req.headers["content-encoding"] === "gzip" ? gunzipSync(await readBody(req)) : readBody(req),
    flattenHeaders,
    badTicket,
    badAppToken,
  });

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const pathname = new URL(req.url ?? "/", url).pathname;
    if (isRestPath(pathname)) {
      await rest(req, res, new URL(req.url ?? "/", url));
      return;
    }
    const route = routes.get(normalizePath(pathname));
    if (route === undefined || route.handler === undefined) {
      res.statusCode = 404;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Not Found");
      return;
    }
    if (req.method !== "POST") {
      route.handler(req, res); // node-soap: GET ?wsdl serves the WSDL text
      return;
    }
    const meta = route.service.metadata;
    let body = await readBody(req);
    if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
    const record: ReceivedCall = {
      transport: "soap",
      service: meta.service,
      path: route.service.path,
      operation: "",
      soapAction: soapActionOf(req.headers),
      httpHeaders: flattenHeaders(req.headers),
      rawXml: body.toString("utf8"),
      input: {},
      headers: {},
      soapArgs: undefined,
      soapHeaders: undefined,
      outcome: "error",
    };
    received.push(record);
    const st: RequestState = { record, res };
    states.set(req, st);

    const direct = await pipeline(route.service, st);
    if (direct !== undefined) {
      record.error ??= direct.message;
      sendFault(req, res, direct.version, direct.code, direct.message, direct.status, direct.codeValue);
      record.statusCode = direct.status;
      return;
    }
    (req as http.IncomingMessage & { body?: Buffer }).body = body;
    route.handler(req, res);
  }

  function sendFault(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    version: "1.1" | "1.2",
    code: FaultKind,
    message: string,
    status: number,
    codeValue?: string,
  ): void {
    const xml = faultEnvelope(version, code, message, codeValue);
    res.statusCode = status;
    res.setHeader(
      "Content-Type",
      version === "1.2" ? "application/soap+xml; charset=utf-8" : "text/xml; charset=utf-8",
    );
    res.end(xml);
    const st = states.get(req);
    if (st) st.record.responseXml = xml;
  }

  function onLog(type: string, data: unknown, req: http.IncomingMessage): void {
    const st = states.get(req);
    if (st === undefined) return;
    if (type === "replied") {
      st.record.responseXml = typeof data === "string" ? data : String(data);
      st.record.statusCode = st.res.statusCode;
    } else if (type === "error") {
      // node-soap failed on a request the runtime codec accepted.
      st.record.outcome = "error";
      st.record.error ??= `node-soap: ${errorText(data)}`;
      st.record.statusCode = st.res.statusCode;
    }
  }

  /**
   * Decode, check, run the handler and encode the response (stored in `st.prepared`).
   * Returns a fault to send directly when the request cannot be dispatched at all.
   */
  async function pipeline(service: EmulatorService, st: RequestState): Promise<DirectFault | undefined> {
    const record = st.record;
    const meta = service.metadata;

    let env: ReturnType<typeof parseEnvelope>;
    try {
      env = parseEnvelope(record.rawXml);
    } catch (err) {
      record.error = errorText(err);
      return {
        version: meta.soapVersion,
        code: "Client",
        status: 400,
        message: `The request is not a well-formed SOAP message: ${errorText(err)}`,
      };
    }
    if (env.version !== meta.soapVersion) {
      return {
        version: meta.soapVersion,
        code: "VersionMismatch",
        status: 500,
        message: `The binding expects SOAP ${meta.soapVersion} but the request is a SOAP ${env.version} envelope`,
      };
    }
    const op = resolveOperation(meta, record.soapAction, env.firstBodyChild);
    if (op === undefined) {
      // What WCF answers for an unknown action.
      return {
        version: meta.soapVersion,
        code: "Client",
        codeValue: "a:ActionNotSupported",
        status: 500,
        message:
          `The message with Action '${record.soapAction ?? ""}' cannot be processed at the receiver, due to a ContractFilter ` +
          `mismatch at the EndpointDispatcher.`,
      };
    }
    st.op = op;
    record.operation = op.name;

    try {
      record.headers = decodeHeaders(meta, op.inputHeaders, env.header);
      record.input = env.firstBodyChild === undefined ? {} : decodeBody(meta, op.input, env.firstBodyChild);
    } catch (err) {
      record.error = errorText(err);
      st.prepared = faultPrepared(
        "Client",
        `The formatter threw an exception while trying to deserialize the message: ${errorText(err)}`,
      );
      return undefined;
    }

    const responseHeaders: Record<string, unknown> = {};
    const names = errorHeaderNames(meta, op);
    const tzOut = findHeader(op.outputHeaders, "TimeZone");
    if (tzOut !== undefined && record.headers["TimeZone"] != null)
      responseHeaders[tzOut.name] = record.headers["TimeZone"];

    // ---- ApplicationToken / ticket checks
    let failure: EmulatorException | undefined;
    if (options.applicationToken !== undefined && findHeader(op.inputHeaders, "ApplicationToken") !== undefined) {
      const sent = record.headers["ApplicationToken"];
      if (sent !== options.applicationToken) failure = badAppToken(sent == null || sent === "");
    }
    let ticket: string | undefined;
    if (failure === undefined && findHeader(op.inputHeaders, "Credentials") !== undefined) {
      const cred = record.headers["Credentials"] as Record<string, unknown> | null | undefined;
      const t = cred?.["Ticket"];
      if (typeof t !== "string" || t === "") failure = badTicket(true);
      else if (!tickets.isValid(t)) failure = badTicket(false);
      else ticket = t;
    }

    let output: unknown;
    if (failure === undefined) {
      const ctx: CallContext = {
        operation: op.name,
        service: meta.service,
        path: service.path,
        metadata: meta,
        headers: record.headers,
        httpHeaders: record.httpHeaders,
        ticket,
        responseHeaders,
        tickets,
      };
      const handler = service.implementation[op.name];
      try {
        output = handler !== undefined ? await handler(record.input, ctx) : sampleOutput(meta, op.name);
      } catch (err) {
        if (err instanceof EmulatorFault) {
          record.error = errorText(err);
          st.prepared = faultPrepared(err.faultcode, err.faultstring, err.statusCode);
          return undefined;
        }
        failure =
          err instanceof EmulatorException
            ? err
            : new EmulatorException(err instanceof Error ? err.message : String(err), {
                exceptionType: err instanceof Error && err.name !== "Error" ? err.name : "System.Exception",
              });
      }
    }

    if (failure !== undefined) {
      record.outcome = failure.outcome;
      record.error = failure.message;
      output =
        failure.output !== undefined && op.output !== null
          ? fitToType(meta, op.output.type, failure.output)
          : undefined;
      if (names.succeeded === undefined && names.exceptionInfo === undefined) {
        // No SuperOffice error headers on this service: report as a SOAP fault instead.
        st.prepared = faultPrepared("Server", failure.message);
        return undefined;
      }
      if (names.succeeded !== undefined) responseHeaders[names.succeeded] = false;
      if (names.exceptionInfo !== undefined) {
        const h = findHeader(op.outputHeaders, names.exceptionInfo)!;
        responseHeaders[names.exceptionInfo] = fitToType(meta, h.type, failure.info);
      }
    } else {
      record.outcome = "ok";
      if (names.succeeded !== undefined) responseHeaders[names.succeeded] = true;
    }

    try {
      st.prepared = encodeResponse(meta, op, output, responseHeaders);
      record.responseHeaders = responseHeaders;
      record.output = output;
    } catch (err) {
      record.outcome = "error";
      record.error = `emulator could not encode the response: ${errorText(err)}`;
      st.prepared = faultPrepared("Server", record.error);
    }
    return undefined;
  }

  function serviceMethod(
    meta: ServiceMetadata,
    opName: string,
    args: unknown,
    soapHeaders: unknown,
    req: http.IncomingMessage | undefined,
  ): unknown {
    const fault = (code: FaultKind, message: string, statusCode = 500) =>
      Promise.reject({ Fault: faultObject(meta, code, message, statusCode) });
    const st = req !== undefined ? states.get(req) : undefined;
    if (st === undefined) return fault("Server", "emulator: no request state");
    st.record.soapArgs = args;
    st.record.soapHeaders = soapHeaders;
    const p = st.prepared;
    if (st.op !== undefined && st.op.name !== opName) {
      st.record.outcome = "error";
      st.record.error = `node-soap dispatched ${opName} but the emulator resolved ${st.op.name}`;
      return fault("Server", st.record.error);
    }
    if (p === undefined) {
      st.record.outcome = "error";
      return fault("Server", "emulator: request was not processed");
    }
    if (p.fault !== undefined) {
      st.record.outcome = "error";
      return fault(p.fault.code, p.fault.message, p.fault.statusCode);
    }
    return Object.keys(p.wrapperAttrs).length > 0
      ? { attributes: p.wrapperAttrs, $xml: p.bodyXml }
      : { $xml: p.bodyXml };
  }

  const emulator: Emulator = {
    url,
    endpoint: (path: string) => `${url}${path.startsWith("/") ? "" : "/"}${path}`,
    received,
    clear: () => {
      received.length = 0;
    },
    close: async () => {
      for (const s of hosted) s.removeAllListeners();
      await closeServer(httpServer);
    },
    tickets,
    addTicket: (t) => tickets.add(t),
    revokeTicket: (t) => tickets.revoke(t),
    issueTicket: () => tickets.issue(),
    calls: (operation, service) =>
      received.filter((c) => c.operation === operation && (service === undefined || c.service === service)),
  };
  return emulator;
}

type FaultKind = "Client" | "Server" | "VersionMismatch";

interface DirectFault {
  version: "1.1" | "1.2";
  code: FaultKind;
  /** Fault code as written (default: the envelope prefix + code). */
  codeValue?: string;
  status: number;
  message: string;
}

interface Route {
  service: EmulatorService;
  /** node-soap's request handler, registered through `app.route(path).all(...)`. */
  handler: ((req: http.IncomingMessage, res: http.ServerResponse) => void) | undefined;
}

const MAX_BODY = 64 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function faultPrepared(code: FaultKind, message: string, statusCode = 500): Prepared {
  return { headerXml: "", bodyXml: "", wrapperAttrs: {}, fault: { code, message, statusCode } };
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : "&quot;"));
}

/** A WCF-looking fault envelope, for requests that never reach node-soap. */
function faultEnvelope(version: "1.1" | "1.2", code: FaultKind, message: string, codeValue?: string): string {
  const addr = codeValue?.startsWith("a:") ? ` xmlns:a="http://www.w3.org/2005/08/addressing"` : "";
  if (version === "1.2") {
    const value = code === "Client" ? "s:Sender" : code === "Server" ? "s:Receiver" : "s:VersionMismatch";
    const sub =
      codeValue !== undefined ? `<s:Subcode><s:Value${addr}>${escapeXml(codeValue)}</s:Value></s:Subcode>` : "";
    return (
      `<s:Envelope xmlns:s="${SOAP12_ENV_NS}"><s:Body><s:Fault><s:Code><s:Value>${value}</s:Value>${sub}</s:Code>` +
      `<s:Reason><s:Text xml:lang="en-US">${escapeXml(message)}</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`
    );
  }
  const value = codeValue ?? `s:${code}`;
  return (
    `<s:Envelope xmlns:s="${SOAP11_ENV_NS}"><s:Body><s:Fault><faultcode${addr}>${escapeXml(value)}</faultcode>` +
    `<faultstring xml:lang="en-US">${escapeXml(message)}</faultstring></s:Fault></s:Body></s:Envelope>`
  );
}

/** node-soap fault object: SOAP 1.1 `faultcode`/`faultstring`, SOAP 1.2 `Code`/`Reason`. */
function faultObject(
  meta: ServiceMetadata,
  code: FaultKind,
  message: string,
  statusCode: number,
): Record<string, unknown> {
  // node-soap writes the fault with its envelope prefix `soap`, so codes use that prefix.
  if (meta.soapVersion === "1.2") {
    const value = code === "Client" ? "soap:Sender" : code === "Server" ? "soap:Receiver" : "soap:VersionMismatch";
    return { Code: { Value: value }, Reason: { Text: message }, statusCode };
  }
  return { faultcode: `soap:${code}`, faultstring: message, statusCode };
}

function normalizePath(p: string): string {
  return p.endsWith("/") ? p : `${p}/`;
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Encode output headers and the output wrapper's children with the runtime codec. */
function encodeResponse(
  meta: ServiceMetadata,
  op: OperationMeta,
  output: unknown,
  responseHeaders: Record<string, unknown>,
): Prepared {
  const present: HeaderMeta[] = op.outputHeaders.filter((h) => responseHeaders[h.name] !== undefined);
  const headerXml =
    present.length > 0 ? encodeHeaders(meta, present, responseHeaders, { declareNamespaces: true }) : "";
  let bodyXml = "";
  let wrapperAttrs: Record<string, string> = {};
  if (op.output !== null && !op.output.empty && output !== undefined && output !== null) {
    if (typeof output !== "object") throw new Error(`handler for ${op.name} must return the output wrapper object`);
    const encoded = encodeBody(meta, op.output, output, { declareNamespaces: true });
    const split = splitWrapper(encoded, op.output.element);
    bodyXml = split.children;
    wrapperAttrs = split.attrs;
    // node-soap writes its wrapper unprefixed with xmlns="<tns>"; never override that default.
    delete wrapperAttrs["xmlns"];
  }
  return { headerXml, bodyXml, wrapperAttrs };
}

// ------------------------------------------------------------------ SuperOffice-style errors

function badTicket(missing: boolean): EmulatorException {
  const inner: ExceptionInfoValue = {
    Message: missing
      ? "No ticket was supplied in the Credentials header"
      : "The ticket is not recognized or has expired",
    StackTrace: "   at SuperOffice.CRM.Security.SoSession.Authenticate(SoCredentials credentials)",
    FriendlyText: null,
    ExceptionType: "SuperOffice.CRM.Security.SoSecurityException",
    Source: "SoCore",
  };
  return new EmulatorException("Invalid ticket", {
    exceptionType: "SoSessionException",
    friendlyText: "Your session is not valid. Please log in again.",
    source: "SuperOffice.Services84",
    stackTrace: "   at SuperOffice.Services84.Implementation.SoSessionHelper.Authenticate()",
    inner,
    outcome: "bad-ticket",
  });
}

function badAppToken(missing: boolean): EmulatorException {
  return new EmulatorException(missing ? "Application token is missing" : "Invalid application token", {
    exceptionType: "SuperOffice.CRM.Security.SoSecurityException",
    friendlyText: "The application is not allowed to access this installation.",
    inner: {
      Message: "ApplicationToken validation failed",
      StackTrace: "   at SuperOffice.CRM.Security.ApplicationTokenValidator.Validate(String token)",
      FriendlyText: null,
      ExceptionType: "SuperOffice.CRM.Security.SoApplicationTokenException",
      Source: "SoCore",
    },
    outcome: "bad-app-token",
  });
}

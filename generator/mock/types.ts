/**
 * The public contract of `soapkit/mock`: a typed mock server for any WSDL, for users' tests and
 * demos. `startMock` (mock/start.ts) implements it; profiles (e.g. `soapkit/mock/superoffice`)
 * plug in through `MockProfile` without the core knowing any vendor.
 *
 * One transport-neutral dispatch: an adapter (SOAP envelope, or a profile's REST route) turns a
 * request into a `MockRequest`; `dispatch` runs profile.authenticate → handler (or a sample
 * response) → profile.mapError, giving one `MockOutcome`; the adapter writes it back.
 */

import type { CompactMetadata, OperationMeta, ServiceMetadata } from "@soapkit/runtime";
import type { MockBodyPart } from "./streamed-bytes.js";

export type { MockBodyPart } from "./streamed-bytes.js";

/** Generated (`CompactMetadata`, as `generated/<port>/metadata.ts` exports it) or expanded metadata. */
export type AnyMetadata = CompactMetadata | ServiceMetadata;

/**
 * Operation map of a generated client: `{ [operation]: { input; output } }` (e.g. `EMailOperations`).
 * `any` values: a generated map is an interface, and interfaces have no implicit index signature,
 * so `Record<string, { input; output }>` would reject them.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type OperationMap = Record<string, any>;

/** What to serve: compiled metadata (runtime only), or WSDL paths/URLs (needs the generator, loaded lazily). */
export type MockSource =
  AnyMetadata | MockService | readonly (AnyMetadata | MockService)[] | string | readonly string[];

export interface MockService {
  metadata: AnyMetadata;
  /** URL path the port is served on; default: the path of the metadata's default endpoint, else `/<service>/<port>`. */
  path?: string;
  /** Source documents answered to `?wsdl` / `?singleWsdl` (`main` is the entry). */
  documents?: { main: string; files: Readonly<Record<string, string>> };
}

/** A served port as the runtime holds it: metadata always expanded, path always set. */
export interface ServedService extends MockService {
  readonly metadata: ServiceMetadata;
  readonly path: string;
}

export interface StartMockOptions {
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Seed of the deterministic sample values (default 1: the values `sampleOutput(meta, op)` gives without a seed). */
  seed?: number;
  /** Check every request against the schema; the first violation is answered as a SOAP Client fault. */
  validate?: boolean;
  /** Vendor behaviours layered on the generic mock, applied in order. */
  profiles?: readonly MockProfile[];
  /** One line per call received (the CLI passes `console.log`); never contains header values. */
  log?: (line: string) => void;
}

export interface MockContext {
  operation: string;
  /** `ServiceMetadata.service` and port name of the called port. */
  service: string;
  port: string;
  transport: "soap" | "rest";
  /** Decoded typed request headers. */
  headers: Readonly<Record<string, unknown>>;
  httpHeaders: Readonly<Record<string, string>>;
  /** Output headers for this call (typed names of the operation's output headers); a profile may preset them. */
  responseHeaders: Record<string, unknown>;
  /** Per-call values a profile hands to handlers (e.g. the validated ticket). */
  state: Map<string, unknown>;
  /** The deterministic sample response of this operation (what is answered without a handler). */
  sample(): unknown;
}

export type MockHandler<I = unknown, O = unknown> = (input: I, ctx: MockContext) => O | Promise<O>;

/** A request after the adapter decoded it, before dispatch. */
export interface MockRequest {
  transport: "soap" | "rest";
  service: MockService;
  operation: OperationMeta;
  input: unknown;
  headers: Record<string, unknown>;
  httpHeaders: Record<string, string>;
}

/**
 * The one result of dispatch, written back by the adapter of the request's transport. `output` is
 * the operation's output WRAPPER (the handler's result wrapped per `output.unwrap`; undefined for
 * a void/one-way operation). `drop`: close the connection without an answer (`mock.fail(op, { drop })`).
 * `rejected`: set by dispatch when a profile's authenticate produced the outcome.
 */
export type MockOutcome = (
  | { kind: "ok"; output: unknown; responseHeaders: Record<string, unknown> }
  | { kind: "fault"; fault: MockFaultSpec }
  | { kind: "http"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "drop" }
) & { rejected?: true };

export interface MockFaultSpec {
  /** Default `"Server"` (SOAP 1.2: Receiver); `"Client"` maps to Sender. */
  code?: "Client" | "Server";
  message: string;
  /** Typed detail: the name of one of the operation's declared `wsdl:fault`s and its value. */
  detail?: { fault: string; value: unknown };
  /** Default 500. */
  statusCode?: number;
}

export interface MockProfile {
  readonly name: string;
  /** Before the handler: return an outcome to reject the call (recorded as `"rejected"`), or undefined to proceed. */
  authenticate?(request: MockRequest, ctx: MockContext): MockOutcome | undefined | Promise<MockOutcome | undefined>;
  /** A handler threw something that is not a `MockFault`/`MockHttpError`: turn it into an outcome, or undefined for the default (a Server fault). */
  mapError?(error: unknown, request: MockRequest, ctx: MockContext): MockOutcome | undefined;
  /** Extra HTTP routes (REST twins, login, state API). Return true when the request was answered. */
  route?(http: MockHttpExchange, mock: MockRuntime): boolean | Promise<boolean>;
}

/** The raw HTTP exchange given to a profile route. */
export interface MockHttpExchange {
  method: string;
  /** Path + query as received. */
  url: string;
  headers: Readonly<Record<string, string>>;
  /** Exact request body (gunzipped when `Content-Encoding: gzip`). */
  body: string;
  /** A body in parts streams: each `StreamedBytes` is written as base64 chunk by chunk. */
  respond(status: number, body: string | readonly MockBodyPart[], headers?: Record<string, string>): void;
  /** Close the connection without answering (a `drop` outcome). */
  drop(): void;
}

/** What a profile route may use: the same dispatch the SOAP adapter uses, and call recording. */
export interface MockRuntime {
  readonly services: readonly ServedService[];
  dispatch(request: MockRequest): Promise<MockOutcome>;
  record(call: MockCall): void;
}

export interface MockCall {
  transport: "soap" | "rest";
  service: string;
  port: string;
  operation: string;
  /** Decoded typed input (undefined when the request could not be decoded). */
  input: unknown;
  headers: Record<string, unknown>;
  httpHeaders: Record<string, string>;
  /** Exact request body (envelope or JSON). */
  rawRequest: string;
  rawResponse: string;
  statusCode: number;
  /** `dropped`: the connection was closed without an answer (statusCode 0). */
  outcome: "ok" | "fault" | "http-error" | "rejected" | "invalid" | "dropped";
  /** Fault or error text (never contains header values such as tickets). */
  error?: string;
  output?: unknown;
}

/** Injected failure for the next `times` calls of an operation (default: every call). */
export type MockFailure = (
  | { fault: MockFaultSpec }
  | { http: { status: number; body?: string; headers?: Record<string, string> } }
  | { drop: true }
) & { times?: number; delayMs?: number };

export interface MockServer<Ops extends OperationMap = OperationMap> {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** Full URL of a served port (default: the first). */
  endpoint(service?: string): string;
  handle<K extends keyof Ops & string>(operation: K, handler: MockHandler<Ops[K]["input"], Ops[K]["output"]>): this;
  /** Added latency (ms) before every answer, or per operation. */
  delay(ms: number, operation?: keyof Ops & string): this;
  fail(operation: keyof Ops & string, failure: MockFailure): this;
  readonly calls: readonly MockCall[];
  callsOf(operation: keyof Ops & string): MockCall[];
  /** Forget calls, handlers, delays and failures. */
  reset(): void;
  close(): Promise<void>;
}

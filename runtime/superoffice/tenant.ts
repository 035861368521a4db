/**
 * Tenant discovery for SuperOffice CRM Online: a tenant's endpoint moves routinely (sod2 →
 * sod3), so apps ask the state API (`GET https://<env>.superoffice.com/api/state/<ContextId>`,
 * answering `Endpoint`, `State`, `IsRunning`, `ValidUntil`) and cache the answer until
 * `ValidUntil`. `tenantTransport` puts that in front of any transport: it resolves the endpoint
 * before a call, refuses a tenant that is not running with `TenantUnavailableError`, and after a
 * connection error or a 404 (a moved tenant) resolves again and retries once where it went.
 * Streamed calls (`streamBase64`) pass through to transports that stream; a failure while the
 * body streams is a `StreamError`, never retried (the destination has seen part of it).
 */
import { SoapkitError, TransportError } from "../errors.js";
import type { OperationMeta, ServiceMetadata } from "../metadata.js";
import type { CallOutcome, PreparedCall, Transport } from "../pipeline/transport.js";

export interface TenantState {
  readonly contextIdentifier: string;
  /** Root of the installation, `https://sod2.superoffice.com/Cust12345`. */
  readonly endpoint: string;
  /** `Running`, `OnlineMaintenance`, `OfflineMaintenance`, `Suspended`, … */
  readonly state: string;
  readonly isRunning: boolean;
  readonly validUntil: Date;
}

/** The tenant is not running (maintenance, suspended, deleted, …): no call is sent. */
export class TenantUnavailableError extends SoapkitError {
  readonly contextIdentifier: string;
  readonly state: string;
  constructor(state: TenantState) {
    super("ERR_TENANT_UNAVAILABLE", `tenant ${state.contextIdentifier} is not running (state ${state.state})`);
    this.contextIdentifier = state.contextIdentifier;
    this.state = state.state;
  }
}

export interface TenantResolverOptions {
  readonly contextIdentifier: string;
  /** `online` (default), `sod` or `stage`. */
  readonly environment?: "sod" | "stage" | "online";
  /** State API host instead of an environment (an emulator): `https://online.superoffice.com`. */
  readonly stateBaseUrl?: string;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

export interface TenantResolver {
  /** The tenant's state, from the cache while `ValidUntil` has not passed. */
  resolve(signal?: AbortSignal): Promise<TenantState>;
  /** Forget the cached state (the next `resolve` asks the state API). */
  invalidate(): void;
}

function parseState(v: Record<string, unknown>, contextIdentifier: string, url: string): TenantState {
  const endpoint = typeof v.Endpoint === "string" ? v.Endpoint.replace(/\/+$/, "") : "";
  const validUntil = new Date(typeof v.ValidUntil === "string" ? v.ValidUntil : NaN);
  if (endpoint === "" || !URL.canParse(endpoint) || Number.isNaN(validUntil.getTime()))
    throw new SoapkitError("ERR_TENANT_STATE", `the state API at ${url} answered no usable Endpoint/ValidUntil`);
  const state = typeof v.State === "string" ? v.State : String(v.State ?? "Unknown");
  return { contextIdentifier, endpoint, state, isRunning: v.IsRunning === true, validUntil };
}

export function tenantResolver(o: TenantResolverOptions): TenantResolver {
  const base = (o.stateBaseUrl ?? `https://${o.environment ?? "online"}.superoffice.com`).replace(/\/+$/, "");
  const url = `${base}/api/state/${encodeURIComponent(o.contextIdentifier)}`;
  const now = o.now ?? Date.now;
  let cached: TenantState | undefined;
  let pending: Promise<TenantState> | undefined;
  const fetchState = async (signal?: AbortSignal): Promise<TenantState> => {
    const res = await (o.fetch ?? fetch)(url, {
      headers: { Accept: "application/json" },
      ...(signal ? { signal } : {}),
    });
    if (!res.ok) throw new SoapkitError("ERR_TENANT_STATE", `the state API at ${url} answered HTTP ${res.status}`);
    return parseState((await res.json()) as Record<string, unknown>, o.contextIdentifier, url);
  };
  return {
    async resolve(signal) {
      if (cached !== undefined && cached.validUntil.getTime() > now()) return cached;
      pending ??= fetchState(signal).finally(() => (pending = undefined));
      cached = await pending;
      return cached;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

/** A moved tenant shows as a refused/reset connection or a 404 at the old endpoint. */
function looksMoved(e: unknown): boolean {
  if (e instanceof TransportError) return e.kind === "network" || (e.kind === "http" && e.status === 404);
  // Transports hand raw connection errors to the pipeline, which maps them later.
  const code = (x: unknown): unknown => (x as { code?: unknown } | undefined)?.code;
  const c = code(e) ?? code((e as { cause?: unknown } | undefined)?.cause);
  return typeof c === "string" && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)$/.test(c);
}

/** The pipeline's refusal, for a streamed call that reaches a resolved transport that cannot stream. */
function checkStreaming(call: PreparedCall, transport: Transport): void {
  if (call.streamBase64 !== undefined && transport.streaming !== true)
    throw new SoapkitError(
      "ERR_SOAP_CONFIG",
      `${call.operation.name}: the ${transport.kind} transport cannot stream responses`,
    );
}

/**
 * A transport that follows the tenant: `create(endpoint)` builds the real transport for an
 * installation root (`soapHttpTransport({ endpoint: `${root}/Remote/Services88/EMail.svc` })`,
 * `restTransport({ baseUrl: root })`), once per root.
 */
export function tenantTransport(resolver: TenantResolver, create: (tenantRoot: string) => Transport): Transport {
  const transports = new Map<string, Transport>();
  let last: string | undefined;
  const forRoot = (root: string, call?: PreparedCall): Transport => {
    let t = transports.get(root);
    if (t === undefined) transports.set(root, (t = create(root)));
    last = root;
    if (call !== undefined) checkStreaming(call, t);
    return t;
  };
  const running = async (signal: AbortSignal): Promise<TenantState> => {
    const state = await resolver.resolve(signal);
    if (!state.isRunning) throw new TenantUnavailableError(state);
    return state;
  };
  return {
    kind: "superoffice-tenant",
    // Whether a call can stream depends on the transport of the resolved root: checked per call.
    streaming: true,
    target: (op: OperationMeta, meta: ServiceMetadata) =>
      last === undefined ? "(tenant endpoint not resolved yet)" : forRoot(last).target(op, meta),
    async unary(call: PreparedCall): Promise<CallOutcome> {
      const first = await running(call.signal);
      try {
        return await forRoot(first.endpoint, call).unary(call);
      } catch (e) {
        if (!looksMoved(e)) throw e;
        resolver.invalidate();
        const now = await running(call.signal);
        if (now.endpoint === first.endpoint) throw e;
        return forRoot(now.endpoint, call).unary(call);
      }
    },
  };
}

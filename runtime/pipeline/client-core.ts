/**
 * The one call pipeline behind every generated client, whatever the transport: defaults,
 * operation lookup, request headers, HTTP header validation, the call's secret set, the
 * deadline, the decode options, hooks, and error mapping with secret masking. The transport
 * (transport.ts) only moves the prepared call over the wire.
 *
 * The constructor takes generated metadata in its compact, versioned form (metadata/format.ts)
 * and expands it once (`loadMetadata`, cached by identity); `.meta` is the expanded form.
 *
 * Concurrency: a `ClientCore` is immutable after construction (its per-operation plans are
 * computed once, on an operation's first call); every call builds its own secret set (over the
 * client's, indexed once), deadline and, with hooks, observer. Per call, nothing is proportional
 * to the size of the WSDL: the plan of an operation is found by name.
 */
import type { OperationMeta, ServiceMetadata } from "../metadata.js";
import type { CompactMetadata } from "../metadata/format.js";
import { loadMetadata } from "../metadata/load.js";
import { resolveDecodeOptions, type DecodeOptions } from "../codec/decode-options.js";
import { SoapkitError, TransportError } from "../errors.js";
import { DEFAULT_SECRET_ELEMENTS, type TextRedactor } from "../redact.js";
import { scrubError } from "../secrets/scrub-error.js";
import type { SecretSet } from "../secrets/secret-set.js";
import type { ResolvedDecodeOptions } from "../codec/decode-options.js";
import { nodeHttpTransport } from "../soap/node-http-transport.js";
import { startDeadline, type Deadline } from "../deadline.js";
import { MAX_TIMER_MS } from "../deadline-clock.js";
import { callRedactor, callSecrets, nameRedactor } from "./call-secrets.js";
import { callFailure, type FailureContext } from "./failure.js";
import { hookObserver, maskHeaders, NO_HOOKS, type ClientHooks } from "./hooks.js";
import { mergeHttpHeaders } from "./http-headers.js";
import type { CoreCallOptions, CoreOptions, InvokeResult } from "./options.js";
import type { CredentialProvider, IssuedCredentials } from "./credentials.js";
import { mergeRequestHeaders } from "./request-headers.js";
import type { CallOutcome, PreparedCall, ServiceProfile, Transport, WireObserver } from "./transport.js";
import { EndpointLimiter, nextDelay, retryAfterMs, retryReason, sleep, type RetryOptions } from "./retry.js";
import { asSoapkitError } from "./typed-error.js";
import { snapshot } from "./snapshot.js";
import { Prepared } from "./prepared.js";

const DEFAULT_TIMEOUT_MS = 100_000;
const NO_QUERY: Readonly<Record<string, string>> = Object.freeze({});

/** What every call of one operation shares: computed on its first call, then reused. */
interface OperationPlan {
  readonly op: OperationMeta;
  /** `transport.target(op)`: where the calls go, safe for messages. */
  readonly url: string;
  /** The client's request headers for this operation (used when a call brings none of its own). */
  readonly headers: Readonly<Record<string, unknown>>;
}

export class ClientCore<ReqH extends object = Record<string, unknown>, ResH extends object = Record<string, unknown>> {
  readonly meta: ServiceMetadata;
  readonly transport: Transport;
  readonly #headers: Readonly<Record<string, unknown>>;
  readonly #httpHeaders: Readonly<Record<string, string>>;
  readonly #timeoutMs: number;
  readonly #hooks: ClientHooks | undefined;
  readonly #secretNames: ReadonlySet<string>;
  readonly #byName: TextRedactor;
  readonly #extraSecrets: readonly string[];
  readonly #profile: ServiceProfile;
  readonly #decode: DecodeOptions | undefined;
  readonly #maxResponseElements: number | undefined;
  readonly #credentials: CredentialProvider<ReqH> | undefined;
  readonly #retry: RetryOptions | undefined;
  readonly #limiter: EndpointLimiter | undefined;
  readonly #responseLimits: Readonly<Record<string, number>>;
  /** The client's own secrets (headers, HTTP headers, `secrets`), indexed once; each call's set extends it. */
  readonly #secrets: SecretSet;
  readonly #resolvedDecode: ResolvedDecodeOptions;
  readonly #plans = new Map<string, OperationPlan>();

  constructor(metadata: CompactMetadata, options: CoreOptions<ReqH> = {}) {
    const meta = loadMetadata(metadata);
    this.meta = meta;
    this.transport = options.transport ?? nodeHttpTransport();
    // Copies: later changes to the caller's objects must not leak into this client.
    this.#headers = snapshot(options.headers ?? {}) as Readonly<Record<string, unknown>>;
    this.#httpHeaders = Object.freeze(mergeHttpHeaders("", options.httpHeaders));
    this.#timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, meta);
    this.#hooks = options.hooks;
    const names = options.secretElements ?? DEFAULT_SECRET_ELEMENTS;
    this.#secretNames = new Set(names.map((n) => n.toLowerCase()));
    this.#byName = nameRedactor(names);
    this.#extraSecrets = [...(options.secrets ?? [])];
    this.#profile = options.profile ?? {};
    this.#resolvedDecode = Object.freeze(resolveDecodeOptions(options.decode)); // validates
    this.#decode = options.decode !== undefined ? { ...options.decode } : undefined;
    this.#maxResponseElements = checkMaxElements(options.maxResponseElements, meta);
    this.#credentials = options.credentials;
    this.#retry = options.retry;
    this.#limiter = options.maxConcurrency === undefined ? undefined : new EndpointLimiter(options.maxConcurrency);
    this.#responseLimits = checkResponseLimits(options.responseLimits, meta);
    this.#secrets = callSecrets(
      { headers: this.#headers, input: undefined, httpHeaders: this.#httpHeaders, extra: this.#extraSecrets },
      this.#secretNames,
    );
  }

  /**
   * Call an operation by its WSDL name. Rejects with `SerializationError`, `TransportError`,
   * `ProtocolError`, `SoapFaultError` or a service error such as `SuperOfficeError`
   * (all `SoapkitError`s), with the call's secrets masked.
   */
  async invoke<R = unknown>(
    operation: string,
    input?: object,
    call?: CoreCallOptions<ReqH>,
  ): Promise<InvokeResult<R, ResH>> {
    try {
      // Without credentials, one async layer less.
      return await (this.#credentials === undefined
        ? this.#attempt<R>(operation, input, call, undefined)
        : this.#invoke<R>(operation, input, call));
    } catch (e) {
      throw asSoapkitError(e, operation);
    }
  }

  async #invoke<R>(operation: string, input?: object, call?: CoreCallOptions<ReqH>): Promise<InvokeResult<R, ResH>> {
    const provider = this.#credentials;
    if (provider === undefined) return this.#attempt<R>(operation, input, call, undefined);
    const issued = await provider.current(call?.signal);
    try {
      const r = await this.#attempt<R>(operation, input, call, issued);
      provider.used?.(issued);
      return r;
    } catch (e) {
      // Refused credentials: renew (one login however many calls were refused) and retry once.
      if (!(e instanceof SoapkitError) || !provider.isRejection(e) || !(await provider.renew(issued, call?.signal)))
        throw e;
      const fresh = await provider.current(call?.signal);
      const r = await this.#attempt<R>(operation, input, call, fresh);
      provider.used?.(fresh);
      return r;
    }
  }

  /** One attempt with the given credentials; its errors have the call's secrets masked (in `#run`). */
  #attempt<R>(
    operation: string,
    input: object | undefined,
    call: CoreCallOptions<ReqH> | undefined,
    issued: IssuedCredentials<ReqH> | undefined,
  ): Promise<InvokeResult<R, ResH>> {
    // Credential HTTP headers act as the call's own, which still override them.
    if (issued?.httpHeaders !== undefined)
      call = { ...call, httpHeaders: { ...issued.httpHeaders, ...(call?.httpHeaders ?? {}) } };
    const plan = this.#plan(operation);
    const callHeaders = call?.headers as Readonly<Record<string, unknown>> | undefined;
    const base = issued === undefined ? this.#headers : { ...this.#headers, ...definedParts(issued.headers) };
    // The client's secrets are in #secrets already: index only what this call adds.
    const secrets = callSecrets(
      { headers: [issued?.headers, callHeaders], input, httpHeaders: call?.httpHeaders ?? {}, extra: [] },
      this.#secretNames,
      this.#secrets,
    );
    return this.#run<R>(plan, input, call, secrets, base);
  }

  #plan(operation: string): OperationPlan {
    let plan = this.#plans.get(operation);
    if (plan === undefined) {
      const op = this.#lookup(operation);
      const headers = Object.freeze(mergeRequestHeaders(op, this.#headers, undefined, this.#secretNames));
      plan = { op, url: this.transport.target(op, this.meta), headers };
      this.#plans.set(operation, plan);
    }
    return plan;
  }

  #lookup(operation: string): OperationMeta {
    const op = Object.hasOwn(this.meta.operations, operation) ? this.meta.operations[operation] : undefined;
    if (op !== undefined) return op;
    throw new SoapkitError(
      "ERR_SOAP_UNKNOWN_OPERATION",
      `unknown operation ${operation} of service ${this.meta.service}`,
    );
  }

  /** The call under its deadline, retried by the retry policy; errors mapped (failure.ts) and their secrets masked. */
  async #run<R>(
    plan: OperationPlan,
    input: object | undefined,
    call: CoreCallOptions<ReqH> | undefined,
    secrets: SecretSet,
    clientHeaders: Readonly<Record<string, unknown>>,
  ): Promise<InvokeResult<R, ResH>> {
    const callerSignal = call?.signal;
    let timeoutMs = 0;
    let deadline: Deadline | undefined;
    let exchanging = false;
    let release: (() => void) | undefined;
    try {
      timeoutMs = this.#callTimeout(plan, call);
      deadline = startDeadline(callerSignal, timeoutMs);
      const prepared = this.#prepare(plan, input, call, secrets, clientHeaders, deadline);
      this.#checkStreaming(prepared, plan.op);
      exchanging = true;
      if (this.#limiter !== undefined) release = await this.#limiter.acquire(plan.url, deadline.signal);
      for (let attempt = 1; ; attempt++) {
        let retryAfter: string | undefined;
        // Only a retry policy needs Retry-After from the wire.
        const observe: WireObserver =
          this.#retry === undefined
            ? prepared.observe
            : {
                request: (r) => prepared.observe.request(r),
                response: (r) => ((retryAfter = r.httpHeaders["retry-after"]), prepared.observe.response(r)),
              };
        try {
          const outcome = await this.transport.unary(
            observe === prepared.observe ? prepared : prepared.observedBy(observe),
          );
          return invokeResult<R, ResH>(outcome, maskHeaders(outcome.httpHeaders, prepared));
        } catch (e) {
          const failure = callFailure(e, failureContext(plan, deadline, callerSignal, timeoutMs));
          const delay = this.#retryDelay(plan.op.name, attempt, failure, retryAfter);
          if (delay === undefined) throw failure;
          await sleep(delay, deadline.signal);
        }
      }
    } catch (e) {
      // Errors before the exchange (configuration, an abort before the start) are reported as they are.
      throw scrubError(
        exchanging && deadline !== undefined
          ? callFailure(e, failureContext(plan, deadline, callerSignal, timeoutMs))
          : e,
        secrets,
      );
    } finally {
      release?.();
      deadline?.dispose();
    }
  }

  /** The call's timeout; refuses a call whose signal is aborted already. */
  #callTimeout(plan: OperationPlan, call: CoreCallOptions<ReqH> | undefined): number {
    if (call?.signal?.aborted === true) {
      const { op, url } = plan;
      throw new TransportError("aborted", `${op.name}: call to ${url} was aborted before it started`, {
        operation: op.name,
        url,
      });
    }
    return call?.timeoutMs !== undefined ? checkTimeout(call.timeoutMs, this.meta) : this.#timeoutMs;
  }

  #checkStreaming(prepared: PreparedCall, op: OperationMeta): void {
    if (prepared.streamBase64 !== undefined && this.transport.streaming !== true) {
      throw new SoapkitError(
        "ERR_SOAP_CONFIG",
        `${op.name}: the ${this.transport.kind} transport cannot stream responses`,
      );
    }
  }

  /** The wait before retrying after `failure` (announced to `hooks.onRetry`), or undefined. */
  #retryDelay(
    operation: string,
    attempt: number,
    failure: unknown,
    retryAfter: string | undefined,
  ): number | undefined {
    const policy = this.#retry;
    if (policy === undefined || attempt >= (policy.attempts ?? 3)) return undefined;
    const reason = retryReason(policy, operation, failure);
    const delayMs = reason === undefined ? undefined : nextDelay(policy, attempt, retryAfterMs(retryAfter));
    if (reason === undefined || delayMs === undefined) return undefined;
    const onRetry = this.#hooks?.onRetry;
    if (onRetry !== undefined) {
      try {
        onRetry.call(this.#hooks, { operation, attempt, delayMs, reason });
      } catch {
        // hooks observe only
      }
    }
    return delayMs;
  }

  /** The call as the transport sees it: built field by field (object spreads cost µs on hot paths). */
  #prepare(
    plan: OperationPlan,
    input: object | undefined,
    call: CoreCallOptions<ReqH> | undefined,
    secrets: SecretSet,
    clientHeaders: Readonly<Record<string, unknown>>,
    deadline: Deadline,
  ): Prepared {
    const { op } = plan;
    const callHeaders = call?.headers as Readonly<Record<string, unknown>> | undefined;
    const redact = callRedactor(this.#byName, secrets);
    const own = callHeaders === undefined && clientHeaders === this.#headers;
    return new Prepared(deadline, {
      meta: this.meta,
      operation: op,
      input,
      headers: own ? plan.headers : mergeRequestHeaders(op, clientHeaders, callHeaders, this.#secretNames),
      httpHeaders:
        call?.httpHeaders === undefined
          ? this.#httpHeaders
          : mergeHttpHeaders(op.name, this.#httpHeaders, call.httpHeaders),
      query: call?.query === undefined ? NO_QUERY : queryOf(call.query),
      secrets,
      redact,
      profile: this.#profile,
      decode: call?.decode === undefined ? this.#resolvedDecode : resolveDecodeOptions(this.#decode, call.decode),
      maxResponseElements: this.#maxResponseElements,
      maxResponseBytes: checkBytes(call?.maxResponseBytes, op.name) ?? this.#responseLimits[op.name],
      streamBase64: call?.streamBase64,
      observe:
        this.#hooks === undefined
          ? NO_HOOKS
          : hookObserver(this.#hooks, op.name, this.transport.kind, { secrets, redact }),
    });
  }
}

/** The caller's result, field by field (spreads of optional parts cost allocations on every call). */
function invokeResult<R, ResH>(outcome: CallOutcome, httpHeaders: Record<string, string>): InvokeResult<R, ResH> {
  const result: {
    -readonly [K in keyof InvokeResult<R, ResH>]: InvokeResult<R, ResH>[K];
  } = {
    result: outcome.result as R,
    headers: outcome.headers as ResH,
    status: outcome.status,
    httpHeaders,
  };
  if (outcome.streamed !== undefined) result.streamed = outcome.streamed;
  if (outcome.attachments !== undefined) result.attachments = outcome.attachments;
  return result;
}

function failureContext(
  plan: OperationPlan,
  deadline: Deadline,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): FailureContext {
  return {
    operation: plan.op.name,
    url: plan.url,
    timedOut: deadline.timedOut(),
    aborted: callerSignal?.aborted === true,
    timeoutMs,
  };
}

function definedParts(headers: Readonly<Record<string, unknown>> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

function queryOf(query: CoreCallOptions["query"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) out[k] = typeof v === "string" ? v : v.join(",");
  return out;
}

/**
 * A number of ms: 0, a negative value or Infinity means no deadline; values beyond
 * setTimeout's 2^31-1 ms are honoured exactly (deadline.ts re-arms the timer). NaN is refused.
 */
function checkTimeout(timeoutMs: number, meta: ServiceMetadata): number {
  if (typeof timeoutMs === "number" && !Number.isNaN(timeoutMs)) return timeoutMs;
  throw new SoapkitError(
    "ERR_SOAP_CONFIG",
    `invalid timeoutMs for service ${meta.service}: use a number of ms (0 or Infinity: no timeout; above ${MAX_TIMER_MS} is honoured)`,
  );
}

function checkMaxElements(max: number | undefined, meta: ServiceMetadata): number | undefined {
  if (max === undefined || (typeof max === "number" && (Number.isInteger(max) || max === Infinity) && max > 0))
    return max;
  throw new SoapkitError(
    "ERR_SOAP_CONFIG",
    `invalid maxResponseElements for service ${meta.service}: use a whole number above 0`,
  );
}

function checkBytes(max: number | undefined, what: string): number | undefined {
  if (max === undefined || (Number.isInteger(max) && max > 0) || max === Infinity) return max;
  throw new SoapkitError(
    "ERR_SOAP_CONFIG",
    `invalid maxResponseBytes for ${what}: use a whole number of bytes above 0`,
  );
}

function checkResponseLimits(
  limits: Readonly<Record<string, number>> | undefined,
  meta: ServiceMetadata,
): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, max] of Object.entries(limits ?? {})) {
    if (!Object.hasOwn(meta.operations, name))
      throw new SoapkitError("ERR_SOAP_CONFIG", `responseLimits: unknown operation ${name} of service ${meta.service}`);
    out[name] = checkBytes(max, name)!;
  }
  return Object.freeze(out);
}

/**
 * Hook events, one shape for every transport, built from what the transport reports and
 * masked here: secret headers by name AND by value, bodies by secret element/member name
 * and by secret value (escaped forms included).
 */
import { REDACTED, SECRET_HTTP_HEADERS } from "../redact.js";
import type { RetryEvent } from "./retry.js";
import type { PreparedCall, WireObserver, WireRequest, WireResponse } from "./transport.js";

/** Emitted before a request is sent (secrets masked). */
export interface RequestEvent {
  readonly operation: string;
  /** `soap-http`, `soap-fetch`, `superoffice-rest`, ... */
  readonly transport: string;
  readonly method: string;
  /** URL without credentials or query values. */
  readonly url: string;
  readonly httpHeaders: Readonly<Record<string, string>>;
  /** Request body (SOAP envelope, JSON), secrets masked. */
  readonly body: string;
}

/** Emitted when a response has been received (secrets masked). */
export interface ResponseEvent {
  readonly operation: string;
  readonly transport: string;
  readonly url: string;
  readonly status: number;
  readonly httpHeaders: Readonly<Record<string, string>>;
  readonly body: string;
  readonly durationMs: number;
}

/** Observation hooks. Exceptions thrown by hooks are ignored (observation never breaks calls). */
export interface ClientHooks {
  onRequest?(event: RequestEvent): void;
  onResponse?(event: ResponseEvent): void;
  /** A failed attempt is about to be retried after `delayMs` (see `ClientOptions.retry`). */
  onRetry?(event: RetryEvent): void;
}

type MaskingContext = Pick<PreparedCall, "secrets" | "redact">;

/** The observer of a client without hooks: nothing to report. */
export const NO_HOOKS: WireObserver = Object.freeze({ request: () => undefined, response: () => undefined });

/** An observer that masks what the transport reports and hands it to the hooks. */
export function hookObserver(
  hooks: ClientHooks | undefined,
  operation: string,
  transport: string,
  ctx: MaskingContext,
): WireObserver {
  let started = performance.now();
  return {
    request(req: WireRequest): void {
      started = performance.now();
      const onRequest = hooks?.onRequest;
      if (onRequest === undefined) return;
      const event: RequestEvent = {
        operation,
        transport,
        method: req.method,
        url: ctx.secrets.mask(req.url),
        httpHeaders: maskHeaders(req.httpHeaders, ctx),
        body: ctx.redact(req.body),
      };
      safeHook(() => onRequest.call(hooks, event));
    },
    response(res: WireResponse): void {
      const onResponse = hooks?.onResponse;
      if (onResponse === undefined) return;
      const durationMs = performance.now() - started;
      const event: ResponseEvent = {
        operation,
        transport,
        url: ctx.secrets.mask(res.url),
        status: res.status,
        httpHeaders: maskHeaders(res.httpHeaders, ctx),
        body: ctx.redact(res.body),
        durationMs,
      };
      safeHook(() => onResponse.call(hooks, event));
    },
  };
}

/**
 * HTTP headers with credential headers redacted by name and every value masked by value (as
 * `redactHttpHeaders`, in one pass: no entry arrays, no copy before masking).
 */
export function maskHeaders(
  headers: Readonly<Record<string, string>>,
  ctx: Pick<PreparedCall, "secrets">,
): Record<string, string> {
  const { secrets } = ctx;
  const out: Record<string, string> = {};
  for (const name in headers) {
    if (!Object.hasOwn(headers, name)) continue;
    const value = headers[name] as string | readonly string[] | number | undefined;
    if (value === undefined) continue;
    if (SECRET_HTTP_HEADERS.includes(name.toLowerCase())) out[name] = REDACTED;
    else {
      const v = typeof value === "string" ? value : Array.isArray(value) ? value.join(", ") : String(value);
      out[name] = secrets.empty ? v : secrets.mask(v);
    }
  }
  return out;
}

function safeHook(fn: () => void): void {
  try {
    fn();
  } catch {
    // Hooks observe; a failing hook must not change the outcome of the call.
  }
}

/**
 * Map what a transport threw to the runtime's error model: the deadline and the caller's
 * abort first, `SoapkitError`s as they are, anything else (axios, undici, a custom fetch) a
 * `TransportError` of kind "network" that keeps only the code and a message without URL
 * credentials or query (the raw error's config would hold headers and body).
 */
import { SoapkitError, TransportError } from "../errors.js";

export interface FailureContext {
  readonly operation: string;
  readonly url: string;
  readonly timedOut: boolean;
  readonly aborted: boolean;
  readonly timeoutMs: number;
}

export function callFailure(err: unknown, ctx: FailureContext): unknown {
  const { operation, url } = ctx;
  const passThrough = err instanceof SoapkitError && !(err instanceof TransportError && err.kind === "network");
  if (passThrough && !ctx.timedOut && !ctx.aborted) return err;
  const cause = plainCause(err);
  if (ctx.timedOut)
    return new TransportError("timeout", `${operation}: no response from ${url} within ${ctx.timeoutMs} ms`, {
      operation,
      url,
      cause,
    });
  if (ctx.aborted || isAbort(err))
    return new TransportError("aborted", `${operation}: call to ${url} was aborted`, { operation, url, cause });
  if (err instanceof SoapkitError) return err;
  return new TransportError("network", `${operation}: request to ${url} failed: ${describeFailure(err)}`, {
    operation,
    url,
    cause,
  });
}

/** Network-level error code (Node/axios/undici), searched along the `cause` chain. */
export function errorCode(err: unknown, depth = 0): string | undefined {
  if (err === null || typeof err !== "object" || depth > 8) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string") return code;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err ? errorCode(cause, depth + 1) : undefined;
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === "AbortError" || errorCode(err) === "ERR_CANCELED");
}

function describeFailure(err: unknown): string {
  const code = errorCode(err);
  const message = messageOf(err);
  const causeMessage = err instanceof Error && err.cause instanceof Error ? withoutUrlSecrets(err.cause.message) : "";
  const detail = causeMessage !== "" && causeMessage !== message ? `${message}: ${causeMessage}` : message;
  if (code === undefined) return detail || "unknown error";
  return detail.includes(code) ? detail : `${code} ${detail}`.trim();
}

function plainCause(err: unknown): Error {
  const code = errorCode(err);
  const message = messageOf(err);
  return Object.assign(
    new Error(code !== undefined && !message.includes(code) ? `${code}: ${message}` : message),
    code !== undefined ? { code } : {},
  );
}

function messageOf(err: unknown): string {
  return withoutUrlSecrets(err instanceof Error ? err.message : String(err));
}

/** Library messages may quote the URL: drop user info and query strings. */
function withoutUrlSecrets(message: string): string {
  return message.replace(/\/\/[^/@\s]*@/g, "//").replace(/\?\S*/g, "?…");
}

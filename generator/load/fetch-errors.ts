/**
 * What went wrong fetching a URL source, in words a user can act on: the HTTP status, a
 * refused connection (and where), or a timeout (and what was being waited for).
 */

/** The part of the exchange a timeout interrupted. */
export type FetchPhase = "response" | "body";

/** An error carrying a message meant to be shown as is (`cannot read <url>: <message>`). */
export function fetchError(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

/** `HTTP 500 Internal Server Error`. */
export function statusText(status: number, text: string): string {
  return `HTTP ${status}${text ? ` ${text}` : ""}`;
}

/** Translate what `fetch` threw into a clear error. */
export function describeFetchFailure(e: unknown, url: string, phase: FetchPhase, timeoutMs: number): Error {
  const name = (e as { name?: string } | undefined)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    const what = phase === "response" ? "the response (status line and headers)" : "the rest of the response body";
    return fetchError(
      `no answer from ${new URL(url).host} within ${seconds(timeoutMs)}: gave up waiting for ${what}`,
      "ETIMEDOUT",
    );
  }
  const cause = (e as { cause?: { code?: string; address?: string; port?: number; message?: string } } | undefined)
    ?.cause;
  const where =
    cause?.address !== undefined
      ? `${cause.address}${cause.port !== undefined ? `:${cause.port}` : ""}`
      : new URL(url).host;
  if (cause?.code === "ECONNREFUSED")
    return fetchError(`connection refused by ${where} (nothing is listening there?)`, "ECONNREFUSED");
  if (cause?.code === "ENOTFOUND" || cause?.code === "EAI_AGAIN")
    return fetchError(`host ${new URL(url).hostname} not found (DNS ${cause.code})`, cause.code);
  if (cause?.code !== undefined)
    return fetchError(`${cause.code} from ${where}${cause.message ? `: ${cause.message}` : ""}`, cause.code);
  return fetchError(e instanceof Error ? e.message : String(e), "EFETCH");
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * REST transport versus raw fetch. The REST transport (`createEMailRestClient`) is being
 * written in parallel; until generated/index.ts exports it, these rows are reported as
 * "not yet available".
 */
type Call = () => Promise<void>;

/** The generated REST factory, when it exists. */
export async function restFactory(): Promise<((options: object) => unknown) | undefined> {
  const mod = (await import("../generated/index.js")) as Record<string, unknown>;
  const f = mod["createEMailRestClient"];
  return typeof f === "function" ? (f as (options: object) => unknown) : undefined;
}

export async function restAvailable(): Promise<boolean> {
  return (await restFactory()) !== undefined;
}

export async function restTransportCall(_url: string): Promise<Call> {
  if (!(await restAvailable())) throw new Error("REST transport not yet available (no createEMailRestClient in generated/index.ts)");
  throw new Error("REST transport exists but the benchmark has no adapter for it yet");
}

export async function restFetchCall(_url: string): Promise<Call> {
  throw new Error("REST baseline: not yet available");
}

/**
 * The SuperOffice Online state API (`GET /api/state/{contextId}`) as the profile serves it:
 * where a tenant lives (`Endpoint`), whether it runs (`State`, `IsRunning`) and until when the
 * answer holds (`ValidUntil`). Tests move a tenant or stop it with `set`; an unknown tenant is a 404.
 */
import type { MockHttpExchange } from "../types.js";

export interface TenantSpec {
  /** Root of the installation; default `<mock url>/<contextId>`. */
  endpoint?: string;
  /** Default `Running`. */
  state?: string;
  /** Default: `state === "Running"`. */
  isRunning?: boolean;
  /** How long the answer is valid (default 5 minutes). */
  validForMs?: number;
}

const STATE_PATH = /^\/api\/state\/([^/?#]+)\/?(?:\?.*)?$/;

export class TenantDirectory {
  readonly #tenants = new Map<string, TenantSpec>();
  /** How many state queries were answered, per tenant. */
  readonly queries = new Map<string, number>();

  constructor(
    initial: Readonly<Record<string, TenantSpec>> = {},
    private readonly now: () => number = Date.now,
  ) {
    for (const [id, spec] of Object.entries(initial)) this.set(id, spec);
  }

  /** Where the tenant lives: its spec's endpoint, else `http://<host>/<contextId>`. */
  endpointOf(contextId: string, host: string | undefined): string {
    return this.#tenants.get(contextId)?.endpoint ?? `http://${host ?? "127.0.0.1"}/${contextId}`;
  }

  set(contextId: string, spec: TenantSpec = {}): void {
    this.#tenants.set(contextId, { ...spec });
  }

  delete(contextId: string): void {
    this.#tenants.delete(contextId);
  }

  /** Answer a state query; false when the request is not one. */
  route(http: MockHttpExchange): boolean {
    const m = http.method === "GET" ? STATE_PATH.exec(http.url) : null;
    if (m === null) return false;
    const id = decodeURIComponent(m[1]!);
    const spec = this.#tenants.get(id);
    this.queries.set(id, (this.queries.get(id) ?? 0) + 1);
    if (spec === undefined) {
      http.respond(404, JSON.stringify({ Error: `unknown tenant ${id}` }), { "Content-Type": "application/json" });
      return true;
    }
    const state = spec.state ?? "Running";
    const body = {
      ContextIdentifier: id,
      Endpoint: this.endpointOf(id, http.headers["host"]),
      State: state,
      IsRunning: spec.isRunning ?? state === "Running",
      ValidUntil: new Date(this.now() + (spec.validForMs ?? 300_000)).toISOString(),
    };
    http.respond(200, JSON.stringify(body), { "Content-Type": "application/json; charset=utf-8" });
    return true;
  }
}

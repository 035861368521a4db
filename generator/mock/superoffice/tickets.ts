/**
 * The profile's ticket store: tickets issued by login (or added by a test) are valid for every
 * served port until revoked or until they expire: like SuperOffice, a ticket lives 6 hours
 * (configurable), sliding — each accepted call restarts the window. Tickets accepted only by
 * the optional predicate are not tracked and never expire.
 */

import { randomBytes } from "node:crypto";

export interface TicketStoreOptions {
  /** The profile's clock (default `Date.now`). */
  now?: () => number;
  /** Sliding lifetime (default 6 hours). */
  lifetimeMs?: number | undefined;
}

/** What checking a ticket for a call found. */
export type TicketUse = "ok" | "expired" | "unknown";

const SIX_HOURS = 6 * 60 * 60 * 1000;

export class TicketStore {
  /** Ticket → when it was last used (or issued). */
  private readonly lastUsed = new Map<string, number>();
  private readonly now: () => number;
  readonly lifetimeMs: number;

  constructor(
    initial: Iterable<string> = [],
    private readonly predicate?: (ticket: string) => boolean,
    options: TicketStoreOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.lifetimeMs = options.lifetimeMs ?? SIX_HOURS;
    for (const t of initial) this.add(t);
  }

  /** Issue a fresh SuperOffice-looking ticket (`7T:...`) and register it as valid. */
  issue(): string {
    const t = `7T:${randomBytes(24).toString("base64")}`;
    this.add(t);
    return t;
  }

  add(ticket: string): void {
    this.lastUsed.set(ticket, this.now());
  }

  revoke(ticket: string): void {
    this.lastUsed.delete(ticket);
  }

  /** Whether the ticket would be accepted now (does not slide its window). */
  isValid(ticket: string): boolean {
    const last = this.lastUsed.get(ticket);
    if (last !== undefined && this.now() - last < this.lifetimeMs) return true;
    return this.predicate !== undefined && this.predicate(ticket);
  }

  /** Check the ticket of a call: an accepted one slides its window, an expired one is forgotten. */
  use(ticket: string): TicketUse {
    const last = this.lastUsed.get(ticket);
    if (last !== undefined) {
      if (this.now() - last < this.lifetimeMs) {
        this.lastUsed.set(ticket, this.now());
        return "ok";
      }
      this.lastUsed.delete(ticket);
      if (this.predicate?.(ticket) !== true) return "expired";
    }
    return this.predicate?.(ticket) === true ? "ok" : "unknown";
  }
}

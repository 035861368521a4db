/**
 * The profile's ticket store: tickets issued by login (or added by a test) are valid for every
 * served port until revoked; an optional predicate accepts further tickets.
 */

import { randomBytes } from "node:crypto";

export class TicketStore {
  private readonly set = new Set<string>();

  constructor(
    initial: Iterable<string> = [],
    private readonly predicate?: (ticket: string) => boolean,
  ) {
    for (const t of initial) this.set.add(t);
  }

  /** Issue a fresh SuperOffice-looking ticket (`7T:...`) and register it as valid. */
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

/**
 * A per-module symbol table: every emitted top-level name is registered here before
 * anything is emitted, so collisions are resolved once, deterministically, in registration
 * order (the caller registers in a stable order).
 */
import { isDeclarableName, toTypeIdentifier } from "./identifiers.js";

export class SymbolTable {
  readonly #taken = new Map<string, string>(); // name → owner key
  readonly #byKey = new Map<string, string>(); // owner key → name

  /**
   * Register `owner` under `preferred` (made declarable first); on collision try each of
   * `alternatives` in turn, then numeric suffixes `2`, `3`, ... Returns the assigned name.
   * Registering the same owner twice returns its first name.
   */
  register(owner: string, preferred: string, alternatives: readonly string[] = []): string {
    const existing = this.#byKey.get(owner);
    if (existing !== undefined) return existing;
    const candidates = [preferred, ...alternatives].map((c) => (isDeclarableName(c) ? c : toTypeIdentifier(c)));
    let name = candidates.find((c) => !this.#taken.has(c));
    if (name === undefined) {
      const base = candidates[0] ?? "_";
      for (let i = 2; ; i++) {
        if (!this.#taken.has(`${base}${i}`)) {
          name = `${base}${i}`;
          break;
        }
      }
    }
    this.#taken.set(name, owner);
    this.#byKey.set(owner, name);
    return name;
  }

  /**
   * Register `owner` under `preferred` (or `preferred2`, `preferred3`, ...) such that the
   * name with each of `suffixes` appended is free too: the names a template derives from it
   * (`<Client>Options`), registered here as well so that nothing else can take them.
   */
  registerFamily(owner: string, preferred: string, suffixes: readonly string[]): string {
    const existing = this.#byKey.get(owner);
    if (existing !== undefined) return existing;
    const base = isDeclarableName(preferred) ? preferred : toTypeIdentifier(preferred);
    for (let i = 1; ; i++) {
      const name = i === 1 ? base : `${base}${i}`;
      const family = [name, ...suffixes.map((s) => `${name}${s}`)];
      if (family.some((n) => this.#taken.has(n) || !isDeclarableName(n))) continue;
      family.forEach((n, k) => this.#taken.set(n, k === 0 ? owner : `${owner}${suffixes[k - 1]}`));
      this.#byKey.set(owner, name);
      return name;
    }
  }

  /** Keep `name` away from everything registered later (a name the module imports). */
  reserve(name: string): void {
    this.#taken.set(name, `reserved:${name}`);
  }

  /** The name registered for `owner`; throws when absent (a bug: names are assigned before emit). */
  get(owner: string): string {
    const name = this.#byKey.get(owner);
    if (name === undefined) throw new Error(`soapkit internal error: no name registered for ${owner}`);
    return name;
  }

  has(owner: string): boolean {
    return this.#byKey.has(owner);
  }
}

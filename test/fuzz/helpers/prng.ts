/**
 * The one seeded PRNG of the fuzz tests (mulberry32): the same seed gives the same cases on
 * every run. Used by the secret-echo scenarios, the response mutations and the WSDL mutations.
 */
export class Prng {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(items.length)]!;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet: string): string {
    return Array.from({ length }, () => alphabet[this.int(alphabet.length)]).join("");
  }
}

/** The seed: `FUZZ_SEED` from the environment, else the given default. */
export function fuzzSeed(fallback: number): number {
  const env = process.env["FUZZ_SEED"];
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : fallback;
}

/**
 * A seeded pseudo-random generator (mulberry32): the same seed always yields the same stream, so a synthetic
 * market and a fault schedule replay identically from their seeds. Not cryptographic, and not meant to be.
 */

/** A deterministic random source: `next()` in [0, 1), `int(n)` in [0, n). */
export interface Prng {
  next(): number;
  int(exclusiveMax: number): number;
}

/** mulberry32 as a class: the market generator draws millions of numbers, and monomorphic methods inline. */
export class Mulberry32 implements Prng {
  #state: number;

  /** `seed`: any finite number; it is truncated to 32 bits. */
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    const state = (this.#state + 0x6d2b79f5) | 0;
    this.#state = state;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(exclusiveMax: number): number {
    return Math.floor(this.next() * exclusiveMax);
  }
}

/** Creates a mulberry32 generator from a 32-bit seed (any finite number; it is truncated to 32 bits). */
export function createPrng(seed: number): Prng {
  return new Mulberry32(seed);
}

/** Derives an independent seed for a named sub-stream (a symbol, the fault schedule) from a base seed. */
export function deriveSeed(seed: number, name: string): number {
  // FNV-1a over the name, mixed with the seed, so streams for different names do not correlate.
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

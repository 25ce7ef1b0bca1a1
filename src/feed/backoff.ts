/**
 * Exponential backoff with jitter for reconnects and snapshot retries: the n-th delay is drawn uniformly
 * from [½, 1] × min(max, initial × 2ⁿ), so a fleet of collectors that lost the same exchange does not
 * reconnect in lockstep, yet the delay never drops below half of the deterministic schedule.
 */

/** Stateful delay schedule; reset() after a success. */
export class Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
  #attempt = 0;
  #random: () => number;

  constructor(initialMs: number, maxMs: number, random: () => number = Math.random) {
    this.initialMs = Math.max(0, initialMs);
    this.maxMs = Math.max(this.initialMs, maxMs);
    this.#random = random;
  }

  /** Failures since the last reset. */
  get attempt(): number {
    return this.#attempt;
  }

  /** The next delay in ms (and counts one more failure). */
  next(): number {
    // 2^30 already exceeds any sane max; capping the exponent keeps the product finite.
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    return Math.round(ceiling * (0.5 + 0.5 * this.#random()));
  }

  /** Back to the initial delay. */
  reset(): void {
    this.#attempt = 0;
  }
}

/**
 * Turns FaultSpecs into firings at fixed times. Every firing's jitter and target symbol come from a PRNG
 * seeded by (seed, spec index, firing number), so a schedule is the same on every run and the plan can
 * be computed ahead (planFaults) without running anything.
 */
import { createPrng, deriveSeed } from './prng.ts';
import type { FaultSpec } from './fault-spec.ts';

/** One planned firing of a spec. */
export interface FaultFiring {
  spec: FaultSpec;
  specIndex: number;
  /** Which repetition (0 = first). */
  firing: number;
  /** ms after the origin. */
  atMs: number;
  /** The spec's symbol, or a seeded choice among the fed symbols. */
  symbol: string | undefined;
  /** A seeded number in [0, 1) for choices the handler makes (e.g. which connection). */
  choice: number;
}

/** The `firing`-th firing of spec `specIndex`. */
export function planFiring(spec: FaultSpec, specIndex: number, firing: number, seed: number, symbols: readonly string[]): FaultFiring {
  const prng = createPrng(deriveSeed(seed, `fault:${specIndex}:${firing}`));
  const jitter = spec.jitterMs ? prng.next() * spec.jitterMs : 0;
  const picked = symbols.length > 0 ? symbols[prng.int(symbols.length)] : undefined;
  return { spec, specIndex, firing, atMs: spec.atMs + firing * (spec.everyMs ?? 0) + jitter, symbol: spec.symbol ?? picked, choice: prng.next() };
}

/** Every firing up to `untilMs`, in time order (for tests, previews and reports). */
export function planFaults(specs: readonly FaultSpec[], seed: number, symbols: readonly string[], untilMs: number): FaultFiring[] {
  const firings: FaultFiring[] = [];
  specs.forEach((spec, index) => {
    for (let n = 0; n < 100_000; n++) {
      const firing = planFiring(spec, index, n, seed, symbols);
      if (firing.atMs > untilMs) break;
      firings.push(firing);
      if (!spec.everyMs) break;
    }
  });
  return firings.sort((a, b) => a.atMs - b.atMs || a.specIndex - b.specIndex);
}

/** Fires planned faults on time with one timer, re-armed for the next due firing. */
export class FaultScheduler {
  #specs: readonly FaultSpec[];
  #seed: number;
  #symbols: readonly string[];
  #originMs: number;
  #fire: (firing: FaultFiring) => void;
  #next: FaultFiring[];
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(specs: readonly FaultSpec[], seed: number, symbols: readonly string[], originMs: number, fire: (firing: FaultFiring) => void) {
    this.#specs = specs;
    this.#seed = seed;
    this.#symbols = symbols;
    this.#originMs = originMs;
    this.#fire = fire;
    this.#next = specs.map((spec, index) => planFiring(spec, index, 0, seed, symbols));
  }

  /** Arms the timer for the first firing. */
  start(): void {
    this.#arm();
  }

  /** Clears the timer; nothing fires afterwards. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #arm(): void {
    if (this.#stopped) return;
    let earliest: FaultFiring | undefined;
    for (const firing of this.#next) if (!earliest || firing.atMs < earliest.atMs) earliest = firing;
    if (!earliest) return;
    const delayMs = Math.max(0, this.#originMs + earliest.atMs - performance.now());
    this.#timer = setTimeout(() => this.#due(), Math.min(delayMs, 2 ** 31 - 1));
  }

  #due(): void {
    this.#timer = undefined;
    const now = performance.now() - this.#originMs;
    // Bounded: at most one pass over the specs, each firing once per pass.
    const due = this.#next.filter((firing) => firing.atMs <= now).sort((a, b) => a.atMs - b.atMs || a.specIndex - b.specIndex);
    for (const firing of due) {
      const spec = this.#specs[firing.specIndex] as FaultSpec;
      this.#next = this.#next.filter((pending) => pending !== firing);
      if (spec.everyMs) this.#next.push(planFiring(spec, firing.specIndex, firing.firing + 1, this.#seed, this.#symbols));
      this.#fire(firing);
      if (this.#stopped) return;
    }
    this.#arm();
  }
}

/**
 * One-shot timers owned by a mock, so close() can clear every one of them: the habit whose absence
 * leaves handles (and the objects they hold) alive after a component is "closed".
 */

/** A set of pending one-shot timers. */
export class TimerSet {
  #timers = new Set<NodeJS.Timeout>();

  /** Number of pending timers. */
  get size(): number {
    return this.#timers.size;
  }

  /** Runs `run` after `delayMs` unless cleared first; returns a cancel function. */
  later(delayMs: number, run: () => void): () => void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      run();
    }, delayMs);
    this.#timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.#timers.delete(timer);
    };
  }

  /** Clears every pending timer. */
  clear(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

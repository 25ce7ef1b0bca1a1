/**
 * Paces a feed. Normally a timer tick hands the feed the elapsed time and the feed sends what is due;
 * in flood mode (replay at speed 0, or the slow-reader fault) batches are produced as fast as the fastest
 * client drains its socket, so a slower client's buffer grows until the 5 MiB bound drops it.
 */
import type { MockHub } from './mock-hub.ts';

/** What one production step covers: elapsed wall time, or a fixed number of messages (flood). */
export type FeedStep = { elapsedMs: number; messages?: undefined } | { messages: number; elapsedMs?: undefined };

/** Below this many unsent bytes a client is ready for the next flood batch. */
const FLOOD_LOW_WATER_BYTES = 256 * 1024;
/** Messages per flood batch (all symbols together). */
const FLOOD_BATCH_MESSAGES = 1024;
/** A stalled event loop does not produce a pile of messages at once: elapsed time is capped. */
const MAX_STEP_MS = 1000;

/** Drives `produce` by timer ticks or by client drain. */
export class FeedClock {
  #hub: MockHub;
  #tickMs: number;
  #produce: (step: FeedStep) => void;
  #timer: NodeJS.Timeout | undefined;
  #floodTimer: NodeJS.Timeout | undefined;
  #floodImmediate: NodeJS.Immediate | undefined;
  #lastMs = 0;
  #floodUntilMs = 0;
  #alwaysFlood: boolean;

  constructor(hub: MockHub, tickMs: number, alwaysFlood: boolean, produce: (step: FeedStep) => void) {
    this.#hub = hub;
    this.#tickMs = tickMs;
    this.#alwaysFlood = alwaysFlood;
    this.#produce = produce;
  }

  /** True while producing as fast as clients read. */
  get flooding(): boolean {
    return this.#alwaysFlood || this.#floodUntilMs > performance.now();
  }

  /** Starts ticking. */
  start(): void {
    this.#lastMs = performance.now();
    this.#timer = setInterval(() => this.#tick(), this.#tickMs);
    if (this.#alwaysFlood) this.#scheduleFlood(0);
  }

  /** Floods for `durationMs` from now. */
  flood(durationMs: number): void {
    const wasFlooding = this.flooding;
    this.#floodUntilMs = Math.max(this.#floodUntilMs, performance.now() + durationMs);
    if (!wasFlooding) this.#scheduleFlood(0);
  }

  /** Stops every timer. */
  stop(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#floodTimer);
    if (this.#floodImmediate) clearImmediate(this.#floodImmediate);
    this.#timer = undefined;
    this.#floodTimer = undefined;
    this.#floodImmediate = undefined;
  }

  #tick(): void {
    const now = performance.now();
    const elapsedMs = Math.min(MAX_STEP_MS, now - this.#lastMs);
    this.#lastMs = now;
    if (this.flooding) return;
    this.#produce({ elapsedMs });
  }

  #scheduleFlood(delayMs: number): void {
    if (this.#timer === undefined) return;
    if (delayMs === 0) this.#floodImmediate = setImmediate(() => this.#floodStep());
    else this.#floodTimer = setTimeout(() => this.#floodStep(), delayMs);
  }

  #floodStep(): void {
    this.#floodImmediate = undefined;
    this.#floodTimer = undefined;
    if (!this.flooding) {
      this.#lastMs = performance.now();
      return;
    }
    let ready = false;
    for (const client of this.#hub.clients) {
      if (client.receivesData && client.bufferedBytes < FLOOD_LOW_WATER_BYTES) {
        ready = true;
        break;
      }
    }
    if (!ready) {
      // Nobody can take more yet (or nobody is subscribed): look again shortly rather than spin.
      this.#scheduleFlood(1);
      return;
    }
    this.#produce({ messages: FLOOD_BATCH_MESSAGES });
    this.#scheduleFlood(0);
  }
}

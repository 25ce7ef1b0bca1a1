/**
 * Appends one JSON object per line to a file, synchronously, so a run killed at any moment leaves every
 * line written so far on disk (at most the last one torn), and fsyncs at most every `fsyncIntervalMs`.
 */
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';

/** An append-only NDJSON file. */
export class NdjsonWriter {
  readonly path: string;
  #fd: number | undefined;
  #fsyncIntervalMs: number;
  #lastSyncMs = performance.now();
  #dirty = false;
  /** Lines written. */
  lines = 0;

  constructor(path: string, fsyncIntervalMs = 5000) {
    this.path = path;
    this.#fd = openSync(path, 'a');
    this.#fsyncIntervalMs = fsyncIntervalMs;
  }

  /** Writes one line; a no-op after close (late events during teardown are dropped, not fatal). */
  write(value: object): void {
    if (this.#fd === undefined) return;
    writeSync(this.#fd, `${JSON.stringify(value)}\n`);
    this.lines += 1;
    this.#dirty = true;
    if (performance.now() - this.#lastSyncMs >= this.#fsyncIntervalMs) this.sync();
  }

  /** Flushes to disk now. */
  sync(): void {
    if (this.#fd === undefined || !this.#dirty) return;
    fsyncSync(this.#fd);
    this.#dirty = false;
    this.#lastSyncMs = performance.now();
  }

  /** Syncs and closes. */
  close(): void {
    if (this.#fd === undefined) return;
    this.sync();
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

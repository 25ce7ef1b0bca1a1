/**
 * Keeps a long run from being silent: on a TTY one live line rewritten each sample; otherwise a log
 * line every minute (every 10 s for runs under 5 minutes).
 */
import type { Sample } from '../probes/index.ts';

/** What a progress line shows. */
export interface RunStatus {
  elapsedMs: number;
  durationMs: number;
  sample: Sample | undefined;
  messagesPerSec: number | undefined;
  faults: number;
  trend: string;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? '–' : `${(bytes / 1_048_576).toFixed(1)} MB`;
}

/** One progress line. */
export function formatStatus(status: RunStatus): string {
  const s = status.sample;
  const parts = [
    `${clock(status.elapsedMs)} / ${clock(status.durationMs)} (${clock(status.durationMs - status.elapsedMs)} left)`,
    `rss ${mb(s?.rss)}`,
    `heap ${mb(s?.heapUsed)}`,
    `fds ${s?.fds.total ?? '–'}`,
    `sockets ${s?.sockets.total ?? '–'}`,
    `msgs/s ${status.messagesPerSec === undefined ? '–' : Math.round(status.messagesPerSec)}`,
    `faults ${status.faults}`,
    status.trend,
  ];
  return parts.join(' · ');
}

/** Writes progress to a stream, live on a TTY, periodic otherwise. */
export class ProgressReporter {
  #stream: NodeJS.WriteStream;
  #tty: boolean;
  #everyMs: number;
  #lastLogMs = Number.NEGATIVE_INFINITY;
  #lineOpen = false;

  constructor(stream: NodeJS.WriteStream, durationMs: number) {
    this.#stream = stream;
    this.#tty = stream.isTTY === true;
    this.#everyMs = durationMs < 5 * 60_000 ? 10_000 : 60_000;
  }

  /** Shows a status (TTY: always; log: when its period has passed). */
  update(status: RunStatus): void {
    const line = formatStatus(status);
    if (this.#tty) {
      const width = this.#stream.columns ?? 120;
      this.#stream.write(`\r\x1b[2K${line.slice(0, Math.max(20, width - 1))}`);
      this.#lineOpen = true;
    } else if (status.elapsedMs - this.#lastLogMs >= this.#everyMs) {
      this.#lastLogMs = status.elapsedMs;
      this.#stream.write(`soak: ${line}\n`);
    }
  }

  /** Prints a message on its own line (ending the live line first). */
  note(message: string): void {
    this.finish();
    this.#stream.write(`${message}\n`);
  }

  /** Ends the live line. */
  finish(): void {
    if (this.#lineOpen) this.#stream.write('\n');
    this.#lineOpen = false;
  }
}

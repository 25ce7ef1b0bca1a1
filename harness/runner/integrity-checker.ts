/**
 * Integrity checkpoints for targets that serve `GET /book` (the built-in collector): a few books at a time,
 * round-robin, compared level by level with the mock's truth at the same update id. Counts go into every
 * sample; each mismatch is also an event, so the report can say when books went wrong.
 */
import type { MockExchange, TruthBook } from '../exchange/index.ts';
import type { IntegrityCounts } from '../probes/index.ts';
import { fetchText } from '../probes/index.ts';

type Level = [price: string, size: string];

/** /book's answer, as far as the comparison needs it. */
interface BookAnswer {
  lastUpdateId: number;
  bids: Level[];
  asks: Level[];
}

function isBookAnswer(value: unknown): value is BookAnswer {
  const v = value as Partial<BookAnswer> | null;
  return typeof v === 'object' && v !== null && typeof v.lastUpdateId === 'number' && Array.isArray(v.bids) && Array.isArray(v.asks);
}

/** First difference between two sides (prices and sizes compared as numbers: "1.50" equals "1.5"), or undefined. */
export function diffSide(side: string, got: readonly Level[], truth: readonly Level[]): string | undefined {
  if (got.length !== truth.length) return `${side}: ${got.length} levels, truth has ${truth.length}`;
  for (let i = 0; i < got.length; i++) {
    const a = got[i];
    const b = truth[i];
    if (!a || !b || Number(a[0]) !== Number(b[0]) || Number(a[1]) !== Number(b[1])) return `${side}[${i}]: ${JSON.stringify(a)} vs truth ${JSON.stringify(b)}`;
  }
  return undefined;
}

/** Compares a /book answer with the truth; returns the first difference, or undefined when equal. */
export function compareWithTruth(book: BookAnswer, truth: TruthBook): string | undefined {
  return diffSide('bids', book.bids, truth.bids) ?? diffSide('asks', book.asks, truth.asks);
}

/** Round-robin checkpoints over every fed symbol. */
export class IntegrityChecker {
  readonly counts: IntegrityCounts = { checks: 0, matches: 0, mismatches: 0, unavailable: 0 };
  #targets: Array<{ mock: MockExchange; symbol: string }> = [];
  #next = 0;
  #baseUrl: string;
  #depth: number;
  #onMismatch: (exchange: string, symbol: string, detail: Record<string, unknown>) => void;

  constructor(mocks: readonly MockExchange[], baseUrl: string, depth: number, onMismatch: (exchange: string, symbol: string, detail: Record<string, unknown>) => void) {
    for (const mock of mocks) for (const symbol of mock.symbols) this.#targets.push({ mock, symbol });
    this.#baseUrl = baseUrl;
    this.#depth = depth;
    this.#onMismatch = onMismatch;
  }

  /** Checks the next `count` books (sequentially, to keep the load on the target small). */
  async checkpoint(count: number, timeoutMs: number): Promise<void> {
    for (let i = 0; i < Math.min(count, this.#targets.length); i++) {
      const target = this.#targets[this.#next++ % this.#targets.length];
      if (target) await this.#check(target.mock, target.symbol, timeoutMs);
    }
  }

  async #check(mock: MockExchange, symbol: string, timeoutMs: number): Promise<void> {
    this.counts.checks += 1;
    const url = `${this.#baseUrl}/book?exchange=${mock.exchange}&symbol=${encodeURIComponent(symbol)}&depth=${this.#depth}`;
    let book: BookAnswer;
    try {
      const answer = await fetchText(url, timeoutMs);
      const parsed: unknown = answer.status === 200 ? JSON.parse(answer.body) : undefined;
      if (!isBookAnswer(parsed)) throw new Error(`HTTP ${answer.status}`);
      book = parsed;
    } catch (error) {
      // No book yet (syncing), a busy target or no /book at all: not comparable, counted as such.
      if (!(error instanceof Error)) throw error;
      this.counts.unavailable += 1;
      return;
    }
    const truth = mock.truthAt(symbol, book.lastUpdateId, this.#depth);
    if (!truth) {
      this.counts.unavailable += 1;
      return;
    }
    const difference = compareWithTruth(book, truth);
    if (difference === undefined) {
      this.counts.matches += 1;
      return;
    }
    this.counts.mismatches += 1;
    this.#onMismatch(mock.exchange, symbol, { lastUpdateId: book.lastUpdateId, difference });
  }
}

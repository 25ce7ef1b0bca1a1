/**
 * The synthetic feed of one mock: a MarketGenerator per symbol driven at a configured rate, plus the
 * sequence faults that act on the stream itself (gap, duplicate, reorder, malformed, oversize, unknown
 * message) and bursts. Encoding is the exchange's business: each diff is encoded the moment it is applied,
 * so an OKX checksum always describes the book right after that diff.
 */
import { MarketGenerator } from './market-generator.ts';
import { TrueBook, type HistoryBounds } from './true-book.ts';
import type { DecimalStyle } from './decimal-text.ts';
import type { LevelFormat } from './level-pieces.ts';
import type { OutMessage } from './out-message.ts';
import type { FeedStep } from './feed-clock.ts';
import type { FeedEncoder, MockFeed, StreamFault } from './mock-feed.ts';

/** Synthetic feed settings. */
export interface SyntheticFeedOptions {
  symbols: readonly string[];
  seed: number;
  messagesPerSecondPerSymbol: number;
  depthPerSide: number;
  levelsPerMessage: number;
  style: DecimalStyle;
  history: HistoryBounds;
  /** How the exchange writes a level. */
  levelFormat: LevelFormat;
  /** Tag levels with their OKX checksum tokens (an OKX crc32 feed). */
  checksumTags?: boolean;
}

/** Drives every symbol's generator and applies stream faults. */
export class SyntheticFeed implements MockFeed {
  readonly books = new Map<string, TrueBook>();
  #generators: MarketGenerator[] = [];
  #rate: number;
  #carry: number[];
  #burstFactor: number[];
  #burstUntilMs: number[];
  #pending: StreamFault[][];
  #encoder: FeedEncoder;

  constructor(options: SyntheticFeedOptions, encoder: FeedEncoder) {
    this.#encoder = encoder;
    this.#rate = options.messagesPerSecondPerSymbol;
    for (const symbol of options.symbols) {
      const book = new TrueBook(symbol, options.history);
      this.books.set(symbol, book);
      this.#generators.push(new MarketGenerator(book, { seed: options.seed, depthPerSide: options.depthPerSide, levelsPerMessage: options.levelsPerMessage, style: options.style, levelFormat: options.levelFormat, checksumTags: options.checksumTags === true }));
    }
    const count = this.#generators.length;
    this.#carry = new Array<number>(count).fill(0);
    this.#burstFactor = new Array<number>(count).fill(1);
    this.#burstUntilMs = new Array<number>(count).fill(0);
    this.#pending = Array.from({ length: count }, () => []);
  }

  /** Symbols fed, in the configured order. */
  get symbols(): readonly string[] {
    return [...this.books.keys()];
  }

  /** Queues a stream fault for `symbol`'s next message. */
  inject(symbol: string, fault: StreamFault): void {
    const index = this.#index(symbol);
    this.#pending[index]?.push(fault);
  }

  /** Multiplies the rate of `symbol` (or every symbol) by `factor` until `untilMs` (performance.now()). */
  burst(symbol: string | undefined, factor: number, untilMs: number): void {
    for (let i = 0; i < this.#generators.length; i++) {
      if (symbol !== undefined && this.#generators[i]?.book.symbol !== symbol) continue;
      this.#burstFactor[i] = factor;
      this.#burstUntilMs[i] = untilMs;
    }
  }

  /** The decimal string meaning "level deleted" for a symbol. */
  zeroSize(symbol: string): string {
    return this.#generators[this.#index(symbol)]?.zeroSize ?? '0';
  }

  /** Generates the messages due for this step, in order. */
  produce(step: FeedStep): OutMessage[] {
    const out: OutMessage[] = [];
    const now = performance.now();
    const symbols = this.#generators.length;
    for (let i = 0; i < symbols; i++) {
      const generator = this.#generators[i] as MarketGenerator;
      let due: number;
      if (step.messages !== undefined) {
        due = Math.ceil(step.messages / symbols);
      } else {
        if ((this.#burstUntilMs[i] as number) < now) this.#burstFactor[i] = 1;
        const exact = (this.#carry[i] as number) + (this.#rate * (this.#burstFactor[i] as number) * step.elapsedMs) / 1000;
        due = Math.floor(exact);
        this.#carry[i] = exact - due;
      }
      const pending = this.#pending[i] as StreamFault[];
      if (pending.length > 0) {
        this.#pending[i] = [];
        for (const fault of pending) this.#applyFault(generator, fault, out);
        due = Math.max(0, due - 1);
      }
      for (let n = 0; n < due; n++) out.push(this.#encoder.diff(generator.next(), generator.book));
    }
    return out;
  }

  #applyFault(generator: MarketGenerator, fault: StreamFault, out: OutMessage[]): void {
    const encode = (): OutMessage => this.#encoder.diff(generator.next(), generator.book);
    switch (fault.kind) {
      case 'gap': {
        // The skipped ids still change the true book: a client that ignores the gap ends up wrong.
        const target = generator.book.updateId + fault.ids;
        while (generator.book.updateId < target) generator.next();
        out.push(encode());
        return;
      }
      case 'duplicate': {
        const message = encode();
        out.push(message, message);
        return;
      }
      case 'sequence-reset': {
        const resetTo = Math.max(1, generator.book.updateId - fault.dropIds);
        out.push(this.#encoder.diff(generator.next(resetTo), generator.book));
        return;
      }
      case 'reorder': {
        const first = encode();
        out.push(encode(), first);
        return;
      }
      default:
        out.push(this.#encoder.fault(generator.book.symbol, fault), encode());
    }
  }

  #index(symbol: string): number {
    return this.#generators.findIndex((generator) => generator.book.symbol === symbol);
  }
}

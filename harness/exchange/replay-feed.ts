/**
 * Replays a capture as a live feed: frames go out at their captured times ×speed (or as fast as the
 * fastest client reads, at speed 0), from the moment the first client subscribes, looping when asked.
 * The true book of each symbol follows the replayed book frames, so the truth oracle, REST snapshots and
 * snapshots for late subscribers stay consistent with what was sent. Exchange details live in a ReplayCodec.
 */
import { TrueBook, type HistoryBounds } from './true-book.ts';
import type { FeedStep } from './feed-clock.ts';
import type { LevelText, SortedSide } from './sorted-side.ts';
import type { MockFeed, StreamFault } from './mock-feed.ts';
import type { OutMessage } from './out-message.ts';

/** A book change carried by a replayed frame. */
export interface ReplayBookChange {
  symbol: string;
  action: 'snapshot' | 'update';
  firstId: number;
  lastId: number;
  bids: LevelText[];
  asks: LevelText[];
}

/** One replayable frame. */
export interface ReplayItem {
  tMs: number;
  book?: ReplayBookChange;
  /** The frame as sent in loop `loop` (loops after the first may shift ids so they keep increasing). */
  message(loop: number): OutMessage;
}

/** A snapshot the capture holds for a symbol (Binance REST), applied at the start of every loop. */
export interface ReplaySnapshot {
  symbol: string;
  lastUpdateId: number;
  bids: LevelText[];
  asks: LevelText[];
}

/** What an exchange provides to replay its captures. */
export interface ReplayCodec {
  items: ReplayItem[];
  /** Every symbol the capture carries frames for. */
  symbols: string[];
  snapshots: ReplaySnapshot[];
  /** Id shift per loop (0 when the feed resets itself with snapshots). */
  idOffsetPerLoop: number;
  /** Binance: updates at or below the book's id are stale and skipped (the documented sync rule). */
  skipStaleUpdates: boolean;
  fault(symbol: string, fault: StreamFault): OutMessage;
}

/** Replay settings. */
export interface ReplayOptions {
  speed: number;
  loop: boolean;
  history: HistoryBounds;
  /** Whether any client is subscribed (the timeline waits for the first one). */
  hasSubscribers(): boolean;
}

/** A capture replayed as a MockFeed. */
export class ReplayFeed implements MockFeed {
  readonly books = new Map<string, TrueBook>();
  #codec: ReplayCodec;
  #options: ReplayOptions;
  #next = 0;
  #loop = 0;
  #positionMs = 0;
  #started = false;
  #burstFactor = 1;
  #burstUntilMs = 0;
  #pending = new Map<string, StreamFault[]>();
  #skipIds = new Map<string, number>();
  #held = new Map<string, OutMessage>();
  #seeds = new Map<string, { bids: SortedSide; asks: SortedSide; updateId: number }>();

  constructor(codec: ReplayCodec, options: ReplayOptions) {
    this.#codec = codec;
    this.#options = options;
    for (const item of codec.items) if (item.book) this.#bookOf(item.book.symbol);
    for (const snapshot of codec.snapshots) this.#bookOf(snapshot.symbol);
    this.#startLoop();
  }

  /** Symbols (instruments) the capture carries, in first-seen order. */
  get symbols(): readonly string[] {
    return this.#codec.symbols;
  }

  /** True when the capture has played to its end and does not loop. */
  get finished(): boolean {
    return !this.#options.loop && this.#next >= this.#codec.items.length;
  }

  /** The captured snapshot for `symbol` (ids shifted for this loop) while it still fits the stream, else undefined. */
  restSnapshot(symbol: string): ReplaySnapshot | undefined {
    const book = this.books.get(symbol);
    const offset = this.#loop * this.#codec.idOffsetPerLoop;
    for (const snapshot of this.#codec.snapshots) {
      if (snapshot.symbol !== symbol) continue;
      if (book && book.updateId > snapshot.lastUpdateId + offset) return undefined;
      return { ...snapshot, lastUpdateId: snapshot.lastUpdateId + offset };
    }
    return undefined;
  }

  inject(symbol: string, fault: StreamFault): void {
    const list = this.#pending.get(symbol) ?? [];
    list.push(fault);
    this.#pending.set(symbol, list);
  }

  burst(_symbol: string | undefined, factor: number, untilMs: number): void {
    // A replay has one timeline: a burst speeds up all of it.
    this.#burstFactor = factor;
    this.#burstUntilMs = untilMs;
  }

  produce(step: FeedStep): OutMessage[] {
    const items = this.#codec.items;
    if (!this.#started) {
      if (!this.#options.hasSubscribers()) return [];
      this.#started = true;
      // Capture time 0 is its first record (often the connection opening), so the client gets the same lead.
      this.#positionMs = 0;
    }
    if (step.messages === undefined) {
      if (this.#burstUntilMs < performance.now()) this.#burstFactor = 1;
      this.#positionMs += step.elapsedMs * this.#options.speed * this.#burstFactor;
    }
    const out: OutMessage[] = [];
    let budget = step.messages ?? Number.POSITIVE_INFINITY;
    // Bounded by the capture length per loop, and by one extra loop per step.
    for (let guard = 0; guard < items.length * 2 + 2 && budget > 0; guard++) {
      if (this.#next >= items.length) {
        if (!this.#options.loop || items.length === 0) break;
        this.#loop++;
        this.#startLoop();
        this.#positionMs = 0;
        if (step.messages === undefined) break;
      }
      const item = items[this.#next] as ReplayItem;
      if (step.messages === undefined && item.tMs > this.#positionMs) break;
      if (step.messages !== undefined) this.#positionMs = Math.max(this.#positionMs, item.tMs);
      this.#next++;
      budget--;
      this.#play(item, out);
    }
    return out;
  }

  #play(item: ReplayItem, out: OutMessage[]): void {
    const change = item.book;
    if (!change) {
      out.push(item.message(this.#loop));
      return;
    }
    const book = this.#bookOf(change.symbol);
    const offset = this.#loop * this.#codec.idOffsetPerLoop;
    const lastId = change.lastId + offset;
    if (change.action === 'snapshot') {
      book.reset();
    } else if (this.#codec.skipStaleUpdates && book.updateId > 0 && lastId <= book.updateId) {
      out.push(item.message(this.#loop));
      return;
    }
    applyLevels(book, change.bids, change.asks);
    book.commit(lastId);
    const skip = this.#skipIds.get(change.symbol);
    if (skip !== undefined && change.action === 'update') {
      // A gap: the change is applied to the truth but never sent.
      const left = skip - (change.lastId - change.firstId + 1);
      if (left > 0) this.#skipIds.set(change.symbol, left);
      else this.#skipIds.delete(change.symbol);
      return;
    }
    const message = item.message(this.#loop);
    const held = this.#held.get(change.symbol);
    if (held) {
      // Reorder: the held message goes out after the one that followed it.
      this.#held.delete(change.symbol);
      out.push(message, held);
      return;
    }
    const pending = this.#pending.get(change.symbol);
    if (pending && pending.length > 0 && change.action === 'update') {
      const fault = pending.shift() as StreamFault;
      if (fault.kind === 'gap') {
        this.#skipIds.set(change.symbol, fault.ids);
        out.push(message);
        return;
      }
      if (fault.kind === 'duplicate') return void out.push(message, message);
      if (fault.kind === 'reorder') return void this.#held.set(change.symbol, message);
      // Captures carry their own seqIds: a reset cannot be faked without rewriting every later frame.
      if (fault.kind === 'sequence-reset') return void out.push(message);
      out.push(this.#codec.fault(change.symbol, fault));
    }
    out.push(message);
  }

  #startLoop(): void {
    this.#next = 0;
    this.#held.clear();
    const offset = this.#loop * this.#codec.idOffsetPerLoop;
    if (this.#loop > 0) {
      // Copying the book as it stood after the snapshots is far cheaper than re-applying thousands of levels.
      for (const [symbol, seed] of this.#seeds) this.#bookOf(symbol).restore(seed.bids, seed.asks, seed.updateId + offset);
      return;
    }
    for (const snapshot of this.#codec.snapshots) {
      // Each loop starts from the first captured snapshot of each symbol.
      if (this.#seeds.has(snapshot.symbol)) continue;
      const book = this.#bookOf(snapshot.symbol);
      book.reset();
      applyLevels(book, snapshot.bids, snapshot.asks);
      book.commit(snapshot.lastUpdateId);
      this.#seeds.set(snapshot.symbol, { bids: book.bids.clone(), asks: book.asks.clone(), updateId: snapshot.lastUpdateId });
    }
  }

  #bookOf(symbol: string): TrueBook {
    let book = this.books.get(symbol);
    if (!book) {
      book = new TrueBook(symbol, this.#options.history);
      this.books.set(symbol, book);
    }
    return book;
  }
}

/** Applies levels worst-first: exchanges list them best-first, and a book stored best-last then only appends. */
function applyLevels(book: TrueBook, bids: readonly LevelText[], asks: readonly LevelText[]): void {
  for (let i = bids.length - 1; i >= 0; i--) {
    const [price, size] = bids[i] as LevelText;
    book.apply('bid', Number(price), price, size);
  }
  for (let i = asks.length - 1; i >= 0; i--) {
    const [price, size] = asks[i] as LevelText;
    book.apply('ask', Number(price), price, size);
  }
}

/**
 * Binance's documented local-order-book procedure for one symbol, as a pure state machine (no sockets, no
 * timers): buffer diffs until a REST snapshot arrives, drop the diffs it already covers, check that the first
 * applied diff straddles the snapshot, then that each diff continues the previous one. Spot and USD-M futures
 * differ only in those two checks, supplied as BinanceSyncRules by binance-spot.ts / binance-futures.ts.
 */
import { OrderBook } from '../book/index.ts';
import type { BookState, ExchangeId } from '../feed/feed-types.ts';
import type { BinanceDepthUpdate, BinanceSnapshot } from '../protocol/index.ts';

/** The sequence checks that differ between Binance products. */
export interface BinanceSyncRules {
  readonly exchange: ExchangeId;
  /** REST path of the depth snapshot, e.g. `/api/v3/depth`. */
  readonly snapshotPath: string;
  /** Before the first diff is applied: true when the diff is entirely covered by the snapshot and must be dropped. */
  coveredBySnapshot(event: BinanceDepthUpdate, snapshotId: number): boolean;
  /** True when the first diff applied after the snapshot straddles it. */
  straddlesSnapshot(event: BinanceDepthUpdate, snapshotId: number): boolean;
  /** True when a live diff directly continues the last applied one (`lastFinalId` is its `u`). */
  continues(event: BinanceDepthUpdate, lastFinalId: number): boolean;
  /** The id the rules expected and the id received, for a gap report. */
  gapIds(event: BinanceDepthUpdate, lastFinalId: number): [expected: number, received: number];
}

/**
 * What one diff or snapshot did: `applied` to the book, `buffered` awaiting a snapshot, `stale` (already
 * covered: dropped), `gap` (sequence broken: resync started), `stale-snapshot` (the snapshot is older than
 * the buffered stream: refetch), `invalid` (a price/size was not a decimal: resync started), `crossed` (best
 * bid ≥ best ask after applying: the book cannot be right, resync started), `ignored`.
 */
export type SyncOutcome = 'applied' | 'buffered' | 'stale' | 'gap' | 'stale-snapshot' | 'invalid' | 'crossed' | 'ignored';

/** The sync state of one Binance symbol and its book. */
export class BinanceBookSync {
  readonly book: OrderBook;
  readonly rules: BinanceSyncRules;
  readonly bufferLimit: number;
  #state: BookState = 'syncing';
  /** Snapshot applied, waiting for the first diff that straddles it. */
  #awaitingFirst = false;
  #buffer: BinanceDepthUpdate[] = [];
  #snapshotWanted = false;
  #gapExpected = 0;
  #gapReceived = 0;
  #appliedInLastCall = 0;
  #bufferOverflows = 0;

  constructor(rules: BinanceSyncRules, symbol: string, maxDepthPerSide: number, bufferLimit: number) {
    this.rules = rules;
    this.book = new OrderBook(rules.exchange, symbol, maxDepthPerSide);
    this.bufferLimit = bufferLimit;
  }

  get state(): BookState {
    return this.#state;
  }

  /** True while no snapshot has been applied since the last (re)start. */
  get awaitingSnapshot(): boolean {
    return this.#state === 'syncing' || this.#state === 'resyncing';
  }

  /** Diffs held while waiting for a snapshot. */
  get buffered(): number {
    return this.#buffer.length;
  }

  /** Times the pre-snapshot buffer overflowed and was dropped. */
  get bufferOverflows(): number {
    return this.#bufferOverflows;
  }

  /** Expected and received ids of the last gap. */
  get lastGap(): [expected: number, received: number] {
    return [this.#gapExpected, this.#gapReceived];
  }

  /** Diffs applied by the last onDepth/onSnapshot call (a snapshot drains the buffer). */
  get appliedInLastCall(): number {
    return this.#appliedInLastCall;
  }

  /** Returns true once after the sync started wanting a snapshot (the caller then fetches one). */
  takeSnapshotRequest(): boolean {
    const wanted = this.#snapshotWanted;
    this.#snapshotWanted = false;
    return wanted;
  }

  /** Starts over: drops the buffer and waits for a new snapshot (`resyncing` keeps the old book readable). */
  restart(state: 'syncing' | 'resyncing'): void {
    this.#state = state;
    this.#awaitingFirst = false;
    this.#buffer.length = 0;
    this.#snapshotWanted = false;
    if (state === 'syncing') this.book.clear();
  }

  /** Marks the book stale (its feed lost its socket); the next restart resynchronises it. */
  markStale(): void {
    this.restart('resyncing');
    this.#state = 'stale';
  }

  /** Handles one diff. */
  onDepth(event: BinanceDepthUpdate): SyncOutcome {
    this.#appliedInLastCall = 0;
    if (this.#state === 'stale') return 'ignored';
    if (this.awaitingSnapshot) return this.#bufferEvent(event);
    const lastId = this.book.lastUpdateId;
    if (this.#awaitingFirst) {
      if (this.rules.coveredBySnapshot(event, lastId)) return 'stale';
      if (!this.rules.straddlesSnapshot(event, lastId)) return this.#staleSnapshot(event);
      this.#awaitingFirst = false;
      return this.#apply(event);
    }
    // A repeat of something already applied is dropped, not treated as a gap (Binance: "ignore the event").
    if (event.finalUpdateId <= lastId) return 'stale';
    if (!this.rules.continues(event, lastId)) {
      [this.#gapExpected, this.#gapReceived] = this.rules.gapIds(event, lastId);
      this.restart('resyncing');
      this.#bufferEvent(event);
      return 'gap';
    }
    return this.#apply(event);
  }

  /** Applies a snapshot (ignored unless one is awaited), then the buffered diffs it does not cover. */
  onSnapshot(snapshot: BinanceSnapshot): SyncOutcome {
    this.#appliedInLastCall = 0;
    if (!this.awaitingSnapshot) return 'ignored';
    const buffer = this.#buffer;
    this.#buffer = [];
    if (this.book.applySnapshot(snapshot.bids, snapshot.asks, snapshot.lastUpdateId) < 0) {
      this.restart('resyncing');
      this.#snapshotWanted = true;
      return 'invalid';
    }
    this.#state = 'live';
    this.#awaitingFirst = true;
    let applied = 0;
    for (const event of buffer) {
      const outcome = this.onDepth(event);
      if (outcome === 'applied') applied++;
      else if (outcome !== 'stale') {
        // The rest of the old buffer now belongs to the restarted sync, in order.
        const rest = buffer.slice(buffer.indexOf(event) + 1);
        for (const later of rest) this.#bufferEvent(later);
        this.#appliedInLastCall = applied;
        return outcome;
      }
    }
    this.#appliedInLastCall = applied;
    return 'applied';
  }

  #bufferEvent(event: BinanceDepthUpdate): SyncOutcome {
    if (this.#buffer.length >= this.bufferLimit) {
      // Bounded: drop what we hold; the snapshot checks then decide whether the stream still joins up.
      this.#buffer.length = 0;
      this.#bufferOverflows++;
    }
    if (this.#buffer.length === 0 && !this.#snapshotWanted) this.#snapshotWanted = true;
    this.#buffer.push(event);
    return 'buffered';
  }

  #staleSnapshot(event: BinanceDepthUpdate): SyncOutcome {
    [this.#gapExpected, this.#gapReceived] = this.rules.gapIds(event, this.book.lastUpdateId);
    this.restart('resyncing');
    this.#bufferEvent(event);
    return 'stale-snapshot';
  }

  #apply(event: BinanceDepthUpdate): SyncOutcome {
    const book = this.book;
    if (book.applyLevels('bid', event.bids) < 0 || book.applyLevels('ask', event.asks) < 0) {
      this.restart('resyncing');
      this.#snapshotWanted = true;
      return 'invalid';
    }
    book.setLastUpdateId(event.finalUpdateId);
    this.#appliedInLastCall = 1;
    if (book.isCrossed()) {
      this.restart('resyncing');
      this.#snapshotWanted = true;
      return 'crossed';
    }
    return 'applied';
  }
}

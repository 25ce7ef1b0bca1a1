/**
 * OKX v5 `books` channel for one instId, as a pure state machine: a `snapshot` replaces the book, each
 * `update` must continue it (`prevSeqId == last seqId` when the feed carries seqIds; OKX's documented
 * sequence resets — `seqId < prevSeqId` — are accepted), and the CRC32 checksum over the top 25 levels is
 * verified when it is non-zero (OKX now sends 0; insisting on it would resubscribe forever). A gap or a
 * checksum mismatch puts the book in `resyncing`; the feed then resubscribes the instId.
 */
import { OrderBook } from '../book/index.ts';
import type { BookState } from '../feed/feed-types.ts';
import { OKX_CHECKSUM_LEVELS, okxChecksum, type OkxBooksFrame } from '../protocol/index.ts';

/** What one push did: `applied`, `ignored` (an update before any snapshot), `gap`, `checksum` mismatch, `invalid` values, or a `crossed` book. */
export type OkxSyncOutcome = 'applied' | 'ignored' | 'gap' | 'checksum' | 'invalid' | 'crossed';

/** The sync state of one OKX instId and its book. */
export class OkxBookSync {
  readonly book: OrderBook;
  #state: BookState = 'syncing';
  #lastSeqId: number | undefined;
  #checksumVerified = false;
  #sequenceResets = 0;
  #checksumsSkipped = 0;
  #gapExpected = 0;
  #gapReceived = 0;

  constructor(instId: string, maxDepthPerSide: number) {
    this.book = new OrderBook('okx', instId, maxDepthPerSide);
  }

  get state(): BookState {
    return this.#state;
  }

  /** True while no snapshot has been applied since the last (re)subscribe. */
  get awaitingSnapshot(): boolean {
    return this.#state !== 'live';
  }

  /** Whether the last applied push carried a non-zero checksum that matched. */
  get checksumVerified(): boolean {
    return this.#checksumVerified;
  }

  /** Non-zero checksums not checked because the capped book no longer holds the exact top 25. */
  get checksumsSkipped(): number {
    return this.#checksumsSkipped;
  }

  /** Documented OKX sequence resets accepted so far. */
  get sequenceResets(): number {
    return this.#sequenceResets;
  }

  /** Expected and received seqIds of the last gap. */
  get lastGap(): [expected: number, received: number] {
    return [this.#gapExpected, this.#gapReceived];
  }

  /** Waits for a new snapshot (after a resubscribe or reconnect); `syncing` also empties the book. */
  restart(state: 'syncing' | 'resyncing' | 'stale'): void {
    this.#state = state;
    this.#lastSeqId = undefined;
    if (state === 'syncing') this.book.clear();
  }

  /** Handles one `books` push for this instId. */
  onBooks(frame: OkxBooksFrame): OkxSyncOutcome {
    this.#checksumVerified = false;
    const book = this.book;
    if (frame.action === 'snapshot') {
      if (book.applySnapshot(frame.bids, frame.asks, frame.seqId ?? frame.tsMs) < 0) return this.#fail('invalid');
    } else {
      if (this.#state !== 'live') return 'ignored';
      const last = this.#lastSeqId;
      if (frame.prevSeqId !== undefined && last !== undefined && frame.prevSeqId !== last) {
        this.#gapExpected = last;
        this.#gapReceived = frame.prevSeqId;
        return this.#fail('gap');
      }
      if (book.applyLevels('bid', frame.bids) < 0 || book.applyLevels('ask', frame.asks) < 0) return this.#fail('invalid');
      if (frame.seqId !== undefined && frame.prevSeqId !== undefined && frame.seqId < frame.prevSeqId) this.#sequenceResets++;
      book.setLastUpdateId(frame.seqId ?? frame.tsMs);
    }
    if (frame.checksum !== 0) {
      // With a depth cap below OKX's 400 levels, pruned levels can resurface in the top 25: then the checksum
      // cannot be checked (skipped and counted), rather than failing forever on a book that is right where it can be.
      if (!book.bids.exactTop(OKX_CHECKSUM_LEVELS) || !book.asks.exactTop(OKX_CHECKSUM_LEVELS)) this.#checksumsSkipped++;
      else if (okxChecksum(book) !== frame.checksum) return this.#fail('checksum');
      else this.#checksumVerified = true;
    }
    if (book.isCrossed()) return this.#fail('crossed');
    this.#state = 'live';
    this.#lastSeqId = frame.seqId;
    return 'applied';
  }

  #fail(outcome: 'gap' | 'checksum' | 'invalid' | 'crossed'): OkxSyncOutcome {
    this.restart('resyncing');
    return outcome;
  }
}

/**
 * A deliberately naive order book for the mock-exchange tests (independent of src/book and of the mock's
 * own TrueBook, so a bug in either cannot cancel out): Maps keyed by the price string, sorted on read.
 */
export type Level = [price: string, size: string];

/** Map-backed book that applies levels as exchanges send them. */
export class TinyBook {
  bids = new Map<string, string>();
  asks = new Map<string, string>();
  updateId = 0;

  /** Replaces the book with a snapshot. */
  load(bids: readonly Level[], asks: readonly Level[], updateId: number): void {
    this.bids = new Map(bids.map(([price, size]) => [price, size]));
    this.asks = new Map(asks.map(([price, size]) => [price, size]));
    this.updateId = updateId;
  }

  /** Applies one side's levels; a zero size deletes. */
  apply(side: 'bids' | 'asks', levels: ReadonlyArray<readonly [string, string, ...string[]]>): void {
    const map = this[side];
    for (const [price, size] of levels) {
      if (Number(size) === 0) map.delete(price);
      else map.set(price, size);
    }
  }

  /** Top `depth` levels per side, best first. */
  top(depth: number): { bids: Level[]; asks: Level[] } {
    const bids = [...this.bids].sort((a, b) => Number(b[0]) - Number(a[0])).slice(0, depth);
    const asks = [...this.asks].sort((a, b) => Number(a[0]) - Number(b[0])).slice(0, depth);
    return { bids, asks };
  }
}

import { describe, expect, it } from 'vitest';
import { BinanceBookSync, binanceFuturesRules, binanceSnapshotUrl, binanceSpotRules, binanceStreamUrl, type SyncOutcome } from '../../../src/exchanges/index.ts';
import { parseBinanceFrame, parseBinanceSnapshot, type BinanceDepthUpdate, type BinanceSnapshot } from '../../../src/protocol/index.ts';
import { binanceSnapshotsTimed, receivedFramesTimed } from '../protocol/real-captures.ts';

const diff = (U: number, u: number, pu = -1, bids: string[][] = [['100', '1']]): BinanceDepthUpdate => ({
  kind: 'depth', symbol: 'BTCUSDT', eventTimeMs: 1, firstUpdateId: U, finalUpdateId: u, prevFinalUpdateId: pu, bids, asks: [],
});
const snapshot = (lastUpdateId: number): BinanceSnapshot => ({ lastUpdateId, bids: [['99', '5']], asks: [['101', '5']] });

describe('BinanceBookSync on the real capture', () => {
  it('syncs all 4 books of fixtures/real/BINANCE.ws.1.0 against their REST snapshots with no gap', () => {
    const syncs = new Map<string, BinanceBookSync>();
    const events: Array<{ atSeconds: number; apply: () => SyncOutcome; symbol: string }> = [];
    for (const { atSeconds, text } of receivedFramesTimed('BINANCE.ws.1.0')) {
      const frame = parseBinanceFrame(text);
      if (frame.kind !== 'depth') continue;
      const sync = syncs.get(frame.symbol) ?? new BinanceBookSync(binanceSpotRules, frame.symbol, 5000, 1000);
      syncs.set(frame.symbol, sync);
      events.push({ atSeconds, symbol: frame.symbol, apply: () => sync.onDepth(frame) });
    }
    for (const { symbol, atSeconds, body } of binanceSnapshotsTimed()) {
      const parsed = parseBinanceSnapshot(body);
      if (!('lastUpdateId' in parsed)) throw new Error(parsed.detail);
      events.push({ atSeconds, symbol, apply: () => (syncs.get(symbol) as BinanceBookSync).onSnapshot(parsed) });
    }
    events.sort((a, b) => a.atSeconds - b.atSeconds);
    const outcomes = new Map<string, number>();
    let applied = 0;
    for (const event of events) {
      const outcome = event.apply();
      expect(outcome).not.toBe('crossed'); // never crossed at any step, not just at the end
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      applied += (syncs.get(event.symbol) as BinanceBookSync).appliedInLastCall;
    }
    expect(outcomes.get('gap')).toBeUndefined();
    expect(outcomes.get('stale-snapshot')).toBeUndefined();
    expect(outcomes.get('invalid')).toBeUndefined();
    expect([...syncs.keys()].sort()).toEqual(['BLZETH', 'LRCBTC', 'NKNUSDT', 'RUNEEUR']);
    for (const sync of syncs.values()) {
      expect(sync.state).toBe('live');
      expect(sync.book.isCrossed()).toBe(false);
      expect(sync.book.bidCount).toBeGreaterThan(0);
    }
    expect(applied).toBeGreaterThan(100);
  });
});

describe('BinanceBookSync sequence rules (spot)', () => {
  it('buffers, asks for one snapshot, drops covered diffs and applies the straddling one', () => {
    const sync = new BinanceBookSync(binanceSpotRules, 'BTCUSDT', 100, 10);
    expect(sync.onDepth(diff(1, 5))).toBe('buffered');
    expect(sync.takeSnapshotRequest()).toBe(true);
    expect(sync.onDepth(diff(6, 8))).toBe('buffered');
    expect(sync.takeSnapshotRequest()).toBe(false);
    expect(sync.onSnapshot(snapshot(6))).toBe('applied');
    expect(sync.appliedInLastCall).toBe(1); // 1–5 dropped, 6–8 straddles 7
    expect(sync.book.lastUpdateId).toBe(8);
    expect(sync.onDepth(diff(9, 9))).toBe('applied');
    expect(sync.onDepth(diff(9, 9))).toBe('stale'); // a duplicate is dropped, not a gap
    expect(sync.state).toBe('live');
  });

  it('a gap restarts the sync with a fresh snapshot request and no data lost after it', () => {
    const sync = new BinanceBookSync(binanceSpotRules, 'BTCUSDT', 100, 10);
    sync.onDepth(diff(1, 5));
    sync.takeSnapshotRequest();
    sync.onSnapshot(snapshot(4));
    expect(sync.onDepth(diff(7, 9))).toBe('gap');
    expect(sync.lastGap).toEqual([6, 7]);
    expect(sync.state).toBe('resyncing');
    expect(sync.takeSnapshotRequest()).toBe(true);
    expect(sync.onSnapshot(snapshot(8))).toBe('applied');
    expect(sync.book.lastUpdateId).toBe(9);
  });

  it('a snapshot older than the buffered stream is refused and refetched', () => {
    const sync = new BinanceBookSync(binanceSpotRules, 'BTCUSDT', 100, 10);
    sync.onDepth(diff(10, 12));
    sync.takeSnapshotRequest();
    expect(sync.onSnapshot(snapshot(5))).toBe('stale-snapshot');
    expect(sync.takeSnapshotRequest()).toBe(true);
    expect(sync.buffered).toBe(1);
  });

  it('bounds the pre-snapshot buffer', () => {
    const sync = new BinanceBookSync(binanceSpotRules, 'BTCUSDT', 100, 3);
    for (let i = 0; i < 10; i++) sync.onDepth(diff(i * 2 + 1, i * 2 + 2));
    expect(sync.buffered).toBeLessThanOrEqual(3);
    expect(sync.bufferOverflows).toBe(3);
  });

  it('a crossed book restarts the sync', () => {
    const sync = new BinanceBookSync(binanceSpotRules, 'BTCUSDT', 100, 10);
    sync.onDepth(diff(1, 2));
    sync.takeSnapshotRequest();
    sync.onSnapshot(snapshot(1)); // bids 99 (and 100 from the diff), asks 101
    expect(sync.onDepth(diff(3, 3, -1, [['101.5', '1']]))).toBe('crossed');
    expect(sync.state).toBe('resyncing');
    expect(sync.takeSnapshotRequest()).toBe(true);
  });

  it('an invalid price restarts the sync', () => {
    const sync = new BinanceBookSync(binanceSpotRules, 'BTCUSDT', 100, 10);
    sync.onDepth(diff(1, 2));
    sync.onSnapshot(snapshot(1));
    expect(sync.onDepth(diff(3, 3, -1, [['x', '1']]))).toBe('invalid');
    expect(sync.takeSnapshotRequest()).toBe(true);
  });
});

describe('BinanceBookSync sequence rules (USD-M futures)', () => {
  it('first diff straddles lastUpdateId, then pu must equal the previous u', () => {
    const sync = new BinanceBookSync(binanceFuturesRules, 'BTCUSDT', 100, 10);
    sync.onDepth(diff(1, 4, 0));
    sync.onDepth(diff(5, 10, 4));
    sync.takeSnapshotRequest();
    expect(sync.onSnapshot(snapshot(10))).toBe('applied'); // 1–4 dropped (u < 10), 5–10 straddles 10
    expect(sync.book.lastUpdateId).toBe(10);
    expect(sync.onDepth(diff(12, 15, 10))).toBe('applied'); // U jumps, but pu links: futures allow it
    expect(sync.onDepth(diff(16, 18, 14))).toBe('gap');
    expect(sync.lastGap).toEqual([15, 14]);
  });
});

describe('Binance URLs', () => {
  it('builds the combined stream and snapshot URLs', () => {
    expect(binanceStreamUrl('ws://127.0.0.1:9/', ['BTCUSDT', 'ethusdt'])).toBe('ws://127.0.0.1:9/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms');
    expect(binanceSnapshotUrl('http://h:1', binanceSpotRules, 'btcusdt', 200)).toBe('http://h:1/api/v3/depth?symbol=BTCUSDT&limit=500');
    expect(binanceSnapshotUrl('http://h:1', binanceFuturesRules, 'X', 5000)).toBe('http://h:1/fapi/v1/depth?symbol=X&limit=1000');
  });
});

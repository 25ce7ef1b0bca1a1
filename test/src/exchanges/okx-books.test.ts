import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.ts';
import { OkxBookSync } from '../../../src/exchanges/index.ts';
import { okxChecksum, parseOkxFrame, type OkxBooksFrame } from '../../../src/protocol/index.ts';
import { receivedFrames } from '../protocol/real-captures.ts';

const push = (action: 'snapshot' | 'update', fields: Partial<OkxBooksFrame>): OkxBooksFrame => ({
  kind: 'books', channel: 'books', instId: 'BTC-USDT', action, asks: [['101', '1', '0', '1']], bids: [['99', '1', '0', '1']],
  tsMs: 1, checksum: 0, seqId: undefined, prevSeqId: undefined, ...fields,
});

describe('OkxBookSync', () => {
  it('replays the real capture: every book push applies and its checksum verifies', () => {
    const syncs = new Map<string, OkxBookSync>();
    let verified = 0;
    for (const text of receivedFrames('OKX.ws.1.0')) {
      const frame = parseOkxFrame(text);
      if (frame.kind !== 'books') continue;
      const sync = syncs.get(frame.instId) ?? new OkxBookSync(frame.instId, 1000);
      syncs.set(frame.instId, sync);
      expect(sync.onBooks(frame)).toBe('applied');
      if (sync.checksumVerified) verified++;
    }
    expect(verified).toBe(290);
  });

  it('follows seqId/prevSeqId, accepts empty heartbeats and documented sequence resets', () => {
    const sync = new OkxBookSync('BTC-USDT', 100);
    expect(sync.onBooks(push('update', { seqId: 9, prevSeqId: 8 }))).toBe('ignored'); // before any snapshot
    expect(sync.onBooks(push('snapshot', { seqId: 10, prevSeqId: -1 }))).toBe('applied');
    expect(sync.onBooks(push('update', { seqId: 15, prevSeqId: 10 }))).toBe('applied');
    expect(sync.onBooks(push('update', { seqId: 15, prevSeqId: 15, asks: [], bids: [] }))).toBe('applied');
    expect(sync.onBooks(push('update', { seqId: 3, prevSeqId: 15 }))).toBe('applied'); // reset after maintenance
    expect(sync.sequenceResets).toBe(1);
    expect(sync.onBooks(push('update', { seqId: 5, prevSeqId: 3 }))).toBe('applied');
    expect(sync.book.lastUpdateId).toBe(5);
    expect(sync.onBooks(push('update', { seqId: 9, prevSeqId: 7 }))).toBe('gap');
    expect(sync.lastGap).toEqual([5, 7]);
    expect(sync.state).toBe('resyncing');
    expect(sync.onBooks(push('update', { seqId: 10, prevSeqId: 9 }))).toBe('ignored');
  });

  it('a crossed book resyncs', () => {
    const sync = new OkxBookSync('BTC-USDT', 100);
    sync.onBooks(push('snapshot', {}));
    expect(sync.onBooks(push('update', { bids: [['101', '1', '0', '1']], asks: [] }))).toBe('crossed');
    expect(sync.state).toBe('resyncing');
  });

  it('accepts checksum 0 without verifying, verifies a non-zero one, and flags a mismatch', () => {
    const sync = new OkxBookSync('BTC-USDT', 100);
    expect(sync.onBooks(push('snapshot', { checksum: 0 }))).toBe('applied');
    expect(sync.checksumVerified).toBe(false);
    const expected = new OrderBook('okx', 'BTC-USDT', 100);
    expected.applySnapshot([['99', '1']], [['101', '1'], ['102', '2']], 1);
    expect(sync.onBooks(push('update', { asks: [['102', '2', '0', '1']], bids: [], checksum: okxChecksum(expected) }))).toBe('applied');
    expect(sync.checksumVerified).toBe(true);
    expect(sync.onBooks(push('update', { asks: [['103', '2', '0', '1']], bids: [], checksum: 12345 }))).toBe('checksum');
    expect(sync.state).toBe('resyncing');
  });

  it('skips (and counts) a checksum the capped book can no longer check, instead of failing forever', () => {
    const frames = receivedFrames('OKX.ws.1.0').map(parseOkxFrame).filter((f): f is OkxBooksFrame => f.kind === 'books' && f.instId === 'BTC-USDT');
    const sync = new OkxBookSync('BTC-USDT', 26); // far below the 400 levels OKX sends
    let verified = 0;
    for (const frame of frames) {
      expect(sync.onBooks(frame)).toBe('applied');
      if (sync.checksumVerified) verified++;
    }
    expect(verified + sync.checksumsSkipped).toBe(frames.length);
    expect(verified).toBeGreaterThan(0);
    expect(sync.checksumsSkipped).toBeGreaterThan(0);
  });
});

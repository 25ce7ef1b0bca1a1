import { describe, expect, it } from 'vitest';
import { parseOkxFrame } from '../../../src/protocol/index.ts';

const books = (data: Record<string, unknown>, action = 'update'): string =>
  JSON.stringify({ arg: { channel: 'books', instId: 'BTC-USDT' }, action, data: [{ asks: [['1', '2', '0', '1']], bids: [], ts: '1700000000000', checksum: 0, ...data }] });

describe('parseOkxFrame', () => {
  it('reads book pushes with seqId/prevSeqId and a zero checksum', () => {
    expect(parseOkxFrame(books({ seqId: 15, prevSeqId: 10 }))).toMatchObject({
      kind: 'books', instId: 'BTC-USDT', action: 'update', seqId: 15, prevSeqId: 10, checksum: 0, tsMs: 1700000000000,
    });
    expect(parseOkxFrame(books({ checksum: undefined }, 'snapshot'))).toMatchObject({ action: 'snapshot', checksum: 0, seqId: undefined });
  });

  it('reads pong, subscribe acks and errors', () => {
    expect(parseOkxFrame('pong')).toEqual({ kind: 'pong' });
    expect(parseOkxFrame('{"event":"subscribe","arg":{"channel":"books","instId":"BTC-USDT"}}')).toMatchObject({ kind: 'event', event: 'subscribe', instId: 'BTC-USDT' });
    expect(parseOkxFrame('{"event":"error","code":"60012","msg":"Invalid request"}')).toMatchObject({ kind: 'event', event: 'error', code: '60012' });
  });

  it('labels malformed, wrong-type and unknown frames without throwing', () => {
    expect(parseOkxFrame('ping?')).toMatchObject({ kind: 'failed', reason: 'malformed' });
    expect(parseOkxFrame(books({ seqId: '15' }))).toMatchObject({ reason: 'wrong-type', messageType: 'books' });
    expect(parseOkxFrame(books({ checksum: 2 ** 40 }))).toMatchObject({ reason: 'wrong-type' });
    expect(parseOkxFrame(books({ asks: [[1, 2]] }))).toMatchObject({ reason: 'wrong-type' });
    expect(parseOkxFrame(books({ ts: 'soon' }))).toMatchObject({ reason: 'wrong-type' });
    expect(parseOkxFrame(books({}, 'partial'))).toMatchObject({ reason: 'wrong-type' });
    expect(parseOkxFrame('{"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[]}')).toMatchObject({ reason: 'unknown', messageType: 'trades' });
    expect(parseOkxFrame('{"data":[]}')).toMatchObject({ reason: 'unknown' });
  });
});

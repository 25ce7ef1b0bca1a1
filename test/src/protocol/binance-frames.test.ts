import { describe, expect, it } from 'vitest';
import { parseBinanceFrame, parseBinanceSnapshot } from '../../../src/protocol/index.ts';
import { binanceSnapshots, receivedFrames } from './real-captures.ts';

const depth = { e: 'depthUpdate', E: 1633998512068, s: 'NKNUSDT', U: 10, u: 12, b: [['0.3513', '6195.0']], a: [] };

describe('parseBinanceFrame', () => {
  it('reads combined and raw depth updates, with futures pu when present', () => {
    const combined = parseBinanceFrame(JSON.stringify({ stream: 'nknusdt@depth@100ms', data: depth }));
    expect(combined).toMatchObject({ kind: 'depth', symbol: 'NKNUSDT', firstUpdateId: 10, finalUpdateId: 12, prevFinalUpdateId: -1, eventTimeMs: 1633998512068 });
    const raw = parseBinanceFrame(JSON.stringify({ ...depth, pu: 9 }));
    expect(raw).toMatchObject({ kind: 'depth', prevFinalUpdateId: 9 });
  });

  it('reads subscription results and error frames', () => {
    expect(parseBinanceFrame('{"result":null,"id":1}')).toEqual({ kind: 'ack' });
    expect(parseBinanceFrame('{"code":2,"msg":"Invalid request"}')).toEqual({ kind: 'error', code: 2, message: 'Invalid request' });
  });

  it('labels malformed, wrong-type and unknown frames without throwing', () => {
    expect(parseBinanceFrame('{"stream":')).toMatchObject({ kind: 'failed', reason: 'malformed' });
    expect(parseBinanceFrame('[1,2]')).toMatchObject({ kind: 'failed', reason: 'malformed' });
    expect(parseBinanceFrame(JSON.stringify({ ...depth, U: '10' }))).toMatchObject({ reason: 'wrong-type', messageType: 'depthUpdate' });
    expect(parseBinanceFrame(JSON.stringify({ ...depth, U: 13 }))).toMatchObject({ reason: 'wrong-type' });
    expect(parseBinanceFrame(JSON.stringify({ ...depth, b: [['1', 2]] }))).toMatchObject({ reason: 'wrong-type' });
    expect(parseBinanceFrame(JSON.stringify({ stream: 'x@depth', data: 5 }))).toMatchObject({ reason: 'wrong-type' });
    expect(parseBinanceFrame('{"e":"aggTrade","s":"X"}')).toMatchObject({ reason: 'unknown', messageType: 'aggTrade' });
    expect(parseBinanceFrame('{"stream":"nknusdt@bookTicker","data":{"u":1,"s":"NKNUSDT"}}')).toMatchObject({ reason: 'unknown', messageType: 'bookTicker' });
  });

  it('parses every frame of the real capture: 177 depth updates, the rest unknown', () => {
    const kinds = new Map<string, number>();
    for (const text of receivedFrames('BINANCE.ws.1.0')) {
      const frame = parseBinanceFrame(text);
      const key = frame.kind === 'failed' ? `${frame.reason}:${frame.messageType}` : frame.kind;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
    }
    expect(kinds.get('depth')).toBe(177);
    expect([...kinds.keys()].filter((k) => k !== 'depth').every((k) => k.startsWith('unknown:'))).toBe(true);
  });
});

describe('parseBinanceSnapshot', () => {
  it('accepts the real REST snapshots and rejects bad bodies', () => {
    for (const body of binanceSnapshots().values()) expect(parseBinanceSnapshot(body)).toHaveProperty('lastUpdateId');
    expect(parseBinanceSnapshot({ lastUpdateId: 1.5, bids: [], asks: [] })).toMatchObject({ reason: 'wrong-type' });
    expect(parseBinanceSnapshot({ lastUpdateId: 1, bids: 'x', asks: [] })).toMatchObject({ reason: 'wrong-type' });
    expect(parseBinanceSnapshot(null)).toMatchObject({ reason: 'malformed' });
  });
});

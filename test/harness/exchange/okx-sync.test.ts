import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { okxChecksum, startMockExchange, type MockExchange } from '../../../harness/exchange/index.ts';
import { TinyBook } from './tiny-book.ts';

type OkxLevel = [string, string, string, string];
interface OkxBookData {
  asks: OkxLevel[];
  bids: OkxLevel[];
  checksum: number;
  prevSeqId: number;
  seqId: number;
}
interface OkxFrame {
  event?: string;
  code?: string;
  arg?: { channel: string; instId: string };
  action?: 'snapshot' | 'update';
  data?: OkxBookData[];
}

let mock: MockExchange | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await mock?.close();
  mock = undefined;
});

async function open(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

/** Collects text frames until `until` says stop. */
function collect(ws: WebSocket, until: (text: string, all: string[]) => boolean): Promise<string[]> {
  const all: string[] = [];
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const text = String(data);
      all.push(text);
      if (until(text, all)) {
        ws.off('message', onMessage);
        resolve(all);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('mock OKX', () => {
  it('snapshot + updates rebuild the true book; every checksum and prevSeqId matches', async () => {
    mock = await startMockExchange({ exchange: 'okx', symbols: ['BTC-USDT', 'ETH-USDT'], source: { kind: 'synthetic', seed: 11, messagesPerSecondPerSymbol: 300 } });
    const ws = await open(mock.wsUrl);
    const book = new TinyBook();
    let updates = 0;
    let checksumsVerified = 0;
    const frames = collect(ws, (text) => {
      const frame = JSON.parse(text) as OkxFrame;
      const data = frame.data?.[0];
      if (frame.arg?.instId !== 'ETH-USDT' || !data) return false;
      if (frame.action === 'snapshot') {
        expect(data.prevSeqId).toBe(-1);
        book.load([], [], data.seqId);
      } else {
        expect(data.prevSeqId).toBe(book.updateId);
        updates++;
      }
      book.apply('bids', data.bids);
      book.apply('asks', data.asks);
      book.updateId = data.seqId;
      const top = book.top(25);
      expect(okxChecksum(top.bids, top.asks)).toBe(data.checksum);
      checksumsVerified++;
      return updates === 200;
    });
    ws.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'ETH-USDT' }] }));
    const all = await frames;
    expect(JSON.parse(all[0] as string)).toEqual({ event: 'subscribe', arg: { channel: 'books', instId: 'ETH-USDT' } });
    expect(checksumsVerified).toBe(201);
    const truth = mock.truthAt('ETH-USDT', book.updateId, 25);
    expect(book.top(25)).toEqual({ bids: truth?.bids, asks: truth?.asks });
  });

  it('answers ping with pong, errors for a bad instId and for bad JSON, and acks unsubscribe', async () => {
    mock = await startMockExchange({ exchange: 'okx', symbols: ['BTC-USDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 1 } });
    const ws = await open(mock.wsUrl);
    const replies = collect(ws, (_text, all) => all.length === 4);
    ws.send('ping');
    ws.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'NOPE-USDT' }] }));
    ws.send('{not json');
    ws.send(JSON.stringify({ op: 'unsubscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] }));
    const [pong, badInst, badJson, unsubscribed] = await replies;
    expect(pong).toBe('pong');
    expect(JSON.parse(badInst as string)).toMatchObject({ event: 'error', code: '60018' });
    expect(JSON.parse(badJson as string)).toMatchObject({ event: 'error', code: '60012' });
    expect(JSON.parse(unsubscribed as string)).toEqual({ event: 'unsubscribe', arg: { channel: 'books', instId: 'BTC-USDT' } });
  });

  it('closes a connection that stays silent past the idle timeout and reports it', async () => {
    const events: string[] = [];
    mock = await startMockExchange({ exchange: 'okx', symbols: ['BTC-USDT'], idleTimeoutMs: 200, onEvent: (event) => events.push(`${event.kind}:${String(event.detail.reason)}`), source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 1 } });
    const ws = await open(mock.wsUrl);
    const started = performance.now();
    const code = await new Promise<number>((resolve) => ws.once('close', (closeCode) => resolve(closeCode)));
    expect(code).toBe(4004);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(events).toEqual(['client-dropped:idle']);
  });

  it("checksum mode 'zero' sends 0, as OKX does today", async () => {
    mock = await startMockExchange({ exchange: 'okx', symbols: ['BTC-USDT'], checksum: 'zero', source: { kind: 'synthetic', seed: 2, messagesPerSecondPerSymbol: 200 } });
    const ws = await open(mock.wsUrl);
    const frames = collect(ws, (_text, all) => all.length === 5);
    ws.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] }));
    const books = (await frames).slice(1).map((text) => (JSON.parse(text) as OkxFrame).data?.[0]?.checksum);
    expect(books).toEqual([0, 0, 0, 0]);
  });

  it('rejects other paths', async () => {
    mock = await startMockExchange({ exchange: 'okx', symbols: ['BTC-USDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 1 } });
    const ws = new WebSocket(mock.wsUrl.replace('/ws/v5/public', '/ws/v5/private'));
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(error.message).toContain('Unexpected server response: 404');
  });
});

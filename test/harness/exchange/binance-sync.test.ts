import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMockExchange, type MockExchange } from '../../../harness/exchange/index.ts';
import { TinyBook, type Level } from './tiny-book.ts';

interface DepthDiff {
  e: string;
  s: string;
  U: number;
  u: number;
  pu?: number;
  b: Level[];
  a: Level[];
}

let mock: MockExchange | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await mock?.close();
  mock = undefined;
});

/** Follows Binance's documented procedure: buffer the stream, fetch a snapshot, drop stale diffs, then apply in order. */
async function syncBook(exchange: MockExchange, symbol: string, path: string, restPath: string, diffsAfterSync: number): Promise<{ book: TinyBook; diffs: DepthDiff[] }> {
  const ws = new WebSocket(`${exchange.wsUrl}${path}`);
  sockets.push(ws);
  const buffered: DepthDiff[] = [];
  const book = new TinyBook();
  let synced = false;
  let applied = 0;
  const applyDiff = (diff: DepthDiff): void => {
    book.apply('bids', diff.b);
    book.apply('asks', diff.a);
    book.updateId = diff.u;
  };
  const done = new Promise<void>((resolve, reject) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { stream?: string; data?: DepthDiff } & DepthDiff;
      const diff = frame.data ?? frame;
      if (diff.e !== 'depthUpdate' || diff.s !== symbol) return;
      if (!synced) {
        buffered.push(diff);
        return;
      }
      if (diff.U !== book.updateId + 1) reject(new Error(`gap: expected U=${book.updateId + 1}, got ${diff.U}`));
      if (diff.pu !== undefined && diff.pu !== book.updateId) reject(new Error(`pu ${diff.pu} != ${book.updateId}`));
      applyDiff(diff);
      if (++applied === diffsAfterSync) resolve();
    });
    ws.once('error', reject);
  });
  await new Promise((resolve) => ws.once('open', resolve));
  // Let a few diffs buffer first, as a real client's snapshot request races the stream.
  await new Promise<void>((resolve) => {
    const check = (): void => (buffered.length >= 3 ? resolve() : void setTimeout(check, 5));
    check();
  });
  const response = await fetch(`${exchange.restUrl}${restPath}?symbol=${symbol}&limit=1000`);
  expect(response.status).toBe(200);
  const snapshot = (await response.json()) as { lastUpdateId: number; bids: Level[]; asks: Level[] };
  book.load(snapshot.bids, snapshot.asks, snapshot.lastUpdateId);
  const pending = buffered.splice(0).filter((diff) => diff.u > snapshot.lastUpdateId);
  const first = pending[0];
  if (first) expect(first.U).toBeLessThanOrEqual(snapshot.lastUpdateId + 1);
  for (const diff of pending) applyDiff(diff);
  synced = true;
  await done;
  return { book, diffs: buffered };
}

describe('mock Binance', () => {
  it('a client syncing by REST + combined stream rebuilds the true book at its last update id', async () => {
    mock = await startMockExchange({ exchange: 'binance', symbols: ['BTCUSDT', 'ETHUSDT'], source: { kind: 'synthetic', seed: 7, messagesPerSecondPerSymbol: 400 } });
    const { book } = await syncBook(mock, 'ETHUSDT', '/stream?streams=btcusdt@depth@100ms/ethusdt@depth@100ms', '/api/v3/depth', 200);
    const truth = mock.truthAt('ETHUSDT', book.updateId, 25);
    expect(truth).toBeDefined();
    expect(book.top(25)).toEqual({ bids: truth?.bids, asks: truth?.asks });
    expect(truth?.bids[0]?.[0]).toMatch(/^\d+\.\d{8}$/);
    expect(Number(truth?.bids[0]?.[0])).toBeLessThan(Number(truth?.asks[0]?.[0]));
  });

  it('a raw /ws client on USD-M futures sees pu chaining and a consistent /fapi/v1/depth', async () => {
    mock = await startMockExchange({ exchange: 'binance', symbols: ['BTCUSDT'], futures: true, source: { kind: 'synthetic', seed: 3, messagesPerSecondPerSymbol: 300 } });
    const { book } = await syncBook(mock, 'BTCUSDT', '/ws/btcusdt@depth', '/fapi/v1/depth', 100);
    expect(book.top(25)).toEqual({ bids: mock.truthAt('BTCUSDT', book.updateId)?.bids, asks: mock.truthAt('BTCUSDT', book.updateId)?.asks });
  });

  it('live SUBSCRIBE / LIST_SUBSCRIPTIONS / UNSUBSCRIBE on a bare /ws connection', async () => {
    mock = await startMockExchange({ exchange: 'binance', symbols: ['BTCUSDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 200 } });
    const ws = new WebSocket(`${mock.wsUrl}/ws`);
    sockets.push(ws);
    const texts: string[] = [];
    const waiters: Array<() => void> = [];
    ws.on('message', (data) => {
      texts.push(String(data));
      for (const wake of waiters.splice(0)) wake();
    });
    const next = async (test: (text: string) => boolean): Promise<string> => {
      for (let round = 0; round < 10_000; round++) {
        const found = texts.find(test);
        if (found !== undefined) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      throw new Error('not received');
    };
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 1 }));
    expect(JSON.parse(await next((text) => text.includes('"id":1')))).toEqual({ result: null, id: 1 });
    const diff = JSON.parse(await next((text) => text.includes('depthUpdate'))) as DepthDiff;
    expect(diff.s).toBe('BTCUSDT');
    ws.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 2 }));
    expect(JSON.parse(await next((text) => text.includes('"id":2')))).toEqual({ result: ['btcusdt@depth@100ms'], id: 2 });
    ws.send(JSON.stringify({ method: 'UNSUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 3 }));
    await next((text) => text.includes('"id":3'));
    ws.send('not json');
    expect(JSON.parse(await next((text) => text.includes('"code":3')))).toMatchObject({ error: { code: 3 } });
    ws.send(JSON.stringify({ method: 'NOPE', id: 4 }));
    expect(JSON.parse(await next((text) => text.includes('"id":4')))).toMatchObject({ error: { code: 2 } });
  });

  it('pings every interval and drops a client that stops ponging, keeping one that answers', async () => {
    const events: Array<{ kind: string; reason: unknown; client: unknown }> = [];
    mock = await startMockExchange({ exchange: 'binance', symbols: ['BTCUSDT'], pingIntervalMs: 100, onEvent: (event) => events.push({ kind: event.kind, reason: event.detail.reason, client: event.detail.client }), source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 5 } });
    const silent = new WebSocket(`${mock.wsUrl}/ws/btcusdt@depth`, { autoPong: false });
    sockets.push(silent);
    // Listeners first: on a loaded machine the 100 ms pings can start before the awaits below return.
    let pings = 0;
    silent.on('ping', () => pings++);
    const closed = new Promise<number>((resolve) => silent.once('close', resolve));
    await new Promise((resolve) => silent.once('open', resolve));
    const polite = new WebSocket(`${mock.wsUrl}/ws/btcusdt@depth`);
    sockets.push(polite);
    expect(await closed).toBe(1006);
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(events).toEqual([{ kind: 'client-dropped', reason: 'pong-timeout', client: 1 }]);
    expect(polite.readyState).toBe(WebSocket.OPEN);
  });

  it('closes each connection at maxConnectionAgeMs with 1001 (the 24-hour disconnect, compressed)', async () => {
    const events: string[] = [];
    mock = await startMockExchange({ exchange: 'binance', symbols: ['BTCUSDT'], maxConnectionAgeMs: 300, onEvent: (event) => events.push(`${event.kind}:${String(event.detail.reason)}`), source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 5 } });
    const ws = new WebSocket(`${mock.wsUrl}/ws/btcusdt@depth`);
    sockets.push(ws);
    await new Promise((resolve) => ws.once('open', resolve));
    const opened = performance.now();
    const code = await new Promise<number>((resolve) => ws.once('close', resolve));
    expect(code).toBe(1001);
    expect(performance.now() - opened).toBeGreaterThanOrEqual(250);
    expect(events).toEqual(['disconnect:max-age']);
  });

  it('answers REST errors the way Binance does', async () => {
    mock = await startMockExchange({ exchange: 'binance', symbols: ['BTCUSDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 10 } });
    const unknown = await fetch(`${mock.restUrl}/api/v3/depth?symbol=NOPE`);
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ code: -1121, msg: 'Invalid symbol.' });
    const futures = await fetch(`${mock.restUrl}/fapi/v1/depth?symbol=BTCUSDT`);
    expect(futures.status).toBe(404);
    const limited = (await (await fetch(`${mock.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=5`)).json()) as { bids: Level[] };
    expect(limited.bids).toHaveLength(5);
  });
});

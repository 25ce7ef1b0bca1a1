/**
 * Every fault kind, scheduled at FAULT_AT_MS, observed from a plain client at or after that time (and
 * reported once, with its scheduled time, through onEvent).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startMockExchange, type FaultSpec, type MockExchange } from '../../../harness/exchange/index.ts';
import type { SoakEvent } from '../../../harness/runner/soak-event.ts';

// Late enough that the client is connected and subscribed even on a loaded machine.
const FAULT_AT_MS = 800;
/** Generous upper bound on how late a fault may be seen (two busy cores). */
const LATE_MS = 1500;

interface Frame {
  t: number;
  text: string;
}

interface Ctx {
  mock: MockExchange;
  originMs: number;
  ws: WebSocket;
  frames: Frame[];
  events: SoakEvent[];
  now(): number;
  /** Resolves with the index of the first frame (from `from`) for which `test` holds. */
  frame(test: (frame: Frame, index: number) => boolean, from?: number): Promise<number>;
  event(kind: string): Promise<SoakEvent>;
}

interface FaultCase {
  name: string;
  exchange: 'binance' | 'okx';
  fault: Omit<FaultSpec, 'atMs'>;
  /** A tighter per-client buffer bound, so a slow reader is dropped after little traffic on a busy machine. */
  maxClientBufferedBytes?: number;
  /** Returns the client-side time (ms since origin) at which the fault was seen. */
  observe(ctx: Ctx): Promise<number>;
}

const sockets: WebSocket[] = [];
let mock: MockExchange | undefined;

afterEach(async () => {
  for (const socket of sockets.splice(0)) if (socket.readyState !== WebSocket.CONNECTING) socket.terminate();
  await mock?.close();
  mock = undefined;
});

const json = (frame: Frame | undefined): { U: number; u: number; e: string; data?: Array<{ seqId: number; prevSeqId: number }> } => JSON.parse(frame?.text ?? 'null');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function openClient(ctx: Omit<Ctx, 'ws'>, url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return ws;
}

function closeOf(ctx: Ctx): Promise<{ code: number; t: number }> {
  return new Promise((resolve) => ctx.ws.once('close', (code) => resolve({ code, t: ctx.now() })));
}

async function fetchDepth(ctx: Ctx): Promise<{ status: number; retryAfter: string | null; body: { lastUpdateId?: number }; t: number; tookMs: number }> {
  const started = ctx.now();
  const response = await fetch(`${ctx.mock.restUrl}/api/v3/depth?symbol=BTCUSDT&limit=50`);
  const body = (await response.json()) as { lastUpdateId?: number };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, t: ctx.now(), tookMs: ctx.now() - started };
}

const restStatus = (status: number, retryAfter: string | null) => async (ctx: Ctx): Promise<number> => {
  await ctx.event(`snapshot-${status}`);
  const hit = await fetchDepth(ctx);
  expect(hit.status).toBe(status);
  expect(hit.retryAfter).toBe(retryAfter);
  expect((await fetchDepth(ctx)).status).toBe(200);
  return hit.t;
};

const cases: FaultCase[] = [
  {
    name: 'disconnect 1011',
    exchange: 'binance',
    fault: { kind: 'disconnect', params: { code: 1011 } },
    async observe(ctx) {
      const closed = await closeOf(ctx);
      expect(closed.code).toBe(1011);
      return closed.t;
    },
  },
  {
    name: 'reset (no close frame)',
    exchange: 'binance',
    fault: { kind: 'reset' },
    async observe(ctx) {
      const closed = await closeOf(ctx);
      expect(closed.code).toBe(1006);
      return closed.t;
    },
  },
  {
    name: 'half-open',
    exchange: 'binance',
    fault: { kind: 'half-open' },
    async observe(ctx) {
      const event = await ctx.event('half-open');
      await sleep(100);
      const count = ctx.frames.length;
      let pongs = 0;
      ctx.ws.on('pong', () => pongs++);
      ctx.ws.ping();
      await sleep(400);
      expect(ctx.frames.length).toBe(count);
      expect(pongs).toBe(0);
      expect(ctx.ws.readyState).toBe(WebSocket.OPEN);
      return event.t;
    },
  },
  {
    name: 'data-stop (pings still answered)',
    exchange: 'binance',
    fault: { kind: 'data-stop' },
    async observe(ctx) {
      const event = await ctx.event('data-stop');
      const pong = new Promise((resolve) => ctx.ws.once('pong', resolve));
      ctx.ws.ping();
      await pong;
      // Frames sent before the fault arrive before the pong (one TCP stream); none may follow it.
      const count = ctx.frames.length;
      await sleep(300);
      expect(ctx.frames.length).toBe(count);
      return event.t;
    },
  },
  {
    name: 'gap of 50 ids',
    exchange: 'binance',
    fault: { kind: 'gap', params: { ids: 50 } },
    async observe(ctx) {
      const index = await ctx.frame((frame, i) => i > 0 && json(frame).U !== json(ctx.frames[i - 1]).u + 1);
      expect(json(ctx.frames[index]).U - json(ctx.frames[index - 1]).u - 1).toBeGreaterThanOrEqual(50);
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'duplicate',
    exchange: 'binance',
    fault: { kind: 'duplicate' },
    async observe(ctx) {
      const index = await ctx.frame((frame, i) => i > 0 && frame.text === ctx.frames[i - 1]?.text);
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'reorder',
    exchange: 'binance',
    fault: { kind: 'reorder' },
    async observe(ctx) {
      const index = await ctx.frame((frame, i) => i > 0 && json(frame).U !== json(ctx.frames[i - 1]).u + 1);
      const ahead = json(ctx.frames[index]);
      const behind = json(ctx.frames[await ctx.frame(() => true, index + 1)]);
      expect(behind.u + 1).toBe(ahead.U);
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'malformed',
    exchange: 'binance',
    fault: { kind: 'malformed' },
    async observe(ctx) {
      const index = await ctx.frame((frame) => {
        try {
          JSON.parse(frame.text);
          return false;
        } catch {
          return true;
        }
      });
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'oversize',
    exchange: 'binance',
    fault: { kind: 'oversize', params: { bytes: 200_000 } },
    async observe(ctx) {
      const index = await ctx.frame((frame) => frame.text.length >= 200_000);
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'unknown message type',
    exchange: 'binance',
    fault: { kind: 'unknown-message' },
    async observe(ctx) {
      const index = await ctx.frame((frame) => frame.text.includes('"e":"mockUnknownEvent"'));
      return (ctx.frames[index] as Frame).t;
    },
  },
  { name: 'REST 429 with Retry-After', exchange: 'binance', fault: { kind: 'snapshot-429', params: { retryAfterS: 2 } }, observe: restStatus(429, '2') },
  { name: 'REST 418', exchange: 'binance', fault: { kind: 'snapshot-418' }, observe: restStatus(418, '1') },
  { name: 'REST 500', exchange: 'binance', fault: { kind: 'snapshot-500' }, observe: restStatus(500, null) },
  {
    name: 'slow snapshot',
    exchange: 'binance',
    fault: { kind: 'slow-snapshot', params: { delayMs: 300 } },
    async observe(ctx) {
      await ctx.event('slow-snapshot');
      const hit = await fetchDepth(ctx);
      expect(hit.status).toBe(200);
      expect(hit.tookMs).toBeGreaterThanOrEqual(290);
      return hit.t;
    },
  },
  {
    name: 'stale snapshot (older than the diffs a fresh client buffered)',
    exchange: 'binance',
    fault: { kind: 'stale-snapshot' },
    async observe(ctx) {
      await ctx.event('stale-snapshot');
      const from = ctx.frames.length;
      const first = await ctx.frame(() => true, from);
      const hit = await fetchDepth(ctx);
      expect(hit.body.lastUpdateId).toBeLessThan(json(ctx.frames[first]).U - 1);
      const fresh = await fetchDepth(ctx);
      expect(fresh.body.lastUpdateId).toBeGreaterThanOrEqual(json(ctx.frames[first]).U - 1);
      return hit.t;
    },
  },
  {
    name: 'subscribe rejected (Binance: next stream connection refused)',
    exchange: 'binance',
    fault: { kind: 'subscribe-rejected' },
    async observe(ctx) {
      await ctx.event('subscribe-rejected');
      const refused = new WebSocket(`${ctx.mock.wsUrl}/ws/btcusdt@depth`);
      const error = await new Promise<Error>((resolve) => refused.once('error', resolve));
      expect(error.message).toContain('400');
      const t = ctx.now();
      const again = await openClient(ctx, `${ctx.mock.wsUrl}/ws/btcusdt@depth`);
      expect(again.readyState).toBe(WebSocket.OPEN);
      return t;
    },
  },
  {
    name: 'subscribe rejected (OKX: error event)',
    exchange: 'okx',
    fault: { kind: 'subscribe-rejected' },
    async observe(ctx) {
      await ctx.event('subscribe-rejected');
      const from = ctx.frames.length;
      ctx.ws.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'ETH-USDT' }] }));
      const index = await ctx.frame((frame) => frame.text.startsWith('{"event"'), from);
      expect(JSON.parse((ctx.frames[index] as Frame).text)).toMatchObject({ event: 'error', code: '60018' });
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'sequence reset (OKX maintenance)',
    exchange: 'okx',
    fault: { kind: 'sequence-reset', params: { dropIds: 500 } },
    async observe(ctx) {
      const index = await ctx.frame((frame) => {
        const data = json(frame).data?.[0];
        return data !== undefined && data.seqId < data.prevSeqId;
      });
      const data = json(ctx.frames[index]).data?.[0];
      expect(data?.prevSeqId).toBe(json(ctx.frames[index - 1]).data?.[0]?.seqId);
      const next = json(ctx.frames[await ctx.frame(() => true, index + 1)]).data?.[0];
      expect(next?.prevSeqId).toBe(data?.seqId);
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'gap on OKX (prevSeqId skips)',
    exchange: 'okx',
    fault: { kind: 'gap', params: { ids: 20 } },
    async observe(ctx) {
      const index = await ctx.frame((frame, i) => i > 1 && json(frame).data?.[0]?.prevSeqId !== json(ctx.frames[i - 1]).data?.[0]?.seqId);
      return (ctx.frames[index] as Frame).t;
    },
  },
  {
    name: 'burst ×10',
    exchange: 'binance',
    fault: { kind: 'burst', params: { factor: 10, durationMs: 400 } },
    async observe(ctx) {
      const event = await ctx.event('burst');
      await sleep(400);
      const inWindow = (from: number, to: number): number => ctx.frames.filter((frame) => frame.t >= from && frame.t < to).length;
      const before = inWindow(event.t - 250, event.t);
      const during = inWindow(event.t + 50, event.t + 300);
      expect(during).toBeGreaterThan(before * 4);
      return event.t;
    },
  },
  {
    name: 'slow reader: flood paced by the fast reader, the paused one dropped above the bound',
    exchange: 'binance',
    fault: { kind: 'slow-reader', params: { durationMs: 5000 } },
    maxClientBufferedBytes: 256 * 1024,
    async observe(ctx) {
      const slow = await openClient(ctx, `${ctx.mock.wsUrl}/ws/btcusdt@depth`);
      const slowSocket = (slow as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      slowSocket.pause();
      const flood = await ctx.event('slow-reader');
      // The flood: far more than the 200/s feed rate reaches the fast reader right after the fault.
      const from = ctx.frames.length;
      const burst = await ctx.frame(() => true, from + 2000);
      const dropped = await ctx.event('client-dropped');
      expect(dropped.detail.reason).toBe('slow-reader');
      expect(Number(dropped.detail.bufferedBytes)).toBeGreaterThan(256 * 1024);
      const closed = new Promise<number>((resolve) => slow.once('close', resolve));
      slowSocket.resume();
      await closed;
      expect(ctx.ws.readyState).toBe(WebSocket.OPEN);
      expect((ctx.frames[burst] as Frame).t - flood.t).toBeLessThan(2000 / 200 * 1000);
      return (ctx.frames[from] as Frame).t;
    },
  },
];

describe('mock exchange faults', () => {
  it.each(cases)('$name', async (testCase) => {
    const originMs = performance.now();
    const events: SoakEvent[] = [];
    const eventWaiters: Array<() => void> = [];
    const symbols = testCase.exchange === 'binance' ? ['BTCUSDT'] : ['BTC-USDT', 'ETH-USDT'];
    mock = await startMockExchange({
      exchange: testCase.exchange,
      symbols,
      originMs,
      seed: 5,
      faults: [{ ...testCase.fault, atMs: FAULT_AT_MS, symbol: testCase.fault.symbol ?? symbols[0] }],
      source: { kind: 'synthetic', seed: 9, messagesPerSecondPerSymbol: 200 },
      maxClientBufferedBytes: testCase.maxClientBufferedBytes,
      onEvent: (event) => {
        events.push(event);
        for (const wake of eventWaiters.splice(0)) wake();
      },
    });
    const frames: Frame[] = [];
    const frameWaiters: Array<() => void> = [];
    const base = { mock, originMs, frames, events, now: () => performance.now() - originMs };
    const url = testCase.exchange === 'binance' ? `${mock.wsUrl}/ws/btcusdt@depth` : mock.wsUrl;
    const ws = await openClient(base as Omit<Ctx, 'ws'>, url);
    ws.on('message', (data) => {
      const text = String(data);
      if (testCase.exchange === 'okx' && text.startsWith('{"event":"subscribe"')) return;
      frames.push({ t: performance.now() - originMs, text });
      for (const wake of frameWaiters.splice(0)) wake();
    });
    if (testCase.exchange === 'okx') ws.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] }));
    const ctx: Ctx = {
      ...base,
      ws,
      async frame(test, from = 0) {
        for (let round = 0; round < 10_000; round++) {
          for (let i = from; i < frames.length; i++) if (test(frames[i] as Frame, i)) return i;
          from = Math.max(from, frames.length);
          await new Promise<void>((resolve) => frameWaiters.push(resolve));
        }
        throw new Error('no such frame');
      },
      async event(kind) {
        for (let round = 0; round < 1000; round++) {
          const found = events.find((event) => event.kind === kind);
          if (found) return found;
          await new Promise<void>((resolve) => eventWaiters.push(resolve));
        }
        throw new Error(`no ${kind} event`);
      },
    };
    const seenAt = await testCase.observe(ctx);
    const injected = events.filter((event) => event.kind === testCase.fault.kind);
    expect(injected).toHaveLength(1);
    expect(injected[0]?.detail.scheduledAtMs).toBe(FAULT_AT_MS);
    expect(injected[0]?.t).toBeGreaterThanOrEqual(FAULT_AT_MS);
    expect(seenAt).toBeGreaterThanOrEqual(FAULT_AT_MS);
    expect(seenAt).toBeLessThan(FAULT_AT_MS + LATE_MS);
  });
});

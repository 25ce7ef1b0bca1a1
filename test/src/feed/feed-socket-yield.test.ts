// /metrics must keep answering while a feed is saturated (the incident's collector went dark there): a real
// ws flood on 127.0.0.1, a FeedSocket whose handler costs real CPU per frame, and the real /metrics server in
// the same process. Without ingest slicing one socket read event hands the handler megabytes of frames
// (seconds of work here) before the HTTP server gets a turn.
import { afterEach, describe, expect, it } from 'vitest';
import { EXCHANGE_IDS } from '../../../src/config/index.ts';
import { FeedSocket, type FeedSocketHandler } from '../../../src/feed/index.ts';
import { evaluateHealth } from '../../../src/health/index.ts';
import { CollectorServer } from '../../../src/http/index.ts';
import { CollectorMetrics } from '../../../src/metrics/index.ts';
import { RecordingObserver } from './recording-observer.ts';
import { startTestExchange, waitUntil, type TestExchange } from './test-exchange.ts';

/** Frames in the flood (~200 B each, all queued at once: ~4 MB on the wire). */
const FLOOD_FRAMES = 20_000;
/** CPU each frame costs the handler (a stand-in for parse + apply at a slow machine's speed). */
const FRAME_COST_MS = 0.12;
/** Generous bound for one scrape on a shared 2-core machine; unsliced, a scrape waits seconds here. */
const SCRAPE_BOUND_MS = 1_000;

let exchange: TestExchange | undefined;
let socket: FeedSocket | undefined;
let server: CollectorServer | undefined;
afterEach(async () => {
  await socket?.close();
  await exchange?.close();
  await server?.close();
  socket = undefined;
  exchange = undefined;
  server = undefined;
});

function burn(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('FeedSocket ingest slicing', () => {
  it('/metrics answers within a second, several times, while the feed is saturated; frames keep their order', async () => {
    const padding = 'x'.repeat(160);
    exchange = await startTestExchange({
      onConnection: (ws) => {
        for (let seq = 1; seq <= FLOOD_FRAMES; seq++) ws.send(`{"seq":${seq},"pad":"${padding}"}`);
      },
    });
    const metrics = new CollectorMetrics();
    server = new CollectorServer({
      host: '127.0.0.1',
      port: 0,
      handlers: {
        metricsText: () => metrics.metricsText(),
        metricsContentType: metrics.contentType,
        health: () => evaluateHealth({ nowMs: Date.now(), startedAtMs: Date.now(), graceMs: 0, staleAfterMs: 60_000, feeds: [] }),
        book: () => undefined,
        exchanges: EXCHANGE_IDS,
      },
    });
    const { url } = await server.listen();
    let handled = 0;
    let outOfOrder = 0;
    const handler: FeedSocketHandler = {
      onOpen: () => undefined,
      onFrame: (text) => {
        const { seq } = JSON.parse(text) as { seq: number };
        if (seq !== handled + 1) outOfOrder++;
        handled = seq;
        burn(FRAME_COST_MS);
      },
      onLost: () => undefined,
      onTick: () => undefined,
    };
    socket = new FeedSocket(
      { exchange: 'binance', url: `${exchange.wsUrl}/stream`, heartbeatIntervalMs: 30_000, reconnectInitialMs: 50, reconnectMaxMs: 500, maxFrameBytes: 4096, textKeepAlive: false },
      new RecordingObserver(),
      handler,
    );
    socket.start();
    await waitUntil(() => handled > 0, 'the flood to start', 10_000);

    const scrapes: Array<{ ms: number; handledAtAnswer: number }> = [];
    for (let i = 0; i < 3 && handled < FLOOD_FRAMES; i++) {
      const t0 = performance.now();
      const response = await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(30_000) });
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(body).toContain('orderbook_collector_messages_received_total');
      scrapes.push({ ms: performance.now() - t0, handledAtAnswer: handled });
    }
    if (process.env.YIELD_DEBUG) console.log(JSON.stringify(scrapes), socket.slicePauses, handled);
    // The first scrapes were answered mid-flood, not after it drained; each within the bound.
    expect(scrapes.length).toBeGreaterThanOrEqual(2);
    for (const scrape of scrapes.slice(0, 2)) expect(scrape.handledAtAnswer).toBeLessThan(FLOOD_FRAMES);
    expect(Math.max(...scrapes.map((s) => s.ms))).toBeLessThan(SCRAPE_BOUND_MS);

    await waitUntil(() => handled === FLOOD_FRAMES, 'every frame handled', 30_000);
    expect(outOfOrder).toBe(0);
    expect(socket.slicePauses).toBeGreaterThan(0);
    expect(socket.handlerErrors).toBe(0);
  }, 60_000);
});

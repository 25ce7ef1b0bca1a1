// Child process for the WeakRef/FinalizationRegistry test (needs --expose-gc, which vitest workers lack).
// Forces reconnects on a feed, closes it, drops every reference, runs GC, and prints what is still alive.
import WebSocket from 'ws';
import { createFeed, type FeedObserver } from '../../../src/feed/index.ts';
import { startTestExchange, waitUntil } from './test-exchange.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');

let finalized = 0;
const registry = new FinalizationRegistry<string>(() => {
  finalized++;
});
const released: Array<WeakRef<WebSocket>> = [];
const retained: WebSocket[] = [];

// Observe every client socket the feed releases (terminate() is how the feed lets go of one).
const terminate = WebSocket.prototype.terminate;
WebSocket.prototype.terminate = function (this: WebSocket & { _isServer?: boolean }) {
  if (this._isServer !== true) {
    registry.register(this, 'ws');
    released.push(new WeakRef(this));
    if (retained.length === 0) retained.push(this); // the planted retention: the first released socket stays referenced
  }
  terminate.call(this);
};

const noop = (): void => undefined;
const control = (): WebSocket | undefined => retained[0];
const observer: FeedObserver = {
  onMessage: noop, onProcessed: noop, onFailed: noop, onGap: noop, onResync: noop, onPruned: noop, onConnection: noop, onReconnect: noop,
};

const frame = JSON.stringify({ stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U: 1, u: 10, b: [['99', '1']], a: [] } });
const exchange = await startTestExchange({
  // Sending a frame and closing lets the client see data, then a dead socket it must replace.
  onConnection: (ws) => ws.send(frame, () => ws.close()),
  onRest: (_request, response) => response.end('{"lastUpdateId":5,"bids":[["99","1"]],"asks":[["101","1"]]}'),
});

let feed: ReturnType<typeof createFeed> | undefined = createFeed(
  {
    exchange: 'binance', wsUrl: exchange.wsUrl, restUrl: exchange.restUrl, symbols: ['BTCUSDT'], maxDepthPerSide: 50,
    heartbeatIntervalMs: 2_000, reconnectInitialMs: 1, reconnectMaxMs: 5, snapshotTimeoutMs: 1_000, preSnapshotBufferLimit: 10, maxFrameBytes: 4096,
  },
  observer,
);
feed.start();
await waitUntil(() => (feed?.stats().reconnects ?? 0) >= 10, '10 reconnects', 10_000);
const reconnects = feed.stats().reconnects;
const feedRef = new WeakRef(feed);
registry.register(feed, 'feed');
await feed.close();
feed = undefined;
await exchange.close();

for (let i = 0; i < 10 && (released.some((r) => r !== undefined && r.deref() !== control() && r.deref() !== undefined) || feedRef.deref() !== undefined); i++) {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
const alive = released.filter((r) => r.deref() !== undefined && r.deref() !== control()).length;
console.log(JSON.stringify({
  reconnects,
  releasedSockets: released.length - 1,
  releasedSocketsAlive: alive,
  feedAlive: feedRef.deref() !== undefined,
  finalized,
  retainedControlAlive: control() !== undefined && released[0]?.deref() === control(),
}));
// The pooled keep-alive connection of fetch would hold the process for seconds; the result is out.
process.exit(0);

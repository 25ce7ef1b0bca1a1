// Test helper: runs a tiny Node script that writes heap snapshots with v8.writeHeapSnapshot into a temp dir.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A planted leak: LeakedThing instances kept in a module-level Map, grown 100 → 400 → 600, plus book churn. */
export const LEAK_SCRIPT = `
const v8 = require('node:v8');
const dir = process.argv[1];
class LeakedThing { constructor(i) { this.i = i; this.payload = new Array(8).fill(i); } }
class Level { constructor(price, qty) { this.price = price; this.qty = qty; } }
const registry = new Map();
const book = { bids: new Map(), version: 0 };
let n = 0;
function grow(k) { for (let j = 0; j < k; j++) { n++; registry.set('BTCUSDT-' + n, new LeakedThing(n)); } }
function churn(step) { for (let p = 0; p < 200; p++) if ((p + step) % 2 === 0) book.bids.set(p, new Level(p, step)); book.version = step; }
churn(0); churn(1); grow(100);
v8.writeHeapSnapshot(dir + '/baseline.heapsnapshot');
churn(2); grow(300);
v8.writeHeapSnapshot(dir + '/target.heapsnapshot');
churn(3); grow(200);
v8.writeHeapSnapshot(dir + '/final.heapsnapshot');
`;

/**
 * No leak, only the churn an order-book collector does: levels replaced in a Map, a flat Map whose values
 * are replaced, arrays swapped. Each step replaces half; after the target only one step runs, so half of
 * the objects allocated between baseline and target are still alive at the end.
 */
export const CHURN_SCRIPT = `
const v8 = require('node:v8');
const dir = process.argv[1];
class Level { constructor(price, qty) { this.price = price; this.qty = qty; } }
class Ticker { constructor(symbol, last) { this.symbol = symbol; this.last = last; } }
const books = new Map();
const tickers = new Map();
for (const s of ['BTCUSDT', 'ETHUSDT', 'SOLUSDT']) books.set(s, { levels: new Map(), top: [] });
function churn(step) {
  for (const book of books.values()) {
    for (let p = 0; p < 300; p++) if ((p * 7 + step) % 2 === 0) book.levels.set(p, new Level(p, step));
    book.top = [...book.levels.values()].slice(0, 10);
  }
  for (let i = 0; i < 500; i++) if ((i + step) % 2 === 0) tickers.set('T' + i, new Ticker('T' + i, step));
}
churn(0); churn(1);
v8.writeHeapSnapshot(dir + '/baseline.heapsnapshot');
churn(2); churn(3);
v8.writeHeapSnapshot(dir + '/target.heapsnapshot');
churn(4);
v8.writeHeapSnapshot(dir + '/final.heapsnapshot');
`;

/**
 * The listener-per-resubscribe bug: every "resubscribe" adds an EventEmitter listener whose closure holds a
 * SubscriptionState, and never removes it — 3 before baseline, 5 between baseline and target, 4 after.
 * Each leaked listener sits at its own index of `_events.message`. Alongside, a batch of one-off callbacks
 * is dropped after the baseline, so closures as a whole shrink in the first window (as in a real collector,
 * where module loading and timers churn thousands of closures) and the listeners' class cannot be the
 * growing population: the diff must see through them to the state they hold.
 */
export const LISTENER_SCRIPT = `
const v8 = require('node:v8');
const { EventEmitter } = require('node:events');
const dir = process.argv[1];
class SubscriptionState { constructor(i) { this.i = i; this.scratch = new Array(64).fill(i + 0.5); } }
const bus = new EventEmitter();
bus.setMaxListeners(0);
let subscriptions = 0;
function resubscribe(k) {
  for (let j = 0; j < k; j++) {
    const state = new SubscriptionState(subscriptions++);
    bus.on('message', (frame) => { state.scratch[0] = frame; });
  }
}
let callbacks = Array.from({ length: 40 }, (_, i) => () => i);
resubscribe(3);
gc();
v8.writeHeapSnapshot(dir + '/baseline.heapsnapshot');
callbacks = callbacks.slice(0, 10);
resubscribe(5);
gc();
v8.writeHeapSnapshot(dir + '/target.heapsnapshot');
resubscribe(4);
bus.emit('message', callbacks.length);
gc();
v8.writeHeapSnapshot(dir + '/final.heapsnapshot');
`;

/** Runs `script` in a fresh `node --expose-gc`, returning the directory holding its three snapshots. */
export async function writeSnapshotsFrom(script: string, prefix: string): Promise<{ dir: string; paths: [string, string, string] }> {
  const dir = await mkdtemp(join(tmpdir(), `soak-heap-${prefix}-`));
  const child = spawn(process.execPath, ['--expose-gc', '-e', script, dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`snapshot child exited ${code}: ${stderr}`);
  return { dir, paths: [join(dir, 'baseline.heapsnapshot'), join(dir, 'target.heapsnapshot'), join(dir, 'final.heapsnapshot')] };
}

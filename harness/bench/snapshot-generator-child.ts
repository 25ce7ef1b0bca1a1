/**
 * Writes the three heap snapshots of the heap benchmark from a process built to look like a collector:
 * books in a Map, each a Map of price-level objects with their decimal strings. Between baseline and target
 * a third of the levels are replaced (normal churn, no leak) and LEAKED_COUNT `LeakedSubscription` objects
 * are planted in a module-level registry; between target and final, more churn and the leak keeps growing
 * (half as many again), as a real leak does. The leak candidates of the baseline→target window are then
 * exactly the LEAKED_COUNT objects planted in it. Run as a child process
 * (`node --import tsx snapshot-generator-child.ts <dir> <levels> [one]`); it prints one JSON line with the
 * files. With `one`, it writes a single `large.heapsnapshot` instead (the 1 GB parse benchmark): the same
 * books plus a recent-trades array per book, and the planted leak, without churn.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';

/** Objects planted between baseline and target and still alive in final: the true leak of the window. */
export const LEAKED_COUNT = 50_000;

/** One price level, as a collector would keep it. */
class PriceLevel {
  price: string;
  size: string;
  updatedAtMs: number;

  constructor(price: string, size: string, updatedAtMs: number) {
    this.price = price;
    this.size = size;
    this.updatedAtMs = updatedAtMs;
  }
}

/** The planted leak: a listener record per resubscribe, never removed. */
class LeakedSubscription {
  symbol: string;
  handler: () => number;
  history: number[];

  constructor(symbol: string, n: number) {
    this.symbol = symbol;
    this.handler = () => n;
    this.history = [n, n + 1];
  }
}

const books = new Map<string, Map<string, PriceLevel>>();
const registry: LeakedSubscription[] = [];

let state = 12_345;
function random(): number {
  state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
  return state / 4_294_967_296;
}

function build(symbolCount: number, levelsPerBook: number): void {
  for (let s = 0; s < symbolCount; s++) {
    const book = new Map<string, PriceLevel>();
    for (let l = 0; l < levelsPerBook; l++) {
      const price = (1000 + s + l / 100).toFixed(2) + String(s);
      book.set(price, new PriceLevel(price, (random() * 10).toFixed(8), Date.now()));
    }
    books.set(`SYM${s}USDT`, book);
  }
}

/** Replaces `share` of every book's levels with new objects and strings (churn that leaks nothing). */
function churn(share: number): void {
  for (const book of books.values()) {
    for (const [price, level] of book) {
      if (random() < share) book.set(price, new PriceLevel(level.price, (random() * 10).toFixed(8), Date.now()));
    }
  }
}

/** A trade as a collector keeps its recent-trades window: a small object holding a boxed timestamp. */
class Trade {
  price: number;
  size: string;
  tradedAtMs: number;

  constructor(price: number, size: string, tradedAtMs: number) {
    this.price = price;
    this.size = size;
    this.tradedAtMs = tradedAtMs;
  }
}

const trades: Trade[][] = [];

/** One snapshot of a large heap: books, a trades window per book (an eighth of its levels) and the leak. */
function mainOne(dir: string, levels: number): void {
  mkdirSync(dir, { recursive: true });
  const symbols = 200;
  const levelsPerBook = Math.max(1, Math.round(levels / symbols));
  build(symbols, levelsPerBook);
  for (let s = 0; s < symbols; s++) {
    const window: Trade[] = [];
    for (let t = 0; t < levelsPerBook / 8; t++) window.push(new Trade(1000 + s + t / 100, (random() * 10).toFixed(8), Date.now() + t));
    trades.push(window);
  }
  for (let i = 0; i < LEAKED_COUNT; i++) registry.push(new LeakedSubscription(`SYM${i % symbols}USDT`, i));
  const file = join(dir, 'large.heapsnapshot');
  writeHeapSnapshot(file);
  process.stdout.write(`${JSON.stringify({ file, levels, leaked: LEAKED_COUNT, books: books.size, trades: trades.length })}\n`);
}

function main(dir: string, levels: number): void {
  mkdirSync(dir, { recursive: true });
  const symbols = 200;
  build(symbols, Math.max(1, Math.round(levels / symbols)));
  const files = { baseline: join(dir, 'baseline.heapsnapshot'), target: join(dir, 'target.heapsnapshot'), final: join(dir, 'final.heapsnapshot') };
  writeHeapSnapshot(files.baseline);
  churn(0.33);
  for (let i = 0; i < LEAKED_COUNT; i++) registry.push(new LeakedSubscription(`SYM${i % symbols}USDT`, i));
  writeHeapSnapshot(files.target);
  churn(0.33);
  for (let i = 0; i < LEAKED_COUNT / 2; i++) registry.push(new LeakedSubscription(`SYM${i % symbols}USDT`, LEAKED_COUNT + i));
  writeHeapSnapshot(files.final);
  process.stdout.write(`${JSON.stringify({ ...files, levels, leaked: LEAKED_COUNT, leakedTotal: registry.length, books: books.size })}\n`);
}

const [dir, levelsText, mode] = process.argv.slice(2);
const levels = Number(levelsText);
if (dir === undefined || !Number.isInteger(levels) || levels < 1 || (mode !== undefined && mode !== 'one')) {
  process.stderr.write('snapshot-generator-child: usage: <dir> <levels> [one]\n');
  process.exitCode = 2;
} else if (mode === 'one') {
  mainOne(dir, levels);
} else {
  main(dir, levels);
}

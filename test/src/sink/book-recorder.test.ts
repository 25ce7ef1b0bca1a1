import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.ts';
import { BookRecorder, RotatingFileWriter } from '../../../src/sink/index.ts';

const T0 = Date.UTC(2024, 4, 1, 13, 0, 0);
const DEPTH = 3;

interface Line {
  type: 'snapshot' | 'diff';
  ts: number;
  exchange: string;
  symbol: string;
  lastUpdateId: number;
  bids: Array<[string, string]>;
  asks: Array<[string, string]>;
}

function readLines(path: string): Line[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line);
}

/** Rebuilds a book from a file the way a reader would: snapshot replaces, diff applies (size "0" deletes). */
function replay(lines: Line[]): OrderBook {
  const book = new OrderBook('binance', 'BTCUSDT', 1000);
  for (const line of lines) {
    if (line.type === 'snapshot') book.applySnapshot(line.bids, line.asks, line.lastUpdateId);
    else {
      book.applyLevels('bid', line.bids);
      book.applyLevels('ask', line.asks);
      book.setLastUpdateId(line.lastUpdateId);
    }
  }
  return book;
}

describe('BookRecorder', () => {
  let dir: string;
  let now: number;
  let writer: RotatingFileWriter;
  let book: OrderBook;
  const path = () => join(dir, 'binance', 'BTCUSDT', '2024-05-01T13.ndjson');

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'recorder-'));
    now = T0;
    writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 4, maxQueueBytes: 1 << 20, nowMs: () => now });
    book = new OrderBook('binance', 'BTCUSDT', 1000);
    book.applySnapshot(
      [['100.0', '1'], ['99.5', '2'], ['99.0', '3'], ['98.5', '4']],
      [['100.5', '1'], ['101.0', '2'], ['101.5', '3']],
      10,
    );
  });
  afterEach(async () => {
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('snapshot mode writes the top levels of every book that moved, and skips books that did not', async () => {
    const recorder = new BookRecorder(writer, () => [book], { mode: 'snapshot', intervalMs: 1000, depth: DEPTH, nowMs: () => now });
    expect(recorder.recordNow()).toBe(1);
    expect(recorder.recordNow()).toBe(0);
    book.setLevel('bid', '100.0', '0');
    book.setLastUpdateId(11);
    now += 1000;
    expect(recorder.recordNow()).toBe(1);
    await writer.close();
    const lines = readLines(path());
    expect(lines).toEqual([
      { type: 'snapshot', ts: T0, exchange: 'binance', symbol: 'BTCUSDT', lastUpdateId: 10, bids: [['100.0', '1'], ['99.5', '2'], ['99.0', '3']], asks: [['100.5', '1'], ['101.0', '2'], ['101.5', '3']] },
      { type: 'snapshot', ts: T0 + 1000, exchange: 'binance', symbol: 'BTCUSDT', lastUpdateId: 11, bids: [['99.5', '2'], ['99.0', '3'], ['98.5', '4']], asks: [['100.5', '1'], ['101.0', '2'], ['101.5', '3']] },
    ]);
  });

  it('diff mode writes a snapshot per file, then only changed levels ("0" = left the top), and replays exactly', async () => {
    const recorder = new BookRecorder(writer, () => [book], { mode: 'diff', intervalMs: 1000, depth: DEPTH, nowMs: () => now });
    recorder.recordNow();
    book.setLevel('bid', '100.0', '0'); // best bid gone: 98.5 enters the top 3
    book.setLevel('ask', '101.0', '2.5');
    book.setLastUpdateId(11);
    recorder.recordNow();
    book.setLevel('bid', '100.2', '9');
    book.setLevel('ask', '100.4', '1');
    book.setLastUpdateId(12);
    recorder.recordNow();
    await writer.close();

    const lines = readLines(path());
    expect(lines.map((line) => line.type)).toEqual(['snapshot', 'diff', 'diff']);
    expect(lines[1]).toMatchObject({ lastUpdateId: 11, bids: [['98.5', '4'], ['100.0', '0']], asks: [['101.0', '2.5']] });
    expect(lines[2]).toMatchObject({ lastUpdateId: 12, bids: [['100.2', '9'], ['98.5', '0']], asks: [['100.4', '1'], ['101.5', '0']] });
    const rebuilt = replay(lines);
    expect(rebuilt.topLevels(DEPTH)).toEqual(book.topLevels(DEPTH));
    expect(rebuilt.lastUpdateId).toBe(12);
  });

  it('starts each hourly file with a snapshot, so every file replays on its own', async () => {
    const recorder = new BookRecorder(writer, () => [book], { mode: 'diff', intervalMs: 1000, depth: DEPTH, nowMs: () => now });
    recorder.recordNow();
    now = T0 + 3_600_000;
    // Nothing moved, but the new file must still open with the book's state.
    expect(recorder.recordNow()).toBe(1);
    await writer.close();
    const next = readLines(join(dir, 'binance', 'BTCUSDT', '2024-05-01T14.ndjson'));
    expect(next.map((line) => line.type)).toEqual(['snapshot']);
    expect(replay(next).topLevels(DEPTH)).toEqual(book.topLevels(DEPTH));
  });

  it('after a dropped line writes a snapshot next, never a diff against the missing line', async () => {
    const tiny = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 4, maxQueueBytes: 1024, nowMs: () => now });
    const wide = new OrderBook('binance', 'BTCUSDT', 1000);
    wide.applySnapshot(Array.from({ length: 30 }, (_, i) => [`${1000 - i}.0`, '1']), [], 1);
    const recorder = new BookRecorder(tiny, () => [wide], { mode: 'diff', intervalMs: 1000, depth: 30, nowMs: () => now });
    expect(recorder.recordNow()).toBe(1); // a ~500-byte snapshot fits the 1 KiB queue
    for (let i = 0; i < 30; i++) wide.setLevel('bid', `${1000 - i}.0`, '2');
    wide.setLastUpdateId(2);
    expect(recorder.recordNow()).toBe(0); // a diff of every level does not fit beside it: dropped
    for (let i = 0; i < 1000 && tiny.queuedBytes > 0; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(tiny.queuedBytes).toBe(0);
    wide.setLevel('bid', '999.0', '3');
    wide.setLastUpdateId(3);
    expect(recorder.recordNow()).toBe(1);
    await tiny.close();
    const lines = readLines(path());
    expect(lines.map((line) => line.type)).toEqual(['snapshot', 'snapshot']);
    expect(replay(lines).topLevels(30)).toEqual(wide.topLevels(30));
  });

  it('forgets books the feeds no longer hold and never writes an empty book', async () => {
    const empty = new OrderBook('okx', 'ETH-USDT', 100);
    let books: OrderBook[] = [book, empty];
    const recorder = new BookRecorder(writer, () => books, { mode: 'diff', intervalMs: 1000, depth: DEPTH, nowMs: () => now });
    expect(recorder.recordNow()).toBe(1);
    books = [];
    expect(recorder.recordNow()).toBe(0);
    books = [book];
    // Forgotten, so it comes back as a snapshot even though the file continues.
    recorder.recordNow();
    await writer.close();
    expect(readLines(path()).map((line) => line.type)).toEqual(['snapshot', 'snapshot']);
  });

  it('start() records on its interval and stop() clears it', async () => {
    const recorder = new BookRecorder(writer, () => [book], { mode: 'snapshot', intervalMs: 20, depth: DEPTH });
    recorder.start();
    const deadline = Date.now() + 5000;
    while (writer.openFiles === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    recorder.stop();
    recorder.stop();
    expect(writer.openFiles).toBe(1);
  });
});

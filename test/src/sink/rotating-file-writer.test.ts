import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CollectorError } from '../../../src/errors.ts';
import { RotatingFileWriter } from '../../../src/sink/index.ts';

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2024, 4, 1, 13, 59, 0);

function counting() {
  const counts = { written: 0, opened: [] as string[], dropped: 0, errors: [] as CollectorError[] };
  return {
    counts,
    counters: {
      onLinesWritten: (n: number) => (counts.written += n),
      onFileOpened: (path: string) => counts.opened.push(path),
      onDropped: (n: number) => (counts.dropped += n),
      onError: (error: CollectorError) => counts.errors.push(error),
    },
  };
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line !== '');
}

describe('RotatingFileWriter', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sink-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes one file per exchange/symbol/UTC hour and rotates when the hour changes', async () => {
    let now = T0;
    const { counts, counters } = counting();
    const writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 8, maxQueueBytes: 1 << 20, counters, nowMs: () => now });
    expect(writer.startsNewFile('binance', 'BTCUSDT')).toBe(true);
    expect(writer.write('binance', 'BTCUSDT', '{"n":1}')).toBe('queued');
    expect(writer.startsNewFile('binance', 'BTCUSDT')).toBe(false);
    writer.write('binance', 'BTCUSDT', '{"n":2}');
    now += HOUR_MS / 60; // 14:00, the next hour
    expect(writer.startsNewFile('binance', 'BTCUSDT')).toBe(true);
    writer.write('binance', 'BTCUSDT', '{"n":3}');
    writer.write('okx', 'BTC-USDT', '{"n":4}');
    expect(writer.openFiles).toBe(2);
    await writer.close();

    expect(lines(join(dir, 'binance', 'BTCUSDT', '2024-05-01T13.ndjson'))).toEqual(['{"n":1}', '{"n":2}']);
    expect(lines(join(dir, 'binance', 'BTCUSDT', '2024-05-01T14.ndjson'))).toEqual(['{"n":3}']);
    expect(lines(join(dir, 'okx', 'BTC-USDT', '2024-05-01T14.ndjson'))).toEqual(['{"n":4}']);
    expect(counts).toMatchObject({ written: 4, dropped: 0, errors: [] });
    expect(counts.opened).toHaveLength(3);
    expect(writer.queuedBytes).toBe(0);
    expect(writer.write('okx', 'BTC-USDT', '{"late":true}')).toBe('dropped');
    expect(counts.dropped).toBe(1);
  });

  it('keeps at most maxOpenFiles open, closing the least recently written and appending on reopen', async () => {
    const { counts, counters } = counting();
    const writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 2, maxQueueBytes: 1 << 20, counters, nowMs: () => T0 });
    for (const symbol of ['A', 'B', 'C']) {
      writer.write('binance', symbol, `{"s":"${symbol}"}`);
      expect(writer.openFiles).toBeLessThanOrEqual(2);
    }
    writer.write('binance', 'B', '{"s":"B2"}'); // still open: no new file
    writer.write('binance', 'A', '{"s":"A2"}'); // evicted earlier: reopened, closing C's LRU neighbour
    expect(writer.openFiles).toBe(2);
    expect(writer.startsNewFile('binance', 'A')).toBe(false);
    await writer.close();
    expect(counts.opened.map((path) => path.split('/').at(-2))).toEqual(['A', 'B', 'C', 'A']);
    expect(lines(join(dir, 'binance', 'A', '2024-05-01T13.ndjson'))).toEqual(['{"s":"A"}', '{"s":"A2"}']);
    expect(lines(join(dir, 'binance', 'B', '2024-05-01T13.ndjson'))).toEqual(['{"s":"B"}', '{"s":"B2"}']);
    expect(counts.written).toBe(5);
  });

  it('keeps each file in write order when eviction and reopening alternate faster than streams close', async () => {
    const { counters } = counting();
    const writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 1, maxQueueBytes: 1 << 20, counters, nowMs: () => T0 });
    for (let i = 0; i < 200; i++) {
      writer.write('binance', 'A', `{"i":${i}}`);
      writer.write('binance', 'B', `{"i":${i}}`);
    }
    await writer.close();
    const expected = Array.from({ length: 200 }, (_, i) => `{"i":${i}}`);
    expect(lines(join(dir, 'binance', 'A', '2024-05-01T13.ndjson'))).toEqual(expected);
    expect(lines(join(dir, 'binance', 'B', '2024-05-01T13.ndjson'))).toEqual(expected);
  });

  it('bounds the queue under backpressure: past maxQueueBytes lines are dropped and counted, never buffered', async () => {
    const { counts, counters } = counting();
    const maxQueueBytes = 4096;
    const writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 4, maxQueueBytes, counters, nowMs: () => T0 });
    const line = JSON.stringify({ pad: 'x'.repeat(90) }); // 101 bytes with the newline
    let queued = 0;
    let maxSeen = 0;
    // Synchronous burst: nothing can drain in between, so this is the worst case for memory.
    for (let i = 0; i < 1000; i++) {
      if (writer.write('binance', 'BTCUSDT', line) === 'queued') queued++;
      maxSeen = Math.max(maxSeen, writer.queuedBytes);
    }
    expect(maxSeen).toBeLessThanOrEqual(maxQueueBytes);
    expect(queued).toBe(Math.floor(maxQueueBytes / (line.length + 1)));
    expect(counts.dropped).toBe(1000 - queued);
    await writer.close();
    expect(counts.written).toBe(queued);
    expect(lines(join(dir, 'binance', 'BTCUSDT', '2024-05-01T13.ndjson'))).toHaveLength(queued);
    // Once drained, the queue accepts again (a new writer on the same file appends).
    const again = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 4, maxQueueBytes, counters, nowMs: () => T0 });
    expect(again.write('binance', 'BTCUSDT', line)).toBe('queued');
    await again.close();
  });

  it('reports an unwritable directory once as COLLECTOR_ERR_SINK, drops the line and pauses that book', async () => {
    const blocker = join(dir, 'binance');
    writeFileSync(blocker, 'a file where a directory should be');
    const { counts, counters } = counting();
    const writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 4, maxQueueBytes: 1 << 20, counters, nowMs: () => T0 });
    expect(writer.write('binance', 'BTCUSDT', '{}')).toBe('dropped');
    expect(writer.write('binance', 'BTCUSDT', '{}')).toBe('dropped');
    expect(writer.write('okx', 'BTC-USDT', '{}')).toBe('queued');
    await writer.close();
    expect(counts.errors).toHaveLength(1);
    expect(counts.errors[0]?.code).toBe('COLLECTOR_ERR_SINK');
    expect(counts.errors[0]?.message).toMatch(/cannot create .*binance/);
    expect(counts.dropped).toBe(2);
    expect(readdirSync(join(dir, 'okx', 'BTC-USDT'))).toEqual(['2024-05-01T13.ndjson']);
  });

  it('keeps symbols inside the output directory whatever they contain', async () => {
    const writer = new RotatingFileWriter({ outDir: dir, maxOpenFiles: 4, maxQueueBytes: 1 << 20, nowMs: () => T0 });
    writer.write('binance', '../../etc', '{}');
    await writer.close();
    expect(readdirSync(join(dir, 'binance'))).toEqual(['.._.._etc']);
  });
});

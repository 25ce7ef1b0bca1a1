/**
 * Benchmark 2, ingest without the socket: Binance `depthUpdate` frames as Buffers go through the real
 * BinanceFeed (decode → parse and validate → sequence check → apply to the book → metrics observer with
 * prom-client counters and the latency histogram), against a bare `JSON.parse` of the same frames. The
 * book is synced first from a REST snapshot served on 127.0.0.1 (setup, not timed), and after the run its
 * top 10 must equal the stream's true book, so a feed that silently dropped frames cannot look fast.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { binanceSpotRules } from '../../src/exchanges/index.ts';
import { BinanceFeed, type BookView, type FeedConfig } from '../../src/feed/index.ts';
import { CollectorMetrics, MetricsObserver } from '../../src/metrics/index.ts';
import { parseBinanceFrameBytes } from '../../src/protocol/index.ts';
import type { BenchResult } from './bench-result.ts';
import { compare, median, target } from './bench-stats.ts';
import { generateBookStream, type BookStream } from './book-stream.ts';
import { timeSync } from './cpu-timer.ts';
import { buildDepthFrames, type DepthFrames } from './depth-frames.ts';
import { bytesPerUnit } from './gc-free-windows.ts';
import { loadAverageNow, machineInfo } from './machine-info.ts';

/** Size of the benchmark. */
export interface IngestBenchOptions {
  frames: number;
  levelsPerFrame: number;
  repeats: number;
  seed: number;
  allocationWindows: number;
}

/** The setting: 4 levels per message. */
export const INGEST_BENCH_DEFAULTS: IngestBenchOptions = { frames: 200_000, levelsPerFrame: 4, repeats: 5, seed: 20_261_123, allocationWindows: 6 };

/** A BinanceFeed synced from a snapshot and ready for frames (its socket is never opened). */
export interface ReadyFeed {
  feed: BinanceFeed;
  metrics: CollectorMetrics;
  book(): BookView;
  close(): Promise<void>;
}

/** Serves one REST snapshot body on 127.0.0.1 for the feed's sync. */
async function serveSnapshot(body: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Builds a feed + metrics observer, feeds it the first frame and waits until the snapshot made the book live. */
export async function readyFeed(input: DepthFrames): Promise<ReadyFeed> {
  const { server, url } = await serveSnapshot(input.snapshotBody);
  const config: FeedConfig = {
    exchange: 'binance',
    wsUrl: 'ws://127.0.0.1:9',
    restUrl: url,
    symbols: [input.symbol],
    maxDepthPerSide: 5000,
    heartbeatIntervalMs: 60_000,
    reconnectInitialMs: 500,
    reconnectMaxMs: 30_000,
    snapshotTimeoutMs: 10_000,
    preSnapshotBufferLimit: 5000,
    maxFrameBytes: 1_048_576,
  };
  // The metrics read the feed at scrape time; the feed needs the metrics' observer first.
  const holder: { feed?: BinanceFeed } = {};
  const metrics = new CollectorMetrics({
    feedTotals: () => {
      const stats = holder.feed?.stats();
      return { books: stats?.books ?? 0, levels: stats?.levels ?? 0, updatesApplied: stats?.updatesApplied ?? 0, checksumsVerified: 0, checksumFailures: 0 };
    },
  });
  const observer = new MetricsObserver(metrics);
  observer.declareExchange('binance');
  const feed = new BinanceFeed(config, binanceSpotRules, observer);
  holder.feed = feed;
  const first = input.frames[0];
  if (first === undefined) throw new Error('no frames');
  feed.onFrameBytes(first, Date.now());
  const deadline = Date.now() + 10_000;
  while (feed.bookState(input.symbol) !== 'live') {
    if (Date.now() > deadline) throw new Error('the feed did not sync from the snapshot within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return {
    feed,
    metrics,
    book: () => [...feed.books()][0] as BookView,
    close: async () => {
      await feed.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Feeds frames [from, to) as the socket layer does (FeedSocket hands a BinanceFeed each frame's Buffer, undecoded). */
export function ingest(feed: BinanceFeed, frames: readonly Buffer[], from: number, to: number): void {
  for (let i = from; i < to; i++) feed.onFrameBytes(frames[i] as Buffer, Date.now());
}

let sink = 0;

/** The reference: a bare JSON.parse of the same Buffers. */
export function parseOnly(frames: readonly Buffer[], from: number, to: number): void {
  let n = 0;
  for (let i = from; i < to; i++) n += (JSON.parse((frames[i] as Buffer).toString('utf8')) as { data: { u: number } }).data.u;
  sink += n;
}

/** Our own parse step alone (parseBinanceFrameBytes: scanner, or decode + JSON.parse + validation), to tell parsing from the rest. */
export function parseOursOnly(frames: readonly Buffer[], from: number, to: number): void {
  let n = 0;
  for (let i = from; i < to; i++) {
    const frame = parseBinanceFrameBytes(frames[i] as Buffer);
    if (frame.kind === 'depth') n += frame.finalUpdateId;
  }
  sink += n;
}

/** Checks the feed applied every frame and holds the stream's true top 10; returns a problem or undefined. */
export function checkIngested(ready: ReadyFeed, input: DepthFrames, stream: BookStream): string | undefined {
  const applied = ready.feed.stats().updatesApplied;
  if (applied !== input.frames.length) return `the feed applied ${applied} of ${input.frames.length} frames`;
  if (input.changes !== stream.changes) return undefined;
  const top = ready.book().topLevels(10);
  const same = (got: Array<[string, string]>, want: Array<[number, number]>): boolean => got.length === want.length && got.every(([p, s], i) => Number(p) === want[i]?.[0] && Number(s) === want[i]?.[1]);
  if (!same(top.bids, stream.finalTop10.bids) || !same(top.asks, stream.finalTop10.asks)) return 'the feed\'s book differs from the stream\'s true top 10';
  return undefined;
}

/** Runs benchmark 2. */
export async function runIngestBench(options: IngestBenchOptions = INGEST_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const stream = generateBookStream({ seed: options.seed, changes: options.frames * options.levelsPerFrame, levelsPerSide: 1000 });
  const input = buildDepthFrames(stream, options.frames, options.levelsPerFrame);
  const { frames } = input;
  const oursCpu: number[] = [];
  const oursWall: number[] = [];
  const parseCpu: number[] = [];
  const parseWall: number[] = [];
  const oursParseCpu: number[] = [];
  // One untimed pass each first (JIT warm-up), checked for correctness.
  for (let r = -1; r < options.repeats; r++) {
    const ready = await readyFeed(input);
    try {
      const ours = timeSync(() => ingest(ready.feed, frames, 1, frames.length));
      const problem = checkIngested(ready, input, stream);
      if (problem !== undefined) throw new Error(`ingest cross-check failed: ${problem}`);
      const parse = timeSync(() => parseOnly(frames, 1, frames.length));
      const oursParse = timeSync(() => parseOursOnly(frames, 1, frames.length));
      if (r < 0) continue;
      oursParseCpu.push(oursParse.cpuMs);
      oursCpu.push(ours.cpuMs);
      oursWall.push(ours.wallMs);
      parseCpu.push(parse.cpuMs);
      parseWall.push(parse.wallMs);
    } finally {
      await ready.close();
    }
  }
  const timed = frames.length - 1;
  const oursRate = timed / (median(oursCpu) / 1000);
  const parseRate = timed / (median(parseCpu) / 1000);
  const oursParseRate = timed / (median(oursParseCpu) / 1000);
  // What the target means by "everything but parsing": the whole path minus OUR parse step (the scanner is
  // faster than JSON.parse, so subtracting the reference's parse would hide the book and counters).
  const beyondParseUs = (1e6 / oursRate) - (1e6 / oursParseRate);
  const beyondJsonParseUs = (1e6 / oursRate) - (1e6 / parseRate);
  // Allocation per frame: ours (whole path) and the bare parse.
  const ready = await readyFeed(input);
  let next = 1;
  const oursBytes = await bytesPerUnit(options.allocationWindows, 2048, (units) => {
    const to = Math.min(frames.length, next + units);
    ingest(ready.feed, frames, next, to);
    const done = to - next;
    next = to;
    return done;
  });
  await ready.close();
  let parsed = 1;
  const parseBytes = await bytesPerUnit(options.allocationWindows, 2048, (units) => {
    const to = Math.min(frames.length, parsed + units);
    parseOnly(frames, parsed, to);
    const done = to - parsed;
    parsed = to;
    return done;
  });
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'ingest',
    title: 'Ingest without the socket: Buffer → parse → sequence → book → counters vs bare JSON.parse',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: options.repeats,
    comparisons: [
      compare('messages per CPU-second', 'msg/s', oursRate, parseRate, 'bare JSON.parse of the same Buffers', true),
      compare('messages per wall-second', 'msg/s', timed / (median(oursWall) / 1000), timed / (median(parseWall) / 1000), 'bare JSON.parse of the same Buffers', true),
      compare('bytes allocated per message', 'B', oursBytes.bytesPerUnit, parseBytes.bytesPerUnit, 'bare JSON.parse of the same Buffers', false),
    ],
    figures: [
      { label: 'our parse step alone (scanner, or decode + JSON.parse; validated either way) per message', value: 1e6 / oursParseRate, unit: 'µs' },
      { label: 'bare JSON.parse per message', value: 1e6 / parseRate, unit: 'µs' },
      { label: 'cost beyond our parse step per message (sequence check, book, counters)', value: beyondParseUs, unit: 'µs' },
      { label: 'whole path minus bare JSON.parse per message', value: beyondJsonParseUs, unit: 'µs' },
    ],
    targets: [
      target('ingest-rate', `≥ 130 k messages per CPU-second at ${options.levelsPerFrame} levels per message`, oursRate, '>=', 130_000, 'msg/s'),
      target('ingest-beyond-parse', 'everything but parsing costs ≤ 1.5 µs per message', beyondParseUs, '<=', 1.5, 'µs'),
    ],
    notes: [
      `${timed.toLocaleString('en')} frames of ${options.levelsPerFrame} level changes (~${Math.round(frames.reduce((n, f) => n + f.length, 0) / frames.length)} B each) on a ~1,000-level book; the feed is the collector's real BinanceFeed with its MetricsObserver (prom-client counters, latency histogram).`,
      'After every pass the feed must have applied every frame and hold the stream\'s true top 10.',
      'Medians of CPU time over repeats; an untimed pass first.',
      'Parsing is timed on its own as well (the same Buffers through parseBinanceFrameBytes): "everything but parsing" is the whole path minus that step.',
    ],
  };
}

/** Keeps the reference loop's result observable. */
export function parseSink(): number {
  return sink;
}

import { afterEach, describe, expect, it } from 'vitest';
import { buildDepthFrames, checkIngested, generateBookStream, ingest, parseOnly, parseOursOnly, parseSink, readyFeed, type ReadyFeed } from '../../../harness/bench/index.ts';

const stream = generateBookStream({ seed: 11, changes: 4000, levelsPerSide: 150 });
const input = buildDepthFrames(stream, 1000, 4);
let ready: ReadyFeed | undefined;

afterEach(async () => {
  await ready?.close();
  ready = undefined;
});

describe('ingest benchmark plumbing', () => {
  it('builds Binance combined-stream frames whose ids continue the snapshot, 4 changes each', () => {
    expect(input.frames).toHaveLength(1000);
    expect(input.changes).toBe(4000);
    const first = JSON.parse(input.frames[0]?.toString('utf8') ?? '') as { stream: string; data: { e: string; U: number; u: number; b: unknown[]; a: unknown[] } };
    const second = JSON.parse(input.frames[1]?.toString('utf8') ?? '') as { data: { U: number } };
    const snapshot = JSON.parse(input.snapshotBody) as { lastUpdateId: number; bids: unknown[] };
    expect(first.stream).toBe('btcusdt@depth@100ms');
    expect(first.data.e).toBe('depthUpdate');
    expect(first.data.U).toBe(snapshot.lastUpdateId + 1);
    expect(second.data.U).toBe(first.data.u + 1);
    expect(first.data.b.length + first.data.a.length).toBe(4);
    expect(snapshot.bids).toHaveLength(150);
  });

  it('the real BinanceFeed syncs from the snapshot, applies every frame and ends on the true top 10', async () => {
    ready = await readyFeed(input);
    ingest(ready.feed, input.frames, 1, input.frames.length);
    expect(checkIngested(ready, input, stream)).toBeUndefined();
    expect(ready.feed.stats()).toMatchObject({ updatesApplied: 1000, gaps: 0, failed: 0 });
    const text = await ready.metrics.metricsText();
    expect(text).toMatch(/orderbook_collector_messages_processed_total\{[^}]*\} 1000/);
  });

  it('the cross-check notices frames that were not applied', async () => {
    ready = await readyFeed(input);
    ingest(ready.feed, input.frames, 1, 500);
    expect(checkIngested(ready, input, stream)).toMatch(/applied 500 of 1000/);
  });

  it('the reference parses the same frames', () => {
    expect(() => parseOnly(input.frames, 0, input.frames.length)).not.toThrow();
  });

  it('our parse step alone reads every frame as a depth update (its sink grows by every final update id)', () => {
    const before = parseSink();
    parseOursOnly(input.frames, 0, input.frames.length);
    const ids = input.frames.reduce((sum, frame) => sum + (JSON.parse(frame.toString('utf8')) as { data: { u: number } }).data.u, 0);
    expect(parseSink() - before).toBe(ids);
  });
});

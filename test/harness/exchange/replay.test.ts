import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { okxChecksum, startMockExchange, type MockExchange } from '../../../harness/exchange/index.ts';
import { readCapture, writeRecording } from '../../../harness/exchange/capture-file.ts';
import { TinyBook, type Level } from './tiny-book.ts';

const BINANCE = 'fixtures/real/BINANCE.ws.1.0';
const OKX = 'fixtures/real/OKX.ws.1.0';

let mock: MockExchange | undefined;
const sockets: WebSocket[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await mock?.close();
  mock = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** Connects and collects `count` text frames. */
async function receive(url: string, count: number, send: string[] = []): Promise<string[]> {
  const ws = new WebSocket(url);
  sockets.push(ws);
  const frames: string[] = [];
  const done = new Promise<string[]>((resolve, reject) => {
    ws.on('message', (data) => {
      frames.push(String(data));
      if (frames.length === count) resolve(frames.slice());
    });
    ws.once('error', reject);
  });
  await Promise.race([new Promise((resolve) => ws.once('open', resolve)), done]);
  for (const text of send) ws.send(text);
  return done;
}

async function binanceCapture(): Promise<{ path: string; frames: string[] }> {
  const records = await readCapture(BINANCE);
  const open = records.find((record) => record.dir === 'open')?.frame ?? '';
  const url = new URL(open);
  return { path: `${url.pathname}${url.search}`, frames: records.filter((record) => record.dir === 'server').map((record) => record.frame) };
}

describe('replay of fixtures/real captures', () => {
  it('Binance: the captured URL receives every captured frame, byte for byte, in order', async () => {
    const capture = await binanceCapture();
    mock = await startMockExchange({ exchange: 'binance', symbols: [], source: { kind: 'replay', file: BINANCE, speed: 0, loop: false } });
    expect([...mock.symbols].sort()).toEqual(['BLZETH', 'LRCBTC', 'NKNUSDT', 'RUNEEUR']);
    expect(capture.frames).toHaveLength(265);
    expect(await receive(`${mock.wsUrl}${capture.path}`, capture.frames.length)).toEqual(capture.frames);
  });

  it('Binance: REST serves the captured snapshot, and sync by the documented procedure has no gap and matches the truth', async () => {
    const capture = await binanceCapture();
    mock = await startMockExchange({ exchange: 'binance', symbols: ['NKNUSDT'], source: { kind: 'replay', file: BINANCE, speed: 0, loop: false } });
    const snapshot = (await (await fetch(`${mock.restUrl}/api/v3/depth?symbol=NKNUSDT&limit=1000`)).json()) as { lastUpdateId: number; bids: Level[]; asks: Level[] };
    expect(snapshot.lastUpdateId).toBe(499869752);
    const frames = await receive(`${mock.wsUrl}${capture.path}`, capture.frames.length);
    const book = new TinyBook();
    book.load(snapshot.bids, snapshot.asks, snapshot.lastUpdateId);
    let applied = 0;
    for (const frame of frames) {
      const { data } = JSON.parse(frame) as { data: { e: string; s: string; U: number; u: number; b: Level[]; a: Level[] } };
      if (data.e !== 'depthUpdate' || data.s !== 'NKNUSDT' || data.u <= book.updateId) continue;
      expect(data.U).toBeLessThanOrEqual(book.updateId + 1);
      book.apply('bids', data.b);
      book.apply('asks', data.a);
      book.updateId = data.u;
      applied++;
    }
    expect(applied).toBeGreaterThan(20);
    const truth = mock.truth('NKNUSDT', 50);
    expect(truth.updateId).toBe(book.updateId);
    expect(book.top(50)).toEqual({ bids: truth.bids, asks: truth.asks });
  });

  it('OKX: subscribing as the capture did yields its acks and its data frames in order, and every checksum holds', async () => {
    const records = await readCapture(OKX);
    const requests = records.filter((record) => record.dir === 'client').map((record) => record.frame);
    const expected = records.filter((record) => record.dir === 'server').map((record) => record.frame);
    mock = await startMockExchange({ exchange: 'okx', symbols: [], source: { kind: 'replay', file: OKX, speed: 10, loop: false } });
    const frames = await receive(mock.wsUrl, expected.length, requests);
    const isAck = (frame: string): boolean => frame.startsWith('{"event"');
    expect(frames.filter(isAck)).toEqual(expected.filter(isAck));
    expect(frames.filter((frame) => !isAck(frame))).toEqual(expected.filter((frame) => !isAck(frame)));
    // The truth oracle followed the replay: its final BTC-USDT book carries the last captured checksum.
    const lastBook = expected.filter((frame) => frame.includes('"channel":"books","instId":"BTC-USDT"')).at(-1) as string;
    const truth = mock.truth('BTC-USDT', 25);
    expect(okxChecksum(truth.bids, truth.asks)).toBe((JSON.parse(lastBook) as { data: Array<{ checksum: number }> }).data[0]?.checksum);
  });

  it('replays soakbook NDJSON recordings (gzip too) and loops with ids that keep increasing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'soak-replay-'));
    dirs.push(dir);
    const file = join(dir, 'binance.ndjson.gz');
    await writeRecording(file, 'binance', await readCapture(BINANCE));
    const capture = await binanceCapture();
    mock = await startMockExchange({ exchange: 'binance', symbols: [], source: { kind: 'replay', file, speed: 0, loop: true } });
    const frames = await receive(`${mock.wsUrl}${capture.path}`, capture.frames.length * 2);
    expect(frames.slice(0, capture.frames.length)).toEqual(capture.frames);
    const ids = (list: string[]): number[] =>
      list.map((frame) => JSON.parse(frame) as { data: { e?: string; s?: string; u: number } }).filter(({ data }) => data.e === 'depthUpdate' && data.s === 'NKNUSDT').map(({ data }) => data.u);
    const first = ids(frames.slice(0, capture.frames.length));
    const second = ids(frames.slice(capture.frames.length));
    expect(second).toHaveLength(first.length);
    expect(second[0]).toBeGreaterThan(first.at(-1) as number);
    expect(second.map((id, i) => id - (first[i] as number))).toEqual(second.map(() => (second[0] as number) - (first[0] as number)));
  });

  it('rejects a file that is not a capture with one clear line', async () => {
    await expect(startMockExchange({ exchange: 'okx', symbols: [], source: { kind: 'replay', file: 'fixtures/real/README.md', speed: 1, loop: false } })).rejects.toThrow(/README.md:1: not a capture line/);
    await expect(startMockExchange({ exchange: 'okx', symbols: [], source: { kind: 'replay', file: 'fixtures/real/nope', speed: 1, loop: false } })).rejects.toThrow(/ENOENT/);
  });
});

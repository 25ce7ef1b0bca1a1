import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../harness/exchange/prng.ts';
import { parseBinanceFrame, parseBinanceFrameBytes, parseBinanceFrameJson, scanBinanceDepthUpdate } from '../../../src/protocol/index.ts';
import { receivedFrames } from './real-captures.ts';

const SPOT = '{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1700000000000,"s":"BTCUSDT","U":1000001,"u":1000004,"b":[["29999.22","1.25091415"],["29998.10","0"]],"a":[["30003.20","0.69762553"]]}}';
const FUTURES_RAW = '{"e":"depthUpdate","E":1700000000001,"T":1700000000000,"s":"BTCUSDT","U":157,"u":160,"pu":149,"b":[["7403.89","0.002"]],"a":[]}';

/** Frames the scanner must leave to JSON.parse (each valid JSON or not, good or bad for the JSON path). */
const NOT_FAST: Array<[what: string, text: string]> = [
  ['whitespace', SPOT.replace('"E":', '"E": ')],
  ['trailing newline', `${SPOT}\n`],
  ['escaped symbol', SPOT.replace('"BTCUSDT"', '"BTC\\u0055SDT"')],
  ['escaped price', SPOT.replace('"29999.22"', '"2\\u00399999.22"')],
  ['non-ASCII in a price', SPOT.replace('"29999.22"', '"29999.2é"')],
  ['control character in a size', SPOT.replace('"0.69762553"', '"0.6976\t2553"')],
  ['leading zero', SPOT.replace('"U":1000001', '"U":01000001')],
  ['16-digit id', SPOT.replace('"u":1000004', '"u":1000000000000004')],
  ['negative id', FUTURES_RAW.replace('"pu":149', '"pu":-1')],
  ['fractional id', SPOT.replace('"U":1000001', '"U":1000001.0')],
  ['exponent id', SPOT.replace('"U":1000001', '"U":1e6')],
  ['string id', SPOT.replace('"U":1000001', '"U":"1000001"')],
  ['string event time', SPOT.replace('"E":1700000000000', '"E":"x"')],
  ['repeated key', SPOT.replace('"s":"BTCUSDT"', '"s":"BTCUSDT","s":"ETHUSDT"')],
  ['unknown key', SPOT.replace('"E":', '"x":1,"E":')],
  ['other event', SPOT.replace('"depthUpdate"', '"depthUpdateX"')],
  ['missing a', SPOT.replace(',"a":[["30003.20","0.69762553"]]', '')],
  ['missing U', SPOT.replace('"U":1000001,', '')],
  ['unordered ids', SPOT.replace('"U":1000001', '"U":1000009')],
  ['empty symbol', SPOT.replace('"BTCUSDT"', '""')],
  ['numeric price', SPOT.replace('"29998.10"', '29998.10')],
  ['three-element level', SPOT.replace('["29998.10","0"]', '["29998.10","0","x"]')],
  ['one-element level', SPOT.replace('["29998.10","0"]', '["29998.10"]')],
  ['trailing comma in levels', SPOT.replace('"0"]]', '"0"],]')],
  ['trailing comma in event', SPOT.replace(']]}}', ']],}}')],
  ['trailing garbage', `${SPOT}x`],
  ['extra envelope key', SPOT.replace('}}', '},"x":1}')],
  ['data before stream', '{"data":{"e":"depthUpdate","s":"X","U":1,"u":1,"b":[],"a":[]},"stream":"x@depth"}'],
  ['truncated', SPOT.slice(0, SPOT.length - 1)],
  ['mock malformed fault', '{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":'],
  ['not an object', '[1,2]'],
  ['empty', ''],
];

describe('scanBinanceDepthUpdate', () => {
  it('reads spot (combined) and futures (raw, with T and pu) updates exactly as the JSON path does', () => {
    const many = (n: number, base: number): string => Array.from({ length: n }, (_, i) => `["${base + i}.5","${i}"]`).join(',');
    const wide = `{"e":"depthUpdate","E":1,"s":"ETHUSDT","U":1,"u":9,"b":[${many(6, 100)}],"a":[${many(5, 200)}]}`;
    for (const text of [SPOT, FUTURES_RAW, wide]) {
      const fast = scanBinanceDepthUpdate(Buffer.from(text));
      expect(fast).toBeDefined();
      expect(fast).toEqual(parseBinanceFrameJson(text));
    }
    expect(scanBinanceDepthUpdate(Buffer.from(FUTURES_RAW))).toMatchObject({ prevFinalUpdateId: 149, eventTimeMs: 1700000000001, bids: [['7403.89', '0.002']], asks: [] });
  });

  it('takes every depth update of the real capture, identical to the JSON path, and no other frame', () => {
    let taken = 0;
    for (const text of receivedFrames('BINANCE.ws.1.0')) {
      const fast = scanBinanceDepthUpdate(Buffer.from(text));
      const slow = parseBinanceFrameJson(text);
      if (fast === undefined) {
        expect(slow.kind).not.toBe('depth');
        continue;
      }
      taken++;
      expect(fast).toEqual(slow);
    }
    expect(taken).toBe(177);
  });

  it.each(NOT_FAST)('leaves a frame with %s to the JSON path, which decides alone', (_what, text) => {
    expect(scanBinanceDepthUpdate(Buffer.from(text))).toBeUndefined();
    expect(parseBinanceFrame(text)).toEqual(parseBinanceFrameJson(text));
  });

  it('leaves frames with bytes that are not ASCII (UTF-8 or invalid) to the JSON path, which reads their UTF-8', () => {
    const at = SPOT.indexOf('29999.22');
    for (const inserted of [[0xc3, 0xa9], [0xff], [0x80], [0x7f]]) {
      const bytes = Buffer.concat([Buffer.from(SPOT.slice(0, at)), Buffer.from(inserted), Buffer.from(SPOT.slice(at))]);
      expect(scanBinanceDepthUpdate(bytes)).toBeUndefined();
      expect(parseBinanceFrameBytes(bytes)).toEqual(parseBinanceFrameJson(bytes.toString('utf8')));
    }
  });

  it('never accepts a mutated frame the JSON path reads differently (seeded fuzz, 40k mutations)', () => {
    const prng = createPrng(7_2026);
    const seeds = [SPOT, FUTURES_RAW, ...receivedFrames('BINANCE.ws.1.0').filter((t) => t.includes('depthUpdate')).slice(0, 40)];
    const alphabet = '{}[]":,0123456789.-+eEpuUsSbaT \\/\t\u00e9x';
    let accepted = 0;
    const disagreements: string[] = [];
    for (let n = 0; n < 40_000; n++) {
      let text = seeds[prng.int(seeds.length)] as string;
      // One to three edits: delete, insert, replace, duplicate a span, or cut the tail.
      for (let edits = 1 + prng.int(3); edits > 0; edits--) {
        const at = prng.int(text.length + 1);
        const char = alphabet[prng.int(alphabet.length)] as string;
        const op = prng.int(5);
        if (op === 0) text = text.slice(0, at) + text.slice(at + 1);
        else if (op === 1) text = text.slice(0, at) + char + text.slice(at);
        else if (op === 2) text = text.slice(0, at) + char + text.slice(at + 1);
        else if (op === 3) text = text.slice(0, at) + text.slice(at, at + 1 + prng.int(12)) + text.slice(at);
        else text = text.slice(0, at);
      }
      const fast = scanBinanceDepthUpdate(Buffer.from(text));
      if (fast === undefined) continue;
      accepted++;
      if (!isDeepStrictEqual(fast, parseBinanceFrameJson(text))) disagreements.push(text);
    }
    expect(disagreements.slice(0, 3)).toEqual([]);
    // Edits inside prices, sizes and ids keep frames in the fast shape: the comparison above is not vacuous.
    expect(accepted).toBeGreaterThan(2_000);
  });
});

/**
 * Binance diff-depth frames (spot and USD-M futures) and REST depth snapshots, validated at the boundary.
 * Accepts the combined-stream envelope `{stream, data}` and the raw `/ws/<stream>` form; anything that is
 * not a depth update, a subscription result or an error is an `unknown` frame.
 */
import type { LevelList } from '../book/index.ts';
import { scanBinanceDepthUpdate } from './binance-depth-scanner.ts';
import { frameFailure, isLevelList, isSequenceId, parseJsonObject, type FrameFailure } from './frame-failure.ts';

/** One `depthUpdate` event. `prevFinalUpdateId` is futures' `pu` (-1 on spot, which has none). */
export interface BinanceDepthUpdate {
  readonly kind: 'depth';
  readonly symbol: string;
  readonly eventTimeMs: number | undefined;
  readonly firstUpdateId: number;
  readonly finalUpdateId: number;
  readonly prevFinalUpdateId: number;
  readonly bids: LevelList;
  readonly asks: LevelList;
}

/** A reply to a SUBSCRIBE/UNSUBSCRIBE request (`{"result":null,"id":1}`). */
export interface BinanceAck {
  readonly kind: 'ack';
}

/** An error frame (`{"code":2,"msg":"..."}`). */
export interface BinanceErrorFrame {
  readonly kind: 'error';
  readonly code: number;
  readonly message: string;
}

/** Every usable Binance ws frame. */
export type BinanceFrame = BinanceDepthUpdate | BinanceAck | BinanceErrorFrame;

/** A REST depth snapshot (`GET /api/v3/depth` or `/fapi/v1/depth`). */
export interface BinanceSnapshot {
  readonly lastUpdateId: number;
  readonly bids: LevelList;
  readonly asks: LevelList;
}

/** Parses one ws frame as received (UTF-8 bytes): compact depth updates by the scanner, everything else (and every bad frame) via JSON.parse. */
export function parseBinanceFrameBytes(bytes: Buffer): BinanceFrame | FrameFailure {
  return scanBinanceDepthUpdate(bytes) ?? parseBinanceFrameJson(bytes.toString('utf8'));
}

/** Parses one ws text frame (the same result as parseBinanceFrameBytes of its UTF-8 bytes). */
export function parseBinanceFrame(text: string): BinanceFrame | FrameFailure {
  return scanBinanceDepthUpdate(Buffer.from(text, 'utf8')) ?? parseBinanceFrameJson(text);
}

/** Parses one ws text frame with JSON.parse and validates every field: the reference the scanner must agree with. */
export function parseBinanceFrameJson(text: string): BinanceFrame | FrameFailure {
  const root = parseJsonObject(text);
  if (typeof root === 'string') return frameFailure('malformed', 'invalid', root);
  let data: Record<string, unknown> = root;
  let streamType = '';
  if (typeof root.stream === 'string') {
    if (typeof root.data !== 'object' || root.data === null || Array.isArray(root.data)) {
      return frameFailure('wrong-type', 'invalid', 'combined-stream frame without an object `data`');
    }
    data = root.data as Record<string, unknown>;
    const at = root.stream.indexOf('@');
    streamType = at >= 0 ? (root.stream.slice(at + 1).split('@')[0] ?? '') : '';
  }
  const event = data.e;
  if (event === 'depthUpdate') return parseDepthUpdate(data);
  if (event === undefined) {
    if ('result' in data && 'id' in data) return { kind: 'ack' };
    if (typeof data.code === 'number' && typeof data.msg === 'string') return { kind: 'error', code: data.code, message: data.msg };
    return frameFailure('unknown', streamType || 'invalid', 'frame has no event type');
  }
  if (typeof event !== 'string') return frameFailure('wrong-type', 'invalid', '`e` is not a string');
  return frameFailure('unknown', event, `event type ${event} is not consumed`);
}

function parseDepthUpdate(data: Record<string, unknown>): BinanceDepthUpdate | FrameFailure {
  const { s: symbol, U: first, u: final, pu: prev, E: eventTime, b: bids, a: asks } = data;
  if (typeof symbol !== 'string' || symbol === '') return frameFailure('wrong-type', 'depthUpdate', '`s` is not a symbol');
  if (!isSequenceId(first) || !isSequenceId(final) || first > final) {
    return frameFailure('wrong-type', 'depthUpdate', '`U`/`u` are not ordered integer update ids');
  }
  if (prev !== undefined && !isSequenceId(prev)) return frameFailure('wrong-type', 'depthUpdate', '`pu` is not an integer');
  if (!isLevelList(bids) || !isLevelList(asks)) return frameFailure('wrong-type', 'depthUpdate', '`b`/`a` are not [price, size] string lists');
  return {
    kind: 'depth',
    symbol,
    eventTimeMs: typeof eventTime === 'number' ? eventTime : undefined,
    firstUpdateId: first,
    finalUpdateId: final,
    prevFinalUpdateId: prev ?? -1,
    bids,
    asks,
  };
}

/** Validates a parsed REST depth snapshot body. */
export function parseBinanceSnapshot(body: unknown): BinanceSnapshot | FrameFailure {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return frameFailure('malformed', 'depth', 'snapshot is not a JSON object');
  const { lastUpdateId, bids, asks } = body as Record<string, unknown>;
  if (!isSequenceId(lastUpdateId)) return frameFailure('wrong-type', 'depth', '`lastUpdateId` is not an integer');
  if (!isLevelList(bids) || !isLevelList(asks)) return frameFailure('wrong-type', 'depth', '`bids`/`asks` are not [price, size] string lists');
  return { lastUpdateId, bids, asks };
}

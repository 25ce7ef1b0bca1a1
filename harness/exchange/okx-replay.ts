/**
 * Turns an OKX capture into a ReplayCodec: data frames are replayed byte for byte to clients subscribed to
 * their channel and instrument (acks are generated live, as the real server does per request); `books`
 * snapshots reset the true book and updates change it, keyed by `seqId`, or by `ts` in captures that
 * predate seqIds.
 */
import { SoakError } from '../errors.ts';
import { CachedMessage } from './out-message.ts';
import { OKX_BOOK_CHANNELS, okxFaultMessage, okxKey } from './okx-messages.ts';
import type { CaptureRecord } from './capture-file.ts';
import type { LevelText } from './sorted-side.ts';
import type { ReplayCodec, ReplayItem } from './replay-feed.ts';

/** A captured data frame rendered for the channel name a client used. */
class OkxReplayMessage extends CachedMessage {
  readonly #channel: string;
  readonly #frame: string;

  constructor(key: string, channel: string, frame: string) {
    super(key);
    this.#channel = channel;
    this.#frame = frame;
  }

  protected build(channel: string): string {
    if (channel === this.#channel) return this.#frame;
    return this.#frame.replace(`{"arg":{"channel":"${this.#channel}"`, `{"arg":{"channel":"${channel}"`);
  }
}

/** Builds the codec; `withSeqIds` tells whether the capture's books carry seqIds. */
export function okxReplayCodec(records: readonly CaptureRecord[], file: string): ReplayCodec & { withSeqIds: boolean } {
  const items: ReplayItem[] = [];
  const symbols = new Set<string>();
  let withSeqIds = false;
  for (const record of records) {
    if (record.dir !== 'server' || (record.exchange !== undefined && record.exchange !== 'okx')) continue;
    let parsed: { event?: unknown; arg?: { channel?: unknown; instId?: unknown }; action?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(record.frame) as typeof parsed;
    } catch {
      continue; // not JSON (e.g. a captured 'pong'): nothing to route it by
    }
    if (parsed?.event !== undefined) continue;
    const channel = parsed?.arg?.channel;
    const instId = parsed?.arg?.instId;
    if (typeof channel !== 'string' || typeof instId !== 'string') continue;
    symbols.add(instId);
    const key = okxKey(channel, instId);
    const message = new OkxReplayMessage(key, channel, record.frame);
    const item: ReplayItem = { tMs: record.tMs, message: () => message };
    const data = Array.isArray(parsed.data) ? (parsed.data[0] as { asks?: unknown; bids?: unknown; seqId?: unknown; ts?: unknown } | undefined) : undefined;
    if (OKX_BOOK_CHANNELS.has(channel) && (parsed.action === 'snapshot' || parsed.action === 'update') && data && isLevels(data.asks) && isLevels(data.bids)) {
      if (typeof data.seqId === 'number') withSeqIds = true;
      const id = typeof data.seqId === 'number' ? data.seqId : Number(data.ts);
      if (Number.isFinite(id)) item.book = { symbol: instId, action: parsed.action, firstId: id, lastId: id, bids: data.bids.map(([price, size]) => [price, size]), asks: data.asks.map(([price, size]) => [price, size]) };
    }
    items.push(item);
  }
  if (items.length === 0) throw new SoakError('SOAK_ERR_SCENARIO', `replay file ${file}: no OKX data frames`);
  return { items, snapshots: [], symbols: [...symbols], idOffsetPerLoop: 0, skipStaleUpdates: false, withSeqIds, fault: (symbol, fault) => okxFaultMessage(symbol, fault, Date.now()) };
}

function isLevels(value: unknown): value is LevelText[] {
  return Array.isArray(value) && value.every((level) => Array.isArray(level) && typeof level[0] === 'string' && typeof level[1] === 'string');
}

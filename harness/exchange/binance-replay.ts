/**
 * Turns a Binance capture (combined or raw stream frames, plus REST depth answers) into a ReplayCodec.
 * Frames are replayed byte for byte to clients subscribed under the captured stream names; other spellings
 * of the same stream are re-wrapped. Later loops shift every update id so ids keep increasing, and the jump
 * at the loop boundary reads as a gap, which a correct client resyncs from.
 */
import { SoakError } from '../errors.ts';
import { binanceStreamKey } from './binance-messages.ts';
import { CachedMessage, type OutMessage } from './out-message.ts';
import { binanceFaultMessage } from './binance-messages.ts';
import type { CaptureRecord } from './capture-file.ts';
import type { LevelText } from './sorted-side.ts';
import type { ReplayCodec, ReplayItem, ReplaySnapshot } from './replay-feed.ts';

const ID_FIELDS = /"(U|u|pu|lastUpdateId)":(\d+)/g;

/** Adds `offset` to every update-id field of a frame. */
export function shiftBinanceIds(text: string, offset: number): string {
  return offset === 0 ? text : text.replace(ID_FIELDS, (_match, field: string, value: string) => `"${field}":${Number(value) + offset}`);
}

/** A frame split around its id values, so later loops render shifted ids without a regex per frame. */
class IdTemplate {
  readonly #parts: string[] = [];
  readonly #ids: number[] = [];

  constructor(text: string) {
    let last = 0;
    for (const match of text.matchAll(ID_FIELDS)) {
      const valueAt = (match.index ?? 0) + match[0].length - (match[2] as string).length;
      this.#parts.push(text.slice(last, valueAt));
      this.#ids.push(Number(match[2]));
      last = valueAt + (match[2] as string).length;
    }
    this.#parts.push(text.slice(last));
  }

  render(offset: number): string {
    let text = this.#parts[0] as string;
    for (let i = 0; i < this.#ids.length; i++) text += String((this.#ids[i] as number) + offset) + (this.#parts[i + 1] as string);
    return text;
  }
}

/** A captured frame rendered per client variant. */
class BinanceReplayMessage extends CachedMessage {
  readonly #stream: string;
  readonly #frame: string | undefined;
  readonly #data: string;
  readonly #template: IdTemplate;
  readonly #offset: number;

  constructor(key: string, stream: string, frame: string | undefined, data: string, template: IdTemplate, offset: number) {
    super(key);
    this.#stream = stream;
    this.#frame = frame;
    this.#data = data;
    this.#template = template;
    this.#offset = offset;
  }

  protected build(variant: string): string {
    const data = this.#offset === 0 ? this.#data : this.#template.render(this.#offset);
    if (variant.startsWith('r:')) return data;
    const name = variant.slice(2);
    if (name === this.#stream && this.#offset === 0 && this.#frame !== undefined) return this.#frame;
    return `{"stream":"${name}","data":${data}}`;
  }
}

/** Builds the codec from capture records; throws SoakError when the capture holds no Binance frames. */
export function binanceReplayCodec(records: readonly CaptureRecord[], file: string): ReplayCodec {
  const items: ReplayItem[] = [];
  const snapshots: ReplaySnapshot[] = [];
  const symbols = new Set<string>();
  let minId = Number.POSITIVE_INFINITY;
  let maxId = Number.NEGATIVE_INFINITY;
  const seeId = (id: number): void => {
    minId = Math.min(minId, id);
    maxId = Math.max(maxId, id);
  };
  let rawStream = '';
  for (const record of records) {
    if (record.exchange !== undefined && record.exchange !== 'binance') continue;
    if (record.dir === 'open') {
      rawStream = /\/ws\/([^/?]+)/.exec(record.frame)?.[1] ?? '';
      continue;
    }
    if (record.dir === 'rest') {
      const snapshot = parseSnapshot(record);
      if (snapshot) {
        snapshots.push(snapshot);
        symbols.add(snapshot.symbol);
        seeId(snapshot.lastUpdateId);
      }
      continue;
    }
    if (record.dir !== 'server') continue;
    let parsed: { stream?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(record.frame) as typeof parsed;
    } catch {
      continue; // a malformed captured frame is replayed as is below
    }
    const combined = typeof parsed?.stream === 'string';
    const stream = combined ? (parsed.stream as string) : rawStream;
    const data = (combined ? parsed.data : parsed) as { e?: unknown; s?: unknown; U?: unknown; u?: unknown; b?: unknown; a?: unknown };
    const prefix = `{"stream":"${stream}","data":`;
    const dataText = !combined ? record.frame : record.frame.startsWith(prefix) && record.frame.endsWith('}') ? record.frame.slice(prefix.length, -1) : JSON.stringify(data);
    const key = data?.e === 'depthUpdate' && typeof data.s === 'string' ? `${data.s.toLowerCase()}@depth` : binanceStreamKey(stream);
    if (typeof data?.u === 'number') seeId(data.u);
    const template = new IdTemplate(dataText);
    let cached: { loop: number; message: BinanceReplayMessage } | undefined;
    const message = (loop: number): BinanceReplayMessage => {
      // One message per loop, so its renders are cached across every client group of that loop.
      if (cached?.loop !== loop) cached = { loop, message: new BinanceReplayMessage(key, stream, combined ? record.frame : undefined, dataText, template, loop * offsetPerLoop()) };
      return cached.message;
    };
    const item: ReplayItem = { tMs: record.tMs, message };
    if (data?.e === 'depthUpdate' && typeof data.s === 'string' && typeof data.U === 'number' && typeof data.u === 'number' && isLevels(data.b) && isLevels(data.a)) {
      item.book = { symbol: data.s, action: 'update', firstId: data.U, lastId: data.u, bids: data.b, asks: data.a };
      symbols.add(data.s);
      seeId(data.U);
    }
    items.push(item);
  }
  if (items.length === 0) throw new SoakError('SOAK_ERR_SCENARIO', `replay file ${file}: no Binance frames`);
  const offset = Number.isFinite(minId) ? maxId - minId + 1000 : 0;
  function offsetPerLoop(): number {
    return offset;
  }
  return {
    items,
    snapshots,
    symbols: [...symbols],
    idOffsetPerLoop: offset,
    skipStaleUpdates: true,
    fault: (symbol, fault): OutMessage => binanceFaultMessage(symbol, fault, Date.now()),
  };
}

function parseSnapshot(record: CaptureRecord): ReplaySnapshot | undefined {
  let symbol: string | null;
  try {
    symbol = new URL(record.url ?? '').searchParams.get('symbol');
  } catch {
    return undefined; // not a URL: not a depth answer
  }
  if (!symbol) return undefined;
  try {
    const body = JSON.parse(record.frame) as { lastUpdateId?: unknown; bids?: unknown; asks?: unknown };
    if (typeof body.lastUpdateId !== 'number' || !isLevels(body.bids) || !isLevels(body.asks)) return undefined;
    return { symbol, lastUpdateId: body.lastUpdateId, bids: body.bids, asks: body.asks };
  } catch {
    return undefined; // not JSON: not a depth answer
  }
}

function isLevels(value: unknown): value is LevelText[] {
  return Array.isArray(value) && value.every((level) => Array.isArray(level) && typeof level[0] === 'string' && typeof level[1] === 'string');
}

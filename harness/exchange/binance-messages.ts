/**
 * Binance wire formats: depth diffs (spot, and USD-M futures with `pu`), the combined-stream wrapper,
 * REST depth snapshots and the frames the stream faults send. Pure string building, no I/O.
 */
import { CachedMessage, FixedMessage, type OutMessage } from './out-message.ts';
import type { BookDiff } from './market-generator.ts';
import { PieceCache } from './piece-cache.ts';
import type { FrameWriter } from './frame-writer.ts';
import type { LevelFormat } from './level-pieces.ts';
import type { LevelText } from './sorted-side.ts';
import type { StreamFault } from './mock-feed.ts';

/** Variant of a stream for a client: `r:<name>` on `/ws/...` (payload only), `c:<name>` on `/stream` (wrapped). */
export function binanceVariant(streamName: string, combined: boolean): string {
  return `${combined ? 'c' : 'r'}:${streamName}`;
}

/** Subscription key of a stream name: every depth speed of a symbol maps to `<symbol>@depth`. */
export function binanceStreamKey(streamName: string): string {
  const lower = streamName.toLowerCase();
  const match = /^([a-z0-9]+)@depth(@\d+ms)?$/.exec(lower);
  return match ? `${match[1]}@depth` : lower;
}

/** The depth key of a symbol (`BTCUSDT` → `btcusdt@depth`). */
export function binanceDepthKey(symbol: string): string {
  return `${symbol.toLowerCase()}@depth`;
}

/** JSON array of levels: `[["p","q"],…]` (prices and sizes are plain decimals; nothing to escape). */
export function levelsJson(levels: readonly LevelText[]): string {
  if (levels.length === 0) return '[]';
  let text = '[';
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as LevelText;
    text += `${i === 0 ? '' : ','}["${level[0]}","${level[1]}"]`;
  }
  return `${text}]`;
}

/** Wraps a payload for a variant: raw as is, combined as `{"stream":…,"data":…}`. */
export function wrapBinance(variant: string, data: string): string {
  return isRawVariant(variant) ? data : `{"stream":"${variant.slice(2)}","data":${data}}`;
}

/** True for `r:<name>` (a `/ws/...` client: payload only). */
function isRawVariant(variant: string): boolean {
  return variant.charCodeAt(0) === 114 && variant.charCodeAt(1) === 58;
}

/** How Binance writes a level: `["price","size"]`. */
export const BINANCE_LEVEL_FORMAT: LevelFormat = {
  price: (priceText) => `["${priceText}","`,
  size: (sizeText) => `${sizeText}"]`,
};

// Frame heads by variant and symbol parts by symbol, made once; a run of one stream's diffs reuses the last.
const heads = new PieceCache((variant) => (isRawVariant(variant) ? '' : `{"stream":"${variant.slice(2)}","data":`) + '{"e":"depthUpdate","E":');
const symbolParts = new PieceCache((symbol) => `,"s":"${symbol}","U":`);

/** One depth diff, written straight into frames for raw and combined clients. */
export class BinanceDiffMessage implements OutMessage {
  readonly key: string;
  readonly #diff: BookDiff;
  readonly #eventTimeMs: number;
  readonly #futures: boolean;

  constructor(diff: BookDiff, eventTimeMs: number, futures: boolean) {
    this.key = binanceDepthKey(diff.symbol);
    this.#diff = diff;
    this.#eventTimeMs = eventTimeMs;
    this.#futures = futures;
  }

  writeFrame(variant: string, out: FrameWriter): void {
    const diff = this.#diff;
    out.startFrame();
    heads.write(out, variant);
    out.int(this.#eventTimeMs);
    if (this.#futures) {
      out.ascii(',"T":');
      out.int(this.#eventTimeMs);
    }
    symbolParts.write(out, diff.symbol);
    out.int(diff.firstId);
    out.ascii(',"u":');
    out.int(diff.lastId);
    if (this.#futures) {
      out.ascii(',"pu":');
      out.int(diff.prevId);
    }
    out.ascii(',"b":');
    diff.pieces.writeLevels(out, diff.levels, diff.start, diff.bidLevels);
    out.ascii(',"a":');
    diff.pieces.writeLevels(out, diff.levels, diff.start + 2 * diff.bidLevels, diff.askLevels);
    out.char(125);
    if (!isRawVariant(variant)) out.char(125);
    out.endFrame();
  }
}

/** A fault frame (malformed, oversize, unknown event) on a symbol's depth stream. */
export function binanceFaultMessage(symbol: string, fault: StreamFault, eventTimeMs: number): OutMessage {
  const key = binanceDepthKey(symbol);
  if (fault.kind === 'malformed') return new FixedMessage(key, `{"e":"depthUpdate","E":${eventTimeMs},"s":"${symbol}","U":`);
  let data = `{"e":"mockUnknownEvent","E":${eventTimeMs},"s":"${symbol}"}`;
  if (fault.kind === 'oversize') {
    const head = `{"e":"mockOversize","E":${eventTimeMs},"s":"${symbol}","pad":"`;
    data = `${head}${'x'.repeat(Math.max(0, fault.bytes - head.length - 2))}"}`;
  }
  return new (class extends CachedMessage {
    protected build(variant: string): string {
      return wrapBinance(variant, data);
    }
  })(key);
}

/** REST depth body (spot; futures adds `E` and `T`). */
export function binanceDepthBody(lastUpdateId: number, bids: readonly LevelText[], asks: readonly LevelText[], futuresTimeMs?: number): string {
  const times = futuresTimeMs === undefined ? '' : `"E":${futuresTimeMs},"T":${futuresTimeMs},`;
  return `{"lastUpdateId":${lastUpdateId},${times}"bids":${levelsJson(bids)},"asks":${levelsJson(asks)}}`;
}

/** Binance's JSON error body. */
export function binanceErrorBody(code: number, msg: string): string {
  return JSON.stringify({ code, msg });
}

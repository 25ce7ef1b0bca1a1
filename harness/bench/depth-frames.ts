/**
 * Binance combined-stream `depthUpdate` frames built from a BookStream, as the exchange would send them:
 * a few level changes per frame, bids and asks split, update ids continuing one frame to the next, and the
 * REST snapshot body that the first frame continues. Frames are Buffers, as they come off a socket.
 */
import type { BookStream } from './book-stream.ts';

/** Frames plus the snapshot they continue. */
export interface DepthFrames {
  symbol: string;
  frames: Buffer[];
  /** The REST depth answer (`lastUpdateId` just before the first frame's `U`). */
  snapshotBody: string;
  /** Level changes per frame (the last frame may carry fewer). */
  levelsPerFrame: number;
  /** Changes of the stream the frames carry (a multiple of levelsPerFrame unless the stream ran out). */
  changes: number;
}

/** Builds `frameCount` frames of `levelsPerFrame` changes each from the start of `stream`. */
export function buildDepthFrames(stream: BookStream, frameCount: number, levelsPerFrame: number, symbol = 'BTCUSDT', firstUpdateId = 1_000_001): DepthFrames {
  const frames: Buffer[] = [];
  const streamName = `${symbol.toLowerCase()}@depth@100ms`;
  let id = firstUpdateId;
  let i = 0;
  for (let f = 0; f < frameCount && i < stream.changes; f++) {
    const bids: string[] = [];
    const asks: string[] = [];
    const end = Math.min(stream.changes, i + levelsPerFrame);
    for (; i < end; i++) {
      const level = `["${stream.priceTexts[stream.price[i] as number]}","${stream.sizeTexts[stream.size[i] as number]}"]`;
      (stream.side[i] === 0 ? bids : asks).push(level);
    }
    const last = id + levelsPerFrame - 1;
    const data = `{"e":"depthUpdate","E":${1_700_000_000_000 + f},"s":"${symbol}","U":${id},"u":${last},"b":[${bids.join(',')}],"a":[${asks.join(',')}]}`;
    frames.push(Buffer.from(`{"stream":"${streamName}","data":${data}}`, 'utf8'));
    id = last + 1;
  }
  const levels = (list: BookStream['initialBids']): string[][] => list.map(([p, s]) => [stream.priceTexts[p] as string, stream.sizeTexts[s] as string]);
  const snapshotBody = JSON.stringify({ lastUpdateId: firstUpdateId - 1, bids: levels(stream.initialBids), asks: levels(stream.initialAsks) });
  return { symbol, frames, snapshotBody, levelsPerFrame, changes: i };
}

/**
 * FrameWriter: frames decode back to their payloads at every header size (7-bit, 16-bit and 64-bit lengths,
 * including payloads written before their length was known), integers print like String(n), and word
 * pieces copy their text byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { FrameWriter } from '../../../harness/exchange/frame-writer.ts';
import { textPiece } from '../../../harness/exchange/text-piece.ts';

/** Splits unmasked text frames back into payload strings. */
function decode(frames: Buffer): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < frames.length) {
    expect(frames[at]).toBe(0x81);
    let length = (frames[at + 1] as number) & 0x7f;
    at += 2;
    if (length === 126) {
      length = frames.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      length = Number(frames.readBigUInt64BE(at));
      at += 8;
    }
    out.push(frames.toString('utf8', at, at + length));
    at += length;
  }
  return out;
}

describe('FrameWriter', () => {
  it('frames payloads of every header size, written piecewise or whole', () => {
    const writer = new FrameWriter();
    const texts = ['', 'x', 'a'.repeat(125), 'b'.repeat(126), 'c'.repeat(65_535), 'd'.repeat(65_536), 'é€ unicode', 'e'.repeat(70_000)];
    writer.begin();
    for (const text of texts) {
      writer.startFrame();
      writer.ascii(text);
      writer.endFrame();
      writer.textFrame(text);
      writer.bytesFrame(Buffer.from(text));
    }
    expect(writer.frames).toBe(texts.length * 3);
    expect(decode(writer.finish())).toEqual(texts.flatMap((text) => [text, text, text]));
  });

  it('writes integers like String(n) and pieces byte for byte', () => {
    const writer = new FrameWriter();
    const numbers = [0, 7, 10, 2_147_483_647, 2_147_483_648, 1_000_000_000, 1_700_000_000_123, 9_007_199_254_740_991, -1, -1_700_000_000_123, 1.5];
    const piece = textPiece('{"stream":"btcusdt@depth@100ms","data":') ?? expect.fail('ASCII text has a piece');
    expect(textPiece('naïve')).toBeUndefined();
    writer.begin();
    writer.startFrame();
    for (const n of numbers) {
      writer.int(n);
      writer.piece(piece);
    }
    writer.endFrame();
    expect(decode(writer.finish())).toEqual([numbers.map((n) => `${n}${piece.text}`).join('')]);
  });
});

/**
 * A short ASCII text pre-encoded as little-endian float64 words, so FrameWriter copies it eight bytes per
 * store (a DataView store each) instead of one char per store: measured on this 2-core box, 16 level
 * strings cost ~3 µs char by char and ~0.4 µs as words. ASCII bytes never form a NaN or infinity pattern
 * (that needs a byte ≥ 0xF0), so the words round-trip bit for bit; padding is spaces, overwritten by
 * whatever is written next.
 */

/** Words per piece in the fixed-stride tables of LevelPieces (32 bytes: any price or size as sent). */
export const PIECE_WORDS = 4;

const scratch = Buffer.alloc(8);

/** An ASCII text and its words. */
export interface TextPiece {
  readonly text: string;
  readonly length: number;
  readonly words: Float64Array;
}

/** True when every char of `text` is ASCII (only those may become words). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Encodes ASCII `text` into `words` from word `offset` (ceil(length / 8) words); returns the length. */
export function encodeWords(text: string, words: Float64Array, offset: number): number {
  for (let word = 0; word * 8 < text.length; word++) {
    scratch.fill(32);
    scratch.write(text.slice(word * 8, word * 8 + 8), 'latin1');
    words[offset + word] = scratch.readDoubleLE(0);
  }
  return text.length;
}

/** The piece of an ASCII text, or undefined when it is not ASCII (callers then write it as utf8 text). */
export function textPiece(text: string): TextPiece | undefined {
  if (!isAscii(text)) return undefined;
  const words = new Float64Array(Math.ceil(text.length / 8));
  encodeWords(text, words, 0);
  return { text, length: text.length, words };
}

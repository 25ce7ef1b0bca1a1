/**
 * Text pieces made from a key (a frame head per variant, a symbol part per symbol) once and kept: frames
 * reuse them as word copies. The last key is remembered, since a batch is mostly runs of one stream; the
 * cache is bounded, and a text that cannot be a piece (not ASCII) is written as text.
 */
import { textPiece, type TextPiece } from './text-piece.ts';
import type { FrameWriter } from './frame-writer.ts';

/** Bound on distinct keys (streams and symbols of one process are far fewer). */
const MAX_KEYS = 4096;

/** A bounded key → piece cache for one kind of frame part. */
export class PieceCache {
  readonly #make: (key: string) => string;
  readonly #pieces = new Map<string, TextPiece | string>();
  #lastKey: string | undefined;
  #last: TextPiece | string = '';

  constructor(make: (key: string) => string) {
    this.#make = make;
  }

  /** Writes the piece of `key`. */
  write(out: FrameWriter, key: string): void {
    if (key !== this.#lastKey) {
      let piece = this.#pieces.get(key);
      if (piece === undefined) {
        if (this.#pieces.size >= MAX_KEYS) this.#pieces.clear();
        const text = this.#make(key);
        piece = textPiece(text) ?? text;
        this.#pieces.set(key, piece);
      }
      this.#lastKey = key;
      this.#last = piece;
    }
    const piece = this.#last;
    if (typeof piece === 'string') out.ascii(piece);
    else out.piece(piece);
  }
}

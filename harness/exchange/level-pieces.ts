/**
 * Everything a synthetic market sends about a price or a size, made once and reused for every frame: the
 * decimal string (for the true book, REST and snapshots), its JSON piece as words (for frames: a level is
 * two word copies, `["price","` then the exchange's size part) and, for OKX crc32, its checksum token.
 * Prices sit in a direct-mapped cache by tick, sizes in the market's fixed palette. A diff keeps ticks and
 * palette indices; should a tick's slot have been taken by another tick before the diff is written, the
 * piece is formatted again, so a frame is always right.
 */
import { formatUnits, type DecimalStyle } from './decimal-text.ts';
import { okxLevelTag, okxPartToken } from './okx-level-tags.ts';
import { encodeWords, isAscii, PIECE_WORDS } from './text-piece.ts';
import type { FrameWriter } from './frame-writer.ts';

/** How an exchange writes a level in JSON: the part up to the size, and the size with the rest of the level. */
export interface LevelFormat {
  /** e.g. `["30316.5","` */
  price(priceText: string): string;
  /** e.g. `1.25"]` (Binance) or `1.25","0","2"]` (OKX) */
  size(sizeText: string): string;
}

/** What LevelPieces is built from. */
export interface LevelPiecesOptions {
  priceDecimals: number;
  style: DecimalStyle;
  format: LevelFormat;
  /** The market's size palette (formatted) and its zero size. */
  sizes: readonly string[];
  zero: string;
  /** Keep OKX checksum tokens (an OKX crc32 feed). */
  checksumTags: boolean;
  /** At least this many price slots (rounded up to a power of two). */
  minPriceSlots: number;
}

/** Index of the zero (delete) size in a diff. */
export const ZERO_SIZE = -1;

/** The per-market caches of decimal strings, JSON pieces and checksum tokens. */
export class LevelPieces {
  readonly #options: LevelPiecesOptions;
  readonly #mask: number;
  readonly #slotTicks: Float64Array;
  readonly #slotTexts: string[];
  readonly #priceWords: Float64Array;
  /** Piece length per slot; 0 when the piece does not fit PIECE_WORDS (it is then written as text). */
  readonly #priceLengths: Uint8Array;
  readonly #priceTokens: Float64Array;
  // Sizes: palette indices 0..n-1, the zero size at index n.
  readonly #sizeTexts: string[];
  readonly #sizeWords: Float64Array;
  readonly #sizeLengths: Uint8Array;
  readonly #sizeTokens: Float64Array;

  constructor(options: LevelPiecesOptions) {
    this.#options = options;
    let slots = 1024;
    while (slots < options.minPriceSlots && slots < 1 << 20) slots *= 2;
    this.#mask = slots - 1;
    this.#slotTicks = new Float64Array(slots).fill(Number.NaN);
    this.#slotTexts = new Array<string>(slots).fill('');
    this.#priceWords = new Float64Array(slots * PIECE_WORDS);
    this.#priceLengths = new Uint8Array(slots);
    this.#priceTokens = new Float64Array(options.checksumTags ? slots : 0);
    this.#sizeTexts = [...options.sizes, options.zero];
    const count = this.#sizeTexts.length;
    this.#sizeWords = new Float64Array(count * PIECE_WORDS);
    this.#sizeLengths = new Uint8Array(count);
    this.#sizeTokens = new Float64Array(options.checksumTags ? count : 0);
    for (let i = 0; i < count; i++) {
      const text = this.#sizeTexts[i] as string;
      this.#sizeLengths[i] = encodePiece(options.format.size(text), this.#sizeWords, i);
      if (options.checksumTags) this.#sizeTokens[i] = okxPartToken(text);
    }
  }

  /** The price string of `ticks` (cached; a miss formats it and its piece). */
  priceText(ticks: number): string {
    const slot = ticks & this.#mask;
    if (this.#slotTicks[slot] !== ticks) this.#fill(slot, ticks);
    return this.#slotTexts[slot] as string;
  }

  /** The size string of palette index `index` (ZERO_SIZE for the zero size). */
  sizeText(index: number): string {
    return this.#sizeTexts[index < 0 ? this.#sizeTexts.length - 1 : index] as string;
  }

  /** The OKX checksum tag of level (`ticks`, palette `index`); call right after priceText(ticks). */
  tag(ticks: number, index: number): number {
    return okxLevelTag(this.#priceTokens[ticks & this.#mask] as number, this.#sizeTokens[index] as number);
  }

  /** Writes `count` levels, stored as (ticks, size index) pairs in `levels` from `start`, as a JSON array. */
  writeLevels(out: FrameWriter, levels: Float64Array, start: number, count: number): void {
    out.char(91);
    for (let i = 0; i < count; i++) {
      if (i > 0) out.char(44);
      const ticks = levels[start + 2 * i] as number;
      const slot = ticks & this.#mask;
      const priceLength = this.#priceLengths[slot] as number;
      if (this.#slotTicks[slot] === ticks && priceLength > 0) out.words(this.#priceWords, slot * PIECE_WORDS, priceLength);
      else out.ascii(this.#options.format.price(formatUnits(ticks, this.#options.priceDecimals, this.#options.style)));
      const size = levels[start + 2 * i + 1] as number;
      const index = size < 0 ? this.#sizeTexts.length - 1 : size;
      const sizeLength = this.#sizeLengths[index] as number;
      if (sizeLength > 0) out.words(this.#sizeWords, index * PIECE_WORDS, sizeLength);
      else out.ascii(this.#options.format.size(this.#sizeTexts[index] as string));
    }
    out.char(93);
  }

  #fill(slot: number, ticks: number): void {
    const text = formatUnits(ticks, this.#options.priceDecimals, this.#options.style);
    this.#slotTicks[slot] = ticks;
    this.#slotTexts[slot] = text;
    this.#priceLengths[slot] = encodePiece(this.#options.format.price(text), this.#priceWords, slot);
    if (this.#options.checksumTags) this.#priceTokens[slot] = okxPartToken(text);
  }
}

/** Encodes a piece into its PIECE_WORDS slot; returns its length, or 0 when it cannot be a piece. */
function encodePiece(piece: string, words: Float64Array, slot: number): number {
  if (piece.length === 0 || piece.length > PIECE_WORDS * 8 || !isAscii(piece)) return 0;
  return encodeWords(piece, words, slot * PIECE_WORDS);
}

/**
 * Collects the strings section for a StringTable while it streams past: each chunk is copied whole into
 * one growing byte buffer (a single native copy per chunk, not one allocation per string), and the
 * scanner records where each string's body starts.
 */
import { GrowableNumberArray } from './growable-number-array.ts';
import { StringTable } from './string-table.ts';

const MIN_CAPACITY_BYTES = 1 << 20;
/** First capacity of the byte buffer when the section's size is not known better. */
const MAX_INITIAL_BYTES = 256 << 20;

/** Append-only store of the strings section's bytes and string offsets. */
export class StringTableBuilder {
  #text: Buffer;
  #length = 0;
  readonly #starts = new GrowableNumberArray(1 << 16);

  /** `expectedBytes` bounds the section (the rest of the file), so the usual case never regrows. */
  constructor(expectedBytes: number) {
    this.#text = Buffer.allocUnsafeSlow(Math.max(MIN_CAPACITY_BYTES, Math.min(MAX_INITIAL_BYTES, Math.ceil(expectedBytes))));
  }

  /** Copies `buffer[start, end)` to the end of the store; returns the store offset where it begins. */
  append(buffer: Buffer, start: number, end: number): number {
    const offset = this.#length;
    const needed = offset + (end - start);
    if (needed > this.#text.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(needed, Math.ceil(this.#text.length * 1.5)));
      this.#text.copy(grown, 0, 0, offset);
      this.#text = grown;
    }
    buffer.copy(this.#text, offset, start, end);
    this.#length = needed;
    return offset;
  }

  /** Records that the next string's body starts at store offset `offset`. */
  addStart(offset: number): void {
    this.#starts.push(offset);
  }

  /** True when the store bytes `[start, end)` are a valid JSON string body (checked only for bodies with escapes). */
  isValidBody(start: number, end: number): boolean {
    try {
      JSON.parse(`"${this.#text.toString('utf8', start, end)}"`);
      return true;
    } catch {
      return false;
    }
  }

  /** The table of the strings recorded, keeping the store up to `usedBytes` (the section's closing bracket). */
  finish(usedBytes: number): StringTable {
    // Trimmed by a copy so the slack (up to the rest of the file) is not held for the snapshot's lifetime.
    const text = Buffer.allocUnsafeSlow(usedBytes);
    this.#text.copy(text, 0, 0, usedBytes);
    this.#text = text;
    return new StringTable(text, this.#starts.finish(), this.#starts.length);
  }
}

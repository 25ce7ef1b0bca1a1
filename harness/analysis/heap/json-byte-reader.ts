/**
 * A hand-written incremental JSON reader over a file, read in fixed-size chunks into one reused buffer.
 * It knows just enough JSON to walk a .heapsnapshot: short keys, big arrays of unsigned integers, an array
 * of strings, and values to capture or skip. The file is never held as one string — V8 caps a string at
 * ~512 MB and real snapshots exceed that — and no per-number objects are created.
 */
import type { FileHandle } from 'node:fs/promises';
import { SoakError } from '../../errors.ts';
import {
  BACKSLASH,
  isSpace,
  NOT_FLAT,
  OPEN_BRACKET,
  scanFlatArray,
  QUOTE,
  scanStrings,
  scanUnsigned,
  scanValue,
  type NumberScan,
  type StringScan,
  type WalkScan,
} from './chunk-scanners.ts';
import type { GrowableNumberArray } from './growable-number-array.ts';
import { StringTableBuilder } from './string-table-builder.ts';
import type { StringTable } from './string-table.ts';

const CHUNK_BYTES = 1 << 20;
const COMMA = 0x2c;

/** Reads JSON tokens from a file handle in chunks; every method resumes across chunk boundaries. */
export class JsonByteReader {
  readonly #file: FileHandle;
  readonly #path: string;
  readonly #buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  #pos = 0;
  #end = 0;
  /** Bytes consumed before the current chunk, for error positions. */
  #offset = 0;
  #eof = false;

  constructor(file: FileHandle, path: string) {
    this.#file = file;
    this.#path = path;
  }

  /** Position in the file, for error messages. */
  get position(): number {
    return this.#offset + this.#pos;
  }

  /** A coded error naming the file and the byte position. */
  fail(why: string): SoakError {
    return new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `${this.#path}: ${why} at byte ${this.position}`);
  }

  async #fill(): Promise<boolean> {
    if (this.#eof) return false;
    this.#offset += this.#end;
    const { bytesRead } = await this.#file.read(this.#buffer, 0, CHUNK_BYTES, null);
    this.#pos = 0;
    this.#end = bytesRead;
    if (bytesRead === 0) this.#eof = true;
    return bytesRead > 0;
  }

  /** Skips whitespace and returns the next byte without consuming it, or -1 at end of file. */
  async peek(): Promise<number> {
    for (;;) {
      const buffer = this.#buffer;
      while (this.#pos < this.#end && isSpace(buffer[this.#pos] as number)) this.#pos++;
      if (this.#pos < this.#end) return buffer[this.#pos] as number;
      if (!(await this.#fill())) return -1;
    }
  }

  /** Consumes the next non-space byte, which must be `byte`. */
  async expect(byte: number, what: string): Promise<void> {
    const next = await this.peek();
    if (next !== byte) throw this.fail(next === -1 ? `unexpected end of file, expected ${what}` : `expected ${what}`);
    this.#pos++;
  }

  /** Consumes a `,` and returns true, or consumes `close` and returns false. */
  async commaOr(close: number): Promise<boolean> {
    const next = await this.peek();
    if (next === COMMA || next === close) {
      this.#pos++;
      return next === COMMA;
    }
    throw this.fail(next === -1 ? 'unexpected end of file' : `expected ',' or '${String.fromCharCode(close)}'`);
  }

  /** Reads one JSON string (after optional whitespace) and returns it decoded. */
  async readString(): Promise<string> {
    await this.expect(QUOTE, 'a string');
    return this.#readStringBody();
  }

  /** Reads the rest of a string whose opening quote was consumed. */
  async #readStringBody(): Promise<string> {
    let pieces: Buffer[] | undefined;
    let escaped = false;
    let backslashes = false;
    for (;;) {
      const buffer = this.#buffer;
      const start = this.#pos;
      let i = start;
      const end = this.#end;
      for (; i < end; i++) {
        const byte = buffer[i] as number;
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = backslashes = true;
        else if (byte === QUOTE) break;
      }
      if (i < end) {
        this.#pos = i + 1;
        const raw = pieces ? Buffer.concat([...pieces, buffer.subarray(start, i)]) : buffer.subarray(start, i);
        // V8 writes non-ASCII as \u escapes, so the common case is a plain slice; escapes go through JSON.parse.
        if (!backslashes) return raw.toString('utf8');
        try {
          return JSON.parse(`"${raw.toString('utf8')}"`) as string;
        } catch (error) {
          throw new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `${this.#path}: malformed string before byte ${this.position}`, { cause: error });
        }
      }
      (pieces ??= []).push(Buffer.from(buffer.subarray(start, end)));
      this.#pos = end;
      if (!(await this.#fill())) throw this.fail('unexpected end of file inside a string');
    }
  }

  /**
   * Reads an array of unsigned integers straight into `sink`. The per-byte loop is a synchronous function
   * over one chunk: in an async function, locals live across awaits in a heap context and every digit
   * would box a number; here they stay in registers. Returns how many values were read.
   */
  async readUnsignedArray(sink: GrowableNumberArray, what: string): Promise<number> {
    await this.expect(OPEN_BRACKET, `'[' to open ${what}`);
    const state: NumberScan = { value: 0, inNumber: false, last: 0, count: 0, error: undefined };
    for (;;) {
      const stop = scanUnsigned(this.#buffer, this.#pos, this.#end, state, sink);
      if (state.error !== undefined) {
        this.#pos = stop;
        throw this.fail(`${state.error} in ${what}`);
      }
      if (stop >= 0) {
        this.#pos = stop;
        return state.count;
      }
      this.#pos = this.#end;
      if (!(await this.#fill())) throw this.fail(`unexpected end of file inside ${what} (truncated snapshot?)`);
    }
  }

  /** Reads the array of strings into a table that decodes each string on demand (synchronous per chunk, as above). */
  async readStringTable(expectedBytes: number): Promise<StringTable> {
    await this.expect(OPEN_BRACKET, "'[' to open strings");
    const builder = new StringTableBuilder(expectedBytes);
    const state: StringScan = { phase: 'first', escaped: false, backslashes: false, bodyStart: 0, count: 0, endOffset: 0, error: undefined };
    for (;;) {
      const stop = scanStrings(this.#buffer, this.#pos, this.#end, state, builder);
      if (state.error !== undefined) {
        this.#pos = stop;
        throw this.fail(`${state.error} in strings`);
      }
      if (stop >= 0) {
        this.#pos = stop;
        return builder.finish(state.endOffset);
      }
      this.#pos = this.#end;
      if (!(await this.#fill())) throw this.fail('unexpected end of file inside strings (truncated snapshot?)');
    }
  }

  /** Captures one JSON value (object, array, string or literal) as text; for the small `snapshot` header. */
  async captureValue(maxBytes: number): Promise<string> {
    const pieces: Buffer[] = [];
    let total = 0;
    await this.#walkValue((slice) => {
      total += slice.length;
      if (total > maxBytes) throw this.fail(`header larger than ${maxBytes} bytes`);
      pieces.push(Buffer.from(slice));
    });
    return Buffer.concat(pieces).toString('utf8');
  }

  /** Skips one JSON value of any size without keeping it (trace trees, samples, unknown sections). */
  async skipValue(): Promise<void> {
    if ((await this.peek()) === OPEN_BRACKET) {
      // Most skipped sections (locations, samples) are flat number arrays: found by native byte search
      // instead of a JS loop per byte, until something nested or quoted shows up.
      this.#pos++;
      for (;;) {
        const stop = scanFlatArray(this.#buffer, this.#pos, this.#end);
        if (stop >= 0) {
          this.#pos = stop;
          return;
        }
        if (stop === NOT_FLAT) break;
        this.#pos = this.#end;
        if (!(await this.#fill())) throw this.fail('unexpected end of file inside a value');
      }
      // Everything consumed so far was inside the array and outside strings: walk on from depth 1.
      await this.#walkValue(() => undefined, { depth: 1, inString: false, escaped: false, started: true });
      return;
    }
    await this.#walkValue(() => undefined);
  }

  /** Walks one value, tracking nesting outside strings, handing each consumed slice to `onSlice`. */
  async #walkValue(onSlice: (slice: Buffer) => void, resume?: WalkScan): Promise<void> {
    if (!resume && (await this.peek()) === -1) throw this.fail('unexpected end of file, expected a value');
    const state: WalkScan = resume ?? { depth: 0, inString: false, escaped: false, started: false };
    for (;;) {
      const start = this.#pos;
      const stop = scanValue(this.#buffer, start, this.#end, state);
      onSlice(this.#buffer.subarray(start, stop >= 0 ? stop : this.#end));
      if (stop >= 0) {
        this.#pos = stop;
        return;
      }
      this.#pos = this.#end;
      if (!(await this.#fill())) {
        if (state.depth === 0 && !state.inString && state.started) return;
        throw this.fail('unexpected end of file inside a value');
      }
    }
  }
}

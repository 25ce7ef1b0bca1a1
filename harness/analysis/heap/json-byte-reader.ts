/**
 * A hand-written incremental JSON reader over a file, read in fixed-size chunks into one reused buffer.
 * It knows just enough JSON to walk a .heapsnapshot: short keys, big arrays of unsigned integers, an array
 * of strings, and values to capture or skip. The file is never held as one string — V8 caps a string at
 * ~512 MB and real snapshots exceed that — and no per-number objects are created.
 */
import type { FileHandle } from 'node:fs/promises';
import { SoakError } from '../../errors.ts';
import type { GrowableNumberArray } from './growable-number-array.ts';

const CHUNK_BYTES = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
/** Largest integer a snapshot array may hold exactly (2^53). */
const MAX_EXACT = 2 ** 53;
const UINT32_MAX = 0xffff_ffff;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

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

  /** Reads an array of strings, calling `onString` for each in order (synchronous per chunk, as above). */
  async readStringArray(onString: (text: string) => void): Promise<number> {
    await this.expect(OPEN_BRACKET, "'[' to open strings");
    const state: StringScan = { phase: 'first', escaped: false, backslashes: false, pieces: [], count: 0, error: undefined };
    for (;;) {
      const stop = scanStrings(this.#buffer, this.#pos, this.#end, state, onString);
      if (state.error !== undefined) {
        this.#pos = stop;
        throw this.fail(`${state.error} in strings`);
      }
      if (stop >= 0) {
        this.#pos = stop;
        return state.count;
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
    await this.#walkValue(() => undefined);
  }

  /** Walks one value, tracking nesting outside strings, handing each consumed slice to `onSlice`. */
  async #walkValue(onSlice: (slice: Buffer) => void): Promise<void> {
    if ((await this.peek()) === -1) throw this.fail('unexpected end of file, expected a value');
    const state: WalkScan = { depth: 0, inString: false, escaped: false, started: false };
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

/** Scanner state carried from one chunk to the next while reading a number array. */
interface NumberScan {
  value: number;
  inNumber: boolean;
  /** What the last token was: 0 the opening bracket, 1 a comma, 2 a number. */
  last: 0 | 1 | 2;
  count: number;
  error: string | undefined;
}

/** Scans one chunk of a number array; returns the offset after `]`, or -1 when the chunk ran out. */
function scanUnsigned(buffer: Buffer, start: number, end: number, state: NumberScan, sink: GrowableNumberArray): number {
  let value = state.value;
  let last = state.last;
  let count = state.count;
  let values = sink.values;
  let length = sink.length;
  let i = start;
  let byte = 0;
  // A number cut by the previous chunk boundary continues here.
  let inNumber = state.inNumber;
  for (;;) {
    if (inNumber) {
      // Tight digit loop: most bytes of a snapshot are digits.
      while (i < end && (byte = buffer[i] as number) >= DIGIT_0 && byte <= DIGIT_9) {
        value = value * 10 + (byte - DIGIT_0);
        i++;
      }
      if (i === end) break;
      if (value > MAX_EXACT) {
        sink.commit(length);
        state.error = 'number too large';
        return i;
      }
      if (length < values.length && value <= UINT32_MAX) values[length++] = value;
      else {
        // Rare: grow or widen through the array's own method, then continue on its new storage.
        sink.commit(length);
        sink.push(value);
        values = sink.values;
        length = sink.length;
      }
      count++;
      value = 0;
      inNumber = false;
      last = 2;
    }
    if (i === end) break;
    byte = buffer[i] as number;
    if (byte >= DIGIT_0 && byte <= DIGIT_9) {
      if (last === 2) {
        sink.commit(length);
        state.error = "missing ','";
        return i;
      }
      inNumber = true;
      continue;
    }
    if (byte === COMMA) {
      if (last !== 2) {
        sink.commit(length);
        state.error = "misplaced ','";
        return i;
      }
      last = 1;
    } else if (byte === CLOSE_BRACKET) {
      sink.commit(length);
      if (last === 1) {
        state.error = "trailing ','";
        return i;
      }
      state.count = count;
      return i + 1;
    } else if (!isSpace(byte)) {
      sink.commit(length);
      state.error = 'expected an unsigned integer';
      return i;
    }
    i++;
  }
  sink.commit(length);
  state.value = value;
  state.inNumber = inNumber;
  state.last = last;
  state.count = count;
  return -1;
}

/** Scanner state carried from one chunk to the next while reading the strings array. */
interface StringScan {
  phase: 'first' | 'value' | 'string' | 'separator';
  escaped: boolean;
  backslashes: boolean;
  pieces: Buffer[];
  count: number;
  error: string | undefined;
}

/** Scans one chunk of the strings array; returns the offset after `]`, or -1 when the chunk ran out. */
function scanStrings(buffer: Buffer, start: number, end: number, state: StringScan, onString: (text: string) => void): number {
  let i = start;
  while (i < end) {
    if (state.phase === 'string') {
      let escaped = state.escaped;
      let backslashes = state.backslashes;
      const from = i;
      for (; i < end; i++) {
        const byte = buffer[i] as number;
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = backslashes = true;
        else if (byte === QUOTE) break;
      }
      if (i === end) {
        state.pieces.push(Buffer.from(buffer.subarray(from, end)));
        state.escaped = escaped;
        state.backslashes = backslashes;
        return -1;
      }
      const raw = state.pieces.length > 0 ? Buffer.concat([...state.pieces, buffer.subarray(from, i)]).toString('utf8') : buffer.toString('utf8', from, i);
      // V8 writes non-ASCII as \u escapes, so the common case is a plain slice; escapes go through JSON.parse.
      if (!backslashes) onString(raw);
      else {
        const text = decodeEscaped(raw);
        if (text === undefined) {
          state.error = 'malformed string';
          return i;
        }
        onString(text);
      }
      state.pieces = [];
      state.escaped = false;
      state.backslashes = false;
      state.count++;
      state.phase = 'separator';
      i++;
      continue;
    }
    const byte = buffer[i] as number;
    if (isSpace(byte)) {
      i++;
    } else if (byte === QUOTE && state.phase !== 'separator') {
      state.phase = 'string';
      i++;
    } else if (byte === COMMA && state.phase === 'separator') {
      state.phase = 'value';
      i++;
    } else if (byte === CLOSE_BRACKET && state.phase !== 'value') {
      return i + 1;
    } else {
      state.error = state.phase === 'separator' ? "expected ',' or ']'" : 'expected a string';
      return i;
    }
  }
  return -1;
}

function decodeEscaped(body: string): string | undefined {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return undefined;
  }
}

/** Scanner state carried across chunks while walking (skipping or capturing) one value. */
interface WalkScan {
  depth: number;
  inString: boolean;
  escaped: boolean;
  started: boolean;
}

/** Walks one chunk of a value; returns the offset just after the value, or -1 when the chunk ran out. */
function scanValue(buffer: Buffer, start: number, end: number, state: WalkScan): number {
  let { depth, inString, escaped, started } = state;
  let stop = -1;
  for (let i = start; i < end; i++) {
    const byte = buffer[i] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === BACKSLASH) escaped = true;
      else if (byte === QUOTE) {
        inString = false;
        if (depth === 0) {
          stop = i + 1;
          break;
        }
      }
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth++;
    else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      // A closer at depth 0 ends a bare literal (`1}`) without being part of it.
      if (depth === 0) {
        stop = i;
        break;
      }
      depth--;
      if (depth === 0) {
        stop = i + 1;
        break;
      }
    } else if (depth === 0 && started && (byte === COMMA || isSpace(byte))) {
      stop = i;
      break;
    }
    started = true;
  }
  state.depth = depth;
  state.inString = inString;
  state.escaped = escaped;
  state.started = started;
  return stop;
}

/**
 * Pre-framed WebSocket writes. A server never masks, so the bytes of a text frame are the same for every
 * client: a tick's frames are written once, header and payload, into one Buffer that goes to every client
 * with the same subscriptions. Messages write their JSON straight into it — pre-encoded pieces eight bytes
 * at a time (text-piece.ts), integers digit by digit — so no string is built, and no utf8 pass is made, per frame.
 */
import type { TextPiece } from './text-piece.ts';

/** Bytes of the unmasked frame header for a payload of `length` bytes. */
export function frameHeaderBytes(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** Writes a FIN text-frame header for `length` payload bytes at `offset`; returns the offset after it. */
export function writeTextFrameHeader(target: Uint8Array, offset: number, length: number): number {
  target[offset] = 0x81;
  if (length < 126) {
    target[offset + 1] = length;
    return offset + 2;
  }
  if (length < 65_536) {
    target[offset + 1] = 126;
    target[offset + 2] = length >>> 8;
    target[offset + 3] = length & 0xff;
    return offset + 4;
  }
  target[offset + 1] = 127;
  const high = Math.floor(length / 2 ** 32);
  const low = length >>> 0;
  for (let i = 0; i < 4; i++) {
    target[offset + 2 + i] = (high >>> (24 - 8 * i)) & 0xff;
    target[offset + 6 + i] = (low >>> (24 - 8 * i)) & 0xff;
  }
  return offset + 10;
}

/** Space a frame's header takes while its payload is written (the common 16-bit length form). */
const RESERVED_HEADER_BYTES = 4;
/** A first batch's buffer; later ones start at the size of the previous batch. */
const INITIAL_BYTES = 64 * 1024;

/** Writes consecutive text frames into one Buffer. */
export class FrameWriter {
  #buffer: Buffer = Buffer.allocUnsafe(0);
  #view = new DataView(this.#buffer.buffer, this.#buffer.byteOffset, 0);
  #length = 0;
  #frameStart = -1;
  #frames = 0;
  #hintBytes = INITIAL_BYTES;

  /** Frames written since begin(). */
  get frames(): number {
    return this.#frames;
  }

  /** Starts a new batch in a fresh Buffer (the previous one may still be queued on sockets). */
  begin(): void {
    this.#setBuffer(Buffer.allocUnsafe(this.#hintBytes));
    this.#length = 0;
    this.#frames = 0;
    this.#frameStart = -1;
  }

  /** Ends the batch: its frames as one Buffer (a view of the batch's own memory). */
  finish(): Buffer {
    if (this.#frameStart >= 0) throw new Error('FrameWriter: finish() inside a frame');
    this.#hintBytes = Math.max(INITIAL_BYTES, Math.ceil(this.#length * 1.25));
    const frames = this.#buffer.subarray(0, this.#length);
    this.#setBuffer(Buffer.allocUnsafe(0));
    return frames;
  }

  /** Opens a frame whose payload the following calls write. */
  startFrame(): void {
    this.#reserve(RESERVED_HEADER_BYTES);
    this.#frameStart = this.#length;
    this.#length += RESERVED_HEADER_BYTES;
  }

  /** Closes the open frame: writes its header, moving the payload when it needs a shorter or longer one. */
  endFrame(): void {
    const start = this.#frameStart;
    const payloadStart = start + RESERVED_HEADER_BYTES;
    const length = this.#length - payloadStart;
    const headerBytes = frameHeaderBytes(length);
    if (headerBytes !== RESERVED_HEADER_BYTES) {
      this.#reserve(headerBytes - RESERVED_HEADER_BYTES);
      this.#buffer.copyWithin(start + headerBytes, payloadStart, this.#length);
      this.#length += headerBytes - RESERVED_HEADER_BYTES;
    }
    writeTextFrameHeader(this.#buffer, start, length);
    this.#frameStart = -1;
    this.#frames++;
  }

  /** One whole frame from a text (any Unicode). */
  textFrame(text: string): void {
    const length = Buffer.byteLength(text);
    this.#reserve(10 + length);
    this.#length = writeTextFrameHeader(this.#buffer, this.#length, length);
    this.#length += this.#buffer.write(text, this.#length, length, 'utf8');
    this.#frames++;
  }

  /** One whole frame from payload bytes. */
  bytesFrame(payload: Uint8Array): void {
    this.#reserve(10 + payload.length);
    this.#length = writeTextFrameHeader(this.#buffer, this.#length, payload.length);
    this.#buffer.set(payload, this.#length);
    this.#length += payload.length;
    this.#frames++;
  }

  /** Appends `text` from index `from` to the open frame: char by char while ASCII (prices, names, keys), else as utf8. */
  ascii(text: string, from = 0): void {
    const count = text.length;
    this.#reserve(count - from);
    const buffer = this.#buffer;
    let at = this.#length;
    for (let i = from; i < count; i++) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) {
        this.#length = at;
        this.#utf8(text.slice(i));
        return;
      }
      buffer[at++] = code;
    }
    this.#length = at;
  }

  /** Appends `length` bytes held as words in `words` from word `offset` (a TextPiece or a LevelPieces table). */
  words(words: Float64Array, offset: number, length: number): void {
    // Whole words are stored: up to 7 bytes past the end, overwritten by what comes next or cut by finish().
    this.#reserve(length + 8);
    const view = this.#view;
    const at = this.#length;
    for (let word = 0; word * 8 < length; word++) view.setFloat64(at + word * 8, words[offset + word] as number, true);
    this.#length = at + length;
  }

  /** Appends a piece. */
  piece(piece: TextPiece): void {
    this.words(piece.words, 0, piece.length);
  }

  /** Appends one ASCII character code. */
  char(code: number): void {
    this.#reserve(1);
    this.#buffer[this.#length++] = code;
  }

  /** Appends an integer (|n| < 2^53) in decimal. */
  int(n: number): void {
    if (!Number.isSafeInteger(n)) {
      this.ascii(String(n));
      return;
    }
    this.#reserve(17);
    const buffer = this.#buffer;
    if (n < 0) {
      buffer[this.#length++] = 45;
      n = -n;
    }
    if (n < 2_147_483_648) {
      this.#smallInt(n);
      return;
    }
    // Timestamps and large ids: the high part, then the low nine digits zero-padded, both in int32 arithmetic.
    const high = Math.floor(n / 1_000_000_000);
    const low = n - high * 1_000_000_000;
    this.#smallInt(high); // below 2^53 / 10^9: always an int32
    const end = this.#length + 9;
    let rest = low;
    for (let at = end - 1; at >= this.#length; at--) {
      const next = (rest / 10) | 0;
      buffer[at] = 48 + rest - next * 10;
      rest = next;
    }
    this.#length = end;
  }

  /** A non-negative int32 in decimal (integer division stays in int32 registers). */
  #smallInt(n: number): void {
    let digits = 1;
    for (let power = 10; power <= n && digits < 10; power *= 10) digits++;
    const buffer = this.#buffer;
    let at = this.#length + digits - 1;
    this.#length += digits;
    do {
      const next = (n / 10) | 0;
      buffer[at--] = 48 + n - next * 10;
      n = next;
    } while (n > 0);
  }

  #utf8(text: string): void {
    const length = Buffer.byteLength(text);
    this.#reserve(length);
    this.#length += this.#buffer.write(text, this.#length, length, 'utf8');
  }

  /** Makes room for `bytes` more, growing into a larger Buffer. */
  #reserve(bytes: number): void {
    if (this.#length + bytes <= this.#buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(INITIAL_BYTES, (this.#length + bytes) * 2));
    this.#buffer.copy(grown, 0, 0, this.#length);
    this.#setBuffer(grown);
  }

  #setBuffer(buffer: Buffer): void {
    this.#buffer = buffer;
    this.#view = new DataView(buffer.buffer, buffer.byteOffset, buffer.length);
  }
}

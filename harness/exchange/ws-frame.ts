/**
 * Pre-framed WebSocket writes. A server never masks, so the bytes of a text frame are the same for every
 * client: the feed builds each tick's frames once into one Buffer and writes that Buffer to every client
 * with the same subscriptions, instead of paying ws's per-message, per-client framing.
 */

/** Bytes of the unmasked frame header for a payload of `length` bytes. */
export function frameHeaderBytes(length: number): number {
  return length < 126 ? 2 : length < 65_536 ? 4 : 10;
}

/** Writes a FIN text-frame header for `length` payload bytes at `offset`; returns the offset after it. */
export function writeTextFrameHeader(target: Buffer, offset: number, length: number): number {
  target[offset] = 0x81;
  if (length < 126) {
    target[offset + 1] = length;
    return offset + 2;
  }
  if (length < 65_536) {
    target[offset + 1] = 126;
    target.writeUInt16BE(length, offset + 2);
    return offset + 4;
  }
  target[offset + 1] = 127;
  target.writeUInt32BE(Math.floor(length / 2 ** 32), offset + 2);
  target.writeUInt32BE(length >>> 0, offset + 6);
  return offset + 10;
}

/** One complete text frame for `payload`. */
export function textFrame(payload: string | Buffer): Buffer {
  return new FrameBatch().add(payload).toBuffer();
}

/** Collects text payloads and renders them as consecutive frames in one Buffer. */
export class FrameBatch {
  #payloads: Array<string | Buffer> = [];
  #lengths: number[] = [];
  #bytes = 0;

  /** Number of frames added. */
  get count(): number {
    return this.#payloads.length;
  }

  /** Adds one frame's payload (JSON text, or any text). */
  add(payload: string | Buffer): this {
    const length = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    this.#payloads.push(payload);
    this.#lengths.push(length);
    this.#bytes += frameHeaderBytes(length) + length;
    return this;
  }

  /** Renders every frame into a single Buffer ready for `socket.write`. */
  toBuffer(): Buffer {
    const target = Buffer.allocUnsafe(this.#bytes);
    let offset = 0;
    for (let i = 0; i < this.#payloads.length; i++) {
      const payload = this.#payloads[i] as string | Buffer;
      const length = this.#lengths[i] as number;
      offset = writeTextFrameHeader(target, offset, length);
      if (typeof payload === 'string') target.write(payload, offset, length, 'utf8');
      else payload.copy(target, offset);
      offset += length;
    }
    return target;
  }
}

/**
 * A feed message on its way out: the subscription key it belongs to, and how it writes itself as a frame for
 * each way clients asked for it (Binance raw vs combined stream, OKX channel name). The hub calls
 * writeFrame once per message and distinct subscription set, however many clients share that set.
 */
import type { FrameWriter } from './frame-writer.ts';

/** One outgoing message. */
export interface OutMessage {
  readonly key: string;
  /** Appends this message as one complete text frame for `variant`. */
  writeFrame(variant: string, out: FrameWriter): void;
}

/** A message whose text is the same whatever the variant (malformed, oversize and unknown-type faults). */
export class FixedMessage implements OutMessage {
  readonly key: string;
  readonly #text: string;
  #bytes: Buffer | undefined;

  constructor(key: string, text: string) {
    this.key = key;
    this.#text = text;
  }

  writeFrame(_variant: string, out: FrameWriter): void {
    this.#bytes ??= Buffer.from(this.#text, 'utf8');
    out.bytesFrame(this.#bytes);
  }
}

/** Base for messages built as text per variant; the bytes of the last variant are kept for repeated sends (replay loops). */
export abstract class CachedMessage implements OutMessage {
  readonly key: string;
  #variant: string | undefined;
  #bytes: Buffer | undefined;

  constructor(key: string) {
    this.key = key;
  }

  writeFrame(variant: string, out: FrameWriter): void {
    if (variant !== this.#variant || this.#bytes === undefined) {
      this.#bytes = Buffer.from(this.build(variant), 'utf8');
      this.#variant = variant;
    }
    out.bytesFrame(this.#bytes);
  }

  protected abstract build(variant: string): string;
}

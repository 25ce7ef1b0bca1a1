/**
 * A feed message on its way out: the subscription key it belongs to and a renderer for each way clients
 * asked for it (Binance raw vs combined stream, OKX channel name). Renders are cached, so a message is
 * turned into JSON once however many clients receive it.
 */

/** One outgoing message, rendered lazily per variant. */
export interface OutMessage {
  readonly key: string;
  render(variant: string): string;
}

/** A message whose text is the same whatever the variant (malformed, oversize and unknown-type faults). */
export class FixedMessage implements OutMessage {
  readonly key: string;
  readonly #text: string;

  constructor(key: string, text: string) {
    this.key = key;
    this.#text = text;
  }

  render(): string {
    return this.#text;
  }
}

/** Base for messages that render from one payload into variants, caching the last render. */
export abstract class CachedMessage implements OutMessage {
  readonly key: string;
  #variant: string | undefined;
  #text = '';

  constructor(key: string) {
    this.key = key;
  }

  render(variant: string): string {
    if (variant !== this.#variant) {
      this.#text = this.build(variant);
      this.#variant = variant;
    }
    return this.#text;
  }

  protected abstract build(variant: string): string;
}

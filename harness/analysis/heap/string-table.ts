/**
 * The snapshot's strings section, kept as the JSON text it was written in (one byte buffer plus the offset
 * of each string) and decoded only when a string is asked for. A large snapshot holds millions of strings —
 * mostly the contents of string objects, which a leak analysis never reads — and making each one a V8
 * string cost more time and memory than the node and edge arrays of the same file.
 */
import type { NumberArray } from './growable-number-array.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The strings of one snapshot, indexed as the node and edge names refer to them. */
export class StringTable {
  readonly #text: Buffer;
  readonly #starts: NumberArray;
  readonly length: number;

  /**
   * `text` holds the strings' JSON bodies; `starts[i]` is where string i's body begins (just after its
   * opening quote). The bodies must already be valid JSON string bodies: the parser checks that.
   */
  constructor(text: Buffer, starts: NumberArray, count: number) {
    this.#text = text;
    this.#starts = starts;
    this.length = count;
  }

  /** A table of ready-made strings (for tests and small synthetic snapshots). */
  static from(strings: readonly string[]): StringTable {
    const bodies = strings.map((text) => Buffer.from(JSON.stringify(text).slice(1), 'utf8'));
    const starts = new Uint32Array(strings.length);
    let offset = 0;
    bodies.forEach((body, i) => {
      starts[i] = offset;
      offset += body.length;
    });
    return new StringTable(Buffer.concat(bodies), starts, strings.length);
  }

  /** String `index`, decoded; undefined when out of range. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    const text = this.#text;
    const start = this.#starts[index] as number;
    let backslashes = false;
    const end = text.length;
    let i = start;
    for (; i < end; i++) {
      const byte = text[i] as number;
      if (byte === QUOTE) break;
      if (byte === BACKSLASH) {
        backslashes = true;
        i++;
      }
    }
    // V8 writes non-ASCII as \u escapes, so the common case is a plain slice; escapes go through JSON.parse.
    return backslashes ? (JSON.parse(`"${text.toString('utf8', start, i)}"`) as string) : text.toString('utf8', start, i);
  }

  /** Every string, decoded (small tables only: a large snapshot's strings are better read one by one). */
  toArray(): string[] {
    const strings: string[] = [];
    for (let i = 0; i < this.length; i++) strings.push(this.get(i) as string);
    return strings;
  }

  /** Bytes held (the JSON text and the offsets). */
  get byteLength(): number {
    return this.#text.length + this.#starts.byteLength;
  }
}

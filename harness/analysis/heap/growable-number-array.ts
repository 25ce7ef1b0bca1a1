/**
 * A growable array of non-negative integers for the snapshot's number arrays. It starts as a Uint32Array
 * (4 bytes a value, so memory tracks the numeric data rather than the JSON text) and widens itself to a
 * Float64Array only if a value does not fit, which V8 can emit for a self_size above 4 GiB.
 */

const UINT32_MAX = 0xffff_ffff;

/** A typed array that holds every value of one snapshot array. */
export type NumberArray = Uint32Array | Float64Array;

/** Append-only integer array, preallocated from the count the snapshot header declares. */
export class GrowableNumberArray {
  #values: NumberArray;
  #length = 0;

  constructor(initialCapacity: number) {
    this.#values = new Uint32Array(Math.max(16, Math.floor(initialCapacity)));
  }

  get length(): number {
    return this.#length;
  }

  /**
   * The backing storage, for a scanner's hot loop: it may write `values[length++] = v` while
   * `length < values.length` and `v` fits, then hand the new length back with `commit`.
   */
  get values(): NumberArray {
    return this.#values;
  }

  /** Records the length after direct writes into `values`. */
  commit(length: number): void {
    if (length < this.#length || length > this.#values.length) throw new RangeError(`commit(${length}) outside ${this.#length}..${this.#values.length}`);
    this.#length = length;
  }

  /** Appends one value, growing (×1.5) or widening the storage when needed. */
  push(value: number): void {
    if (this.#length === this.#values.length) this.#grow(Math.ceil(this.#values.length * 1.5));
    if (value > UINT32_MAX && this.#values instanceof Uint32Array) this.#widen();
    this.#values[this.#length++] = value;
  }

  /** The values pushed so far, trimmed to length (a view when the capacity was exact, else a copy). */
  finish(): NumberArray {
    const values = this.#values;
    if (values.length === this.#length) return values;
    const trimmed = values instanceof Uint32Array ? new Uint32Array(this.#length) : new Float64Array(this.#length);
    trimmed.set(values.subarray(0, this.#length));
    this.#values = trimmed;
    return trimmed;
  }

  #grow(capacity: number): void {
    const next = this.#values instanceof Uint32Array ? new Uint32Array(capacity) : new Float64Array(capacity);
    next.set(this.#values);
    this.#values = next;
  }

  #widen(): void {
    const wide = new Float64Array(this.#values.length);
    wide.set(this.#values);
    this.#values = wide;
  }
}

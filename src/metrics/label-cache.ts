/**
 * Caches labelled series (cells) so the per-message path is two or three Map lookups with no string
 * building (see fast-metrics.ts for why not prom-client's own children). Label values
 * that come off the network (symbols, message types) are capped per parent, so a server sending endless
 * new names can never grow the registry without bound: past the cap they share the `other` child.
 */

/** The label value used once a cache is full. */
export const OVERFLOW_LABEL = 'other';

/** Children keyed by one label value, with at most `limit` distinct values. */
export class LabelCache<C> {
  readonly #children = new Map<string, C>();
  readonly #create: (value: string) => C;
  readonly #limit: number;
  /** The last value asked for and its child: per frame the same labels repeat, so most gets are one `===`. */
  #lastValue: string | undefined;
  #lastChild: C | undefined;

  constructor(create: (value: string) => C, limit: number) {
    this.#create = create;
    this.#limit = limit;
  }

  /** The child for `value`, created on first use; the `other` child once `limit` values exist. */
  get(value: string): C {
    if (value === this.#lastValue) return this.#lastChild as C;
    let child = this.#children.get(value);
    if (child === undefined) {
      // A value past the cap stays past it (the cache never shrinks), so caching value → `other` is stable.
      const key = this.#children.size < this.#limit ? value : OVERFLOW_LABEL;
      child = this.#children.get(key);
      if (child === undefined) {
        child = this.#create(key);
        this.#children.set(key, child);
      }
    }
    this.#lastValue = value;
    this.#lastChild = child;
    return child;
  }

  /** The child already held for `value`, without creating one. */
  peek(value: string): C | undefined {
    return this.#children.get(value);
  }

  /** Distinct children held (including `other`). */
  get size(): number {
    return this.#children.size;
  }
}

/** Children keyed by two label values (e.g. exchange → symbol), each level capped. */
export class LabelCache2<C> {
  readonly #outer: LabelCache<LabelCache<C>>;

  constructor(create: (a: string, b: string) => C, limitA: number, limitB: number) {
    this.#outer = new LabelCache((a) => new LabelCache((b) => create(a, b), limitB), limitA);
  }

  /** The child for (a, b). */
  get(a: string, b: string): C {
    return this.#outer.get(a).get(b);
  }
}

/** Children keyed by three label values (e.g. exchange → symbol → message type), each level capped. */
export class LabelCache3<C> {
  readonly #outer: LabelCache<LabelCache2<C>>;

  constructor(create: (a: string, b: string, c: string) => C, limitA: number, limitB: number, limitC: number) {
    this.#outer = new LabelCache((a) => new LabelCache2((b, c) => create(a, b, c), limitB, limitC), limitA);
  }

  /** The child for (a, b, c). */
  get(a: string, b: string, c: string): C {
    return this.#outer.get(a).get(b, c);
  }
}

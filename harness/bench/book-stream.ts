/**
 * One seeded stream of order-book level changes that every book in the benchmarks replays: a starting book
 * of ~1,000 levels a side, then changes in the mix (about 65 % updates, 18 % inserts, 18 % deletes),
 * concentrated near the top of the book as real depth feeds are. Prices sit on a 0.01 tick grid, bids below
 * and asks above a fixed mid, so the book never crosses. Prices and sizes are stored once as the exchange's
 * decimal strings (and as numbers); the stream holds only indices, so a million changes take ~9 MB.
 * The generator keeps its own true book, which the cross-check compares every book against.
 */
import { createPrng } from '../exchange/index.ts';

/** Settings of a generated stream. */
export interface BookStreamOptions {
  seed: number;
  changes: number;
  /** Levels a side the book holds (held near this by steering inserts and deletes). */
  levelsPerSide: number;
  /** Free tick positions a side (levels live among them). */
  ticksPerSide?: number;
  /** Distinct size strings to draw from. */
  sizePalette?: number;
}

/** A generated stream; side 0 = bid, 1 = ask; size index 0 is the zero size (a delete). */
export interface BookStream {
  readonly changes: number;
  readonly side: Uint8Array;
  readonly price: Int32Array;
  readonly size: Int32Array;
  readonly priceTexts: readonly string[];
  readonly priceValues: Float64Array;
  readonly sizeTexts: readonly string[];
  readonly sizeValues: Float64Array;
  /** The starting book as [price index, size index] pairs per side, best first. */
  readonly initialBids: ReadonlyArray<readonly [number, number]>;
  readonly initialAsks: ReadonlyArray<readonly [number, number]>;
  /** The true book after all changes: top 10 per side as [price, size] numbers, best first. */
  readonly finalTop10: { bids: Array<[number, number]>; asks: Array<[number, number]> };
  readonly mix: { updates: number; inserts: number; deletes: number };
}

const BASE_TICKS = 3_000_000; // 30000.00 in cents


/** Formats cents as a Binance-style price string ("30012.34"). */
function priceText(cents: number): string {
  const whole = Math.floor(cents / 100);
  const frac = cents % 100;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** One side of the generator's true book: occupied ticks by rank (best first) and size index per tick. */
class TrueSide {
  /** Tick distance from the mid (0 = best possible), ascending = best first. */
  readonly ranks: number[] = [];
  readonly sizeAt: Int32Array;

  constructor(ticks: number) {
    this.sizeAt = new Int32Array(ticks);
  }

  has(distance: number): boolean {
    return this.sizeAt[distance] !== 0;
  }

  insert(distance: number, size: number): void {
    let lo = 0;
    let hi = this.ranks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.ranks[mid] as number) < distance) lo = mid + 1;
      else hi = mid;
    }
    this.ranks.splice(lo, 0, distance);
    this.sizeAt[distance] = size;
  }

  removeRank(rank: number): number {
    const distance = this.ranks[rank] as number;
    this.ranks.splice(rank, 1);
    this.sizeAt[distance] = 0;
    return distance;
  }
}

/** Generates the stream; deterministic for a given seed and options. */
export function generateBookStream(options: BookStreamOptions): BookStream {
  const { seed, changes, levelsPerSide } = options;
  const ticks = options.ticksPerSide ?? levelsPerSide * 4;
  const paletteSize = options.sizePalette ?? 4096;
  const prng = createPrng(seed);
  const random = (): number => prng.next();
  // Price index: bids 0..ticks-1 at distance d → index d; asks → index ticks + d.
  const priceTexts: string[] = [];
  const priceValues = new Float64Array(ticks * 2);
  for (let d = 0; d < ticks; d++) priceTexts.push(priceText(BASE_TICKS - 1 - d));
  for (let d = 0; d < ticks; d++) priceTexts.push(priceText(BASE_TICKS + 1 + d));
  priceTexts.forEach((text, i) => (priceValues[i] = Number(text)));
  const sizeTexts = ['0.00000000'];
  for (let i = 1; i < paletteSize; i++) sizeTexts.push((Math.floor(1 + random() * random() * 500_000_000) / 1e8).toFixed(8));
  const sizeValues = Float64Array.from(sizeTexts, Number);
  const randomSize = (): number => 1 + Math.floor(random() * (paletteSize - 1));
  // Depth near the top is likelier, as on real feeds: distance ∝ u², rank ∝ u².
  const randomDistance = (): number => Math.floor(ticks * random() * random());
  const randomRank = (count: number): number => Math.floor(count * random() * random());

  const sides = [new TrueSide(ticks), new TrueSide(ticks)] as const;
  for (const side of sides) {
    for (let guard = 0; side.ranks.length < levelsPerSide && guard < levelsPerSide * 100; guard++) {
      const d = randomDistance();
      if (!side.has(d)) side.insert(d, randomSize());
    }
  }
  const initial = (s: 0 | 1): Array<readonly [number, number]> => sides[s].ranks.map((d) => [s * ticks + d, sides[s].sizeAt[d] as number] as const);
  const initialBids = initial(0);
  const initialAsks = initial(1);

  const side = new Uint8Array(changes);
  const price = new Int32Array(changes);
  const size = new Int32Array(changes);
  const mix = { updates: 0, inserts: 0, deletes: 0 };
  const low = Math.floor(levelsPerSide * 0.9);
  const high = Math.ceil(levelsPerSide * 1.1);
  for (let i = 0; i < changes; i++) {
    const s = random() < 0.5 ? 0 : 1;
    const book = sides[s];
    const count = book.ranks.length;
    const r = random();
    let op: 'update' | 'insert' | 'delete' = r < 0.65 ? 'update' : r < 0.825 ? 'insert' : 'delete';
    // Steer back towards the target depth so the book stays ~levelsPerSide without changing the mix much.
    if (op === 'insert' && count >= high) op = 'delete';
    else if (op === 'delete' && count <= low) op = 'insert';
    let distance = -1;
    if (op === 'insert') {
      for (let attempt = 0; attempt < 16 && distance < 0; attempt++) {
        const d = randomDistance();
        if (!book.has(d)) distance = d;
      }
      if (distance < 0) op = 'update';
      else {
        const sz = randomSize();
        book.insert(distance, sz);
        size[i] = sz;
        mix.inserts++;
      }
    }
    if (op === 'delete') {
      distance = book.removeRank(randomRank(count));
      size[i] = 0;
      mix.deletes++;
    } else if (op === 'update') {
      distance = book.ranks[randomRank(count)] as number;
      const sz = randomSize();
      book.sizeAt[distance] = sz;
      size[i] = sz;
      mix.updates++;
    }
    side[i] = s;
    price[i] = s * ticks + distance;
  }
  const top10 = (s: 0 | 1): Array<[number, number]> =>
    sides[s].ranks.slice(0, 10).map((d) => [priceValues[s * ticks + d] as number, sizeValues[sides[s].sizeAt[d] as number] as number]);
  return { changes, side, price, size, priceTexts, priceValues, sizeTexts, sizeValues, initialBids, initialAsks, finalTop10: { bids: top10(0), asks: top10(1) }, mix };
}

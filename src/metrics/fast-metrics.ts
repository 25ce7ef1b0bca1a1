/**
 * Counters, gauges and a histogram whose hot path is a plain field update, served through a prom-client
 * Registry (which formats the text and adds the default process metrics). Measured on this machine, a cached
 * prom-client child still costs ~1–2.5 µs per inc() — it re-hashes and re-validates its labels on every
 * call — which at tens of thousands of frames a second is the biggest cost of ingest after JSON parsing.
 * Here a frame costs a Map lookup per label and a `value++`; the work moves to scrape time, where get()
 * builds the series the registry prints. Label values are capped by LabelCache (see label-cache.ts).
 */
import type { Metric, Registry } from 'prom-client';

/** One labelled series: the registry prints `labels` and `value`. */
export interface Cell {
  readonly labels: Record<string, string>;
  value: number;
}

/** The value shape prom-client's Registry reads from a metric's get(). */
interface MetricValues {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  aggregator: 'sum' | 'omit';
  values: Array<{ labels: Record<string, string | number>; value: number; metricName?: string }>;
}

/** What every fast metric needs. `collect` runs (and is awaited) at each scrape before the values are read. */
export interface FastMetricOptions<M> {
  name: string;
  help: string;
  labelNames?: readonly string[];
  registers: readonly Registry[];
  collect?: (metric: M) => void | Promise<void>;
}

abstract class FastMetric<M> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly #cells = new Map<string, Cell>();
  readonly #collect: ((metric: M) => void | Promise<void>) | undefined;
  abstract readonly type: 'counter' | 'gauge';

  constructor(options: FastMetricOptions<M>) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames ?? [];
    this.#collect = options.collect;
    // An unlabelled metric always has its one series, printed as 0 until it moves (as prom-client does).
    if (this.labelNames.length === 0) this.cell();
    // The registry only calls get() and reads name; it never needs the rest of prom-client's Metric class.
    for (const registry of options.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The series for these label values (in labelNames order), created on first use. Cache it on hot paths. */
  cell(...labelValues: string[]): Cell {
    const key = labelValues.join('\u0000');
    let cell = this.#cells.get(key);
    if (cell === undefined) {
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => (labels[name] = labelValues[i] ?? ''));
      cell = { labels, value: 0 };
      this.#cells.set(key, cell);
    }
    return cell;
  }

  /** Called by the registry at scrape time. */
  async get(): Promise<MetricValues> {
    await this.#collect?.(this as unknown as M);
    const values = [...this.#cells.values()].map((cell) => ({ labels: cell.labels, value: cell.value }));
    return { name: this.name, help: this.help, type: this.type, aggregator: 'sum', values };
  }
}

/** A monotonically increasing count. */
export class FastCounter extends FastMetric<FastCounter> {
  readonly type = 'counter';

  /** Adds to the unlabelled series. */
  inc(amount = 1): void {
    this.cell().value += amount;
  }
}

/** A value that goes up and down. */
export class FastGauge extends FastMetric<FastGauge> {
  readonly type = 'gauge';

  /** Sets the unlabelled series. */
  set(value: number): void {
    this.cell().value = value;
  }
}

/** An unlabelled histogram with fixed buckets (upper bounds, ascending). */
export class FastHistogram {
  readonly name: string;
  readonly help: string;
  readonly type = 'histogram';
  readonly #bounds: readonly number[];
  /** Per-bucket (not cumulative) counts; the last slot is +Inf. */
  readonly #counts: Float64Array;
  #sum = 0;
  #count = 0;

  constructor(options: { name: string; help: string; buckets: readonly number[]; registers: readonly Registry[] }) {
    this.name = options.name;
    this.help = options.help;
    this.#bounds = [...options.buckets].sort((a, b) => a - b);
    this.#counts = new Float64Array(this.#bounds.length + 1);
    for (const registry of options.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** Records one observation. */
  observe(value: number): void {
    let i = 0;
    while (i < this.#bounds.length && value > (this.#bounds[i] as number)) i++;
    this.#counts[i] = (this.#counts[i] as number) + 1;
    this.#sum += value;
    this.#count++;
  }

  /** Called by the registry at scrape time: cumulative buckets, then sum and count. */
  get(): MetricValues {
    const values: MetricValues['values'] = [];
    let cumulative = 0;
    for (let i = 0; i <= this.#bounds.length; i++) {
      cumulative += this.#counts[i] as number;
      values.push({ labels: { le: i < this.#bounds.length ? (this.#bounds[i] as number) : '+Inf' }, value: cumulative, metricName: `${this.name}_bucket` });
    }
    values.push({ labels: {}, value: this.#sum, metricName: `${this.name}_sum` });
    values.push({ labels: {}, value: this.#count, metricName: `${this.name}_count` });
    return { name: this.name, help: this.help, type: this.type, aggregator: 'sum', values };
  }
}
